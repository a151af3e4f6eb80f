//! The dev server's copy of the pipeline's results, kept between rebuilds so each change redoes
//! only what it needs: a static file is copied; templates re-render from the cached articles;
//! an article is re-read alone, then annotation runs and only the pages that show it re-render.
//!
//! The cached corpus always holds every *good* article file as last read; files that fail to
//! load sit in `bad_files` until they are fixed or deleted. Nothing is rendered while any problem
//! is known, so the served site is always a complete, consistent build. Changes made while the
//! site is broken are remembered in `pending` (with the version last rendered), so the rebuild
//! that follows the fix still knows which pages to redo.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use crate::annotate::{self, Annotations, ArticleNotes, GazetteerEntry, Knowledge, Scan};
use crate::content::{self, slug::slugify_or_hash, Article, Corpus};
use crate::diagnostics::{Diagnostic, InvalidInput};
use crate::model::{Indexes, Site};
use crate::render::{self, templates, templates::Templates, RenderedFiles, Selection};
use crate::settings::{Overrides, Settings, SITE_FILE};

use super::classify::{is_leftover, Change};
use super::state::Files;

/// The version of an article the served site was rendered from.
struct Rendered {
    article: Arc<Article>,
    notes: ArticleNotes,
    /// What annotation found in it then (`None` when that was not kept).
    scan: Option<Scan>,
}

/// Problems that are not about one article file.
#[derive(Default)]
struct Problems {
    site: Vec<Diagnostic>,
    templates: Vec<Diagnostic>,
    gazetteer: Vec<Diagnostic>,
    statics: Vec<Diagnostic>,
}

/// What a successful rebuild produced.
#[derive(Debug)]
pub struct Update {
    /// The whole new site.
    pub files: Arc<Files>,
    /// Only stylesheets changed: swap them instead of reloading.
    pub css_only: bool,
    /// Files (re)written by this rebuild.
    pub written: usize,
    /// Every page was rendered.
    pub full: bool,
}

/// Renders the feeds and data exports of one state of the site, away from the workspace.
pub struct ExportJob {
    pub id: u64,
    corpus: Arc<Corpus>,
    notes: Arc<Annotations>,
    settings: Settings,
    templates: Arc<Templates>,
    /// Set once a newer change makes the job's files stale: it stops at the next stage.
    cancelled: Arc<AtomicBool>,
    /// Also render the timeline page (a large page, left out of the partial render).
    timeline: bool,
}

impl ExportJob {
    /// The files, or `None` when the workspace moved on before they were done.
    pub fn run(&self) -> Option<RenderedFiles> {
        let keep_going = || !self.cancelled.load(Ordering::Relaxed);
        let site = Site::build(&self.corpus, &self.notes);
        if !keep_going() {
            return None;
        }
        let mut files = render::render_exports(&site, &self.settings, &self.templates, &keep_going)?;
        if self.timeline && keep_going() {
            let timeline = Selection { timeline: true, ..Selection::default() };
            match render::render_selected(&site, &self.settings, &self.templates, &timeline) {
                Ok(pages) => files.extend(pages),
                Err(problems) => problems.iter().for_each(|d| eprintln!("{d}")),
            }
        }
        Some(files)
    }
}

