//! ANNOTATE: the passes that read every article and add what the text talks about.
//!
//! * `entities` — PERSON / PLACE / ORG mentions, linked across the corpus into entities;
//! * `dates` — temporal expressions, normalised against each article's publication date.
//!
//! Pure: no IO, no templates. Per-article work runs in parallel; linking runs once over the
//! corpus and does not depend on the order articles were read in.

pub mod dates;
pub mod entities;
pub mod export;
pub mod gazetteer;

use rayon::prelude::*;

use crate::content::{Article, Corpus};
use crate::diagnostics::Diagnostic;
use crate::settings::{DateOrder, Settings};

pub use entities::{EntityKind, GazetteerEntry, Knowledge};

/// Everything annotation found, indexed like `corpus.articles`.
#[derive(Debug, Default)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub articles: Vec<ArticleNotes>,
}

/// The annotations of one article; byte ranges index into `article.units[unit].text`.
#[derive(Clone, Debug, Default)]
pub struct ArticleNotes {
    /// Sorted by (unit, start), non-overlapping.
    pub mentions: Vec<Mention>,
    /// Sorted by (unit, start), non-overlapping, never overlapping a mention.
    pub dates: Vec<DateNote>,
}

/// A date expression, normalised against the article's publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateNote {
    pub unit: u32,
    pub start: u32,
    pub end: u32,
    pub value: dates::Timex,
    pub modifier: Option<dates::Mod>,
    /// The last value of a range ("from March 1 to 5").
    pub until: Option<dates::Timex>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub unit: u32,
    pub start: u32,
    pub end: u32,
    /// Index into [`Annotations::entities`].
    pub entity: u32,
}

/// One linked entity.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Unique slug of the canonical name: the entity page's address.
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub image: Option<String>,
}

impl Annotations {
    /// No annotations for any article (annotation switched off in `site.toml`).
    pub fn none(corpus: &Corpus) -> Self {
        Annotations { entities: Vec::new(), articles: vec![ArticleNotes::default(); corpus.articles.len()] }
    }
}

/// Reads the site's gazetteer (see [`gazetteer`]).
pub fn load_gazetteer(settings: &Settings) -> Result<Vec<GazetteerEntry>, Vec<Diagnostic>> {
    gazetteer::load(&settings.root, &settings.annotate.gazetteer)
}

/// How dates are read, from the site settings.
pub fn date_options(settings: &Settings) -> dates::DateOptions {
    let numeric_order = match settings.annotate.date_order {
        DateOrder::DayFirst => dates::NumericOrder::DayFirst,
        DateOrder::MonthFirst => dates::NumericOrder::MonthFirst,
    };
    dates::DateOptions { numeric_order }
}

/// The dates of one article, unit by unit.
pub fn find_article_dates(article: &Article, options: &dates::DateOptions) -> Vec<DateNote> {
    let mut out = Vec::new();
    for (unit, u) in article.units.iter().enumerate() {
        for d in dates::find_dates(&u.text, article.published, options) {
            out.push(DateNote {
                unit: unit as u32,
                start: d.start as u32,
                end: d.end as u32,
                value: d.value,
                modifier: d.modifier,
                until: d.until,
            });
        }
    }
    out
}

/// What annotation finds in one article on its own, before corpus-wide linking. The dev server
/// keeps these to redo only the articles that changed.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub candidates: Vec<entities::Candidate>,
    pub dates: Vec<DateNote>,
}

/// Recognises the entity candidates and finds the dates of one article.
pub fn scan(knowledge: &Knowledge, article: &Article, options: &dates::DateOptions) -> Scan {
    let units: Vec<entities::Unit<'_>> =
        article.units.iter().map(|u| entities::Unit { text: &u.text, headline: u.headline }).collect();
    Scan { candidates: entities::recognise(knowledge, &units), dates: find_article_dates(article, options) }
}

/// Links the scans of every article (in the order of `corpus.articles`) into the corpus's
/// entities.
pub fn link<'s>(knowledge: &Knowledge, corpus: &Corpus, scans: impl Iterator<Item = &'s Scan> + Clone) -> Annotations {
    let candidates: Vec<Vec<entities::Candidate>> = scans.clone().map(|s| s.candidates.clone()).collect();
    let linked = entities::link(knowledge, candidates, |a, c| {
        corpus.articles[a].units[c.unit as usize].text.get(c.start as usize..c.end as usize).unwrap_or("")
    });
    let site = knowledge.site_entries();
    let entities = linked
        .entities
        .into_iter()
        .map(|e| {
            let entry = e.gazetteer.and_then(|g| site.get(g));
            Entity {
                id: e.id,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
                description: entry.and_then(|g| g.description.clone()),
                link: entry.and_then(|g| g.link.clone()),
                image: entry.and_then(|g| g.image.clone()),
            }
        })
        .collect();
    let articles = linked
        .articles
        .into_iter()
        .zip(scans)
        .map(|(found, scan)| {
            let mut mentions: Vec<Mention> = found
                .into_iter()
                .map(|(c, e)| Mention { unit: c.unit, start: c.start, end: c.end, entity: e as u32 })
                .collect();
            mentions.sort_by_key(|m| (m.unit, m.start));
            let dates = scan
                .dates
                .iter()
                .filter(|d| {
                    let lo = mentions.partition_point(|m| (m.unit, m.end) <= (d.unit, d.start));
                    !mentions.get(lo).is_some_and(|m| m.unit == d.unit && m.start < d.end)
                })
                .copied()
                .collect();
            ArticleNotes { mentions, dates }
        })
        .collect();
    Annotations { entities, articles }
}

/// Runs every annotation pass over the corpus.
pub fn run(corpus: &Corpus, gazetteer: &[GazetteerEntry], settings: &Settings) -> Annotations {
    let knowledge = Knowledge::new(gazetteer);
    let options = date_options(settings);
    let scans: Vec<Scan> = corpus.articles.par_iter().map(|a| scan(&knowledge, a, &options)).collect();
    link(&knowledge, corpus, scans.iter())
}
