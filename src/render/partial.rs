//! Partial re-renders for the dev server: only the pages that show a chosen set of articles,
//! tags and entities. The site's shape (which articles exist, their order, slugs and dates) must
//! be the one the rest of the output was rendered from; anything else needs a full [`render`].
//!
//! [`render`]: super::render

use super::templates::Templates;
use rayon::prelude::*;

use super::{all_or_problems, is_root_file, Job, RenderedFiles, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::settings::Settings;

/// Which pages to re-render.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Articles (indexes into the corpus) whose text or card changed: their own page, their
    /// neighbours' pages and the one page of every listing that shows them.
    pub articles: Vec<usize>,
    /// Tags whose every page changed (an article gained or lost the tag), plus the tag index.
    pub tags: Vec<usize>,
    /// Every entity page and the entity index (mentions changed).
    pub all_entities: bool,
    /// Entities whose every page changed (their counts or quotes), by index.
    pub entities: Vec<usize>,
    /// The entity index (counts changed).
    pub entity_index: bool,
    /// The timeline page (dates changed).
    pub timeline: bool,
}

/// Renders the selected pages (never the static files, feeds or data exports: see
/// [`render_exports`]) into `(path, bytes)` pairs.
pub fn render_selected(
    site: &Site<'_>,
    settings: &Settings,
    templates: &Templates,
    selection: &Selection,
) -> Result<RenderedFiles, Vec<Diagnostic>> {
    let r = Renderer::new(site, settings, templates);
    let mut articles = selection.articles.clone();
    articles.sort_unstable();
    articles.dedup();
    let jobs: Vec<Job> = r.jobs().into_iter().filter(|job| r.selected(*job, &articles, selection)).collect();
    all_or_problems(jobs.par_iter().map(|job| r.render(*job)).collect())
}

/// The feeds and data exports, which cover every article: the dev server refreshes them after
/// publishing the pages of a partial rebuild, so the open page reloads without waiting. Gives up
/// (`None`) between stages once `keep_going` says so.
pub fn render_exports(
    site: &Site<'_>,
    settings: &Settings,
    templates: &Templates,
    keep_going: &dyn Fn() -> bool,
) -> Option<RenderedFiles> {
    let r = Renderer::new(site, settings, templates);
    let files = std::cell::RefCell::new(Vec::new());
    let go_on = || if keep_going() { Ok(()) } else { Err(()) };
    r.data_files::<()>(
        &mut |more| {
            files.borrow_mut().extend(more);
            go_on()
        },
        &mut |path, bytes| {
            super::append_to(&mut files.borrow_mut(), path, bytes);
            Ok(())
        },
    )
    .ok()?;
    let mut files = files.into_inner();
    if !keep_going() {
        return None;
    }
    files.extend(super::feeds::feeds(site, settings, &|i| r.body(i)));
    Some(files)
}

/// Where a file of `static/` is published (`img/a.png` → `static/img/a.png`, `CNAME` → `CNAME`).
pub fn static_output_path(rel: &str) -> String {
    if is_root_file(rel) {
        rel.to_string()
    } else {
        format!("static/{rel}")
    }
}

impl Renderer<'_> {
    /// Whether `job` shows one of `articles` (sorted) or belongs to the selection otherwise.
    fn selected(&self, job: Job, articles: &[usize], sel: &Selection) -> bool {
        let s = self.site;
        // The page of a listing (sorted article indexes) that shows one of `articles`.
        let on_page = |list: &[usize], page: usize| {
            articles.iter().any(|a| list.binary_search(a).is_ok_and(|pos| pos / self.per_page() + 1 == page))
        };
        let listed = |list: &[usize]| articles.iter().any(|a| list.binary_search(a).is_ok());
        match job {
            Job::Index(n) => articles.iter().any(|&a| a / self.per_page() + 1 == n),
            Job::Article(i) => articles.iter().any(|&a| a.abs_diff(i) <= 1),
            Job::Month(m) => listed(&s.months[m].articles),
            Job::Tags => !sel.tags.is_empty(),
            Job::Tag(t, n) => sel.tags.contains(&t) || on_page(&s.tags[t].articles, n),
            Job::Entities => sel.all_entities || sel.entity_index,
            // The first page also carries the entity's own timeline, from every article.
            Job::Entity(e, n) => {
                sel.all_entities
                    || sel.entities.contains(&e)
                    || on_page(&s.entities[e].articles, n)
                    || (n == 1 && listed(&s.entities[e].articles))
            }
            Job::Timeline => sel.timeline,
            Job::Archive | Job::Search | Job::NotFound => false,
        }
    }
}
