//! One HTML page: its ids and every URL it references.

use std::collections::HashSet;
use std::fmt;

use crate::render::links::{self, Tag};
use crate::settings::BaseUrl;

pub type Ids = HashSet<String>;

/// A URL a page references, and where (for messages).
#[derive(Debug)]
pub struct Link {
    pub tag: String,
    pub attr: &'static str,
    /// Decoded, as written.
    pub url: String,
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} {}=\"{}\">", self.tag, self.attr, self.url)
    }
}

/// What one page holds.
#[derive(Debug, Default)]
pub struct Scan {
    /// The absolute URL its relative links resolve against (the page's, or its `<base href>`).
    pub base: String,
    pub ids: Ids,
    pub links: Vec<Link>,
    /// Problems of the page itself (duplicate ids).
    pub problems: Vec<String>,
}

/// The absolute URL a page of the output is served at: `articles/x/index.html` → `…/articles/x/`.
pub fn url_of(path: &str, base: &BaseUrl) -> String {
    base.absolute(path.strip_suffix("index.html").filter(|d| d.is_empty() || d.ends_with('/')).unwrap_or(path))
}

/// Attributes that hold one URL.
const URL_ATTRS: &[&str] = &["href", "src", "poster", "action", "data", "cite"];

/// `<meta property=…>` whose content is a URL of the site.
const URL_META: &[&str] = &["og:url", "og:image", "twitter:image", "twitter:url"];

pub fn scan(path: &str, html: &str, base: &BaseUrl) -> Scan {
    let mut scan = Scan { base: url_of(path, base), ..Scan::default() };
    let mut duplicates = Vec::new();
    for tag in links::tags(html) {
        for attr in &tag.attrs {
            if attr.is("id") || (attr.is("name") && tag.is("a")) {
                let id = attr.value();
                if !scan.ids.insert(id.to_string()) && attr.is("id") {
                    duplicates.push(id.into_owned());
                }
            }
        }
        if tag.is("base") {
            if let Some(href) = tag.attr("href") {
                scan.base = links::resolve(&scan.base, &href);
            }
        }
        collect_links(&tag, &mut scan.links);
    }
    duplicates.sort();
    duplicates.dedup();
    scan.problems = duplicates.into_iter().map(|id| format!("duplicate id \"{id}\"")).collect();
    scan
}

fn collect_links(tag: &Tag<'_>, out: &mut Vec<Link>) {
    // `rel="external"` marks a link that leaves the site (an article's source), even when it
    // happens to be on the same host.
    if tag.attr("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("external"))) {
        return;
    }
    let name = tag.name.to_ascii_lowercase();
    let mut push = |attr: &'static str, url: &str| {
        out.push(Link { tag: name.clone(), attr, url: url.to_string() });
    };
    for &attr in URL_ATTRS {
        if let Some(url) = tag.attr(attr) {
            push(attr, &url);
        }
    }
    if let Some(set) = tag.attr("srcset") {
        for candidate in set.split(',') {
            if let Some(url) = candidate.split_whitespace().next() {
                push("srcset", url);
            }
        }
    }
    if tag.is("meta") {
        let property = tag.attr("property").or_else(|| tag.attr("name"));
        if property.is_some_and(|p| URL_META.contains(&p.as_ref())) {
            if let Some(url) = tag.attr("content") {
                push("content", &url);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_links_and_duplicates() {
        let base = BaseUrl::parse("https://x.org/d/").unwrap();
        let html = "<html><head><link rel=\"canonical\" href=\"https://x.org/d/a/\">\
                    <meta property=\"og:url\" content=\"https://x.org/d/a/\"><meta name=\"description\" content=\"/no\">\
                    </head><body><h2 id=\"a\">A</h2><p id=\"a\"><a name=\"old\" href=\"#a\">x</a>\
                    <img srcset=\"i1.png 1x, i2.png 2x\" src=\"i.png\" alt=\"\"></p>\
                    <a rel=\"external nofollow\" href=\"https://x.org/d/source\">s</a></body></html>";
        let scan = scan("a/index.html", html, &base);
        assert_eq!(scan.base, "https://x.org/d/a/");
        assert!(scan.ids.contains("a") && scan.ids.contains("old"));
        assert_eq!(scan.problems, ["duplicate id \"a\""]);
        let links: Vec<String> = scan.links.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            links,
            [
                "<link href=\"https://x.org/d/a/\">",
                "<meta content=\"https://x.org/d/a/\">",
                "<a href=\"#a\">",
                "<img src=\"i.png\">",
                "<img srcset=\"i1.png\">",
                "<img srcset=\"i2.png\">",
            ]
        );
    }

    #[test]
    fn page_urls() {
        let base = BaseUrl::parse("https://x.org/d/").unwrap();
        assert_eq!(url_of("index.html", &base), "https://x.org/d/");
        assert_eq!(url_of("a/b/index.html", &base), "https://x.org/d/a/b/");
        assert_eq!(url_of("timeline.html", &base), "https://x.org/d/timeline.html");
        assert_eq!(url_of("notindex.html", &base), "https://x.org/d/notindex.html");
    }
}
