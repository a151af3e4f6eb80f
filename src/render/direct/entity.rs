//! `entity.html`.

use super::{paginator, plural, Html};
use crate::diagnostics::Diagnostic;
use crate::model::urls;
use crate::render::timeline::EntityPeriod;
use crate::render::views;
use crate::render::{EntityPage, Renderer};

impl Renderer<'_> {
    /// `entity.html`.
    pub(in crate::render) fn write_entity(&self, page: &EntityPage<'_>, h: &mut Html) -> Result<(), Diagnostic> {
        let ent = &self.site.notes.entities[page.e];
        let idx = &self.site.entities[page.e];
        let url = self.settings.base_url.path_for(&urls::entity(&ent.id));
        let kind = ent.kind.as_str();
        self.layout.open(h, &page.meta, |h| {
            h.raw("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").text(&ent.name);
            h.raw(" · ").raw(&self.layout.site_title).raw("\" href=\"").text(&url).raw("atom.xml\">\n");
        });
        h.raw("\n<header class=\"entity-head ").text(&kind.to_lowercase()).raw("\">\n  <p class=\"kind\">");
        h.text(kind).raw("</p>\n  <h1>").text(&ent.name).raw("</h1>\n  ");
        if let Some(d) = ent.description.as_deref().filter(|d| !d.is_empty()) {
            h.raw("<p class=\"description\">").text(d).raw("</p>");
        }
        h.raw("\n  <dl class=\"facts\">\n    <dt>Mentions</dt><dd>").num(idx.mentions.len()).raw(" in ");
        h.num(idx.articles.len()).raw(" article").raw(plural(idx.articles.len())).raw("</dd>\n    ");
        if let (Some(first), Some(last)) = (&page.first_seen, &page.last_seen) {
            h.raw("<dt>First seen</dt><dd>").text(first).raw("</dd><dt>Last seen</dt><dd>").text(last).raw("</dd>");
        }
        h.raw("\n    ");
        if !ent.aliases.is_empty() {
            h.raw("<dt>Also written</dt><dd>").text(&ent.aliases.join(", ")).raw("</dd>");
        }
        h.raw("\n    ");
        if let Some(link) = ent.link.as_deref().filter(|l| !l.is_empty()) {
            h.raw("<dt>More</dt><dd><a href=\"").text(link).raw("\" rel=\"external noopener\">").text(link);
            h.raw("</a></dd>");
        }
        h.raw("\n  </dl>\n  <p><a href=\"").text(&url).raw("atom.xml\">Follow ").text(&ent.name);
        h.raw(" (Atom feed)</a></p>\n</header>");
        if !page.related.is_empty() {
            h.raw("\n<section class=\"related\" aria-labelledby=\"related\">\n  ");
            h.raw("<h2 id=\"related\">Often mentioned with</h2>\n  <p>");
            for &(r, n) in &page.related {
                h.raw(&self.chip(r)?).raw(" <span class=\"count\">×").num(n).raw("</span> ");
            }
            h.raw("</p>\n</section>");
        }
        if !page.periods.is_empty() {
            h.raw("\n<section class=\"entity-timeline\" aria-labelledby=\"when\">\n  <h2 id=\"when\">Timeline</h2>");
            h.raw("\n  <ol class=\"timeline compact\">");
            for g in &page.periods {
                entity_period(h, g);
            }
            h.raw("\n  </ol>\n</section>");
        }
        h.raw("\n<section aria-labelledby=\"articles\">\n  <h2 id=\"articles\">Articles</h2>");
        for (a, sentences) in &page.articles {
            h.raw("\n  <article class=\"card\">\n    ").raw(&self.card_head(*a));
            h.raw("\n    <ul class=\"quotes\">");
            for s in sentences {
                h.raw("<li><a href=\"").text(&s.url).raw("\">").raw(&s.html).raw("</a></li>");
            }
            h.raw("</ul>\n  </article>");
        }
        h.raw("\n  ");
        paginator(h, &page.paginator);
        h.raw("\n</section>\n");
        self.layout.close(h);
        Ok(())
    }

    /// The title and meta line of article `i`'s card on entity pages (shared: an article is on
    /// the page of every entity it names).
    fn card_head(&self, i: usize) -> std::sync::Arc<str> {
        crate::render::shared(&self.shared.card_heads, i, || {
            let a = &self.site.corpus.articles[i];
            let mut h = Html(Vec::with_capacity(256));
            h.raw("<h3><a href=\"").text(&self.article_urls[i]);
            h.raw("\">").text(&a.title).raw("</a></h3>\n    <p class=\"meta\"><time datetime=\"");
            h.text(&a.published.to_string()).raw("\">").text(&views::date_label(a.published)).raw("</time>");
            if let Some(domain) = a.source.as_deref().and_then(views::domain) {
                h.raw(" · ").text(domain);
            }
            h.raw("</p>");
            String::from_utf8(h.0).unwrap_or_default().into()
        })
    }
}

/// A period of an entity's timeline.
fn entity_period(h: &mut Html, g: &EntityPeriod<'_>) {
    let p = &g.period;
    h.raw("\n    <li><a href=\"").text(&p.url).raw("\">");
    match p.datetime.as_deref().filter(|d| !d.is_empty()) {
        Some(dt) => h.raw("<time datetime=\"").text(dt).raw("\">").text(&p.label).raw("</time>"),
        None => h.raw("<span class=\"period\">").text(&p.label).raw("</span>"),
    };
    h.raw("</a> <span class=\"count\">").num(g.count).raw(" reference").raw(plural(g.count)).raw("</span>");
    h.raw("\n      <ul>");
    for s in &g.sentences {
        h.raw("<li>").raw(&s.html).raw(" <a class=\"src\" href=\"").text(&s.url).raw("\">").text(s.article);
        h.raw("</a></li>");
    }
    h.raw("</ul></li>");
}
