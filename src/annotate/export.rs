//! `newsreel annotate`: the annotations as JSON, positions given as source line and character
//! columns so other tools can find the text in the original files.

use anyhow::Result;
use rayon::prelude::*;
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
    line: u32,
    start: u32,
    end: u32,
    text: &'a str,
    value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

/// Where an annotation sits in the source file (line, character columns), and its text: the
/// first fields of [`MentionExport`] and [`DateExport`].
fn place(article: &Article, unit: u32, start: u32, end: u32) -> (u32, u32, u32, &str) {
    let unit = &article.units[unit as usize];
    let (line, from, to) = unit.locate(start as usize, end as usize);
    (line, from, to, unit.text.get(start as usize..end as usize).unwrap_or(""))
}

#[derive(Serialize)]
struct MentionExport<'a> {
    line: u32,
    start: u32,
    end: u32,
    text: &'a str,
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

/// Loads and annotates the site and writes the JSON document to `out`, a piece at a time (at
/// 100,000 articles the document is ~800 MB; it is never held whole).
pub fn write_annotations(settings: &Settings, pretty: bool, out: &mut dyn std::io::Write) -> Result<()> {
    let (corpus, notes) = load_and_annotate(settings, &Progress::hidden())?;
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &document(&corpus, &notes))?;
    } else {
        json_pieces(&corpus, &notes, &mut |piece| out.write_all(&piece).map_err(anyhow::Error::from))?;
    }
    out.write_all(b"\n")?;
    Ok(out.flush()?)
}

/// Articles serialised per piece of the compact document.
const PIECE: usize = 256;

/// The compact JSON document in pieces, in order: articles are serialised in parallel, a slice
/// at a time, and handed to `piece` as they are made, so the caller can write a document of
/// hundreds of megabytes (100,000 articles) without ever holding it whole.
pub fn json_pieces<E: From<serde_json::Error>>(
    corpus: &Corpus,
    notes: &Annotations,
    piece: &mut dyn FnMut(Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let order = path_order(corpus);
    for (n, slice) in order.chunks(PIECE).enumerate() {
        // Each task writes a run of articles into one growing buffer, which is then copied once
        // into the piece; serialising article by article into fresh strings copied each
        // ~7 KB article several times as its string grew.
        let runs: Vec<Vec<u8>> = slice
            .par_chunks(PIECE / 8)
            .map(|run| {
                let mut out = Vec::with_capacity(run.len() * 8 * 1024);
                for (k, &i) in run.iter().enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    serde_json::to_writer(&mut out, &article_export(corpus, notes, i))?;
                }
                Ok(out)
            })
            .collect::<Result<_, serde_json::Error>>()?;
        let mut out = Vec::with_capacity(runs.iter().map(|r| r.len() + 1).sum::<usize>() + 16);
        out.extend_from_slice(if n == 0 { b"{\"articles\":[" } else { b"," });
        for (k, run) in runs.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(run);
        }
        piece(out)?;
    }
    if order.is_empty() {
        piece(b"{\"articles\":[".to_vec())?;
    }
    let mut tail = b"],\"entities\":".to_vec();
    serde_json::to_writer(&mut tail, &entity_exports(notes))?;
    tail.push(b'}');
    piece(tail)
}

fn path_order(corpus: &Corpus) -> Vec<usize> {
    let mut order: Vec<usize> = (0..corpus.articles.len()).collect();
    order.sort_by(|&a, &b| corpus.articles[a].path.cmp(&corpus.articles[b].path));
    order
}

fn document<'a>(corpus: &'a Corpus, notes: &'a Annotations) -> Export<'a> {
    Export {
        articles: path_order(corpus).into_iter().map(|i| article_export(corpus, notes, i)).collect(),
        entities: entity_exports(notes),
    }
}

fn article_export<'a>(corpus: &'a Corpus, notes: &'a Annotations, i: usize) -> ArticleExport<'a> {
    let a = &corpus.articles[i];
    let n = &notes.articles[i];
    let mentions = n
        .mentions
        .iter()
        .map(|m| {
            let e = &notes.entities[m.entity as usize];
            let (line, start, end, text) = place(a, m.unit, m.start, m.end);
            MentionExport { line, start, end, text, kind: e.kind.as_str(), entity: &e.id }
        })
        .collect();
    let dates = n
        .dates
        .iter()
        .map(|d| {
            let (line, start, end, text) = place(a, d.unit, d.start, d.end);
            DateExport {
                line,
                start,
                end,
                text,
                value: d.value.to_string(),
                modifier: d.modifier.map(|m| m.as_str()),
                until: d.until.map(|u| u.to_string()),
            }
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
}

fn entity_exports(notes: &Annotations) -> Vec<EntityExport<'_>> {
    // (mentions, articles) per entity.
    let mut counts = vec![(0usize, 0usize); notes.entities.len()];
    let mut last_article = vec![usize::MAX; notes.entities.len()];
    for (i, n) in notes.articles.iter().enumerate() {
        for m in &n.mentions {
            let e = m.entity as usize;
            counts[e].0 += 1;
            if last_article[e] != i {
                last_article[e] = i;
                counts[e].1 += 1;
            }
        }
    }
    notes
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
        .collect()
}
