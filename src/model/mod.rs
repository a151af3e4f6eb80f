//! MODEL: the site graph built from the corpus and its annotations.
//!
//! Indexes only (positions into `corpus.articles` and `annotations.entities`), computed once, so
//! every listing page can slice its own entries instead of walking the whole corpus.

pub mod calendar;
pub mod sentence;
pub mod timeline;
pub mod urls;

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;
use rayon::prelude::*;

use crate::annotate::Annotations;
use crate::content::{slug::slugify_or_hash, Corpus};

/// A tag and the articles that carry it (newest first).
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub articles: Vec<usize>,
}

/// A calendar month and its articles (newest first).
#[derive(Debug)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub articles: Vec<usize>,
}

/// What the corpus says about one entity.
#[derive(Debug, Default)]
pub struct EntityIndex {
    /// (article, mention index) pairs, articles newest first, mentions in text order.
    pub mentions: Vec<(usize, usize)>,
    /// Distinct articles, newest first.
    pub articles: Vec<usize>,
}

/// The indexes of a [`Site`], kept by the dev server to update after an edit instead of
/// building them again.
pub struct Indexes {
    tags: Vec<Tag>,
    months: Vec<Month>,
    entities: Vec<EntityIndex>,
    timeline: Vec<timeline::Group>,
    entity_dates: Vec<Vec<timeline::Reference>>,
}

/// The site graph.
pub struct Site<'a> {
    pub corpus: &'a Corpus,
    pub notes: &'a Annotations,
    pub tags: Vec<Tag>,
    pub months: Vec<Month>,
    pub entities: Vec<EntityIndex>,
    /// Article index by slug.
    pub by_slug: HashMap<&'a str, usize>,
    /// Every dated reference, grouped by period, chronologically.
    pub timeline: Vec<timeline::Group>,
    /// For each entity, the (article, date note) references made in sentences that mention it.
    pub entity_dates: Vec<Vec<timeline::Reference>>,
}

impl<'a> Site<'a> {
    pub fn build(corpus: &'a Corpus, notes: &'a Annotations) -> Site<'a> {
        // Independent indexes, built side by side: the dev server waits for this on every edit.
        let ((tags, months, by_slug), ((entities, timeline), entity_dates)) = rayon::join(
            || {
                let by_slug = corpus.articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
                (index_tags(corpus), index_months(corpus), by_slug)
            },
            || {
                rayon::join(
                    || rayon::join(|| index_entities(notes), || timeline::build(notes)),
                    || index_entity_dates(corpus, notes),
                )
            },
        );
        Site { corpus, notes, tags, months, entities, by_slug, timeline, entity_dates }
    }

    /// The site after the `changed` articles (sorted) were edited in place, from the indexes of
    /// the previous version: valid only when every article kept its place, date and tags, and
    /// each changed article mentions the same entities in the same order (dates may differ).
    pub fn update(corpus: &'a Corpus, notes: &'a Annotations, previous: Indexes, changed: &[usize]) -> Site<'a> {
        let Indexes { tags, months, entities, timeline, mut entity_dates } = previous;
        let by_slug = corpus.articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
        for refs in &mut entity_dates {
            refs.retain(|r| changed.binary_search(&r.article).is_err());
        }
        for &article in changed {
            for (entity, reference) in entity_dates_of(corpus, notes, article) {
                let refs = &mut entity_dates[entity as usize];
                let pos = refs.partition_point(|r| (r.article, r.note) < (reference.article, reference.note));
                refs.insert(pos, reference);
            }
        }
        let timeline = timeline::update(timeline, notes, changed);
        Site { corpus, notes, tags, months, entities, by_slug, timeline, entity_dates }
    }

    /// Keeps the indexes for [`Site::update`].
    pub fn into_indexes(self) -> Indexes {
        let Site { tags, months, entities, timeline, entity_dates, .. } = self;
        Indexes { tags, months, entities, timeline, entity_dates }
    }
}

