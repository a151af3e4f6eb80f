//! Annotation quality on the hand-annotated evaluation set in `tests/eval/` (see its README and
//! GUIDELINES). Prints precision / recall / F1 for mentions, linking and dates, and fails when a
//! figure falls below the floor reached so far: a regression guard, not a target.

#![allow(clippy::print_stdout)] // the figures are the point of this test

use std::collections::HashMap;
use std::path::Path;

use newsreel::annotate;
use newsreel::content;
use newsreel::settings::{Overrides, Settings};
use serde::Deserialize;

/// Floors: the figures reached when they were last raised (2026-11-26: mention F1 0.910,
/// linking F1 0.947, date F1 0.996, date value accuracy 0.997), minus a little slack.
const FLOOR_MENTION_F1: f64 = 0.89;
const FLOOR_LINK_F1: f64 = 0.93;
const FLOOR_DATE_F1: f64 = 0.98;
const FLOOR_DATE_VALUE: f64 = 0.98;

#[derive(Deserialize)]
struct Gold {
    articles: Vec<GoldArticle>,
}

#[derive(Deserialize)]
struct GoldArticle {
    id: String,
    path: String,
    mentions: Vec<GoldMention>,
    dates: Vec<GoldDate>,
}

#[derive(Deserialize)]
struct GoldMention {
    line: u32,
    start: u32,
    end: u32,
    #[serde(rename = "type")]
    kind: String,
    entity: String,
}

#[derive(Deserialize)]
struct GoldDate {
    line: u32,
    start: u32,
    end: u32,
    value: String,
    #[serde(rename = "mod")]
    modifier: Option<String>,
}

#[derive(Default)]
struct Score {
    tp: usize,
    predicted: usize,
    gold: usize,
}

impl Score {
    fn p(&self) -> f64 {
        ratio(self.tp, self.predicted)
    }
    fn r(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<28} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, predicted {}, gold {})",
            self.p(),
            self.r(),
            self.f1(),
            self.tp,
            self.predicted,
            self.gold
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn annotation_quality_on_the_evaluation_set() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(root.join("gold.json")).unwrap()).unwrap();
    let settings =
        Settings::parse(&root, "title = \"eval\"\nbase_url = \"https://example.org/\"\n", &Overrides::default())
            .unwrap();
    let mut corpus = content::Corpus::default();
    for g in &gold.articles {
        let article = content::load_file(&root, &root.join(&g.path)).unwrap_or_else(|d| panic!("{}: {d:?}", g.path));
        corpus.articles.push(article.into());
    }
    let notes = annotate::run(&corpus, &[], &settings);

    let mut mentions = Score::default();
    let mut spans = Score::default();
    let mut dates = Score::default();
    let mut exact_dates = Score::default();
    let (mut values_right, mut values_total) = (0, 0);
    // (gold entity, predicted entity) for every mention found with the right span, corpus-wide.
    let mut linked: Vec<(&str, u32)> = Vec::new();
    let mut misses: Vec<String> = Vec::new();

    for (g, (article, n)) in gold.articles.iter().zip(corpus.articles.iter().zip(&notes.articles)) {
        let predicted: HashMap<(u32, u32, u32), (&str, u32)> = n
            .mentions
            .iter()
            .map(|m| {
                let (line, s, e) = article.units[m.unit as usize].locate(m.start as usize, m.end as usize);
                ((line, s, e), (notes.entities[m.entity as usize].kind.as_str(), m.entity))
            })
            .collect();
        mentions.predicted += predicted.len();
        spans.predicted += predicted.len();
        mentions.gold += g.mentions.len();
        spans.gold += g.mentions.len();
        for gm in &g.mentions {
            match predicted.get(&(gm.line, gm.start, gm.end)) {
                Some(&(kind, entity)) => {
                    spans.tp += 1;
                    if kind == gm.kind {
                        mentions.tp += 1;
                    }
                    linked.push((&gm.entity, entity));
                }
                None => misses.push(format!("{}:{} missed {} {}..{}", g.id, gm.line, gm.kind, gm.start, gm.end)),
            }
        }

        let found: Vec<(u32, u32, u32, String, Option<&str>)> = n
            .dates
            .iter()
            .map(|d| {
                let (line, s, e) = article.units[d.unit as usize].locate(d.start as usize, d.end as usize);
                (line, s, e, d.value.to_string(), d.modifier.map(|m| m.as_str()))
            })
            .collect();
        dates.predicted += found.len();
        exact_dates.predicted += found.len();
        dates.gold += g.dates.len();
        exact_dates.gold += g.dates.len();
        for gd in &g.dates {
            let overlapping = found.iter().find(|f| f.0 == gd.line && f.1 < gd.end && gd.start < f.2);
            if let Some(f) = overlapping {
                dates.tp += 1;
                values_total += 1;
                let value_ok = f.3 == gd.value && f.4 == gd.modifier.as_deref();
                if value_ok {
                    values_right += 1;
                }
                if value_ok && f.1 == gd.start && f.2 == gd.end {
                    exact_dates.tp += 1;
                }
            }
        }
    }

    let mut link = Score::default();
    for (i, a) in linked.iter().enumerate() {
        for b in &linked[i + 1..] {
            let gold_same = a.0 == b.0;
            let pred_same = a.1 == b.1;
            link.gold += usize::from(gold_same);
            link.predicted += usize::from(pred_same);
            link.tp += usize::from(gold_same && pred_same);
        }
    }
    let value_accuracy = ratio(values_right, values_total);
    println!("evaluation set: {} articles", gold.articles.len());
    println!("{}", mentions.line("mentions (span + type)"));
    println!("{}", spans.line("mentions (span only)"));
    println!("{}", link.line("linking (pairwise)"));
    println!("{}", dates.line("dates (overlap)"));
    println!("{}", exact_dates.line("dates (exact span + value)"));
    println!("date value accuracy          {value_accuracy:.3} ({values_right} of {values_total} found dates)");
    for m in misses.iter().take(15) {
        println!("  {m}");
    }
    assert!(mentions.f1() >= FLOOR_MENTION_F1, "mention F1 {:.3} fell below {FLOOR_MENTION_F1}", mentions.f1());
    assert!(link.f1() >= FLOOR_LINK_F1, "linking F1 {:.3} fell below {FLOOR_LINK_F1}", link.f1());
    assert!(dates.f1() >= FLOOR_DATE_F1, "date F1 {:.3} fell below {FLOOR_DATE_F1}", dates.f1());
    assert!(
        value_accuracy >= FLOOR_DATE_VALUE,
        "date value accuracy {value_accuracy:.3} fell below {FLOOR_DATE_VALUE}"
    );
}
