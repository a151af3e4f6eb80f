//! Atom 1.0 (RFC 4287): the feed head and one `<entry>` per article.
//!
//! Entries are written once per article and reused by every feed that carries it.

use super::xml::{element, escape_into};
use super::{Head, Item};

pub const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// One `<entry>`: id, title, updated (required), links, dates, authors, categories, summary and
/// the full text as escaped HTML.
pub fn entry(item: &Item<'_>) -> String {
    let mut out = String::with_capacity(item.content_html.as_ref().map_or(0, String::len) * 5 / 4 + 512);
    out.push_str("  <entry>\n");
    element(&mut out, "    ", "title", item.title);
    link(&mut out, "    ", "alternate", Some("text/html"), &item.url);
    if let Some(source) = item.source {
        link(&mut out, "    ", "via", None, source);
    }
    element(&mut out, "    ", "id", &item.url);
    element(&mut out, "    ", "published", &item.published);
    element(&mut out, "    ", "updated", &item.published);
    for name in item.authors {
        out.push_str("    <author>\n");
        element(&mut out, "      ", "name", name);
        out.push_str("    </author>\n");
    }
    for tag in item.tags {
        out.push_str("    <category term=\"");
        escape_into(&mut out, tag);
        out.push_str("\"/>\n");
    }
    if !item.summary.is_empty() {
        out.push_str("    <summary type=\"text\">");
        escape_into(&mut out, &item.summary);
        out.push_str("</summary>\n");
    }
    if let Some(html) = &item.content_html {
        out.push_str("    <content type=\"html\">");
        escape_into(&mut out, html);
        out.push_str("</content>\n");
    }
    out.push_str("  </entry>\n");
    out
}

/// A whole feed; `entries` come from [`entry`], newest first.
pub fn feed<'e>(head: &Head<'_>, updated: &str, entries: impl Iterator<Item = &'e str>) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"");
    out.push_str(NAMESPACE);
    out.push_str("\" xml:lang=\"");
    escape_into(&mut out, head.language);
    out.push_str("\">\n");
    element(&mut out, "  ", "title", &head.title);
    if !head.subtitle.is_empty() {
        element(&mut out, "  ", "subtitle", &head.subtitle);
    }
    link(&mut out, "  ", "self", Some("application/atom+xml"), &head.self_url);
    link(&mut out, "  ", "alternate", Some("text/html"), &head.page_url);
    element(&mut out, "  ", "id", &head.self_url);
    element(&mut out, "  ", "updated", updated);
    out.push_str("  <author>\n");
    element(&mut out, "    ", "name", head.author);
    element(&mut out, "    ", "uri", &head.author_uri);
    out.push_str("  </author>\n");
    out.push_str("  <generator uri=\"https://github.com/newsreel/newsreel\" version=\"");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">newsreel</generator>\n");
    for e in entries {
        out.push_str(e);
    }
    out.push_str("</feed>\n");
    out
}

fn link(out: &mut String, indent: &str, rel: &str, kind: Option<&str>, href: &str) {
    out.push_str(indent);
    out.push_str("<link rel=\"");
    out.push_str(rel);
    if let Some(kind) = kind {
        out.push_str("\" type=\"");
        out.push_str(kind);
    }
    out.push_str("\" href=\"");
    escape_into(out, href);
    out.push_str("\"/>\n");
}
