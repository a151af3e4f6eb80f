//! The links in a page of HTML: a small start-tag scanner, and URL resolution.
//!
//! Used by the feeds (to make the links of an article body absolute) and by `newsreel check` (to
//! find every `href`, `src` and `id` of every page). It is not a full HTML parser, on purpose: it
//! reads the HTML newsreel itself writes (our templates plus sanitised Markdown), so it needs to
//! know start tags with quoted, unquoted and valueless attributes, character references in
//! attribute values, comments, doctype and the raw-text elements (`script`, `style`, `textarea`,
//! `title`) whose content is not markup. In exchange it reports byte positions (so an attribute
//! can be rewritten in place), allocates nothing per tag beyond its attribute list and is fast
//! enough to scan every page of a large site on every commit. The integration tests compare its
//! findings with a real HTML5 parser (`scraper`) on every page of a built site.

use std::borrow::Cow;
use std::ops::Range;

/// A start tag.
#[derive(Debug)]
pub struct Tag<'a> {
    /// As written; compare with [`Tag::is`].
    pub name: &'a str,
    pub attrs: Vec<Attr<'a>>,
}

/// An attribute of a start tag.
#[derive(Debug)]
pub struct Attr<'a> {
    pub name: &'a str,
    /// The value as written, without quotes and before decoding character references.
    pub raw: &'a str,
    /// Where `raw` sits in the document.
    pub span: Range<usize>,
}

impl Tag<'_> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The decoded value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        self.attrs.iter().find(|a| a.name.eq_ignore_ascii_case(name)).map(Attr::value)
    }
}

impl Attr<'_> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The value with character references decoded.
    pub fn value(&self) -> Cow<'_, str> {
        decode_entities(self.raw)
    }
}

/// Iterates over the start tags of `html`.
pub fn tags(html: &str) -> Tags<'_> {
    Tags { html, at: 0 }
}

pub struct Tags<'a> {
    html: &'a str,
    at: usize,
}

const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let bytes = self.html.as_bytes();
        loop {
            let lt = self.at + memchr::memchr(b'<', &bytes[self.at..])?;
            let rest = &self.html[lt..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.at = comment.find("-->").map_or(bytes.len(), |i| lt + 4 + i + 3);
                continue;
            }
            match bytes.get(lt + 1) {
                Some(b'!' | b'?' | b'/') => {
                    self.at = memchr::memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
                    continue;
                }
                Some(c) if c.is_ascii_alphabetic() => {}
                _ => {
                    self.at = lt + 1;
                    continue;
                }
            }
            let (tag, end) = self.start_tag(lt + 1);
            self.at = end;
            if let Some(raw) = RAW_TEXT.iter().find(|n| tag.is(n)) {
                self.at = find_end_tag(self.html, end, raw);
            }
            return Some(tag);
        }
    }
}

impl<'a> Tags<'a> {
    /// Parses the start tag whose name begins at `at`; returns it and the position after `>`.
    fn start_tag(&self, mut at: usize) -> (Tag<'a>, usize) {
        let html = self.html;
        let b = html.as_bytes();
        let name_end = at
            + b[at..].iter().position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>').unwrap_or(b.len() - at);
        let mut tag = Tag { name: &html[at..name_end], attrs: Vec::new() };
        at = name_end;
        loop {
            while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
                at += 1;
            }
            if at >= b.len() {
                return (tag, b.len());
            }
            if b[at] == b'>' {
                return (tag, at + 1);
            }
            let name_start = at;
            at += 1; // a name may start with `=` (an HTML parse error, but an attribute name)
            while at < b.len() && !(b[at].is_ascii_whitespace() || matches!(b[at], b'/' | b'>' | b'=')) {
                at += 1;
            }
            let name = &html[name_start..at];
            let mut after = at;
            while after < b.len() && b[after].is_ascii_whitespace() {
                after += 1;
            }
            if b.get(after) != Some(&b'=') {
                tag.attrs.push(Attr { name, raw: "", span: at..at });
                continue;
            }
            at = after + 1;
            while at < b.len() && b[at].is_ascii_whitespace() {
                at += 1;
            }
            let (span, next) = match b.get(at) {
                Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &b[at + 1..]) {
                    Some(i) => (at + 1..at + 1 + i, at + 2 + i),
                    None => (at + 1..b.len(), b.len()),
                },
                _ => {
                    let end =
                        at + b[at..].iter().position(|&c| c.is_ascii_whitespace() || c == b'>').unwrap_or(b.len() - at);
                    (at..end, end)
                }
            };
            tag.attrs.push(Attr { name, raw: &html[span.clone()], span });
            at = next;
        }
    }
}

/// The position after `</name ...>` at or after `from` (case-insensitive), or the end.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let start = at + i + 2;
        let end = start + name.len();
        if b.get(start..end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(end).is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        {
            return memchr::memchr(b'>', &b[end..]).map_or(b.len(), |j| end + j + 1);
        }
        at = start;
    }
    b.len()
}

/// Decodes the character references that can appear in an attribute value. Unknown named
/// references are left as written (our own output only uses the ones below).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (decoded, len) = decode_one(rest);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of the reference at the start of `s` (which starts with `&`) and its length.
fn decode_one(s: &str) -> (Option<char>, usize) {
    let Some(semi) = s[1..].find(';').map(|i| i + 1).filter(|&i| i <= 12) else {
        return (None, 0);
    };
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        n.and_then(char::from_u32)
    } else {
        match body {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => None,
        }
    };
    (c, semi + 1)
}

/// Whether `s` starts with a URL scheme (`https:`, `mailto:`).
pub fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        }
        _ => false,
    }
}

