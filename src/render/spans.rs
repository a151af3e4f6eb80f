//! Annotations as HTML spans: each mention links to its entity page (its type shown on hover),
//! each date to its place on the timeline.

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

/// The opening tag of a link to entity `e`'s page.
pub fn entity_open(site: &Site<'_>, settings: &Settings, e: usize) -> String {
    let ent = &site.notes.entities[e];
    format!(
        "<a class=\"entity {}\" href=\"{}\" title=\"{} · {}\">",
        ent.kind.as_str().to_ascii_lowercase(),
        escape(&settings.base_url.path_for(&urls::entity(&ent.id))),
        kind_label(ent.kind),
        escape(&ent.name),
    )
}

/// A linking span for `note`; `entity_open(e)` gives the opening tag of a link to entity `e`.
pub fn link(settings: &Settings, note: Note<'_>, entity_open: &dyn Fn(usize) -> String) -> Span {
    let (start, end) = note.range();
    let (start, end) = (start as usize, end as usize);
    match note {
        Note::Mention(m) => Span { start, end, open: entity_open(m.entity as usize), close: "</a>" },
        Note::Date(d) => {
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
            Span {
                start,
                end,
                open: format!("<a class=\"date\" href=\"{}\" title=\"{}\">{time_open}", escape(&href), escape(&title)),
                close: time_close,
            }
        }
    }
}

/// Every unit's linking spans for article `i` (see [`link`] for `entity_open`).
pub fn article_spans(
    site: &Site<'_>,
    settings: &Settings,
    i: usize,
    entity_open: &dyn Fn(usize) -> String,
) -> Vec<Vec<Span>> {
    let notes = &site.notes.articles[i];
    (0..site.corpus.articles[i].units.len() as u32)
        .map(|u| unit_notes(notes, u).into_iter().map(|n| link(settings, n, entity_open)).collect())
        .collect()
}

/// `<mark>` spans around the mentions of entity `entity` in one unit.
pub fn marks(notes: &ArticleNotes, unit: u32, entity: u32) -> Vec<Span> {
    let lo = notes.mentions.partition_point(|m| m.unit < unit);
    notes.mentions[lo..]
        .iter()
        .take_while(|m| m.unit == unit)
        .filter(|m| m.entity == entity)
        .map(|m| Span { start: m.start as usize, end: m.end as usize, open: "<mark>".into(), close: "</mark>" })
        .collect()
}
