//! Entity and article pages of the built-in theme, written straight to bytes without Tera.
//!
//! These two kinds are most of a site (five entity pages per article in a typical corpus), and
//! Tera spends ~0.5–0.75 µs on every variable a page looks up. When a site keeps the built-in
//! `base.html`, `components.html` and the page's own template, [`Renderer`] uses these writers
//! instead: they give the bytes the templates give, which `tests/build/direct.rs` checks by
//! building every fixture site both ways. A site that overrides any of those templates gets
//! those pages from Tera, as before.
//!
//! Each writer follows its template line by line (whitespace control included), so a change to
//! a built-in template needs the same change here; the comparison test fails until it has one.

use super::html::escape_with;
use super::timeline::EntityPeriod;
use super::views::{Link, PageMeta, Paginator};
use super::{ArticlePage, EntityPage, Listing, Renderer};
use crate::diagnostics::Diagnostic;

/// The templates an entity page is rendered from.
pub(super) const ENTITY_TEMPLATES: &[&str] = &["base.html", "components.html", "entity.html"];
/// The templates an article page is rendered from.
pub(super) const ARTICLE_TEMPLATES: &[&str] = &["base.html", "components.html", "article.html"];
/// The templates the front page, tag pages and month pages are rendered from.
pub(super) const LISTING_TEMPLATES: [&[&str]; 3] = [
    &["base.html", "components.html", "index.html"],
    &["base.html", "components.html", "tag.html"],
    &["base.html", "components.html", "month.html"],
];

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

/// The parts of `base.html` that are the same on every page, escaped once.
#[derive(Default)]
pub(super) struct Layout {
    /// `<html lang=…>` up to `<title>`.
    start: String,
    /// ` · {site title}</title>` and the description meta that follows.
    title_end: String,
    site_title: String,
    /// The stylesheet and the site feeds' links.
    links: String,
    /// From `</head>`'s `<body>` class onwards: the masthead and its navigation.
    masthead: String,
    /// The same on the front page, whose navigation marks its first link as the current page.
    front_masthead: String,
    /// From `</main>` to the end.
    end: String,
}

impl Layout {
    pub(super) fn new(r: &Renderer<'_>, nav: &[Link]) -> Layout {
        let s = r.settings;
        let mut h = Html(Vec::new());
        let text = |t: &str| {
            let mut h = Html(Vec::new());
            h.text(t);
            String::from_utf8(h.0).unwrap_or_default()
        };
        let title = text(&s.title);
        let base = text(&s.base_url.path);
        h.raw("<!DOCTYPE html>\n<html lang=\"")
            .text(&s.language)
            .raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        let start = String::from_utf8(std::mem::take(&mut h.0)).unwrap_or_default();
        let links = format!(
            "\n<link rel=\"stylesheet\" href=\"{base}static/style.css\">\n\
             <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title}\" href=\"{base}atom.xml\">\n\
             <link rel=\"alternate\" type=\"application/feed+json\" title=\"{title}\" href=\"{base}feed.json\">\n"
        );
        let mut masthead = format!(
            "\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"masthead\">\n  \
             <a class=\"brand\" href=\"{base}\">{title}</a>\n  <nav aria-label=\"Sections\">"
        );
        let mut front_masthead = masthead.clone();
        for (i, item) in nav.iter().enumerate() {
            let link =
                |current: &str| format!("\n    <a href=\"{}\"{current}>{}</a>", text(&item.url), text(&item.name));
            masthead.push_str(&link(""));
            front_masthead.push_str(&link(if i == 0 { " aria-current=\"page\"" } else { "" }));
        }
        for m in [&mut masthead, &mut front_masthead] {
            m.push_str("\n  </nav>\n</header>\n<main id=\"main\">\n");
        }
        let site = r.site;
        let mut end = format!("\n</main>\n<footer class=\"colophon\">\n  <p>{} articles", site.corpus.articles.len());
        if !site.notes.entities.is_empty() {
            end.push_str(&format!(" · {} people, places and organisations", site.notes.entities.len()));
        }
        end.push_str(&format!(
            " · <a href=\"{base}atom.xml\">Atom</a> · <a href=\"{base}feed.json\">JSON Feed</a></p>\n  \
             <p>Built with newsreel.</p>\n</footer>\n<script src=\"{base}static/newsreel.js\" defer></script>\n\
             </body>\n</html>\n"
        ));
        Layout {
            start,
            title_end: format!(" · {title}</title>"),
            site_title: title,
            links,
            masthead,
            front_masthead,
            end,
        }
    }

