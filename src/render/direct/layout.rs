//! The parts of `base.html` every page shares, escaped once per render.

use super::Html;
use crate::render::views::{Link, PageMeta};
use crate::render::Renderer;

/// The parts of `base.html` that are the same on every page, escaped once.
#[derive(Default)]
pub(in crate::render) struct Layout {
    /// `<html lang=…>` up to `<title>`.
    start: String,
    /// ` · {site title}</title>`, after a page's own title.
    title_end: String,
    /// The site's title, escaped.
    pub(super) site_title: String,
    /// The stylesheet and the site feeds' links.
    links: String,
    /// What follows `<body class="…">` up to the `main` block: the masthead and its navigation.
    masthead: String,
    /// The same on the front page, whose navigation marks its first link as the current page.
    front_masthead: String,
    /// From `</main>` to the end.
    end: String,
}

impl Layout {
    pub(in crate::render) fn new(r: &Renderer<'_>, nav: &[Link]) -> Layout {
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

    /// `base.html` up to its `main` block; `head` writes the page's `head` block. Only for the
    /// kinds `direct` writes: the 404 page, whose `robots` meta is left out here, goes through Tera.
    pub(super) fn open(&self, h: &mut Html, page: &PageMeta, head: impl FnOnce(&mut Html)) {
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

    pub(super) fn close(&self, h: &mut Html) {
        h.raw(&self.end);
    }
}
