//! RENDER: the model → an in-memory [`Output`] (path → bytes). Never touches the disk.
//!
//! Every page is a [`Job`]; jobs render in parallel and each costs in proportion to its own
//! entries (listings are sliced, never walked whole), so the build stays linear in the corpus.

mod body;
mod data;
mod direct;
pub mod feeds;
pub mod html;
mod jsonld;
pub mod links;
mod partial;
mod spans;
pub mod templates;
mod timeline;
pub mod views;

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use templates::Templates;

use crate::content::Article;
use crate::diagnostics::Diagnostic;
use crate::model::{urls, Site};
use crate::output::Output;
use crate::settings::Settings;

pub use partial::{render_exports, render_selected, static_output_path, Selection};
use views::{Link, PageMeta, Paginator, SiteView};

/// Sentences quoted per article on an entity page.
const MAX_QUOTES: usize = 1;
/// Entities shown as often mentioned with an entity.
const MAX_RELATED: usize = 12;

/// One page to render.
#[derive(Clone, Copy, Debug)]
enum Job {
    Index(usize),
    Article(usize),
    Archive,
    Month(usize),
    Tags,
    Tag(usize, usize),
    Entities,
    Entity(usize, usize),
    Search,
    NotFound,
    Timeline,
}

/// Everything a page render needs, shared by all jobs.
struct Renderer<'a> {
    site: &'a Site<'a>,
    settings: &'a Settings,
    tera: &'a Tera,
    site_view: Value,
    shared: Shared,
    /// Kept for the whole render: feeds carry article bodies too.
    link_tags: spans::LinkTags<'a>,
    /// For each article, for each of its dates, the period of the timeline it is on.
    note_groups: Vec<Vec<u32>>,
    /// Each article's page, as links name it (under the base path).
    article_urls: Vec<String>,
    /// The kinds of page [`direct`] writes (their templates are the built-in ones).
    direct: direct::Kinds,
    layout: direct::Layout,
}

/// Values made on first use and shared by every page that shows them: an article's card is on
/// ~30 pages (front page, tags, month, each entity it names), an entity chip or link on many
/// more. Tera values are reference-counted, so a page takes a pointer, not a copy. Emptied
/// once the pages are done (the getters then make each value afresh).
#[derive(Default)]
struct Shared {
    cards: Vec<OnceLock<Value>>,
    /// The title and meta line of an article's card, as entity pages written by [`direct`] show it.
    card_heads: Vec<OnceLock<std::sync::Arc<str>>>,
    /// An article's card as listings written by [`direct`] show it.
    card_html: Vec<OnceLock<std::sync::Arc<str>>>,
    /// The entities each article names (see `Site::entities_in`), for related entities.
    article_entities: Vec<OnceLock<Box<[u32]>>>,
    /// Entity chips, rendered from `entity_chip.html`.
    chips: Vec<OnceLock<Result<std::sync::Arc<str>, Diagnostic>>>,
    entities: Vec<OnceLock<Result<Value, Diagnostic>>>,
    /// Entities as JSON-LD documents name them.
    entity_references: Vec<OnceLock<Box<serde_json::value::RawValue>>>,
    /// Periods of the timeline, as entity pages show them.
    periods: Vec<OnceLock<std::sync::Arc<timeline::PeriodView>>>,
}

fn slots<T>(n: usize) -> Vec<OnceLock<T>> {
    (0..n).map(|_| OnceLock::new()).collect()
}

/// The value in `slot` of `cache`, made by `make` the first time; made afresh if there is no slot.
fn shared<T: Clone>(cache: &[OnceLock<T>], slot: usize, make: impl FnOnce() -> T) -> T {
    match cache.get(slot) {
        Some(cell) => cell.get_or_init(make).clone(),
        None => make(),
    }
}

/// Renders every page and copies the static files into an [`Output`] (the dev server and
/// `check` keep the site in memory).
pub fn render(site: &Site<'_>, settings: &Settings, templates: &Templates) -> Result<Output, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_into(site, settings, templates, &|path: &str, bytes: &[u8], write: Write| {
        if let Ok(mut f) = files.lock() {
            match write {
                Write::Create => f.push((path.to_string(), bytes.to_vec())),
                Write::Append => append_to(&mut f, path, bytes.to_vec()),
            }
        }
        Ok(())
    })?;
    Ok(Output::new(files.into_inner().unwrap_or_default()))
}