    /// `base.html` up to its `main` block; `head` writes the page's `head` block.
    fn open(&self, h: &mut Html, page: &PageMeta, head: impl FnOnce(&mut Html)) {
        let og_type = if page.kind == "article" { "article" } else { "website" };
        let front = page.kind == "index" && page.path.is_empty();
        h.raw(&self.start);
        if front {
            h.raw(&self.site_title).raw("</title>");
        } else {
            h.text(&page.title).raw(&self.title_end);
        }
        h.raw("\n<meta name=\"description\" content=\"").truncated(&page.description, 300);
        h.raw("\">\n<link rel=\"canonical\" href=\"").text(&page.canonical);
        h.raw("\">\n<meta property=\"og:site_name\" content=\"").raw(&self.site_title);
        h.raw("\">\n<meta property=\"og:title\" content=\"").text(&page.title);
        h.raw("\">\n<meta property=\"og:description\" content=\"").truncated(&page.description, 300);
        h.raw("\">\n<meta property=\"og:url\" content=\"").text(&page.canonical);
        h.raw("\">\n<meta property=\"og:type\" content=\"").raw(og_type);
        h.raw("\">\n<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"");
        h.text(&page.title);
        h.raw("\">\n<meta name=\"twitter:description\" content=\"").truncated(&page.description, 200);
        h.raw("\">\n<meta name=\"generator\" content=\"newsreel\">");
        if let Some(jsonld) = page.jsonld.as_deref().filter(|j| !j.is_empty()) {
            h.raw("\n<script type=\"application/ld+json\">").raw(jsonld).raw("</script>");
        }
        h.raw(&self.links);
        head(h);
        h.raw("</head>\n<body class=\"").text(page.kind).raw("\">");
        h.raw(if front { &self.front_masthead } else { &self.masthead });
    }

    fn close(&self, h: &mut Html) {
        h.raw(&self.end);
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

impl Renderer<'_> {
    /// `entity.html`.
    pub(super) fn write_entity(&self, page: &EntityPage<'_>, h: &mut Html) -> Result<(), Diagnostic> {
        let ent = &self.site.notes.entities[page.e];
        let idx = &self.site.entities[page.e];
        let url = self.settings.base_url.path_for(&crate::model::urls::entity(&ent.id));
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

    /// `article.html`.
    pub(super) fn write_article(&self, page: &ArticlePage, h: &mut Html) -> Result<(), Diagnostic> {
        let a = &self.site.corpus.articles[page.i];
        let date = a.published.to_string();
        let tags = super::views::tag_links(a, self.settings);
        self.layout.open(h, &page.meta, |h| {
            h.raw("<meta property=\"article:published_time\" content=\"").text(&date).raw("\">");
            for t in &tags {
                h.raw("\n<meta property=\"article:tag\" content=\"").text(&t.name).raw("\">");
            }
            h.raw("\n");
        });
        h.raw("\n<article class=\"story\">\n  <header>\n    <h1>").text(&a.title).raw("</h1>\n    <p class=\"meta\">");
        h.raw("\n      <time datetime=\"").text(&date).raw("\">").text(&super::views::date_label(a.published));
        h.raw("</time>");
        if !a.authors.is_empty() {
            h.raw(" · by ").text(&a.authors.join(", "));
        }
        if let Some(source) = a.source.as_deref().filter(|s| !s.is_empty()) {
            h.raw(" · <a class=\"source\" href=\"").text(source).raw("\" rel=\"external nofollow noopener\">");
            h.text(super::views::domain(source).unwrap_or_default()).raw("</a>");
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

    /// `index.html`: a page of the front page.
    pub(super) fn write_index(&self, page: &Listing<'_>, h: &mut Html) {
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
    pub(super) fn write_tag(&self, t: usize, page: &Listing<'_>, h: &mut Html) {
        let tag = &self.site.tags[t];
        let url = self.settings.base_url.path_for(&crate::model::urls::tag(&tag.slug));
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
    pub(super) fn write_month(&self, m: usize, page: &Listing<'_>, h: &mut Html) {
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
            h.text(&super::views::date_label(published)).raw("</time></h2>");
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
        super::shared(&self.shared.card_html, i, || {
            let a = &self.site.corpus.articles[i];
            let card = super::views::card(a, self.settings);
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

    /// The title and meta line of article `i`'s card on entity pages (shared: an article is on
    /// the page of every entity it names).
    fn card_head(&self, i: usize) -> std::sync::Arc<str> {
        super::shared(&self.shared.card_heads, i, || {
            let a = &self.site.corpus.articles[i];
            let mut h = Html(Vec::with_capacity(256));
            h.raw("<h3><a href=\"").text(&self.article_urls[i]);
            h.raw("\">").text(&a.title).raw("</a></h3>\n    <p class=\"meta\"><time datetime=\"");
            h.text(&a.published.to_string()).raw("\">").text(&super::views::date_label(a.published)).raw("</time>");
            if let Some(domain) = a.source.as_deref().and_then(super::views::domain) {
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
