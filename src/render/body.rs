//! An article's text as HTML, with its annotations woven in.
//!
//! Plain-text articles become one `<p id="l<line>">` per sentence, so other pages can point at a
//! sentence by its line. Markdown goes through pulldown-cmark; [`TextEvents`] gives the same units
//! loading annotated, so every annotation lands on the text it was found in. Raw HTML is
//! sanitised with ammonia unless the site opts out.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::content::markdown::TextEvents;
use crate::content::{slug::slugify, Article};

use super::html::{annotated_into, Span};

/// Renders the body of `article`; `spans[u]` are the annotation spans of unit `u`.
pub fn render(article: &Article, spans: &[Vec<Span>], allow_raw_html: bool) -> String {
    match &article.markdown {
        None => plain(article, spans),
        Some(md) => markdown(&md.source, spans, allow_raw_html),
    }
}

fn plain(article: &Article, spans: &[Vec<Span>]) -> String {
    let mut out = String::with_capacity(article.units.iter().map(|u| u.text.len() + 32).sum());
    for (i, unit) in article.units.iter().enumerate().skip(1) {
        let line = unit.origins.first().map_or(0, |o| o.line);
        out.push_str("<p id=\"l");
        out.push_str(&line.to_string());
        out.push_str("\">");
        annotated_into(&mut out, &unit.text, 0, spans.get(i).map_or(&[], Vec::as_slice));
        out.push_str("</p>\n");
    }
    out
}

fn markdown(source: &str, spans: &[Vec<Span>], allow_raw_html: bool) -> String {
    let mut needs_sanitising = false;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading_start: Option<usize> = None;
    let mut ids = HashSet::new();
    for (event, _, at) in TextEvents::new(source) {
        match (&event, at) {
            (Event::Text(text), Some(at)) => {
                let unit_spans = spans.get(at.unit as usize).map_or(&[][..], Vec::as_slice);
                let mut html = String::with_capacity(text.len() + 16);
                annotated_into(&mut html, text, at.offset as usize, unit_spans);
                events.push(Event::Html(CowStr::from(html)));
            }
            (Event::Html(_) | Event::InlineHtml(_), _) => {
                needs_sanitising = true;
                events.push(event);
            }
            (Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }), _) => {
                needs_sanitising |= !is_safe_url(dest_url);
                events.push(event);
            }
            (Event::Start(Tag::Heading { id: None, .. }), _) => {
                heading_start = Some(events.len());
                events.push(event);
            }
            (Event::End(TagEnd::Heading(_)), _) => {
                if let Some(start) = heading_start.take() {
                    name_heading(&mut events[start..], &mut ids);
                }
                events.push(event);
            }
            _ => events.push(event),
        }
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    if needs_sanitising && !allow_raw_html {
        sanitiser().clean(&out).to_string()
    } else {
        out
    }
}

/// Gives a heading without an explicit `{#id}` a unique id from its text.
fn name_heading(events: &mut [Event<'_>], ids: &mut HashSet<String>) {
    let mut text = String::new();
    for e in events.iter().skip(1) {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::Html(h) => text.push_str(&strip_tags(h)),
            _ => {}
        }
    }
    let base = match slugify(&text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    if let Some(Event::Start(Tag::Heading { id: slot, .. })) = events.first_mut() {
        *slot = Some(CowStr::from(id));
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
}

/// Links Markdown may carry without sanitising: web, mail, and relative URLs.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            lower[..colon].contains(['/', '?', '#']) || ["http", "https", "mailto"].contains(&&lower[..colon])
        }
    }
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    // No added rel: a link whose unsafe URL is stripped would be left as an `<a rel>` without
    // href, which is invalid HTML.
    b.link_rel(None)
        .add_generic_attributes(["id", "class", "title"])
        .add_tag_attributes("a", ["data-entity"])
        .add_tag_attributes("time", ["datetime"])
        .add_tags(["time"]);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_sanitised() {
        let html = markdown(
            "Hi <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n[x](javascript:alert(1))\n",
            &[],
            false,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn raw_html_opt_out_keeps_it() {
        assert!(markdown("<span class=\"x\">y</span>\n", &[], true).contains("<span class=\"x\">y</span>"));
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = markdown("## Talks\n\n## Talks\n\n## Custom {#mine}\n", &[], false);
        assert!(html.contains("<h2 id=\"talks\">Talks</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"talks-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"mine\">"), "{html}");
    }

    #[test]
    fn spans_are_woven_into_markdown_text() {
        let spans = vec![vec![], vec![Span { start: 0, end: 5, open: "<a href=\"/p/\">".into(), close: "</a>" }]];
        let html = markdown("Putin spoke in *Kyiv*.\n", &spans, false);
        assert!(html.starts_with("<p><a href=\"/p/\">Putin</a> "), "{html}");
    }

    #[test]
    fn text_is_escaped() {
        let html = markdown("a &lt;b&gt; 1 < 2\n", &[], false);
        assert!(html.contains("a &lt;b&gt; 1 &lt; 2"), "{html}");
    }
}
