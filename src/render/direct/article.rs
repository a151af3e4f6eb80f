//! `article.html`.

use super::Html;
use crate::diagnostics::Diagnostic;
use crate::render::views;
use crate::render::{ArticlePage, Renderer};

impl Renderer<'_> {
    /// `article.html`.
    pub(in crate::render) fn write_article(&self, page: &ArticlePage, h: &mut Html) -> Result<(), Diagnostic> {
        let a = &self.site.corpus.articles[page.i];
        let date = a.published.to_string();
        let tags = views::tag_links(a, self.settings);
        self.layout.open(h, &page.meta, |h| {
            h.raw("<meta property=\"article:published_time\" content=\"").text(&date).raw("\">");
            for t in &tags {
                h.raw("\n<meta property=\"article:tag\" content=\"").text(&t.name).raw("\">");
            }
            h.raw("\n");
        });
        h.raw("\n<article class=\"story\">\n  <header>\n    <h1>").text(&a.title).raw("</h1>\n    <p class=\"meta\">");
        h.raw("\n      <time datetime=\"").text(&date).raw("\">").text(&views::date_label(a.published));
        h.raw("</time>");
        if !a.authors.is_empty() {
            h.raw(" · by ").text(&a.authors.join(", "));
        }
        if let Some(source) = a.source.as_deref().filter(|s| !s.is_empty()) {
            h.raw(" · <a class=\"source\" href=\"").text(source).raw("\" rel=\"external nofollow noopener\">");
            h.text(views::domain(source).unwrap_or_default()).raw("</a>");
        }
        h.raw("\n      · ").num(a.word_count()).raw(" words · <a href=\"").text(&page.month.url).raw("\">");
        h.text(&page.month.name).raw("</a>\n    </p>");
        if !tags.is_empty() {
            h.raw("\n    <ul class=\"tags\">");
            for t in &tags {
                h.raw("<li><a href=\"").text(&t.url).raw("\">").text(&t.name).raw("</a></li>");
            }
            h.raw("</ul>");
        }
        h.raw("\n  </header>\n  <div class=\"text\">\n").raw(&page.content).raw("\n  </div>");
        if !page.entities.is_empty() {
            h.raw("\n  <aside class=\"mentions\" aria-labelledby=\"in-this-article\">");
            h.raw("\n    <h2 id=\"in-this-article\">In this article</h2>\n    <p>");
            for &e in &page.entities {
                h.raw(&self.chip(e)?).raw(" ");
            }
            h.raw("</p>\n  </aside>");
        }
        h.raw("\n</article>\n<nav class=\"neighbours\" aria-label=\"More articles\">\n  ");
        let link = |i: usize| {
            let n = &self.site.corpus.articles[i];
            (&self.article_urls[i], n.title.as_str())
        };
        if let Some((url, title)) = page.newer.map(link) {
            h.raw("<a rel=\"next\" href=\"").text(url).raw("\">← ").text(title).raw("</a>");
        }
        h.raw("\n  ");
        if let Some((url, title)) = page.older.map(link) {
            h.raw("<a rel=\"prev\" href=\"").text(url).raw("\">").text(title).raw(" →</a>");
        }
        h.raw("\n</nav>\n");
        self.layout.close(h);
        Ok(())
    }
}