/// The cached model of the site being served.
pub struct Workspace {
    root: PathBuf,
    overrides: Overrides,
    /// `http://127.0.0.1:PORT`: replaces the origin of `base_url` (the sub-path stays).
    origin: String,
    settings: Settings,
    templates: Option<Arc<Templates>>,
    gazetteer: Vec<GazetteerEntry>,
    /// Built from the gazetteer once per full rebuild (it takes a while).
    knowledge: Option<Knowledge>,
    /// Shared with a running [`ExportJob`] (changed copy-on-write meanwhile).
    corpus: Arc<Corpus>,
    /// What annotation found in each article on its own, aligned with `corpus.articles`, and
    /// whether it is current (false for articles (re)loaded since the last render).
    scans: Vec<(Scan, bool)>,
    /// Whether the last render had a timeline (it decides the navigation of every page).
    had_timeline: bool,
    /// The last render was partial: feeds and data exports still show the previous state.
    exports_stale: bool,
    /// The timeline page shows a state before the last partial render (it is rendered by the
    /// export job, since it is large and rarely the page being edited).
    timeline_stale: bool,
    /// Numbers export jobs; only the latest one's files are taken (a render in between makes
    /// the running job's files stale).
    export_job: u64,
    /// Stops the running export job.
    cancel_export: Arc<AtomicBool>,
    /// Aligned with `corpus.articles`; entries of articles changed since the last render are stale.
    notes: Arc<Annotations>,
    /// The model indexes of the last render, updated in place after edits that keep every
    /// article's place, tags and entities.
    indexes: Option<Indexes>,
    /// Article files that failed to load, by path relative to the root.
    bad_files: BTreeMap<PathBuf, Vec<Diagnostic>>,
    problems: Problems,
    /// Article files changed since the last successful render → the version rendered then
    /// (`None`: the file was not part of the site).
    pending: BTreeMap<PathBuf, Option<Rendered>>,
    /// The next render must redo every page.
    pending_full: bool,
    /// Tag slugs of the last render.
    tag_slugs: Vec<String>,
    /// The last good site.
    files: Arc<Files>,
    built: bool,
}

