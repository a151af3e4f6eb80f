//! `newsreel annotate`: the annotations as JSON, positions given as source line and character
//! columns so other tools can find the text in the original files.

use anyhow::Result;
use serde::Serialize;

use crate::build::load_and_annotate;
use crate::content::{Article, Corpus};
use crate::progress::Progress;
use crate::settings::Settings;

use super::Annotations;

#[derive(Serialize)]
struct Export<'a> {
    articles: Vec<ArticleExport<'a>>,
    entities: Vec<EntityExport<'a>>,
}

#[derive(Serialize)]
struct ArticleExport<'a> {
    id: &'a str,
    path: String,
    published: String,
    title: &'a str,
    mentions: Vec<MentionExport<'a>>,
    dates: Vec<DateExport<'a>>,
}

#[derive(Serialize)]
struct DateExport<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

/// Where an annotation sits in the source file, and its text.
#[derive(Serialize)]
struct Place<'a> {
    line: u32,
    start: u32,
    end: u32,
    text: &'a str,
}

impl<'a> Place<'a> {
    fn of(article: &'a Article, unit: u32, start: u32, end: u32) -> Place<'a> {
        let unit = &article.units[unit as usize];
        let (line, from, to) = unit.locate(start as usize, end as usize);
        Place { line, start: from, end: to, text: unit.text.get(start as usize..end as usize).unwrap_or("") }
    }
}

#[derive(Serialize)]
struct MentionExport<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    entity: &'a str,
}

#[derive(Serialize)]
struct EntityExport<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    aliases: &'a [String],
    mentions: usize,
    articles: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
}

/// Loads and annotates the site and returns the JSON document.
pub fn annotate_json(settings: &Settings, pretty: bool) -> Result<String> {
    let (corpus, notes) = load_and_annotate(settings, &Progress::hidden())?;
    to_json(&corpus, &notes, pretty)
}

/// The JSON document for an annotated corpus (articles in path order).
pub fn to_json(corpus: &Corpus, notes: &Annotations, pretty: bool) -> Result<String> {
    let mut counts = vec![(0usize, 0usize); notes.entities.len()];
    let mut order: Vec<usize> = (0..corpus.articles.len()).collect();
    order.sort_by(|&a, &b| corpus.articles[a].path.cmp(&corpus.articles[b].path));
    let articles = order
        .iter()
        .map(|&i| {
            let a = &corpus.articles[i];
            let n = &notes.articles[i];
            let mut seen = Vec::new();
            let mentions = n
                .mentions
                .iter()
                .map(|m| {
                    let e = &notes.entities[m.entity as usize];
                    counts[m.entity as usize].0 += 1;
                    if !seen.contains(&m.entity) {
                        seen.push(m.entity);
                        counts[m.entity as usize].1 += 1;
                    }
                    MentionExport { place: Place::of(a, m.unit, m.start, m.end), kind: e.kind.as_str(), entity: &e.id }
                })
                .collect();
            let dates = n
                .dates
                .iter()
                .map(|d| DateExport {
                    place: Place::of(a, d.unit, d.start, d.end),
                    value: d.value.to_string(),
                    modifier: d.modifier.map(|m| m.as_str()),
                    until: d.until.map(|u| u.to_string()),
                })
                .collect();
            ArticleExport {
                id: &a.slug,
                path: a.path.to_string_lossy().replace('\\', "/"),
                published: a.published.to_string(),
                title: &a.title,
                mentions,
                dates,
            }
        })
        .collect();
    let entities = notes
        .entities
        .iter()
        .zip(&counts)
        .map(|(e, &(mentions, articles))| EntityExport {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            aliases: &e.aliases,
            mentions,
            articles,
            description: e.description.as_deref(),
            link: e.link.as_deref(),
        })
        .collect();
    let doc = Export { articles, entities };
    Ok(if pretty { serde_json::to_string_pretty(&doc)? } else { serde_json::to_string(&doc)? })
}
