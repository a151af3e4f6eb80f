//! The `subpath` fixture: a site published under `https://user.github.io/digest/`.
//! No link or asset URL may escape `/digest/`, and every internal one must lead to a page.

use std::collections::BTreeMap;

use crate::harness::{Page, Site};

const HOST: &str = "user.github.io";
const BASE: &str = "/digest/";

/// What a URL found in a page points at.
#[derive(Debug, PartialEq)]
enum Target {
    /// Another host: not ours to check.
    External,
    /// A site-relative file (`articles/x/index.html`) and an optional fragment.
    Internal(String, Option<String>),
    /// Neither external nor under the base path.
    Escapes,
}

fn classify(url: &str) -> Target {
    if let Some(fragment) = url.strip_prefix('#') {
        return Target::Internal(String::new(), Some(fragment.to_string()));
    }
    let path = if let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host != HOST {
            return Target::External;
        }
        path
    } else if url.starts_with("mailto:") {
        return Target::External;
    } else {
        url
    };
    let Some(rel) = path.strip_prefix(BASE) else { return Target::Escapes };
    let (rel, fragment) = match rel.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string())),
        None => (rel, None),
    };
    let rel = rel.split('?').next().unwrap_or("");
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    Target::Internal(file, fragment)
}

#[test]
fn classify_urls() {
    assert_eq!(classify("https://other.example/x"), Target::External);
    assert_eq!(classify("/digest/"), Target::Internal("index.html".into(), None));
    assert_eq!(classify("/digest/a/b/#x"), Target::Internal("a/b/index.html".into(), Some("x".into())));
    assert_eq!(classify("https://user.github.io/digest/atom.xml"), Target::Internal("atom.xml".into(), None));
    assert_eq!(classify("#top"), Target::Internal(String::new(), Some("top".into())));
    for bad in ["/", "/archive/", "archive/", "../x", "https://user.github.io/other/", "//x"] {
        assert_eq!(classify(bad), Target::Escapes, "{bad}");
    }
}

fn ids(page: &Page) -> Vec<String> {
    page.attrs("[id]", "id")
}

#[test]
fn no_url_escapes_the_sub_path_and_every_one_resolves() {
    let site = Site::fixture("subpath");
    site.build().success();
    let files = site.files("public");
    let html = site.html_files("public");
    assert!(html.len() >= 10, "expected a whole site, found {html:?}");
    let pages: BTreeMap<&str, Page> = html.iter().map(|f| (f.as_str(), site.page(f))).collect();

    let mut problems = Vec::new();
    let mut checked = 0;
    for (file, page) in &pages {
        for url in page.urls() {
            checked += 1;
            match classify(&url) {
                Target::External => {}
                Target::Escapes => problems.push(format!("{file}: {url} escapes {BASE}")),
                Target::Internal(target, fragment) => {
                    let target = if target.is_empty() { file.to_string() } else { target };
                    if !files.contains(&target) {
                        problems.push(format!("{file}: {url} points at {target}, which was not generated"));
                    } else if let (Some(fragment), Some(to)) = (fragment, pages.get(target.as_str())) {
                        if !ids(to).contains(&fragment) {
                            problems.push(format!("{file}: {url} points at #{fragment}, which {target} lacks"));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} URLs checked");
    assert!(problems.is_empty(), "{} bad URLs:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn sub_path_pages_link_where_expected() {
    let site = Site::fixture("subpath");
    site.build().success();
    let index = site.page("index.html");
    assert_eq!(index.attr("header.masthead a.brand", "href"), "/digest/");
    assert_eq!(index.attr("link[rel=canonical]", "href"), "https://user.github.io/digest/");
    assert_eq!(index.attrs("link[rel=stylesheet]", "href"), ["/digest/static/style.css"]);
    assert_eq!(index.attrs("nav.pagination a[rel=next]", "href"), ["/digest/page/2/"]);
    let page2 = site.page("page/2/index.html");
    assert_eq!(page2.attrs("nav.pagination a[rel=prev]", "href"), ["/digest/"]);
    let article = site.page("articles/lighthouse-restored/index.html");
    assert_eq!(
        article.attr("link[rel=canonical]", "href"),
        "https://user.github.io/digest/articles/lighthouse-restored/"
    );
    assert_eq!(article.attrs("main header .tags a", "href"), ["/digest/tags/heritage/", "/digest/tags/coast/"]);
    // External links and images in Markdown are left alone.
    assert_eq!(article.attrs("main .text img", "src"), ["https://images.example.com/lighthouse.jpg"]);
}