impl Workspace {
    /// Reads the settings; a site without a readable `site.toml` cannot be served at all.
    pub fn open(root: &Path, overrides: Overrides, origin: String) -> Result<Workspace> {
        let settings = load_settings(root, &overrides, &origin)?;
        Ok(Workspace {
            root: settings.root.clone(),
            overrides,
            origin,
            settings,
            templates: None,
            gazetteer: Vec::new(),
            knowledge: None,
            corpus: Arc::default(),
            scans: Vec::new(),
            had_timeline: false,
            exports_stale: false,
            timeline_stale: false,
            export_job: 0,
            cancel_export: Arc::default(),
            notes: Arc::default(),
            indexes: None,
            bad_files: BTreeMap::new(),
            problems: Problems::default(),
            pending: BTreeMap::new(),
            pending_full: true,
            tag_slugs: Vec::new(),
            files: Arc::new(Files::new()),
            built: false,
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn articles(&self) -> usize {
        self.corpus.articles.len()
    }

    /// Every known problem, sorted; empty when the served site is up to date.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.bad_files.values().flatten().cloned().collect();
        for list in [&self.problems.site, &self.problems.templates, &self.problems.gazetteer, &self.problems.statics] {
            all.extend(list.iter().cloned());
        }
        all.extend(duplicate_slugs(&self.corpus.articles));
        InvalidInput::new(all).diagnostics
    }

    /// Brings the site up to date after `change`.
    pub fn apply(&mut self, change: &Change) -> Result<Update, Vec<Diagnostic>> {
        if matches!(change, Change::Articles { .. } | Change::Templates { .. } | Change::Everything) {
            // The running export job's files would be stale; let this change have the CPU.
            self.cancel_export.store(true, Ordering::Relaxed);
        }
        match change {
            Change::Nothing => self.update(false, 0, false),
            Change::Static(paths) => {
                let written = self.update_static(paths);
                self.update(change.is_css_only(), written, false)
            }
            Change::Templates { statics } => {
                self.update_static(statics);
                self.reload_templates();
                self.pending_full = true;
                self.render()
            }
            Change::Articles { paths, templates, statics } => {
                self.update_static(statics);
                if *templates {
                    self.reload_templates();
                    self.pending_full = true;
                }
                for path in paths {
                    self.reload_articles(path);
                }
                self.render()
            }
            Change::Everything => self.rebuild_all(),
        }
    }

    /// Reads everything from the disk again and renders every page.
    pub fn rebuild_all(&mut self) -> Result<Update, Vec<Diagnostic>> {
        self.pending_full = true;
        match load_settings(&self.root, &self.overrides, &self.origin) {
            Ok(settings) => {
                self.settings = settings;
                self.problems.site.clear();
            }
            Err(e) => {
                self.problems.site = match e.downcast::<InvalidInput>() {
                    Ok(invalid) => invalid.diagnostics,
                    Err(e) => vec![Diagnostic::new(SITE_FILE, None, format!("{e:#}"))],
                };
                return Err(self.problems());
            }
        }
        self.reload_templates();
        self.gazetteer = match annotate::load_gazetteer(&self.settings) {
            Ok(g) => {
                self.problems.gazetteer.clear();
                g
            }
            Err(d) => {
                self.problems.gazetteer = d;
                Vec::new()
            }
        };
        self.knowledge = None;
        self.load_all_articles();
        self.render()
    }

    fn reload_templates(&mut self) {
        match templates::load(&self.settings.root, &self.settings.templates_dir) {
            Ok(templates) => {
                self.templates = Some(Arc::new(templates));
                self.problems.templates.clear();
            }
            Err(d) => self.problems.templates = d,
        }
    }

    /// Loads every article file (in parallel), keeping each file's problems apart.
    fn load_all_articles(&mut self) {
        let (files, unreadable) = content::discover(&self.root, &self.settings.content_dir);
        let root = &self.root;
        let loaded: Vec<(PathBuf, Result<Article, Vec<Diagnostic>>)> =
            files.par_iter().map(|f| (relative(root, f), content::load_file(root, f))).collect();
        self.bad_files.clear();
        for d in unreadable {
            self.bad_files.entry(d.path.clone()).or_default().push(d);
        }
        let mut articles = Vec::with_capacity(loaded.len());
        for (path, result) in loaded {
            match result {
                Ok(a) if a.draft && !self.settings.drafts => {}
                Ok(a) => articles.push(Arc::new(a)),
                Err(d) => {
                    self.bad_files.insert(path, d);
                }
            }
        }
        articles.sort_by(|a, b| content::newest_first(a, b));
        self.notes = Arc::new(Annotations::none(&Corpus { articles: Vec::new() }));
        Arc::make_mut(&mut self.notes).articles = vec![ArticleNotes::default(); articles.len()];
        self.scans = vec![(Scan::default(), false); articles.len()];
        self.corpus = Arc::new(Corpus { articles });
        self.pending.clear();
    }

    /// Re-reads every article file at or below `path` (a file or a folder, existing or gone).
    fn reload_articles(&mut self, path: &Path) {
        let rel = relative(&self.root, path);
        let mut files: BTreeSet<PathBuf> = self
            .corpus
            .articles
            .iter()
            .map(|a| &a.path)
            .chain(self.bad_files.keys())
            .filter(|p| at_or_below(p, &rel))
            .cloned()
            .collect();
        if path.is_dir() {
            let (found, unreadable) = content::discover(&self.root, path);
            files.extend(found.iter().map(|f| relative(&self.root, f)));
            for d in unreadable {
                self.bad_files.entry(d.path.clone()).or_default().push(d);
            }
        } else if is_article_file(path) {
            files.insert(rel);
        }
        for file in files {
            self.reload_article(file);
        }
    }

    fn reload_article(&mut self, rel: PathBuf) {
        let position = self.corpus.articles.iter().position(|a| a.path.as_os_str() == rel.as_os_str());
        if !self.pending.contains_key(&rel) {
            let rendered = position.map(|i| Rendered {
                article: Arc::clone(&self.corpus.articles[i]),
                notes: self.notes.articles.get(i).cloned().unwrap_or_default(),
                scan: self.scans.get(i).filter(|(_, current)| *current).map(|(scan, _)| scan.clone()),
            });
            self.pending.insert(rel.clone(), rendered);
        }
        let corpus = Arc::make_mut(&mut self.corpus);
        let notes = Arc::make_mut(&mut self.notes);
        if let Some(i) = position {
            corpus.articles.remove(i);
            if i < notes.articles.len() {
                notes.articles.remove(i);
            }
            if i < self.scans.len() {
                self.scans.remove(i);
            }
        }
        self.bad_files.remove(&rel);
        let file = self.root.join(&rel);
        if !file.is_file() {
            return;
        }
        match content::load_file(&self.root, &file) {
            Ok(a) if a.draft && !self.settings.drafts => {}
            Ok(a) => {
                let i = corpus.articles.partition_point(|b| content::newest_first(b, &a).is_lt());
                corpus.articles.insert(i, Arc::new(a));
                notes.articles.insert(i.min(notes.articles.len()), ArticleNotes::default());
                self.scans.insert(i.min(self.scans.len()), (Scan::default(), false));
            }
            Err(d) => {
                self.bad_files.insert(rel, d);
            }
        }
    }

    /// Copies the static files at or below each path into the site (or drops them when gone);
    /// returns how many files were copied.
    fn update_static(&mut self, paths: &[PathBuf]) -> usize {
        if paths.is_empty() || !self.built {
            return 0; // the next full render copies them
        }
        self.problems.statics.clear();
        let dir = self.settings.static_dir.clone();
        let files = Arc::make_mut(&mut self.files);
        let mut written = 0;
        for path in paths {
            let rel = path.strip_prefix(&dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
            if rel.is_empty() {
                files.retain(|k, _| {
                    k == ".nojekyll" || (!k.starts_with("static/") && render::static_output_path(k) != *k)
                });
            } else {
                let out = render::static_output_path(&rel);
                let below = format!("{out}/");
                files.retain(|k, _| *k != out && !k.starts_with(&below));
            }
            // Never through a symlink out of static/: only what is really in it is published.
            let walk = walkdir::WalkDir::new(path).follow_root_links(false).sort_by_file_name();
            for entry in walk.into_iter().filter_map(Result::ok) {
                let name = entry.file_name().to_str().unwrap_or("");
                if !entry.file_type().is_file() || content::is_editor_leftover(name) {
                    continue;
                }
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(render::static_output_path(&rel), Arc::new(bytes));
                        written += 1;
                    }
                    Err(e) => self.problems.statics.push(Diagnostic::new(
                        relative(&self.root, entry.path()),
                        None,
                        format!("could not read: {e}"),
                    )),
                }
            }
        }
        for (name, bytes) in templates::BUILTIN_STATIC {
            files.entry(format!("static/{name}")).or_insert_with(|| Arc::new(bytes.to_vec()));
        }
        written
    }

    /// Annotates the corpus: scans only the articles (re)loaded since the last render, then
    /// links the whole corpus, unless the edits left every name as it was; then the edited
    /// articles (sorted) come along too.
    fn annotate(&mut self) -> (Annotations, Option<Vec<usize>>) {
        if !self.settings.annotate.enabled {
            return (Annotations::none(&self.corpus), None);
        }
        if self.knowledge.is_none() {
            self.knowledge = Some(Knowledge::new(&self.gazetteer));
        }
        let Some(knowledge) = &self.knowledge else { return (Annotations::none(&self.corpus), None) };
        let options = annotate::date_options(&self.settings);
        self.scans.resize(self.corpus.articles.len(), (Scan::default(), false));
        let articles = &self.corpus.articles;
        self.scans.par_iter_mut().zip(articles).for_each(|((scan, current), article)| {
            if !*current {
                *scan = annotate::scan(knowledge, article, &options);
                *current = true;
            }
        });
        if let Some((notes, changed)) = self.relink_pending() {
            return (notes, Some(changed));
        }
        (annotate::link(knowledge, &self.corpus, &self.scans.iter().map(|(scan, _)| scan).collect::<Vec<_>>()), None)
    }

    /// The annotations after edits that left each edited article's names as they were (the
    /// usual edit: a sentence reworded, a date fixed): the last render's, with only the edited
    /// articles' notes redone. `None` when the corpus must be linked again.
    fn relink_pending(&self) -> Option<(Annotations, Vec<usize>)> {
        if self.pending_full || self.pending.is_empty() || self.notes.articles.len() != self.corpus.articles.len() {
            return None;
        }
        let mut articles = self.notes.articles.clone();
        let mut changed = Vec::with_capacity(self.pending.len());
        for (path, old) in &self.pending {
            let old = old.as_ref()?;
            let i = self.corpus.articles.iter().position(|a| a.path.as_os_str() == path.as_os_str())?;
            articles[i] = annotate::relink_unchanged(
                (&old.article, old.scan.as_ref()?, &old.notes),
                (&self.corpus.articles[i], &self.scans[i].0),
            )?;
            changed.push(i);
        }
        changed.sort_unstable();
        Some((Annotations { entities: self.notes.entities.clone(), articles }, changed))
    }

    /// Whether every edited article kept its place in the corpus (date and slug), its tags and
    /// the entities of its mentions in order, so the model indexes can be updated instead of
    /// built again.
    fn edited_in_place(&self, notes: &Annotations) -> bool {
        self.pending.iter().all(|(path, old)| {
            let Some(old) = old else { return false };
            let Some(i) = self.corpus.articles.iter().position(|a| a.path.as_os_str() == path.as_os_str()) else {
                return false;
            };
            let a = &self.corpus.articles[i];
            let entities = |n: &ArticleNotes| n.mentions.iter().map(|m| m.entity).collect::<Vec<_>>();
            a.published == old.article.published
                && a.slug == old.article.slug
                && a.tags == old.article.tags
                && entities(&old.notes) == entities(&notes.articles[i])
        })
    }

    /// Renders what changed since the last render, if nothing is known to be broken.
    fn render(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        let (notes, relinked) = self.annotate();
        let Some(templates) = self.templates.as_ref() else {
            return Err(vec![Diagnostic::new("templates", None, "the templates were not loaded")]);
        };
        let in_place = relinked.is_some() && self.edited_in_place(&notes);
        let site = match (relinked, self.indexes.take()) {
            (Some(changed), Some(previous)) if in_place => Site::update(&self.corpus, &notes, previous, &changed),
            _ => Site::build(&self.corpus, &notes),
        };
        let mut selection = if self.pending_full { None } else { self.selection(&site, &notes) };
        let defer_timeline = selection.as_mut().is_some_and(|s| std::mem::take(&mut s.timeline));
        let result = match &selection {
            None => render::render(&site, &self.settings, templates).map(|out| {
                let files: Files = out.into_files().into_iter().map(|(p, b)| (p, Arc::new(b))).collect();
                let written = files.len();
                (Arc::new(files), written)
            }),
            Some(selection) => render::render_selected(&site, &self.settings, templates, selection).map(|pages| {
                let mut files = Arc::clone(&self.files);
                let map = Arc::make_mut(&mut files);
                let written = pages.len();
                for (path, bytes) in pages {
                    map.insert(path, Arc::new(bytes));
                }
                (files, written)
            }),
        };
        let tag_slugs: Vec<String> = site.tags.iter().map(|t| t.slug.clone()).collect();
        let has_timeline = !site.timeline.is_empty();
        let indexes = site.into_indexes();
        match result {
            Ok((files, written)) => {
                self.indexes = Some(indexes);
                self.files = files;
                self.notes = Arc::new(notes);
                self.export_job += 1;
                self.tag_slugs = tag_slugs;
                self.had_timeline = has_timeline;
                self.exports_stale = selection.is_some();
                self.timeline_stale = selection.is_some() && (self.timeline_stale || defer_timeline);
                self.pending.clear();
                self.pending_full = false;
                self.built = true;
                self.update(false, written, selection.is_none())
            }
            Err(problems) => {
                self.pending_full = true;
                Err(problems)
            }
        }
    }

    /// Whether the feeds and data exports (or the timeline page) wait for an [`ExportJob`].
    pub fn exports_stale(&self) -> bool {
        self.exports_stale
    }

    /// After a partial rebuild, the job that renders the feeds and data exports (they cover
    /// every article); `None` when they are current. It runs on its own thread while the next
    /// edit is handled; [`Workspace::absorb_exports`] takes its files.
    pub fn export_job(&mut self) -> Option<ExportJob> {
        if !self.exports_stale {
            return None;
        }
        self.exports_stale = false;
        self.cancel_export = Arc::default();
        Some(ExportJob {
            id: self.export_job,
            corpus: Arc::clone(&self.corpus),
            notes: Arc::clone(&self.notes),
            settings: self.settings.clone(),
            templates: Arc::clone(self.templates.as_ref()?),
            cancelled: Arc::clone(&self.cancel_export),
            timeline: self.timeline_stale,
        })
    }

    /// Adds the files of export job `id` to the site, unless a render since made them stale;
    /// returns the site with them, and the pages among them (open ones must reload).
    pub fn absorb_exports(&mut self, id: u64, exports: RenderedFiles) -> Option<(Arc<Files>, Vec<String>)> {
        if id != self.export_job {
            return None;
        }
        let mut pages = Vec::new();
        let map = Arc::make_mut(&mut self.files);
        for (path, bytes) in exports {
            if path.ends_with(".html") {
                pages.push(path.clone());
            }
            map.insert(path, Arc::new(bytes));
        }
        if pages.iter().any(|p| p == crate::model::urls::TIMELINE) {
            self.timeline_stale = false;
        }
        Some((Arc::clone(&self.files), pages))
    }

    fn update(&self, css_only: bool, written: usize, full: bool) -> Result<Update, Vec<Diagnostic>> {
        Ok(Update { files: Arc::clone(&self.files), css_only, written, full })
    }

    /// The pages to redo when only the `pending` articles changed in place; `None` when the
    /// site's shape changed (an article added or removed, a slug, date, tag or entity list
    /// changed) and every page must be rendered.
    fn selection(&self, site: &Site<'_>, notes: &Annotations) -> Option<Selection> {
        if !same_entities(&self.notes, notes) || self.had_timeline == site.timeline.is_empty() {
            return None;
        }
        if site.tags.len() != self.tag_slugs.len() || site.tags.iter().zip(&self.tag_slugs).any(|(t, s)| t.slug != *s) {
            return None;
        }
        let mut sel = Selection::default();
        for (path, rendered) in &self.pending {
            let Some(old) = rendered else {
                // Not part of the rendered site: a new article changes every page (the counts),
                // a broken new file that is gone again changes nothing.
                if self.corpus.articles.iter().any(|a| a.path.as_os_str() == path.as_os_str()) {
                    return None;
                }
                continue;
            };
            let i = *site.by_slug.get(old.article.slug.as_str())?;
            let new = &self.corpus.articles[i];
            if new.path.as_os_str() != path.as_os_str() || new.published != old.article.published {
                return None;
            }
            sel.articles.push(i);
            if new.tags != old.article.tags {
                for name in old.article.tags.iter().chain(&new.tags) {
                    let slug = slugify_or_hash(name, "tag");
                    sel.tags.extend(site.tags.iter().position(|t| t.slug == slug));
                }
            }
            let (before, after) = (entity_counts(&old.notes), entity_counts(&notes.articles[i]));
            if before != after {
                // Their counts, quotes and co-occurrences changed; other entities' pages did not.
                sel.entities.extend(before.iter().chain(&after).map(|&(e, _)| e as usize));
                sel.entity_index = true;
            }
            if dated_text(&old.article, &old.notes) != dated_text(new, &notes.articles[i]) {
                sel.timeline = true;
            }
        }
        // Linking is corpus-wide: an edit can change how other articles' mentions resolve.
        for (i, (old, new)) in self.notes.articles.iter().zip(&notes.articles).enumerate() {
            if old.mentions != new.mentions && !self.pending.contains_key(&self.corpus.articles[i].path) {
                sel.articles.push(i);
                sel.all_entities = true;
            }
        }
        Some(sel)
    }
}

fn load_settings(root: &Path, overrides: &Overrides, origin: &str) -> Result<Settings> {
    let mut settings = Settings::load(root, overrides)?;
    settings.base_url.origin = origin.to_string();
    Ok(settings)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Whether `path` names an article file by its name (`.txt`, `.md`, not hidden, no leftover).
fn is_article_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    !name.starts_with('.')
        && !is_leftover(name)
        && matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "markdown"))
}

