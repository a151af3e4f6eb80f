//! `index.html`, `tag.html`, `month.html` and the `days` component they share.

use super::{paginator, plural, Html};
use crate::model::urls;
use crate::render::views;
use crate::render::{Listing, Renderer};

impl Renderer<'_> {
    /// `index.html`: a page of the front page.
    pub(in crate::render) fn write_index(&self, page: &Listing<'_>, h: &mut Html) {
        self.layout.open(h, &page.meta, |_| {});
        let s = self.settings;
        match &page.paginator {
            Some(p) if p.current != 1 => {
                h.raw("\n<h1>").raw(&self.layout.site_title).raw(" <small>page ").num(p.current).raw(" of ");
                h.num(p.total).raw("</small></h1>");
            }
            _ => {
                h.raw("\n<section class=\"intro\">\n  <h1>").raw(&self.layout.site_title).raw("</h1>\n  ");
                if !s.description.is_empty() {
                    h.raw("<p>").text(&s.description).raw("</p>");
                }
                h.raw("\n</section>");
            }
        }
        self.listed(h, page);
    }

    /// `tag.html`: a page of tag `t`.
    pub(in crate::render) fn write_tag(&self, t: usize, page: &Listing<'_>, h: &mut Html) {
        let tag = &self.site.tags[t];
        let url = self.settings.base_url.path_for(&urls::tag(&tag.slug));
        self.layout.open(h, &page.meta, |h| {
            for (kind, file) in [("atom+xml", "atom.xml"), ("feed+json", "feed.json")] {
                h.raw("<link rel=\"alternate\" type=\"application/").raw(kind).raw("\" title=\"").text(&tag.name);
                h.raw(" · ").raw(&self.layout.site_title).raw("\" href=\"").text(&url).raw(file).raw("\">\n");
            }
        });
        let count = tag.articles.len();
        h.raw("\n<h1>Tagged “").text(&tag.name).raw("” <small>").num(count).raw(" article").raw(plural(count));
        h.raw("</small></h1>");
        self.listed(h, page);
    }

    /// `month.html`: every article of month `m`.
    pub(in crate::render) fn write_month(&self, m: usize, page: &Listing<'_>, h: &mut Html) {
        let month = &self.site.months[m];
        self.layout.open(h, &page.meta, |_| {});
        let count = month.articles.len();
        h.raw("\n<h1>").text(&page.meta.title).raw(" <small>").num(count).raw(" article").raw(plural(count));
        h.raw("</small></h1>\n");
        self.write_days(h, &page.articles);
        h.raw("\n<nav class=\"neighbours\" aria-label=\"Months\">\n  ");
        let link = |i: usize| self.site.months.get(i).map(|m| self.month_view(m));
        if let Some(older) = link(m + 1) {
            h.raw("<a href=\"").text(&older.url).raw("\">← ").text(&older.label).raw("</a>");
        }
        h.raw("\n  ");
        if let Some(newer) = m.checked_sub(1).and_then(link) {
            h.raw("<a href=\"").text(&newer.url).raw("\">").text(&newer.label).raw(" →</a>");
        }
        h.raw("\n</nav>\n");
        self.layout.close(h);
    }

    /// The end of a paginated listing: its days, its paginator and the layout's end.
    fn listed(&self, h: &mut Html, page: &Listing<'_>) {
        h.raw("\n");
        self.write_days(h, &page.articles);
        h.raw("\n");
        if let Some(p) = &page.paginator {
            paginator(h, p);
        }
        h.raw("\n");
        self.layout.close(h);
    }

    /// The `days` component of `components.html`: `list` (newest first) grouped by day.
    fn write_days(&self, h: &mut Html, list: &[usize]) {
        let articles = &self.site.corpus.articles;
        for day in list.chunk_by(|&a, &b| articles[a].published == articles[b].published) {
            let published = articles[day[0]].published;
            let date = published.to_string();
            h.raw("\n<section class=\"day\" aria-labelledby=\"day-").text(&date).raw("\">\n  <h2 id=\"day-");
            h.text(&date).raw("\"><time datetime=\"").text(&date).raw("\">");
            h.text(crate::model::calendar::weekday_name(published)).raw(" ");
            h.text(&views::date_label(published)).raw("</time></h2>");
            for &a in day {
                h.raw(&self.card_html(a));
            }
            h.raw("\n</section>");
        }
        h.raw("\n");
    }

    /// Article `i`'s card in the `days` component (shared: an article is on the front page, its
    /// month and each of its tags).
    fn card_html(&self, i: usize) -> std::sync::Arc<str> {
        crate::render::shared(&self.shared.card_html, i, || {
            let a = &self.site.corpus.articles[i];
            let card = views::card(a, self.settings);
            let mut h = Html(Vec::with_capacity(512));
            h.raw("\n  <article class=\"card\">\n    <h3><a href=\"").text(&card.url).raw("\">").text(card.title);
            h.raw("</a></h3>\n    <p class=\"meta\"><time datetime=\"").text(&card.date).raw("\">");
            h.text(&card.date_label).raw("</time>");
            if let Some(domain) = card.source_domain {
                h.raw(" · <span class=\"source\">").text(domain).raw("</span>");
            }
            h.raw("</p>\n    <p class=\"summary\">").text(&card.summary).raw("</p>");
            if !card.tags.is_empty() {
                h.raw("\n    <ul class=\"tags\">");
                for t in &card.tags {
                    h.raw("<li><a href=\"").text(&t.url).raw("\">").text(&t.name).raw("</a></li>");
                }
                h.raw("</ul>");
            }
            h.raw("\n  </article>");
            String::from_utf8(h.0).unwrap_or_default().into()
        })
    }
}
