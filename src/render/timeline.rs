//! The timeline page, the per-entity timelines and the TimelineJS3 export.
//!
//! Each period lists the sentences that refer to it, when they were reported and by which
//! article. A period shows at most [`MAX_REFERENCES`] sentences so a page costs in proportion to
//! the periods it lists, however often a date is mentioned.

use chrono::Datelike;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::timeline::{self, Group, Reference};
use crate::model::urls;

use super::html::{annotated_into, Span};
use super::{views, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::sentence;

/// Sentences shown per period on the timeline page.
pub const MAX_REFERENCES: usize = 5;
/// Sentences shown per period on an entity page.
const MAX_ENTITY_REFERENCES: usize = 1;
/// Periods shown on an entity page: the most referred-to, in chronological order.
const MAX_ENTITY_PERIODS: usize = 24;
/// Entity chips shown under a timeline sentence.
const MAX_CHIPS: usize = 6;

/// A period on the timeline page: its [`PeriodView`] fields, and these.
#[derive(Serialize)]
struct GroupView<'a> {
    /// Set on the first period of each month: a heading for month sections.
    heading: Option<String>,
    count: usize,
    sentences: Vec<ReferenceView<'a>>,
}

#[derive(Serialize)]
pub struct ReferenceView<'a> {
    html: String,
    article: &'a str,
    url: String,
    published: String,
    published_label: String,
    source_domain: Option<&'a str>,
    modifier: Option<&'static str>,
    /// The entities the sentence names (on the timeline page only).
    entities: Vec<tera::Value>,
}

/// Knight Lab TimelineJS3's document; fields in sorted order, as the file always had them.
#[derive(Serialize)]
struct TimelineJs<'a> {
    events: Vec<JsEvent>,
    title: JsTitle<'a>,
}

#[derive(Serialize)]
struct JsTitle<'a> {
    text: JsText<&'a str>,
}

#[derive(Serialize)]
struct JsText<S> {
    headline: S,
    text: S,
}

#[derive(Serialize)]
struct JsEvent {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<JsDate>,
    group: String,
    start_date: JsDate,
    text: JsText<String>,
    unique_id: String,
}

#[derive(Serialize)]
struct JsDate {
    day: u32,
    month: u32,
    year: i32,
}

/// A period on an entity page: how many of the entity's sentences refer to it, and the first
/// of them.
pub(super) struct EntityPeriod<'a> {
    /// Shared by the pages of every entity named where the period is.
    pub period: Arc<PeriodView>,
    pub count: usize,
    pub sentences: Vec<Quote<'a>>,
}

/// An [`EntityPeriod`] as templates see it: the period's fields, borrowed, and its own.
#[derive(Serialize)]
struct EntityPeriodView<'a> {
    anchor: &'a str,
    label: &'a str,
    datetime: Option<&'a str>,
    url: &'a str,
    count: usize,
    sentences: &'a [Quote<'a>],
}

/// An entity's timeline as the `timeline` of `entity.html`.
pub(super) fn periods_value(periods: &[EntityPeriod<'_>]) -> tera::Value {
    let views: Vec<EntityPeriodView<'_>> = periods
        .iter()
        .map(|p| EntityPeriodView {
            anchor: &p.period.anchor,
            label: &p.period.label,
            datetime: p.period.datetime.as_deref(),
            url: &p.period.url,
            count: p.count,
            sentences: &p.sentences,
        })
        .collect();
    tera::Value::from_serializable(&views)
}

/// What [`note_groups`] gives a date that is on no period of the timeline (no known bounds).
const NO_GROUP: u32 = u32::MAX;

/// For each article, for each of its dates, the period of the timeline it is on.
pub(super) fn note_groups(site: &crate::model::Site<'_>) -> Vec<Vec<u32>> {
    let mut groups: Vec<Vec<u32>> = site.notes.articles.iter().map(|n| vec![NO_GROUP; n.dates.len()]).collect();
    for (g, group) in site.timeline.iter().enumerate() {
        for r in &group.references {
            if let Some(slot) = groups.get_mut(r.article).and_then(|notes| notes.get_mut(r.note)) {
                *slot = g as u32;
            }
        }
    }
    groups
}

/// Where a period is on the timeline page, and how it is labelled.
#[derive(Serialize)]
pub(super) struct PeriodView {
    pub anchor: String,
    pub label: String,
    pub datetime: Option<String>,
    pub url: String,
}

/// A sentence quoted on an entity's timeline, its date marked.
#[derive(Serialize)]
pub(super) struct Quote<'a> {
    pub html: String,
    /// The title of the article it is from.
    pub article: &'a str,
    pub url: String,
}