fn index_tags(corpus: &Corpus) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, a) in corpus.articles.iter().enumerate() {
        for name in &a.tags {
            let slug = slugify_or_hash(name, "tag");
            let tag =
                tags.entry(slug.clone()).or_insert_with(|| Tag { name: name.clone(), slug, articles: Vec::new() });
            if tag.articles.last() != Some(&i) {
                tag.articles.push(i);
            }
        }
    }
    tags.into_values().collect()
}

fn index_months(corpus: &Corpus) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for (i, a) in corpus.articles.iter().enumerate() {
        let (year, month) = (a.published.year(), a.published.month());
        match months.last_mut() {
            Some(m) if m.year == year && m.month == month => m.articles.push(i),
            _ => months.push(Month { year, month, articles: vec![i] }),
        }
    }
    months
}

fn index_entities(notes: &Annotations) -> Vec<EntityIndex> {
    let mut index: Vec<EntityIndex> = (0..notes.entities.len()).map(|_| EntityIndex::default()).collect();
    for (a, art) in notes.articles.iter().enumerate() {
        for (m, mention) in art.mentions.iter().enumerate() {
            let e = &mut index[mention.entity as usize];
            e.mentions.push((a, m));
            if e.articles.last() != Some(&a) {
                e.articles.push(a);
            }
        }
    }
    index
}

impl Site<'_> {
    /// The entities mentioned in the same articles as entity `e`, as (entity, shared articles),
    /// most shared first, at most `max`. Computed on demand: it costs the mentions of `e`'s
    /// articles, and only the pages that show it pay. `entities_in(a)` is
    /// [`Site::entities_in`], which the caller may keep: an article is walked once per entity
    /// it names.
    pub fn related<'x>(
        &self,
        e: usize,
        max: usize,
        entities_in: impl Fn(usize) -> std::borrow::Cow<'x, [u32]>,
    ) -> Vec<(usize, usize)> {
        // Counted by sorting: no hash map.
        let mut others: Vec<u32> = Vec::new();
        for &a in &self.entities[e].articles {
            others.extend(entities_in(a).iter().filter(|&&x| x as usize != e));
        }
        others.sort_unstable();
        let mut related: Vec<(usize, usize)> =
            others.chunk_by(|a, b| a == b).map(|run| (run[0] as usize, run.len())).collect();
        related.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        related.truncate(max);
        related
    }

    /// The entities article `a` mentions, each once, in index order.
    pub fn entities_in(&self, a: usize) -> Vec<u32> {
        let mut entities: Vec<u32> = self.notes.articles[a].mentions.iter().map(|m| m.entity).collect();
        entities.sort_unstable();
        entities.dedup();
        entities
    }
}

/// Date references made in the same sentence as a mention of each entity.
fn index_entity_dates(corpus: &Corpus, notes: &Annotations) -> Vec<Vec<timeline::Reference>> {
    // Per article in parallel (finding sentence bounds is the cost), then gathered in order.
    let found: Vec<Vec<(u32, timeline::Reference)>> =
        (0..notes.articles.len()).into_par_iter().map(|article| entity_dates_of(corpus, notes, article)).collect();
    let mut out = vec![Vec::new(); notes.entities.len()];
    for (entity, reference) in found.into_iter().flatten() {
        out[entity as usize].push(reference);
    }
    out
}

/// (entity, reference) for each date of `article` and each entity its sentence mentions.
fn entity_dates_of(corpus: &Corpus, notes: &Annotations, article: usize) -> Vec<(u32, timeline::Reference)> {
    let art = &notes.articles[article];
    let mut found = Vec::new();
    for (note, d) in art.dates.iter().enumerate() {
        let lo = art.mentions.partition_point(|m| m.unit < d.unit);
        let same_unit = art.mentions[lo..].iter().take_while(|m| m.unit == d.unit);
        if same_unit.clone().next().is_none() {
            continue;
        }
        let text = corpus.articles[article].units.get(d.unit as usize).map_or("", |u| u.text.as_str());
        let (from, to) = sentence::around(text, d.start as usize, d.end as usize);
        let first = found.len();
        for m in same_unit {
            let in_sentence = (m.start as usize) >= from && (m.end as usize) <= to;
            if in_sentence && !found[first..].iter().any(|(e, _)| *e == m.entity) {
                found.push((m.entity, timeline::Reference { article, note }));
            }
        }
    }
    found
}
