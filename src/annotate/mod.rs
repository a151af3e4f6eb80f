//! ANNOTATE: the passes that read every article and add what the text talks about.
//!
//! * `entities` — PERSON / PLACE / ORG mentions, linked across the corpus into entities;
//! * `dates` — temporal expressions, normalised against each article's publication date.
//!
//! Pure: no IO, no templates. Per-article work runs in parallel; linking runs once over the
//! corpus and does not depend on the order articles were read in.

pub mod dates;
pub mod export;
pub mod gazetteer;

use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use crate::content::{Article, Corpus};
use crate::diagnostics::Diagnostic;
use crate::settings::{DateOrder, Settings};

pub use gazetteer::GazetteerEntry;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Person,
    Place,
    Org,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Place => "PLACE",
            EntityKind::Org => "ORG",
        }
    }
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

/// Runs every annotation pass over the corpus.
pub fn run(corpus: &Corpus, _gazetteer: &[GazetteerEntry], settings: &Settings) -> Annotations {
    let options = date_options(settings);
    let articles = corpus
        .articles
        .par_iter()
        .map(|a| ArticleNotes { mentions: Vec::new(), dates: find_article_dates(a, &options) })
        .collect();
    Annotations { entities: Vec::new(), articles }
}
