//! Annotations as HTML spans: each mention links to its entity page (its type shown on hover),
//! each date to its place on the timeline.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::annotate::dates::{Mod, Timex};
use crate::annotate::{ArticleNotes, DateNote, EntityKind, Mention};
use crate::model::{timeline, urls, Site};
use crate::settings::Settings;

use super::html::{escape, Span};

/// One annotation in a unit.
#[derive(Clone, Copy, Debug)]
pub enum Note<'n> {
    Mention(&'n Mention),
    Date(&'n DateNote),
}

impl Note<'_> {
    pub fn range(&self) -> (u32, u32) {
        match self {
            Note::Mention(m) => (m.start, m.end),
            Note::Date(d) => (d.start, d.end),
        }
    }
}

/// The annotations of unit `unit`, sorted, without overlaps (a mention wins over a date).
pub fn unit_notes(notes: &ArticleNotes, unit: u32) -> Vec<Note<'_>> {
    let m_lo = notes.mentions.partition_point(|m| m.unit < unit);
    let d_lo = notes.dates.partition_point(|d| d.unit < unit);
    let mentions = notes.mentions[m_lo..].iter().take_while(|m| m.unit == unit);
    let dates = notes.dates[d_lo..].iter().take_while(|d| d.unit == unit);
    let mut out: Vec<Note<'_>> = mentions.map(Note::Mention).collect();
    for d in dates {
        if !out.iter().any(|n| matches!(n, Note::Mention(m) if m.start < d.end && d.start < m.end)) {
            out.push(Note::Date(d));
        }
    }
    out.sort_by_key(|n| n.range());
    out
}

pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Org => "Organisation",
    }
}

/// The opening tags of the links annotations become, made once per render and borrowed by
/// every span: an entity is linked from every article that names it and a date from every
/// article that gives it, and formatting a date's label and link was most of a span's cost.
pub struct LinkTags {
    entities: Vec<String>,
    dates: HashMap<DateKey, (String, &'static str)>,
}

/// What a date link shows: the date, the end of a range, and a modifier ("early", "about").
type DateKey = (Timex, Option<Timex>, Option<Mod>);

fn date_key(d: &DateNote) -> DateKey {
    (d.value, d.until, d.modifier)
}

impl LinkTags {
    pub fn new(site: &Site<'_>, settings: &Settings) -> Self {
        let entities = (0..site.notes.entities.len()).into_par_iter().map(|e| entity_open(site, settings, e)).collect();
        let dates = site
            .notes
            .articles
            .par_iter()
            .fold(HashMap::new, |mut tags, notes| {
                for d in &notes.dates {
                    tags.entry(date_key(d)).or_insert_with(|| date_tag(settings, d));
                }
                tags
            })
            .reduce(HashMap::new, |mut a, b| {
                a.extend(b);
                a
            });
        LinkTags { entities, dates }
    }

    /// The linking span for `note` (none for a note of another site).
    pub fn link(&self, note: Note<'_>) -> Option<Span<'_>> {
        let (start, end) = note.range();
        let (start, end) = (start as usize, end as usize);
        let (open, close) = match note {
            Note::Mention(m) => (self.entities.get(m.entity as usize)?.as_str(), "</a>"),
            Note::Date(d) => self.dates.get(&date_key(d)).map(|(open, close)| (open.as_str(), *close))?,
        };
        Some(Span { start, end, open, close })
    }
}

/// The opening tag of a link to entity `e`'s page.
fn entity_open(site: &Site<'_>, settings: &Settings, e: usize) -> String {
    let ent = &site.notes.entities[e];
    format!(
        "<a class=\"entity {}\" href=\"{}\" title=\"{} · {}\">",
        ent.kind.as_str().to_ascii_lowercase(),
        escape(&settings.base_url.path_for(&urls::entity(&ent.id))),
        kind_label(ent.kind),
        escape(&ent.name),
    )
}

/// The opening and closing tags of a link from date `d` to its place on the timeline.
fn date_tag(settings: &Settings, d: &DateNote) -> (String, &'static str) {
    let mut title = timeline::label(&d.value);
    if let Some(until) = &d.until {
        title = format!("{title} to {}", timeline::label(until));
    }
    if let Some(m) = d.modifier {
        title = format!("{title} ({})", m.as_str().to_ascii_lowercase());
    }
    let href = format!("{}#{}", settings.base_url.path_for(urls::TIMELINE), timeline::anchor(&d.value));
    let (time_open, time_close) = match timeline::html_datetime(&d.value) {
        Some(dt) if d.until.is_none() => (format!("<time datetime=\"{dt}\">"), "</time></a>"),
        _ => (String::new(), "</a>"),
    };
    (format!("<a class=\"date\" href=\"{}\" title=\"{}\">{time_open}", escape(&href), escape(&title)), time_close)
}

/// Every unit's linking spans for article `i`.
pub fn article_spans<'t>(site: &Site<'_>, tags: &'t LinkTags, i: usize) -> Vec<Vec<Span<'t>>> {
    let notes = &site.notes.articles[i];
    (0..site.corpus.articles[i].units.len() as u32)
        .map(|u| unit_notes(notes, u).into_iter().filter_map(|n| tags.link(n)).collect())
        .collect()
}

/// `<mark>` spans around the mentions of entity `entity` in one unit.
pub fn marks(notes: &ArticleNotes, unit: u32, entity: u32) -> Vec<Span<'static>> {
    let lo = notes.mentions.partition_point(|m| m.unit < unit);
    notes.mentions[lo..]
        .iter()
        .take_while(|m| m.unit == unit)
        .filter(|m| m.entity == entity)
        .map(|m| Span { start: m.start as usize, end: m.end as usize, open: "<mark>", close: "</mark>" })
        .collect()
}
