//! Pages of the built-in theme written straight to bytes without Tera: article, entity, front,
//! tag and month pages, which are nearly all of a site (five entity pages per article in a
//! typical corpus). Tera spends ~0.5–0.75 µs on every variable a page looks up.
//!
//! When a site keeps the built-in `base.html`, `components.html` and the page's own template,
//! [`Renderer`] uses these writers instead: they give the bytes the templates give, which
//! `tests/build/direct.rs` checks by building every fixture site and the example site both ways.
//! A site that overrides any of those templates gets those pages from Tera.
//!
//! Each writer follows its template line by line (whitespace control included), so a change to
//! a built-in template needs the same change here; the comparison test fails until it has one.

mod article;
mod entity;
mod layout;
mod listings;

pub(super) use layout::Layout;

use super::html::escape_with;
use super::templates::Templates;
use super::views::Paginator;
use super::{Job, Renderer};
use crate::diagnostics::Diagnostic;

/// Which kinds of page are written here: those whose templates are all built-in.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Kinds {
    entity: bool,
    article: bool,
    index: bool,
    tag: bool,
    month: bool,
}

impl Kinds {
    pub(super) fn of(templates: &Templates) -> Kinds {
        let builtin = |page: &str| templates.are_builtin(&["base.html", "components.html", page]);
        Kinds {
            entity: builtin("entity.html"),
            article: builtin("article.html"),
            index: builtin("index.html"),
            tag: builtin("tag.html"),
            month: builtin("month.html"),
        }
    }
}

impl Renderer<'_> {
    /// Writes the page of `job` into `html` when its kind is written here: its path, else
    /// `None` (the page goes through Tera).
    pub(super) fn write_direct(&self, job: Job, html: &mut Html) -> Result<Option<String>, Diagnostic> {
        let kinds = self.direct;
        let path = match job {
            Job::Entity(e, n) if kinds.entity => {
                let page = self.entity_page(e, n);
                self.write_entity(&page, html)?;
                page.path
            }
            Job::Article(i) if kinds.article => {
                let page = self.article_page(i);
                self.write_article(&page, html)?;
                page.path
            }
            Job::Index(n) if kinds.index => {
                let page = self.index_listing(n);
                self.write_index(&page, html);
                page.path
            }
            Job::Tag(t, n) if kinds.tag => {
                let page = self.tag_listing(t, n);
                self.write_tag(t, &page, html);
                page.path
            }
            Job::Month(m) if kinds.month => {
                let page = self.month_listing(m);
                self.write_month(m, &page, html);
                page.path
            }
            _ => return Ok(None),
        };
        Ok(Some(path))
    }
}

/// A page being written: raw markup, escaped text and numbers.
pub(super) struct Html(pub Vec<u8>);

impl Html {
    fn raw(&mut self, s: &str) -> &mut Self {
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    /// `text` with `& < > " '` escaped, as Tera's autoescape (see `templates::escape_html`).
    fn text(&mut self, text: &str) -> &mut Self {
        let out = &mut self.0;
        let _ = escape_with(text, |piece| {
            out.extend_from_slice(piece.as_bytes());
            Ok::<(), std::convert::Infallible>(())
        });
        self
    }

    fn num(&mut self, n: usize) -> &mut Self {
        self.raw(itoa::Buffer::new().format(n))
    }

    /// Tera's `truncate(length=n)`: the first `n` characters and `…` if there were more.
    fn truncated(&mut self, text: &str, n: usize) -> &mut Self {
        match text.char_indices().nth(n) {
            Some((at, _)) => self.text(&text[..at]).raw("…"),
            None => self.text(text),
        }
    }
}

/// Tera's `pluralize`: `s` unless exactly one.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The `paginator` component of `components.html`.
fn paginator(h: &mut Html, p: &Paginator) {
    if p.total > 1 {
        h.raw("\n<nav class=\"pagination\" aria-label=\"Pages\">\n  ");
        if let Some(prev) = &p.prev {
            h.raw("<a rel=\"prev\" href=\"").text(prev).raw("\">← Newer</a>");
        }
        h.raw("\n  ");
        if p.show_first {
            h.raw("<a href=\"").text(&p.first).raw("\">1</a> <span>…</span>");
        }
        for l in &p.pages {
            h.raw("\n  ");
            if l.current {
                h.raw("<span aria-current=\"page\">").num(l.number).raw("</span>");
            } else {
                h.raw("<a href=\"").text(&l.url).raw("\">").num(l.number).raw("</a>");
            }
        }
        h.raw("\n  ");
        if p.show_last {
            h.raw("<span>…</span> <a href=\"").text(&p.last).raw("\">").num(p.total).raw("</a>");
        }
        h.raw("\n  ");
        if let Some(next) = &p.next {
            h.raw("<a rel=\"next\" href=\"").text(next).raw("\">Older →</a>");
        }
        h.raw("\n</nav>");
    }
    h.raw("\n");
}