/// `content::duplicate_slugs`, after a quick check that usually finds no duplicate (sorting by
/// path, as the full check does, costs milliseconds at 10,000 articles).
fn duplicate_slugs(articles: &[Arc<Article>]) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::with_capacity(articles.len());
    if articles.iter().all(|a| seen.insert(a.slug.as_str())) {
        return Vec::new();
    }
    content::duplicate_slugs(articles)
}

/// Whether `path` is `prefix` or lies below it, comparing bytes (`Path`'s own comparisons parse
/// components, which adds up over a corpus).
fn at_or_below(path: &Path, prefix: &Path) -> bool {
    let (p, q) = (path.as_os_str().as_encoded_bytes(), prefix.as_os_str().as_encoded_bytes());
    p.starts_with(q) && (p.len() == q.len() || q.is_empty() || matches!(p[q.len()], b'/' | b'\\'))
}

fn same_entities(a: &Annotations, b: &Annotations) -> bool {
    a.entities.len() == b.entities.len()
        && a.entities.iter().zip(&b.entities).all(|(x, y)| x.id == y.id && x.name == y.name && x.kind == y.kind)
}

/// (entity, mentions) of one article, sorted.
/// What the timeline shows of an article: its dates and the text of the units that hold them.
fn dated_text<'a>(article: &'a Article, notes: &ArticleNotes) -> Vec<(String, &'a str)> {
    notes
        .dates
        .iter()
        .map(|d| {
            let unit = article.units.get(d.unit as usize).map_or("", |u| u.text.as_str());
            (format!("{:?}{:?}{:?}{}-{}", d.value, d.modifier, d.until, d.start, d.end), unit)
        })
        .collect()
}