/// Resolves `reference` against the absolute URL `base` (RFC 3986 §5.2, for hierarchical
/// http(s) URLs): `../x/` against `https://h/d/a/b/` is `https://h/d/a/x/`.
pub fn resolve(base: &str, reference: &str) -> String {
    let reference = reference.trim();
    if has_scheme(reference) {
        return reference.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path_etc) = rest.split_at(authority_end);
    let base_no_fragment = &base[..base.find('#').unwrap_or(base.len())];
    let base_path = &path_etc[..path_etc.find(['?', '#']).unwrap_or(path_etc.len())];
    if let Some(net) = reference.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    if reference.is_empty() {
        return base_no_fragment.to_string();
    }
    if reference.starts_with('#') {
        return format!("{base_no_fragment}{reference}");
    }
    if reference.starts_with('?') {
        return format!("{scheme}://{authority}{base_path}{reference}");
    }
    let split = reference.find(['?', '#']).unwrap_or(reference.len());
    let (path, tail) = reference.split_at(split);
    let merged = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{dir}{path}")
    };
    format!("{scheme}://{authority}{}{tail}", remove_dot_segments(&merged))
}

/// `/a/b/../c/./d` → `/a/c/d`; never climbs above `/`.
pub fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." | ".." => {
                if *seg == ".." && out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Rewrites every `href` and `src` of `html` as an absolute URL resolved against `base` (the
/// page's absolute URL), for HTML shown away from the page, as feed readers do.
pub fn absolutize(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    for tag in tags(html) {
        for attr in tag.attrs.iter().filter(|a| a.is("href") || a.is("src")) {
            let value = attr.value();
            if value.is_empty() {
                continue;
            }
            let absolute = resolve(base, &value);
            if absolute != value {
                out.push_str(&html[copied..attr.span.start]);
                super::html::escape_into(&mut out, &absolute);
                copied = attr.span.end;
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(html: &str) -> Vec<(String, String, String)> {
        tags(html)
            .flat_map(|t| {
                let name = t.name.to_string();
                t.attrs.iter().map(|a| (name.clone(), a.name.to_string(), a.value().into_owned())).collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn reads_quoted_unquoted_and_bare_attributes() {
        let found = attrs("<a href=\"/x?a=1&amp;b=2\" title='it&#39;s > 2' data-x=plain hidden>t</a><img src=/i.png/>");
        assert_eq!(
            found,
            vec![
                ("a".into(), "href".into(), "/x?a=1&b=2".into()),
                ("a".into(), "title".into(), "it's > 2".into()),
                ("a".into(), "data-x".into(), "plain".into()),
                ("a".into(), "hidden".into(), "".into()),
                ("img".into(), "src".into(), "/i.png/".into()),
            ]
        );
    }

    #[test]
    fn skips_comments_raw_text_and_text() {
        let html = "<!DOCTYPE html><!-- <a href=\"/c\"> --><script>if (a<b) x = '<a href=\"/s\">';</script>\
                    <p>1 < 2 and <b>bold</b></p><STYLE>a{}</style ><a id=after>";
        let found = attrs(html);
        assert_eq!(found, vec![("a".into(), "id".into(), "after".into())]);
        assert_eq!(
            tags(html).map(|t| t.name.to_ascii_lowercase()).collect::<Vec<_>>(),
            ["script", "p", "b", "style", "a"]
        );
    }

    #[test]
    fn survives_truncated_input() {
        assert_eq!(attrs("<a href=\"/x"), vec![("a".into(), "href".into(), "/x".into())]);
        assert_eq!(tags("<a").count(), 1);
        assert_eq!(tags("<!-- x").count(), 0);
    }

    #[test]
    fn decodes_references() {
        assert_eq!(decode_entities("a&amp;b&#x41;&#66;&nbsp;&unknown;&"), "a&bAB\u{a0}&unknown;&");
    }

    #[test]
    fn resolves_references() {
        let base = "https://h.org/digest/articles/a/?q#f";
        assert_eq!(resolve(base, "../b/"), "https://h.org/digest/articles/b/");
        assert_eq!(resolve(base, "/digest/x"), "https://h.org/digest/x");
        assert_eq!(resolve(base, "#top"), "https://h.org/digest/articles/a/?q#top");
        assert_eq!(resolve(base, "?p=2"), "https://h.org/digest/articles/a/?p=2");
        assert_eq!(resolve(base, "//cdn.org/x"), "https://cdn.org/x");
        assert_eq!(resolve(base, "mailto:a@b.org"), "mailto:a@b.org");
        assert_eq!(resolve(base, "../../../../../etc"), "https://h.org/etc");
        assert_eq!(resolve(base, "./c/../d#x"), "https://h.org/digest/articles/a/d#x");
        assert_eq!(resolve("https://h.org", "x"), "https://h.org/x");
    }

    #[test]
    fn makes_links_absolute() {
        let html = "<p><a href=\"/digest/entities/x/\">X</a> <a href=\"../b/#l4\">b</a> \
                    <a href=\"https://e.org/?a=1&amp;b\">e</a> <img src=\"i.png\" alt=\"\"></p>";
        assert_eq!(
            absolutize(html, "https://h.org/digest/articles/a/"),
            "<p><a href=\"https://h.org/digest/entities/x/\">X</a> <a href=\"https://h.org/digest/articles/b/#l4\">b</a> \
             <a href=\"https://e.org/?a=1&amp;b\">e</a> <img src=\"https://h.org/digest/articles/a/i.png\" alt=\"\"></p>"
        );
    }
}
