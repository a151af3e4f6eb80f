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
                    write_article(&mut out, corpus, notes, i)?;
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

/// [`article_export`] as compact JSON, written field by field: the same bytes serde writes
/// (a test compares them), without its per-field machinery. The annotations export is tens of
/// megabytes at 10,000 articles, most of it mentions.
fn write_article(out: &mut Vec<u8>, corpus: &Corpus, notes: &Annotations, i: usize) -> serde_json::Result<()> {
    let a = &corpus.articles[i];
    let n = &notes.articles[i];
    let mut num = itoa::Buffer::new();
    out.extend_from_slice(b"{\"id\":");
    serde_json::to_writer(&mut *out, &a.slug)?;
    out.extend_from_slice(b",\"path\":");
    serde_json::to_writer(&mut *out, &a.path.to_string_lossy().replace('\\', "/"))?;
    out.extend_from_slice(b",\"published\":\"");
    out.extend_from_slice(a.published.to_string().as_bytes());
    out.extend_from_slice(b"\",\"title\":");
    serde_json::to_writer(&mut *out, &a.title)?;
    out.extend_from_slice(b",\"mentions\":[");
    let mut place_of = |out: &mut Vec<u8>, unit: u32, start: u32, end: u32| {
        let (line, from, to, text) = place(a, unit, start, end);
        out.extend_from_slice(b"{\"line\":");
        out.extend_from_slice(num.format(line).as_bytes());
        out.extend_from_slice(b",\"start\":");
        out.extend_from_slice(num.format(from).as_bytes());
        out.extend_from_slice(b",\"end\":");
        out.extend_from_slice(num.format(to).as_bytes());
        out.extend_from_slice(b",\"text\":");
        serde_json::to_writer(&mut *out, text)
    };
    for (k, m) in n.mentions.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let e = &notes.entities[m.entity as usize];
        place_of(out, m.unit, m.start, m.end)?;
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(e.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\"entity\":");
        serde_json::to_writer(&mut *out, &e.id)?;
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"dates\":[");
    for (k, d) in n.dates.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        place_of(out, d.unit, d.start, d.end)?;
        out.extend_from_slice(b",\"value\":\"");
        out.extend_from_slice(d.value.to_string().as_bytes());
        out.push(b'"');
        if let Some(m) = d.modifier {
            out.extend_from_slice(b",\"mod\":\"");
            out.extend_from_slice(m.as_str().as_bytes());
            out.push(b'"');
        }
        if let Some(u) = d.until {
            out.extend_from_slice(b",\"until\":\"");
            out.extend_from_slice(u.to_string().as_bytes());
            out.push(b'"');
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
    Ok(())
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

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::annotate::{dates, link, scan, Knowledge};

    #[test]
    fn articles_written_by_hand_are_what_serde_writes() {
        let plain = "Talks in \"Kyiv\" \\ Geneva\n20220301\nhttps://example.org/a\n\
                     Vladimir Putin met Olaf Scholz in Moscow on Monday, a \u{1}control character later.\n\
                     Putin said in early March that the talks would go on until the end of 2023.\n\
                     Zoë Ångström of the Red Cross arrived in Kyiv last week.";
        let markdown = "+++\ntitle = \"Tabs\\tand “quotes”\"\ndate = 2022-03-04\n+++\n\
                        Emmanuel Macron spoke to **Vladimir Putin** on Friday.\n\nScholz visited Paris in late 2021; fighting lasted from Monday to Wednesday.";
        let articles = vec![
            crate::content::plain::parse(Path::new("content/a.txt"), plain).unwrap(),
            crate::content::markdown::parse(Path::new("content/sub\\b.md"), markdown).unwrap(),
        ];
        let knowledge = Knowledge::new(&[]);
        let options = dates::DateOptions { numeric_order: dates::NumericOrder::DayFirst };
        let scans: Vec<_> = articles.iter().map(|a| scan(&knowledge, a, &options)).collect();
        let corpus = Corpus { articles: articles.into_iter().map(Arc::new).collect() };
        let notes = link(&knowledge, &corpus, &scans.iter().collect::<Vec<_>>());
        assert!(notes.articles.iter().all(|n| !n.mentions.is_empty() && !n.dates.is_empty()));
        assert!(notes.articles.iter().flat_map(|n| &n.dates).any(|d| d.modifier.is_some()));
        assert!(notes.articles.iter().flat_map(|n| &n.dates).any(|d| d.until.is_some()));
        for i in 0..corpus.articles.len() {
            let mut mine = Vec::new();
            write_article(&mut mine, &corpus, &notes, i).unwrap();
            let theirs = serde_json::to_vec(&article_export(&corpus, &notes, i)).unwrap();
            assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
