//! The files that are not pages: feeds and sitemaps must parse (XML; JSON for JSON Feed), Atom
//! must carry what RFC 4287 requires, and the URLs they list (and those of stylesheets and
//! `robots.txt`) must resolve like any link.

use rayon::prelude::*;

use crate::render::feeds::{atom, jsonfeed, sitemap};

use super::page::url_of;
use super::resolve::Site;
use super::Problem;

/// What checking the non-page files found.
#[derive(Default)]
pub struct Found {
    pub problems: Vec<Problem>,
    pub links: usize,
    pub feeds: usize,
}

pub fn check(site: &Site<'_>) -> Found {
    let files: Vec<(&str, &[u8])> = site.output.files().collect();
    let found: Vec<Found> = files.par_iter().map(|(path, bytes)| check_file(site, path, bytes)).collect();
    let mut all = Found::default();
    for f in found {
        all.problems.extend(f.problems);
        all.links += f.links;
        all.feeds += f.feeds;
    }
    all
}

fn check_file(site: &Site<'_>, path: &str, bytes: &[u8]) -> Found {
    let mut found = Found::default();
    let kind = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    if !matches!(kind, "xml" | "json" | "css" | "txt") {
        return found;
    }
    let problem = |message: String| Problem { page: path.to_string(), message };
    let Ok(text) = std::str::from_utf8(bytes) else {
        found.problems.push(problem("is not valid UTF-8".into()));
        return found;
    };
    let base = url_of(path, site.base);
    let mut urls: Vec<(String, String)> = Vec::new(); // (url, how to show it)
    let mut problems: Vec<String> = Vec::new();
    match kind {
        "xml" => match roxmltree::Document::parse(text) {
            Ok(doc) => {
                found.feeds += xml_urls(&doc, &mut urls, &mut problems);
            }
            Err(e) => problems.push(format!("is not well-formed XML: {e}")),
        },
        "json" => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) if json["version"].as_str().is_some_and(|v| v.starts_with("https://jsonfeed.org/version/")) => {
                found.feeds += 1;
                json_feed_urls(&json, &mut urls, &mut problems);
            }
            Ok(_) => {}
            Err(e) => problems.push(format!("is not valid JSON: {e}")),
        },
        "css" => css_urls(text, &mut urls),
        _ if path == "robots.txt" => {
            for line in text.lines() {
                if let Some((key, url)) = line.split_once(':') {
                    if key.trim().eq_ignore_ascii_case("sitemap") {
                        urls.push((url.trim().to_string(), format!("Sitemap: {}", url.trim())));
                    }
                }
            }
        }
        _ => {}
    }
    found.links = urls.len();
    for (url, shown) in &urls {
        if let Err(e) = site.check_url(&base, url, shown) {
            problems.push(e);
        }
    }
    found.problems = problems.into_iter().map(problem).collect();
    found
}

/// Collects the URLs of an Atom feed or a sitemap and checks Atom's required elements;
/// returns 1 for a feed or sitemap, else 0.
fn xml_urls(doc: &roxmltree::Document<'_>, urls: &mut Vec<(String, String)>, problems: &mut Vec<String>) -> usize {
    let root = doc.root_element();
    let ns = root.tag_name().namespace();
    match (ns, root.tag_name().name()) {
        (Some(atom::NAMESPACE), "feed") => {
            check_atom(root, problems);
            // `rel="via"` is an entry's source: another site, even on the same host.
            let links = root.descendants().filter(|n| n.has_tag_name((atom::NAMESPACE, "link")));
            for link in links.filter(|l| l.attribute("rel") != Some("via")) {
                if let Some(href) = link.attribute("href") {
                    urls.push((href.to_string(), format!("<link href=\"{href}\">")));
                }
            }
            1
        }
        (Some(sitemap::NAMESPACE), "urlset" | "sitemapindex") => {
            for loc in root.descendants().filter(|n| n.has_tag_name((sitemap::NAMESPACE, "loc"))) {
                let url = loc.text().unwrap_or("").trim();
                urls.push((url.to_string(), format!("<loc>{url}</loc>")));
            }
            1
        }
        _ => 0,
    }
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((atom::NAMESPACE, name)))
}

/// RFC 4287 §4.1: a feed has id, title, updated, a self link and an author (its own or every
/// entry's); each entry has id, title, updated, and content or an alternate link.
fn check_atom(feed: roxmltree::Node<'_, '_>, problems: &mut Vec<String>) {
    let has_author = child(feed, "author").is_some();
    for name in ["id", "title", "updated"] {
        if child(feed, name).is_none() {
            problems.push(format!("Atom <feed> has no <{name}>"));
        }
    }
    let self_link =
        feed.children().any(|n| n.has_tag_name((atom::NAMESPACE, "link")) && n.attribute("rel") == Some("self"));
    if !self_link {
        problems.push("Atom <feed> has no <link rel=\"self\">".into());
    }
    for node in feed.descendants().filter(|n| n.has_tag_name((atom::NAMESPACE, "updated"))) {
        let text = node.text().unwrap_or("");
        if chrono::DateTime::parse_from_rfc3339(text.trim()).is_err() {
            problems.push(format!("Atom <updated>{text}</updated> is not an RFC 3339 date-time"));
        }
    }
    for (n, entry) in feed.children().filter(|n| n.has_tag_name((atom::NAMESPACE, "entry"))).enumerate() {
        for name in ["id", "title", "updated"] {
            if child(entry, name).is_none() {
                problems.push(format!("Atom <entry> {} has no <{name}>", n + 1));
            }
        }
        if !has_author && child(entry, "author").is_none() {
            problems.push(format!("Atom <entry> {} has no <author> and neither has the feed", n + 1));
        }
        if child(entry, "content").is_none() && child(entry, "link").is_none() {
            problems.push(format!("Atom <entry> {} has neither <content> nor <link>", n + 1));
        }
    }
}

fn json_feed_urls(json: &serde_json::Value, urls: &mut Vec<(String, String)>, problems: &mut Vec<String>) {
    if json["version"] != jsonfeed::VERSION {
        problems.push(format!("JSON Feed version is {}, expected {}", json["version"], jsonfeed::VERSION));
    }
    if !json["title"].is_string() {
        problems.push("JSON Feed has no \"title\"".into());
    }
    let Some(items) = json["items"].as_array() else {
        problems.push("JSON Feed has no \"items\" list".into());
        return;
    };
    for key in ["home_page_url", "feed_url"] {
        if let Some(url) = json[key].as_str() {
            urls.push((url.to_string(), format!("\"{key}\": \"{url}\"")));
        }
    }
    for (n, item) in items.iter().enumerate() {
        if !item["id"].is_string() {
            problems.push(format!("JSON Feed item {} has no \"id\"", n + 1));
        }
        if !item["content_html"].is_string() && !item["content_text"].is_string() {
            problems.push(format!("JSON Feed item {} has no content", n + 1));
        }
        if let Some(url) = item["url"].as_str() {
            urls.push((url.to_string(), format!("\"url\": \"{url}\"")));
        }
    }
}

/// `url(...)` references of a stylesheet (but `data:` ones).
fn css_urls(css: &str, urls: &mut Vec<(String, String)>) {
    let mut rest = css;
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let Some(end) = rest.find(')') else { break };
        let url = rest[..end].trim().trim_matches(['"', '\'']);
        if !url.starts_with("data:") && !url.is_empty() {
            urls.push((url.to_string(), format!("url({url})")));
        }
        rest = &rest[end..];
    }
}