impl Renderer<'_> {
    fn reference(&self, r: Reference) -> ReferenceView<'_> {
        let article = &self.site.corpus.articles[r.article];
        let d = &self.site.notes.articles[r.article].dates[r.note];
        let html = self.marked_sentence(r);
        ReferenceView {
            html,
            article: &article.title,
            url: self.sentence_url(r.article, d.unit),
            published: article.published.to_string(),
            published_label: views::date_label(article.published),
            source_domain: article.source.as_deref().and_then(views::domain),
            modifier: d.modifier.map(|m| m.as_str()),
            entities: Vec::new(),
        }
    }

    /// The first [`MAX_CHIPS`] entities named in the sentence of reference `r`.
    fn reference_entities(&self, r: Reference) -> Result<Vec<tera::Value>, Diagnostic> {
        let notes = &self.site.notes.articles[r.article];
        let unit = notes.dates[r.note].unit;
        let lo = notes.mentions.partition_point(|m| m.unit < unit);
        let mut entities: Vec<u32> = Vec::new();
        for m in notes.mentions[lo..].iter().take_while(|m| m.unit == unit) {
            if !entities.contains(&m.entity) && entities.len() < MAX_CHIPS {
                entities.push(m.entity);
            }
        }
        entities.into_iter().map(|e| self.entity_value(e as usize)).collect()
    }

    /// Every period of the corpus, chronologically, with month headings.
    pub(super) fn timeline_groups(&self) -> Result<tera::Value, Diagnostic> {
        let mut last_month = None;
        self.site
            .timeline
            .iter()
            .map(|g| {
                let month = (g.first_day.year(), g.first_day.month());
                let heading = (last_month != Some(month)).then(|| crate::model::calendar::month_label(g.first_day));
                last_month = Some(month);
                let sentences = g
                    .references
                    .iter()
                    .take(MAX_REFERENCES)
                    .map(|&r| Ok(ReferenceView { entities: self.reference_entities(r)?, ..self.reference(r) }));
                let view = GroupView {
                    heading,
                    count: g.references.len(),
                    sentences: sentences.collect::<Result<_, Diagnostic>>()?,
                };
                Ok(views::with_fields(&tera::Value::from_serializable(&self.period_view(g)), &view))
            })
            .collect::<Result<Vec<_>, Diagnostic>>()
            .map(tera::Value::from)
    }

    /// The periods referred to in sentences that mention entity `e`.
    pub(super) fn entity_periods(&self, e: usize) -> Vec<EntityPeriod<'_>> {
        let refs = &self.site.entity_dates[e];
        let mut by_group: std::collections::BTreeMap<usize, Vec<Reference>> = std::collections::BTreeMap::new();
        for &r in refs {
            if let Some(&g) = self.note_groups.get(r.article).and_then(|notes| notes.get(r.note)) {
                if g != NO_GROUP {
                    by_group.entry(g as usize).or_default().push(r);
                }
            }
        }
        let mut groups: Vec<(usize, Vec<Reference>)> = by_group.into_iter().collect();
        if groups.len() > MAX_ENTITY_PERIODS {
            groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
            groups.truncate(MAX_ENTITY_PERIODS);
        }
        groups.sort_by_key(|(g, _)| *g);
        groups
            .iter()
            .filter_map(|(g, list)| {
                Some(EntityPeriod {
                    period: self.period(*g, self.site.timeline.get(*g)?),
                    count: list.len(),
                    sentences: list.iter().take(MAX_ENTITY_REFERENCES).map(|&r| self.quote(r)).collect(),
                })
            })
            .collect()
    }

    /// Period `g` as entity pages link to it (shared, see `Shared`: a period is on the page of
    /// every entity named where it is).
    fn period(&self, g: usize, group: &Group) -> Arc<PeriodView> {
        super::shared(&self.shared.periods, g, || Arc::new(self.period_view(group)))
    }

    fn period_view(&self, g: &Group) -> PeriodView {
        let anchor = g.anchor();
        PeriodView {
            url: format!("{}#{anchor}", self.settings.base_url.path_for(urls::TIMELINE)),
            anchor,
            label: timeline::label(&g.value),
            datetime: timeline::html_datetime(&g.value),
        }
    }

    /// The sentence of reference `r`, its date marked, and where it is.
    fn quote(&self, r: Reference) -> Quote<'_> {
        let article = &self.site.corpus.articles[r.article];
        let d = &self.site.notes.articles[r.article].dates[r.note];
        Quote { html: self.marked_sentence(r), article: &article.title, url: self.sentence_url(r.article, d.unit) }
    }

    fn marked_sentence(&self, r: Reference) -> String {
        let d = &self.site.notes.articles[r.article].dates[r.note];
        let unit = &self.site.corpus.articles[r.article].units[d.unit as usize];
        let (from, to) = sentence::around(&unit.text, d.start as usize, d.end as usize);
        let mut html = String::with_capacity(to - from + 16);
        let mark = [Span { start: d.start as usize, end: d.end as usize, open: "<mark>".into(), close: "</mark>" }];
        annotated_into(&mut html, &unit.text[from..to], from, &mark);
        html
    }

    /// Knight Lab TimelineJS3 JSON: one event per period.
    pub(super) fn timeline_js(&self) -> Vec<u8> {
        let date = |d: chrono::NaiveDate| JsDate { day: d.day(), month: d.month(), year: d.year() };
        let events: Vec<JsEvent> = self
            .site
            .timeline
            .par_iter()
            .map(|g| {
                let mut text = String::from("<ul>");
                for r in g.references.iter().take(MAX_REFERENCES) {
                    let v = self.reference(*r);
                    text.push_str(&format!(
                        "<li>{} <a href=\"{}\">{}</a> ({})</li>",
                        v.html,
                        v.url,
                        super::html::escape(v.article),
                        v.published_label
                    ));
                }
                text.push_str("</ul>");
                JsEvent {
                    end_date: (g.last_day != g.first_day).then(|| date(g.last_day)),
                    group: crate::model::calendar::month_label(g.first_day),
                    start_date: date(g.first_day),
                    text: JsText { headline: timeline::label(&g.value), text },
                    unique_id: g.anchor(),
                }
            })
            .collect();
        let title = JsTitle { text: JsText { headline: &self.settings.title, text: &self.settings.description } };
        serde_json::to_vec(&TimelineJs { events, title }).unwrap_or_default()
    }
}
