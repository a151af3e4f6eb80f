//! Entity recognition and linking: finds PERSON / PLACE / ORG mentions in article text and links
//! the mentions of one entity across the corpus ("Vladimir Putin", "Putin", "Mr Putin", "Putin's"
//! → `vladimir-putin`).
//!
//! Pure Rust, offline, no model: a byte-level tokenizer skips lower-case words cheaply, and only
//! capitalised words are looked up in hash tables built once from the built-in `data/` files
//! (GeoNames/ISO places, given names, curated cue lists) and the site's gazetteer, which always wins.
//! Spans follow `tests/eval/GUIDELINES.md`: titles, a leading "the" and possessives are outside
//! the span; designators that are part of the name ("Sumy Oblast", "Ministry of Defence") inside.
//!
//! Use: build one [`Knowledge`] per run, call [`recognise`] per article (pure, thread-safe),
//! then [`link`] once over all articles.

mod classify;
mod hash;
mod knowledge;
mod link;
mod recognise;
mod slug;
#[cfg(test)]
mod tests;
mod tokens;

pub use knowledge::Knowledge;
pub use link::link;
pub use recognise::recognise;
pub use slug::slugify;

/// Entity type (OntoNotes-like, collapsed to three).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    #[default]
    Person,
    Place,
    Org,
}

impl EntityKind {
    /// "PERSON", "PLACE" or "ORG".
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Place => "PLACE",
            EntityKind::Org => "ORG",
        }
    }
}

/// One entry of the site's own gazetteer (content/entities.toml); it always wins over built-in knowledge.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GazetteerEntry {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub image: Option<String>,
}

/// A piece of article text: the headline (Title Case, so capitalisation is weak evidence) or a body
/// unit (a sentence, or a Markdown paragraph/heading/list item that may hold several sentences).
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    pub text: &'a str,
    pub headline: bool,
}

/// One mention found in one article, before linking. Byte offsets into `units[unit].text`, end
/// exclusive, always on char boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub unit: u32,
    pub start: u32,
    pub end: u32,
    pub kind: EntityKind,
    /// Built-in canonical name (an alias such as "US" → "United States"), `u32::MAX` if none.
    pub canon: u32,
    /// Index of the site gazetteer entry it matched, `u32::MAX` if none.
    pub site: u32,
    /// The type is a default guess (one unknown word, no context): linking may correct it from
    /// what the rest of the corpus says about the same name.
    pub guessed: bool,
}

impl Candidate {
    /// The mention's text within its unit.
    pub fn text<'a>(&self, units: &[Unit<'a>]) -> &'a str {
        units.get(self.unit as usize).and_then(|u| u.text.get(self.start as usize..self.end as usize)).unwrap_or("")
    }
}

/// A linked entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Slug of the canonical name, unique in the corpus (`-2`, `-3`… on clashes).
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Distinct surface forms seen, sorted.
    pub aliases: Vec<String>,
    /// Index into the site gazetteer entries.
    pub gazetteer: Option<usize>,
}

/// The result of linking a corpus.
#[derive(Clone, Debug)]
pub struct Linked {
    /// Sorted by id.
    pub entities: Vec<Entity>,
    /// Per article (corpus order): its candidates with the index of their entity.
    pub articles: Vec<Vec<(Candidate, usize)>>,
}