/// Rendered files: (site-relative path, bytes).
pub type RenderedFiles = Vec<(String, Vec<u8>)>;

/// Takes a batch of rendered files as soon as it is made; an error stops the caller.
pub type Emit<'e, E> = dyn FnMut(RenderedFiles) -> Result<(), E> + 'e;

/// Takes more of a file an earlier batch began: `(path, bytes)`.
pub type Append<'e, E> = dyn FnMut(&str, Vec<u8>) -> Result<(), E> + 'e;

/// Where rendered files go: `put(path, bytes, write)`; an error message stops the render.
pub type Sink<'s> = dyn Fn(&str, &[u8], Write) -> Result<(), String> + Sync + 's;

/// How [`Sink`] takes a file's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// The whole file (or its first part).
    Create,
    /// More of a file an earlier call created: the annotations export is hundreds of megabytes
    /// at 100,000 articles and is handed over in pieces, never joined in memory.
    Append,
}

/// Adds `bytes` to the file `path` of an in-memory list (the latest file of that name).
fn append_to(files: &mut RenderedFiles, path: &str, mut bytes: Vec<u8>) {
    match files.iter_mut().rev().find(|(p, _)| p == path) {
        Some((_, body)) => body.append(&mut bytes),
        None => files.push((path.to_string(), bytes)),
    }
}

/// How much [`render_into`] produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
}

/// Renders every page, data export, feed and static file, handing each to `put` as soon as it
/// is made (in parallel), so `build` can stream the site to disk instead of holding it.
pub fn render_into(
    site: &Site<'_>,
    settings: &Settings,
    templates: &Templates,
    put: &Sink<'_>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut r = Renderer::new(site, settings, templates);
    let jobs = r.jobs();
    let sink_error = |e: String| Diagnostic::new(settings.output_display(), None, e);
    let hand_over = |files: RenderedFiles, paths: &mut Vec<String>| {
        paths.extend(files.iter().map(|f| f.0.clone()));
        files.par_iter().try_for_each(|(path, bytes)| put(path, bytes, Write::Create)).map_err(|e| vec![sink_error(e)])
    };
    // The annotations export is made beside the pages: it holds one piece at a time, and
    // joining and writing its pieces leaves a core free that the pages then use.
    let (pages, annotations) = rayon::join(
        || {
            let pages = jobs.par_iter().map(|job| {
                let (path, bytes) = r.render(*job)?;
                put(&path, &bytes, Write::Create).map_err(sink_error)?;
                Ok(path)
            });
            all_or_problems(pages.collect())
        },
        || {
            let mut listed = Vec::new();
            let mut append =
                |path: &str, bytes: Vec<u8>| put(path, &bytes, Write::Append).map_err(|e| vec![sink_error(e)]);
            r.annotations_export(&mut |files| hand_over(files, &mut listed), &mut append)?;
            Ok::<_, Vec<Diagnostic>>(listed)
        },
    );
    let mut paths = pages?;
    let page_count = paths.len();
    paths.extend(annotations?);
    // Only pages use the shared values; the exports below are large, so free them first.
    // Each group is handed over and dropped before the next is made: at 10,000 articles the
    // data exports and feeds are ~150 MB.
    r.shared = Shared::default();
    r.indexes(&mut |files| hand_over(files, &mut paths))?;
    hand_over(static_files(settings)?, &mut paths)?;
    // Feeds and crawler files are not listed in the sitemap.
    let mut unlisted = 0;
    feeds::feeds_in_batches(site, settings, &|i| r.body(i), &mut |files| {
        unlisted += files.len();
        hand_over(files, &mut Vec::new())
    })?;
    let crawler = feeds::crawler_files(site, settings, &paths);
    let files = paths.len() + unlisted + crawler.len();
    hand_over(crawler, &mut Vec::new())?;
    Ok(Rendered { pages: page_count, files })
}

