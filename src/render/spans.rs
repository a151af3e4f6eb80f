//! Annotations as HTML spans: each mention links to its entity page (its type shown on hover),
//! each date to its place on the timeline.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

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

/// The opening tags of the links annotations become, each made once per render: an entity is
/// linked from every article that names it and a date from every article that gives it, and
/// formatting a date's label and link was most of a span's cost. Spans borrow an entity's tag
/// and copy a date's out of the shared map. Tags are made on first use: the dev server
/// re-renders only a few pages per edit.
pub struct LinkTags<'s> {
    site: &'s Site<'s>,
    settings: &'s Settings,
    entities: Vec<OnceLock<String>>,
    dates: RwLock<HashMap<DateKey, (String, &'static str)>>,
}

/// What a date link shows: the date, the end of a range, and a modifier ("early", "about").
type DateKey = (Timex, Option<Timex>, Option<Mod>);

fn date_key(d: &DateNote) -> DateKey {
    (d.value, d.until, d.modifier)
}

impl<'s> LinkTags<'s> {
    pub fn new(site: &'s Site<'s>, settings: &'s Settings) -> Self {
        let entities = (0..site.notes.entities.len()).map(|_| OnceLock::new()).collect();
        LinkTags { site, settings, entities, dates: RwLock::default() }
    }

    /// The linking span for `note` (none for a note of another site).
    pub fn link(&self, note: Note<'_>) -> Option<Span<'_>> {
        let (start, end) = note.range();
        let (start, end) = (start as usize, end as usize);
        let (open, close) = match note {
            Note::Mention(m) => {
                let e = m.entity as usize;
                let tag = self.entities.get(e)?.get_or_init(|| entity_open(self.site, self.settings, e));
                (Cow::Borrowed(tag.as_str()), "</a>")
            }
            Note::Date(d) => {
                let (open, close) = self.date_tag(d);
                (Cow::Owned(open), close)
            }
        };
        Some(Span { start, end, open, close })
    }

    /// Date `d`'s tags: looked up, or made and kept for every later date like it.
    fn date_tag(&self, d: &DateNote) -> (String, &'static str) {
        let key = date_key(d);
        if let Some(tag) = self.dates.read().ok().and_then(|dates| dates.get(&key).cloned()) {
            return tag;
        }
        let tag = make_date_tag(self.settings, d);
        if let Ok(mut dates) = self.dates.write() {
            dates.insert(key, tag.clone());
        }
        tag
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
fn make_date_tag(settings: &Settings, d: &DateNote) -> (String, &'static str) {
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
pub fn article_spans<'t>(site: &Site<'_>, tags: &'t LinkTags<'_>, i: usize) -> Vec<Vec<Span<'t>>> {
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
        .map(|m| Span { start: m.start as usize, end: m.end as usize, open: Cow::Borrowed("<mark>"), close: "</mark>" })
        .collect()
}
