//! Where a URL of the site leads: a file of the output (and an id in it), or somewhere else.

use std::collections::HashMap;
use std::fmt::Display;

use crate::output::Output;
use crate::render::links;
use crate::settings::BaseUrl;

use super::page::{Ids, Link};

/// What a URL points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Not a web URL (`mailto:`, `javascript:`, `data:`), or the page itself (`""`).
    Skip,
    /// Another host, or an absolute URL outside the sub-path: not checked.
    External,
    /// A file of the output, and the fragment (decoded) if any.
    Internal { file: String, fragment: Option<String> },
}

/// The built site, as links see it.
pub struct Site<'a> {
    pub output: &'a Output,
    pub base: &'a BaseUrl,
    /// The ids of every HTML page, by output path.
    pub ids: &'a HashMap<&'a str, &'a Ids>,
}

impl Site<'_> {
    /// Checks one link of a page whose links resolve against `page_base`.
    pub fn check(&self, page_base: &str, link: &Link) -> Result<(), String> {
        self.check_url(page_base, &link.url, link)
    }

    /// Checks `url`; `shown` names it in the message.
    pub fn check_url(&self, page_base: &str, url: &str, shown: &dyn Display) -> Result<(), String> {
        let (file, fragment) = match self.target(page_base, url) {
            Ok(Target::Internal { file, fragment }) => (file, fragment),
            Ok(_) => return Ok(()),
            Err(e) => return Err(format!("{shown} {e}")),
        };
        if self.output.get(&file).is_none() {
            return Err(format!("{shown} is a broken link: there is no {file}"));
        }
        let Some(fragment) = fragment.filter(|f| !f.is_empty() && f != "top") else {
            return Ok(());
        };
        match self.ids.get(file.as_str()) {
            Some(ids) if !ids.contains(&fragment) => {
                Err(format!("{shown} is a broken anchor: {file} has no id \"{fragment}\""))
            }
            _ => Ok(()),
        }
    }

    /// Resolves `url` (as written on a page whose links resolve against `page_base`).
    pub fn target(&self, page_base: &str, url: &str) -> Result<Target, String> {
        let url = url.trim();
        if url.is_empty() {
            return Ok(Target::Skip);
        }
        let absolute = links::resolve(page_base, url);
        let Some((scheme, rest)) = absolute.split_once("://") else {
            return Ok(Target::Skip);
        };
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Ok(Target::Skip);
        }
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path_etc) = rest.split_at(authority_end);
        let own = self.base.origin.split_once("://").map_or(self.base.origin.as_str(), |(_, a)| a);
        if !authority.eq_ignore_ascii_case(own) {
            return Ok(Target::External);
        }
        let (path_query, fragment) = match path_etc.split_once('#') {
            Some((p, f)) => (p, Some(percent_decode(f))),
            None => (path_etc, None),
        };
        let path = path_query.split('?').next().unwrap_or("");
        let path = if path.is_empty() { "/" } else { path };
        let sub = &self.base.path;
        let rel = if path == sub.trim_end_matches('/') {
            ""
        } else if let Some(rel) = path.strip_prefix(sub.as_str()) {
            rel
        } else if links::has_scheme(url) || url.starts_with("//") {
            // Written as an absolute URL: another site on the same host (a source, a sibling
            // project site), not a page of this one.
            return Ok(Target::External);
        } else {
            return Err(format!("leads outside the base_url path {sub} (to {path})"));
        };
        let rel = percent_decode(rel);
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else if self.output.get(&rel).is_none() && self.output.get(&format!("{rel}/index.html")).is_some() {
            format!("{rel}/index.html")
        } else {
            rel
        };
        Ok(Target::Internal { file, fragment })
    }
}

/// Decodes `%XX` escapes (as UTF-8, lossily); anything else is kept.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).and_then(|&c| hex(c)), b.get(i + 2).and_then(|&c| hex(c))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_files() -> Output {
        Output::new(
            ["index.html", "articles/a/index.html", "static/style.css", "timeline.html", "café/index.html"]
                .iter()
                .map(|p| (p.to_string(), Vec::new()))
                .collect(),
        )
    }

    #[test]
    fn resolves_urls_to_files() {
        let output = site_files();
        let base = BaseUrl::parse("https://x.org/digest/").unwrap();
        let ids = HashMap::new();
        let site = Site { output: &output, base: &base, ids: &ids };
        let page = "https://x.org/digest/articles/a/";
        let internal = |file: &str, fragment: Option<&str>| {
            Ok(Target::Internal { file: file.into(), fragment: fragment.map(str::to_string) })
        };
        assert_eq!(site.target(page, "../../"), internal("index.html", None));
        assert_eq!(site.target(page, "/digest"), internal("index.html", None));
        assert_eq!(site.target(page, "#l4"), internal("articles/a/index.html", Some("l4")));
        assert_eq!(site.target(page, "/digest/articles/a?x=1#f%C3%A9"), internal("articles/a/index.html", Some("fé")));
        assert_eq!(site.target(page, "HTTP://X.ORG/digest/static/style.css"), internal("static/style.css", None));
        assert_eq!(site.target(page, "/digest/caf%C3%A9/"), internal("café/index.html", None));
        assert_eq!(site.target(page, "https://other.org/digest/"), Ok(Target::External));
        assert_eq!(site.target(page, "mailto:x@x.org"), Ok(Target::Skip));
        assert!(site.target(page, "/static/style.css").unwrap_err().contains("outside the base_url path /digest/"));
        assert!(site.target(page, "../../../x/").is_err());
        assert_eq!(site.target(page, "https://x.org/news/a"), Ok(Target::External));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
    }
}