/// Every page, or every problem (sorted, each message once) when a page failed.
fn all_or_problems<T>(pages: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut done = Vec::with_capacity(pages.len());
    let mut problems = Vec::new();
    for page in pages {
        match page {
            Ok(p) => done.push(p),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        return Ok(done);
    }
    problems.sort();
    problems.dedup_by(|a, b| a.message == b.message);
    Err(problems)
}

/// The built-in static files, then the site's `static/` on top (copied as is).
fn static_files(settings: &Settings) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files: Vec<(String, Vec<u8>)> =
        templates::BUILTIN_STATIC.iter().map(|(n, b)| (format!("static/{n}"), b.to_vec())).collect();
    files.push((".nojekyll".into(), Vec::new()));
    let dir = &settings.static_dir;
    if !dir.is_dir() {
        return Ok(files);
    }
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::new(
                    settings.relative(e.path().unwrap_or(dir)),
                    None,
                    format!("could not read: {e}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_str().unwrap_or("");
        if !entry.file_type().is_file() || crate::content::is_editor_leftover(name) {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        // CNAME and similar root files are published at the site root, everything else under static/.
        let out_path = if is_root_file(&rel) { rel.clone() } else { format!("static/{rel}") };
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((out_path, bytes)),
            Err(e) => {
                problems.push(Diagnostic::new(settings.relative(entry.path()), None, format!("could not read: {e}")))
            }
        }
    }
    if problems.is_empty() {
        // The site's own files come first so they win over built-ins of the same name
        // (`Output::new` keeps the first of duplicates).
        files.reverse();
        Ok(files)
    } else {
        Err(problems)
    }
}

fn is_root_file(rel: &str) -> bool {
    matches!(rel, "CNAME" | "favicon.ico" | "robots.txt" | ".nojekyll")
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site<'a>, settings: &'a Settings, templates: &'a Templates) -> Self {
        let base = &settings.base_url;
        let annotated = !site.notes.entities.is_empty();
        let mut nav = vec![Link { name: "Digest".into(), url: base.path_for("") }];
        if annotated {
            nav.push(Link { name: "Entities".into(), url: base.path_for(urls::ENTITIES) });
        }
        if !site.timeline.is_empty() {
            nav.push(Link { name: "Timeline".into(), url: base.path_for(urls::TIMELINE) });
        }
        nav.push(Link { name: "Archive".into(), url: base.path_for(urls::ARCHIVE) });
        nav.push(Link { name: "Tags".into(), url: base.path_for(urls::TAGS) });
        nav.push(Link { name: "Search".into(), url: base.path_for(urls::SEARCH) });
        let layout_nav = nav.clone();
        let site_view = SiteView {
            title: &settings.title,
            description: &settings.description,
            language: &settings.language,
            base_url: base.to_string(),
            base_path: &base.path,
            articles: site.corpus.articles.len(),
            entities: site.notes.entities.len(),
            annotated,
            nav,
        };
        let shared = Shared {
            cards: slots(site.corpus.articles.len()),
            card_heads: slots(site.corpus.articles.len()),
            card_html: slots(site.corpus.articles.len()),
            chips: slots(site.notes.entities.len()),
            article_entities: slots(site.corpus.articles.len()),
            entities: slots(site.notes.entities.len()),
            entity_references: slots(site.notes.entities.len()),
            periods: slots(site.timeline.len()),
        };
        let link_tags = spans::LinkTags::new(site, settings);
        let note_groups = timeline::note_groups(site);
        let site_view = Value::from_serializable(&site_view);
        let mut r = Renderer {
            site,
            settings,
            tera: &templates.tera,
            site_view,
            shared,
            link_tags,
            note_groups,
            article_urls: site
                .corpus
                .articles
                .iter()
                .map(|a| settings.base_url.path_for(&urls::article(&a.slug)))
                .collect(),
            direct: direct::Kinds::of(templates),
            layout: direct::Layout::default(),
        };
        r.layout = direct::Layout::new(&r, &layout_nav);
        r
    }

    fn per_page(&self) -> usize {
        self.settings.articles_per_page
    }

    fn pages_of(&self, n: usize) -> usize {
        n.div_ceil(self.per_page()).max(1)
    }

    fn jobs(&self) -> Vec<Job> {
        let s = self.site;
        let mut jobs: Vec<Job> = (1..=self.pages_of(s.corpus.articles.len())).map(Job::Index).collect();
        jobs.extend((0..s.corpus.articles.len()).map(Job::Article));
        jobs.extend([Job::Archive, Job::Tags, Job::Search, Job::NotFound]);
        jobs.extend((0..s.months.len()).map(Job::Month));
        for (t, tag) in s.tags.iter().enumerate() {
            jobs.extend((1..=self.pages_of(tag.articles.len())).map(|p| Job::Tag(t, p)));
        }
        if !s.timeline.is_empty() {
            jobs.push(Job::Timeline);
        }
        if !s.notes.entities.is_empty() {
            jobs.push(Job::Entities);
            for (e, idx) in s.entities.iter().enumerate() {
                jobs.extend((1..=self.pages_of(idx.articles.len())).map(|p| Job::Entity(e, p)));
            }
        }
        jobs
    }

    fn meta(&self, title: String, description: String, path: String, kind: &'static str) -> PageMeta {
        PageMeta { canonical: self.settings.base_url.absolute(&path), title, description, path, kind, jsonld: None }
    }

    fn render(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        let mut html = direct::Html(Vec::with_capacity(16 * 1024));
        if let Some(path) = self.write_direct(job, &mut html)? {
            return Ok((urls::file_for(&path), html.0));
        }
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_view.clone());
        let (template, path) = match job {
            Job::Index(n) => self.listing(&mut ctx, self.index_listing(n), "index.html"),
            Job::Article(i) => self.article(&mut ctx, self.article_page(i))?,
            Job::Archive => self.archive(&mut ctx),
            Job::Month(m) => self.month(&mut ctx, m),
            Job::Tags => self.tags(&mut ctx),
            Job::Tag(t, n) => self.tag(&mut ctx, t, n),
            Job::Entities => self.entities(&mut ctx),
            Job::Entity(e, n) => self.entity(&mut ctx, self.entity_page(e, n))?,
            Job::Search => self.simple(&mut ctx, "search.html", urls::SEARCH, "Search"),
            Job::NotFound => self.simple(&mut ctx, "404.html", "404.html", "Page not found"),
            Job::Timeline => {
                ctx.insert_value("groups", self.timeline_groups()?);
                self.simple(&mut ctx, "timeline.html", urls::TIMELINE, "Timeline")
            }
        };
        // Straight to bytes: the sink takes bytes, and a `String` would be checked for UTF-8.
        self.tera.render_to(template, &ctx, &mut html.0).map_err(|e| self.template_error(&e))?;
        Ok((urls::file_for(&path), html.0))
    }

    fn template_error(&self, e: &tera::Error) -> Diagnostic {
        templates::template_diagnostic(&self.settings.root, &self.settings.templates_dir, e)
    }

    fn simple(&self, ctx: &mut Context, template: &'static str, path: &str, title: &str) -> (&'static str, String) {
        ctx.insert(
            "page",
            &self.meta(
                title.into(),
                self.settings.description.clone(),
                path.into(),
                template.trim_end_matches(".html"),
            ),
        );
        (template, path.into())
    }

    fn slice<'b>(&self, list: &'b [usize], page: usize) -> &'b [usize] {
        let start = ((page - 1) * self.per_page()).min(list.len());
        &list[start..(start + self.per_page()).min(list.len())]
    }

    /// Article `i` as a listing card (shared, see [`Shared`]).
    fn card(&self, i: usize) -> Value {
        shared(&self.shared.cards, i, || {
            Value::from_serializable(&views::card(&self.site.corpus.articles[i], self.settings))
        })
    }

    /// Entity `e` as pages name it: its [`EntityLink`] fields and `chip`, its HTML rendered
    /// from `entity_chip.html` (shared, see [`Shared`]). A chip is on dozens of pages, so it is
    /// rendered once, like Hugo's cached partials, instead of by every page that shows it.
    fn entity_value(&self, e: usize) -> Result<Value, Diagnostic> {
        shared(&self.shared.entities, e, || {
            let mut fields = Value::from_serializable(&self.entity_link(e)).into_map().unwrap_or_default();
            fields.insert("chip".into(), Value::safe_string(&self.chip(e)?));
            Ok(Value::from(fields))
        })
    }

    /// Entity `e`'s chip: `entity_chip.html` rendered (shared, see [`Shared`]).
    fn chip(&self, e: usize) -> Result<std::sync::Arc<str>, Diagnostic> {
        shared(&self.shared.chips, e, || {
            let mut ctx = Context::new();
            ctx.insert_value("site", self.site_view.clone());
            ctx.insert("e", &self.entity_link(e));
            let chip = self.tera.render("entity_chip.html", &ctx).map_err(|err| self.template_error(&err))?;
            Ok(chip.trim().into())
        })
    }

    /// Entity `e` as JSON-LD names it (shared, see [`Shared`]).
    fn entity_reference(&self, e: usize) -> Box<serde_json::value::RawValue> {
        shared(&self.shared.entity_references, e, || jsonld::entity_reference(self.site, self.settings, e))
    }

    /// The link to unit `unit` of article `article`: its page, and the sentence's anchor.
    fn sentence_url(&self, article: usize, unit: u32) -> String {
        let page = &self.article_urls[article];
        let mut url = String::with_capacity(page.len() + 8);
        url.push_str(page);
        if let Some(line) = anchor_for(&self.site.corpus.articles[article], unit) {
            url.push_str("#l");
            url.push_str(itoa::Buffer::new().format(line));
        }
        url
    }

    /// Articles `list` (newest first) grouped by publication day.
    fn days(&self, list: impl Iterator<Item = usize>) -> Vec<views::Day> {
        views::days(list.map(|i| (self.site.corpus.articles[i].published, self.card(i))))
    }

    /// Page `n` of the front page.
    fn index_listing(&self, n: usize) -> Listing<'_> {
        let count = self.site.corpus.articles.len();
        let start = ((n - 1) * self.per_page()).min(count);
        let path = urls::paginated("", n);
        let title = if n == 1 { self.settings.title.clone() } else { format!("{} — page {n}", self.settings.title) };
        Listing {
            meta: self.meta(title, self.settings.description.clone(), path.clone(), "index"),
            path,
            articles: (start..(start + self.per_page()).min(count)).collect(),
            paginator: Some(Paginator::new(self.settings, "", n, self.pages_of(count))),
        }
    }

    /// Puts listing `l` (front page, tag or month) into a Tera context.
    fn listing(&self, ctx: &mut Context, l: Listing<'_>, template: &'static str) -> (&'static str, String) {
        ctx.insert("page", &l.meta);
        ctx.insert("days", &self.days(l.articles.iter().copied()));
        if let Some(p) = &l.paginator {
            ctx.insert("paginator", p);
        }
        (template, l.path)
    }

    /// What the page of article `i` shows, for whichever writer renders it.
    fn article_page(&self, i: usize) -> ArticlePage {
        let a = &self.site.corpus.articles[i];
        let path = urls::article(&a.slug);
        let mut meta = self.meta(a.title.clone(), views::summary(a), path.clone(), "article");
        meta.jsonld = Some(jsonld::article(self.site, self.settings, i, &|e| self.entity_reference(e)));
        let neighbour = |j: Option<usize>| j.filter(|&j| j < self.site.corpus.articles.len());
        ArticlePage {
            i,
            path,
            meta,
            content: self.body(i),
            month: Link {
                name: crate::model::calendar::month_label(a.published),
                url: self.settings.base_url.path_for(&urls::month(
                    chrono::Datelike::year(&a.published),
                    chrono::Datelike::month(&a.published),
                )),
            },
            entities: self.article_entities(i),
            newer: neighbour(i.checked_sub(1)),
            older: neighbour(Some(i + 1)),
        }
    }

    /// Puts article page `page` into a Tera context.
    fn article(&self, ctx: &mut Context, page: ArticlePage) -> Result<(&'static str, String), Diagnostic> {
        let a = &self.site.corpus.articles[page.i];
        ctx.insert("page", &page.meta);
        let entities = page.entities.iter().map(|&e| self.entity_value(e)).collect::<Result<_, Diagnostic>>()?;
        ctx.insert_value(
            "article",
            views::with_fields(
                &self.card(page.i),
                &ArticleView {
                    authors: &a.authors,
                    content: page.content,
                    words: a.word_count(),
                    month: page.month,
                    entities,
                },
            ),
        );
        ctx.insert("newer", &page.newer.map(|j| self.card(j)));
        ctx.insert("older", &page.older.map(|j| self.card(j)));
        Ok(("article.html", page.path))
    }

    /// The body HTML of article `i`. Not kept: only the few articles of the site feeds need it
    /// twice, and holding every body would add the size of every article page to peak memory.
    fn body(&self, i: usize) -> String {
        let spans = spans::article_spans(self.site, &self.link_tags, i);
        body::render(&self.site.corpus.articles[i], &spans, self.settings.allow_raw_html)
    }

    fn archive(&self, ctx: &mut Context) -> (&'static str, String) {
        let months: Vec<MonthView> = self.site.months.iter().map(|m| self.month_view(m)).collect();
        ctx.insert(
            "page",
            &self.meta(
                "Archive".into(),
                format!("Every month of {}", self.settings.title),
                urls::ARCHIVE.into(),
                "archive",
            ),
        );
        ctx.insert("months", &months);
        ("archive.html", urls::ARCHIVE.into())
    }

    fn month_view(&self, m: &crate::model::Month) -> MonthView {
        let label = chrono::NaiveDate::from_ymd_opt(m.year, m.month, 1)
            .map(crate::model::calendar::month_label)
            .unwrap_or_default();
        MonthView {
            label,
            year: m.year,
            month: m.month,
            url: self.settings.base_url.path_for(&urls::month(m.year, m.month)),
            count: m.articles.len(),
        }
    }

    /// Month `m`'s page (every article of the month, not paginated).
    fn month_listing(&self, m: usize) -> Listing<'_> {
        let month = &self.site.months[m];
        let label = self.month_view(month).label;
        let path = urls::month(month.year, month.month);
        Listing {
            meta: self.meta(label.clone(), format!("Articles published in {label}"), path.clone(), "month"),
            path,
            articles: std::borrow::Cow::Borrowed(&month.articles),
            paginator: None,
        }
    }

    fn month(&self, ctx: &mut Context, m: usize) -> (&'static str, String) {
        ctx.insert("month", &self.month_view(&self.site.months[m]));
        let link = |i: usize| self.site.months.get(i).map(|m| self.month_view(m));
        ctx.insert("newer", &m.checked_sub(1).and_then(link));
        ctx.insert("older", &link(m + 1));
        self.listing(ctx, self.month_listing(m), "month.html")
    }

    fn tags(&self, ctx: &mut Context) -> (&'static str, String) {
        let tags: Vec<TagView> = self.site.tags.iter().map(|t| self.tag_view(t)).collect();
        ctx.insert(
            "page",
            &self.meta("Tags".into(), format!("Topics of {}", self.settings.title), urls::TAGS.into(), "tags"),
        );
        ctx.insert("tags", &tags);
        ("tags.html", urls::TAGS.into())
    }

    fn tag_view(&self, t: &crate::model::Tag) -> TagView {
        TagView {
            name: t.name.clone(),
            url: self.settings.base_url.path_for(&urls::tag(&t.slug)),
            count: t.articles.len(),
        }
    }

    /// Page `n` of tag `t`.
    fn tag_listing(&self, t: usize, n: usize) -> Listing<'_> {
        let tag = &self.site.tags[t];
        let first = urls::tag(&tag.slug);
        let path = urls::paginated(&first, n);
        Listing {
            meta: self.meta(
                format!("Tagged “{}”", tag.name),
                format!("Articles tagged {}", tag.name),
                path.clone(),
                "tag",
            ),
            path,
            articles: std::borrow::Cow::Borrowed(self.slice(&tag.articles, n)),
            paginator: Some(Paginator::new(self.settings, &first, n, self.pages_of(tag.articles.len()))),
        }
    }

    fn tag(&self, ctx: &mut Context, t: usize, n: usize) -> (&'static str, String) {
        ctx.insert("tag", &self.tag_view(&self.site.tags[t]));
        self.listing(ctx, self.tag_listing(t, n), "tag.html")
    }

    fn entity_link(&self, e: usize) -> EntityLink {
        let ent = &self.site.notes.entities[e];
        let idx = &self.site.entities[e];
        EntityLink {
            id: ent.id.clone(),
            name: ent.name.clone(),
            kind: ent.kind.as_str(),
            url: self.settings.base_url.path_for(&urls::entity(&ent.id)),
            mentions: idx.mentions.len(),
            articles: idx.articles.len(),
        }
    }

    fn entities(&self, ctx: &mut Context) -> (&'static str, String) {
        let mut all: Vec<EntityLink> = (0..self.site.notes.entities.len()).map(|e| self.entity_link(e)).collect();
        all.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
        ctx.insert(
            "page",
            &self.meta(
                "Entities".into(),
                "People, places and organisations in the news".into(),
                urls::ENTITIES.into(),
                "entities",
            ),
        );
        ctx.insert("entities", &all);
        ("entities.html", urls::ENTITIES.into())
    }

    /// What page `n` of entity `e` shows, for whichever writer renders it.
    fn entity_page(&self, e: usize, n: usize) -> EntityPage<'_> {
        let ent = &self.site.notes.entities[e];
        let idx = &self.site.entities[e];
        let first = urls::entity(&ent.id);
        let path = urls::paginated(&first, n);
        let articles = self
            .slice(&idx.articles, n)
            .iter()
            .map(|&a| {
                let article = &self.site.corpus.articles[a];
                let notes = &self.site.notes.articles[a];
                let lo = idx.mentions.partition_point(|&(x, _)| x < a);
                let mut units: Vec<u32> = idx.mentions[lo..]
                    .iter()
                    .take_while(|&&(x, _)| x == a)
                    .map(|&(_, m)| notes.mentions[m].unit)
                    .collect();
                units.dedup();
                let sentences = units
                    .iter()
                    .take(MAX_QUOTES)
                    .map(|&u| {
                        let unit = &article.units[u as usize];
                        let spans = spans::marks(notes, u, e as u32);
                        let mut text = String::new();
                        let (from, to) = spans.first().map_or((0, unit.text.len()), |sp| {
                            crate::model::sentence::around(&unit.text, sp.start, sp.end)
                        });
                        html::annotated_into(&mut text, &unit.text[from..to], from, &spans);
                        Sentence { html: text, url: self.sentence_url(a, u) }
                    })
                    .collect();
                (a, sentences)
            })
            .collect();
        let mut meta = self.meta(
            ent.name.clone(),
            ent.description.clone().unwrap_or_else(|| {
                format!("{} in the news: {} mentions in {} articles", ent.name, idx.mentions.len(), idx.articles.len())
            }),
            path.clone(),
            "entity",
        );
        meta.jsonld = Some(jsonld::entity(self.site, self.settings, e));
        // Related entities and the timeline are on the first page only: they would be the same on
        // every page, and finding them walks every article of the entity.
        let first_page = n == 1;
        EntityPage {
            e,
            meta,
            first_seen: idx.articles.last().map(|&a| views::date_label(self.site.corpus.articles[a].published)),
            last_seen: idx.articles.first().map(|&a| views::date_label(self.site.corpus.articles[a].published)),
            articles,
            related: if first_page {
                self.site.related(e, MAX_RELATED, |a| match self.shared.article_entities.get(a) {
                    Some(cell) => cell.get_or_init(|| self.site.entities_in(a).into()).as_ref().into(),
                    None => self.site.entities_in(a).into(),
                })
            } else {
                Vec::new()
            },
            periods: if first_page { self.entity_periods(e) } else { Vec::new() },
            paginator: Paginator::new(self.settings, &first, n, self.pages_of(idx.articles.len())),
            path,
        }
    }

    /// Puts entity page `page` into a Tera context.
    fn entity(&self, ctx: &mut Context, page: EntityPage<'_>) -> Result<(&'static str, String), Diagnostic> {
        let ent = &self.site.notes.entities[page.e];
        let mentions: Vec<Value> = page
            .articles
            .into_iter()
            .map(|(a, sentences)| views::with_fields(&self.card(a), &Quotes { sentences }))
            .collect();
        let related =
            page.related.into_iter().map(|(r, n)| Ok((self.entity_value(r)?, n))).collect::<Result<_, Diagnostic>>()?;
        ctx.insert("page", &page.meta);
        ctx.insert_value(
            "entity",
            views::with_fields(
                &self.entity_value(page.e)?,
                &EntityView {
                    aliases: &ent.aliases,
                    description: ent.description.as_deref(),
                    external: ent.link.as_deref(),
                    image: ent.image.as_deref(),
                    first_seen: page.first_seen,
                    last_seen: page.last_seen,
                    related,
                },
            ),
        );
        ctx.insert_value("articles", mentions.into());
        ctx.insert_value("timeline", timeline::periods_value(&page.periods));
        ctx.insert("paginator", &page.paginator);
        Ok(("entity.html", page.path))
    }

    /// Entities an article mentions, most mentioned first.
    fn article_entities(&self, i: usize) -> Vec<usize> {
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for m in &self.site.notes.articles[i].mentions {
            match counts.iter_mut().find(|(e, _)| *e == m.entity) {
                Some(c) => c.1 += 1,
                None => counts.push((m.entity, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts.into_iter().map(|(e, _)| e as usize).collect()
    }
}

/// The fragment that points at unit `u` of an article: `#l12` for a plain-text sentence.
fn anchor_for(article: &Article, u: u32) -> Option<u32> {
    match (&article.markdown, article.units.get(u as usize)) {
        (None, Some(unit)) if u > 0 => Some(unit.origins.first().map_or(0, |o| o.line)),
        _ => None,
    }
}

/// An article page's `article`: its card's fields, and these.
#[derive(Serialize)]
struct ArticleView<'a> {
    authors: &'a [String],
    content: String,
    words: usize,
    month: Link,
    entities: Vec<Value>,
}

#[derive(Serialize)]
struct MonthView {
    label: String,
    year: i32,
    month: u32,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TagView {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct EntityLink {
    id: String,
    name: String,
    kind: &'static str,
    url: String,
    mentions: usize,
    articles: usize,
}

/// An entity page's `entity`: its [`EntityLink`] fields (shared), and these.
#[derive(Serialize)]
struct EntityView<'a> {
    aliases: &'a [String],
    description: Option<&'a str>,
    external: Option<&'a str>,
    image: Option<&'a str>,
    first_seen: Option<String>,
    last_seen: Option<String>,
    related: Vec<(Value, usize)>,
}

/// What a listing page (front page, tag, month) shows.
struct Listing<'a> {
    path: String,
    meta: PageMeta,
    /// The articles it lists, newest first.
    articles: std::borrow::Cow<'a, [usize]>,
    /// How it is paginated (months are not).
    paginator: Option<Paginator>,
}

/// What an article page shows (see [`Renderer::article_page`]).
struct ArticlePage {
    i: usize,
    path: String,
    meta: PageMeta,
    /// The body HTML, annotations linked.
    content: String,
    month: Link,
    /// The entities it names, most named first.
    entities: Vec<usize>,
    /// The articles before and after it (newest first).
    newer: Option<usize>,
    older: Option<usize>,
}

/// What an entity page shows (see [`Renderer::entity_page`]).
struct EntityPage<'a> {
    e: usize,
    path: String,
    meta: PageMeta,
    first_seen: Option<String>,
    last_seen: Option<String>,
    /// The articles of this page, each with the sentences naming the entity.
    articles: Vec<(usize, Vec<Sentence>)>,
    /// Entities often named with this one, and how often (first page only).
    related: Vec<(usize, usize)>,
    /// The timeline of the entity (first page only).
    periods: Vec<timeline::EntityPeriod<'a>>,
    paginator: Paginator,
}

/// An article on an entity page: its card's fields, and the sentences naming the entity.
#[derive(Serialize)]
struct Quotes {
    sentences: Vec<Sentence>,
}

#[derive(Serialize)]
struct Sentence {
    html: String,
    url: String,
}
