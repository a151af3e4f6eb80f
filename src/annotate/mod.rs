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
#[derive(Clone, Debug, Default)]
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
pub fn link(knowledge: &Knowledge, corpus: &Corpus, scans: &[&Scan]) -> Annotations {
    let candidates: Vec<Vec<entities::Candidate>> = scans.par_iter().map(|s| s.candidates.clone()).collect();
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
        .into_par_iter()
        .zip(scans)
        .map(|(found, scan)| article_notes(found.into_iter().map(|(c, e)| (c, e as u32)), scan))
        .collect();
    Annotations { entities, articles }
}

/// An article's notes from its linked candidates: mentions in text order, and the dates that do
/// not overlap a mention.
fn article_notes(found: impl Iterator<Item = (entities::Candidate, u32)>, scan: &Scan) -> ArticleNotes {
    let mut mentions: Vec<Mention> =
        found.map(|(c, entity)| Mention { unit: c.unit, start: c.start, end: c.end, entity }).collect();
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
}

/// One article as linking sees it: the text, type and knowledge of each candidate, in order.
/// Linking depends on nothing else, so an edit that leaves this unchanged links as before.
fn link_input<'a>(article: &'a Article, scan: &'a Scan) -> impl Iterator<Item = (&'a str, entities::Candidate)> + 'a {
    scan.candidates.iter().map(|c| {
        let text = article.units.get(c.unit as usize).and_then(|u| u.text.get(c.start as usize..c.end as usize));
        (text.unwrap_or(""), entities::Candidate { unit: 0, start: 0, end: 0, ..*c })
    })
}

/// The notes of an edited article without linking the corpus again, when its candidates read
/// exactly as in the version linked before (`old`): every entity stays as it was, and each
/// mention keeps its entity at its new place. `None` when linking must run again.
pub fn relink_unchanged(old: (&Article, &Scan, &ArticleNotes), new: (&Article, &Scan)) -> Option<ArticleNotes> {
    let (old_article, old_scan, old_notes) = old;
    let (article, scan) = new;
    if old_scan.candidates.len() != scan.candidates.len()
        || !link_input(old_article, old_scan).eq(link_input(article, scan))
    {
        return None;
    }
    let entity_of = |c: &entities::Candidate| {
        let at = old_notes.mentions.binary_search_by_key(&(c.unit, c.start), |m| (m.unit, m.start)).ok()?;
        let m = old_notes.mentions[at];
        (m.end == c.end).then_some(m.entity)
    };
    let found: Option<Vec<(entities::Candidate, u32)>> =
        old_scan.candidates.iter().zip(&scan.candidates).map(|(o, c)| Some((*c, entity_of(o)?))).collect();
    Some(article_notes(found?.into_iter(), scan))
}

/// Runs every annotation pass over the corpus.
pub fn run(corpus: &Corpus, gazetteer: &[GazetteerEntry], settings: &Settings) -> Annotations {
    run_with(corpus, &Knowledge::new(gazetteer), settings, &|_| {})
}

/// [`run`] with a knowledge base already built, calling `stage` as each pass starts (progress
/// and `--timings`).
pub fn run_with(corpus: &Corpus, knowledge: &Knowledge, settings: &Settings, stage: &dyn Fn(&str)) -> Annotations {
    let options = date_options(settings);
    stage("annotating: recognising");
    let scans: Vec<Scan> = corpus.articles.par_iter().map(|a| scan(knowledge, a, &options)).collect();
    stage("annotating: linking");
    link(knowledge, corpus, &scans.iter().collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn article(name: &str, body: &str) -> Article {
        let text = format!("{name}\n20220301\nhttps://example.org/{name}\n{body}");
        crate::content::plain::parse(Path::new(name), &text).unwrap()
    }

    fn scanned(articles: Vec<Article>) -> (Corpus, Vec<Scan>, Knowledge) {
        let knowledge = Knowledge::new(&[]);
        let options = dates::DateOptions { numeric_order: dates::NumericOrder::DayFirst };
        let scans = articles.iter().map(|a| scan(&knowledge, a, &options)).collect();
        (Corpus { articles: articles.into_iter().map(std::sync::Arc::new).collect() }, scans, knowledge)
    }

    #[test]
    fn an_edit_that_keeps_the_names_relinks_like_the_whole_corpus() {
        let before = vec![
            article("a", "Vladimir Putin met Olaf Scholz in Moscow.\nPutin spoke first on Monday."),
            article("b", "Mr Putin left Moscow on Tuesday."),
        ];
        let (corpus, scans, knowledge) = scanned(before);
        let linked = link(&knowledge, &corpus, &scans.iter().collect::<Vec<_>>());

        // New sentences and a new date, but the same names in the same order.
        let edited = article(
            "b",
            "The talks went on for hours.\nMr Putin left Moscow on Wednesday, officials said.\nNothing else happened.",
        );
        let mut after: Vec<Article> = corpus.articles.iter().map(|a| (**a).clone()).collect();
        after[1] = edited;
        let (after, after_scans, _) = scanned(after);
        let full = link(&knowledge, &after, &after_scans.iter().collect::<Vec<_>>());
        let quick = relink_unchanged(
            (&corpus.articles[1], &scans[1], &linked.articles[1]),
            (&after.articles[1], &after_scans[1]),
        )
        .expect("the names did not change");
        assert_eq!(quick.mentions, full.articles[1].mentions);
        assert_eq!(quick.dates, full.articles[1].dates);
        assert!(!quick.mentions.is_empty() && !quick.dates.is_empty());

        // A new name may change how the corpus links: no shortcut.
        let renamed = article("b", "Mr Putin left Moscow with Emmanuel Macron on Tuesday.");
        let (renamed, renamed_scans, _) = scanned(vec![(*corpus.articles[0]).clone(), renamed]);
        assert!(relink_unchanged(
            (&corpus.articles[1], &scans[1], &linked.articles[1]),
            (&renamed.articles[1], &renamed_scans[1]),
        )
        .is_none());
    }
}