fn entity_counts(notes: &ArticleNotes) -> Vec<(u32, usize)> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for m in &notes.mentions {
        *counts.entry(m.entity).or_default() += 1;
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::serve::classify::{classify, Layout};

    fn copy_fixture(to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    fn open(root: &Path) -> Workspace {
        Workspace::open(root, Overrides::default(), "http://127.0.0.1:1111".into()).unwrap()
    }

    /// Applies the change for `paths` and checks the result is byte for byte a fresh full build.
    fn apply_and_compare(ws: &mut Workspace, root: &Path, paths: &[&str], expect_full: bool) {
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        let change = classify(&Layout::new(ws.settings()), &paths);
        let mut update = ws.apply(&change).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(update.full, expect_full, "{change:?}");
        if let Some(job) = ws.export_job() {
            let files = job.run().expect("not cancelled");
            update.files = ws.absorb_exports(job.id, files).expect("no render since the job started").0;
        }
        let fresh = open(root).rebuild_all().unwrap();
        let mut got: Vec<&String> = update.files.keys().collect();
        let mut want: Vec<&String> = fresh.files.keys().collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{change:?}");
        for (path, bytes) in fresh.files.iter() {
            assert!(update.files[path] == *bytes, "{path} differs after {change:?}");
        }
    }

    #[test]
    fn partial_rebuilds_match_a_full_build() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        copy_fixture(root);
        let mut ws = open(root);
        assert!(ws.rebuild_all().unwrap().full);

        let ferry = "content/2024/05/ferry-timetable-changes.txt";
        let text = fs::read_to_string(root.join(ferry)).unwrap();
        fs::write(root.join(ferry), text.replace("twenty minutes", "fifteen minutes")).unwrap();
        apply_and_compare(&mut ws, root, &[ferry], false);

        fs::write(root.join(ferry), text.replace("Ferry operator announces", "Operator unveils")).unwrap();
        apply_and_compare(&mut ws, root, &[ferry], false);

        // A new name links the corpus again; rewording around it keeps every entity as it was.
        let named = text.replace("Commuters welcomed", "Mayor Anna Lind and commuters in Oslo welcomed");
        fs::write(root.join(ferry), &named).unwrap();
        apply_and_compare(&mut ws, root, &[ferry], true);
        fs::write(root.join(ferry), named.replace("every twenty minutes", "every quarter of an hour on Monday"))
            .unwrap();
        apply_and_compare(&mut ws, root, &[ferry], false);
        fs::write(root.join(ferry), &text).unwrap();
        apply_and_compare(&mut ws, root, &[ferry], true);

        let light = "content/2024/05/lighthouse-restoration.md";
        let md = fs::read_to_string(root.join(light)).unwrap();
        fs::write(root.join(light), md.replace("tags = [\"heritage\", \"harbour\"]", "tags = [\"harbour\"]")).unwrap();
        apply_and_compare(&mut ws, root, &[light], true); // the "heritage" tag is gone

        fs::write(root.join(light), md.replace("2024-05-09", "2024-05-01")).unwrap();
        apply_and_compare(&mut ws, root, &[light], true); // the order changed

        fs::write(root.join("content/2024/05/new.txt"), "A new one\n20240521\n\nIt is new.\n").unwrap();
        apply_and_compare(&mut ws, root, &["content/2024/05/new.txt"], true);

        fs::create_dir_all(root.join("content/2023")).unwrap();
        fs::rename(root.join("content/2024/05"), root.join("content/2023/05")).unwrap();
        apply_and_compare(&mut ws, root, &["content/2024/05", "content/2023/05"], true);

        fs::write(root.join("static/style.css"), "body { color: red; }\n").unwrap();
        apply_and_compare(&mut ws, root, &["static/style.css"], false);
        fs::remove_file(root.join("static/style.css")).unwrap();
        apply_and_compare(&mut ws, root, &["static/style.css"], false); // the built-in one is back

        fs::write(root.join("templates/404.html"), "{% extends \"base.html\" %}{% block main %}gone{% endblock %}")
            .unwrap();
        apply_and_compare(&mut ws, root, &["templates/404.html"], true);
    }

    #[test]
    fn a_broken_file_blocks_rendering_until_fixed_and_is_remembered() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        copy_fixture(root);
        let mut ws = open(root);
        ws.rebuild_all().unwrap();
        let ferry = "content/2024/05/ferry-timetable-changes.txt";
        let text = fs::read_to_string(root.join(ferry)).unwrap();
        fs::write(root.join(ferry), text.replace("20240502", "2 May")).unwrap();
        let change = classify(&Layout::new(ws.settings()), &[root.join(ferry)]);
        let problems = ws.apply(&change).unwrap_err();
        assert_eq!(problems[0].to_string(), format!("{ferry}:2: expected a date like 20220330, found \"2 May\""));
        // Another article changes meanwhile: still broken, but the change is not lost.
        let market = "content/2024/05/market-day.txt";
        let m = fs::read_to_string(root.join(market)).unwrap();
        fs::write(root.join(market), m.replace("Fish market moves", "Fish market moves again")).unwrap();
        assert!(ws.apply(&classify(&Layout::new(ws.settings()), &[root.join(market)])).is_err());
        fs::write(root.join(ferry), text.replace("twenty", "thirty")).unwrap();
        apply_and_compare(&mut ws, root, &[ferry], false);
        assert!(ws.problems().is_empty());
    }
}
