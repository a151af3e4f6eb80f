//! Feeds and crawler files: Atom 1.0 (`atom.xml`, `tags/<slug>/atom.xml`,
//! `entities/<id>/atom.xml`), JSON Feed 1.1 (`feed.json`, `tags/<slug>/feed.json`),
//! `sitemap.xml`, `robots.txt` and `timeline.ics` (the timeline's days and weeks as calendar
//! events, written by [`ics`]).
//!
//! Steps:
//! 1. plan every feed: its head and its newest `feed_entries` articles;
//! 2. prepare each article that any feed carries once, in parallel: the body HTML its page
//!    shows (rendered once, by the page job) with every link made absolute, then its Atom
//!    entry and its JSON Feed item;
//! 3. write each feed as its head plus the prepared entries;
//! 4. list every HTML page in the sitemap with the date of the newest article it shows.
//!
//! Deterministic: every date comes from the articles (a feed's `updated` is its newest
//! article's), never from the clock. All URLs are absolute, under `base_url`.

pub mod atom;
pub mod ics;
pub mod jsonfeed;
pub mod sitemap;
mod xml;

use std::collections::HashMap;
use std::convert::Infallible;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, SecondsFormat};
use rayon::prelude::*;

use crate::content::Article;
use crate::model::{urls, Site};
use crate::settings::Settings;

use super::{links, views, RenderedFiles};

/// What a feed says about itself.
pub struct Head<'a> {
    pub title: String,
    pub subtitle: String,
    /// The feed's own absolute URL (Atom `rel="self"`, and its `id`).
    pub self_url: String,
    /// The HTML page the feed follows.
    pub page_url: String,
    pub language: &'a str,
    pub author: &'a str,
    pub author_uri: String,
}

/// An article as the feeds show it.
pub struct Item<'a> {
    pub title: &'a str,
    /// Absolute URL of the article page; also the entry's id.
    pub url: String,
    pub source: Option<&'a str>,
    /// RFC 3339.
    pub published: String,
    pub authors: &'a [String],
    pub tags: &'a [String],
    pub summary: String,
    /// The full text, links absolute; `None` in the tag and entity feeds, which carry the
    /// summary only (a full copy per tag and entity would multiply the output many times over).
    pub content_html: Option<String>,
}

/// One feed to write.
struct Plan<'a> {
    head: Head<'a>,
    /// Newest first, at most `feed_entries`.
    articles: Vec<usize>,
    atom_path: String,
    json_path: Option<String>,
    /// Whether entries carry the full text (the site feeds) or the summary (tags, entities).
    full: bool,
}

/// An article written once for every feed that carries it, briefly and (when a feed needs
/// it) in full.
struct Prepared {
    brief: (String, String),
    full: Option<(String, String)>,
    stamp: DateTime<FixedOffset>,
}

/// What an empty feed gives as `updated`: fixed, so that output stays deterministic.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// When an article was published: its front-matter date-time, else its day at midnight UTC.
pub fn stamp(article: &Article) -> DateTime<FixedOffset> {
    article.published_at.unwrap_or_else(|| article.published.and_time(NaiveTime::MIN).and_utc().fixed_offset())
}

fn rfc3339(d: &DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Every feed of the site. `body(i)` is article `i`'s body HTML as its page shows it.
pub fn feeds(site: &Site<'_>, settings: &Settings, body: &(dyn Fn(usize) -> String + Sync)) -> RenderedFiles {
    let mut all = Vec::new();
    let Ok(()) = feeds_in_batches::<Infallible>(site, settings, body, &mut |batch| {
        all.extend(batch);
        Ok(())
    });
    all
}

/// Feeds written per batch: at 10,000 articles the per-entity feeds alone are ~70 MB.
const FEED_BATCH: usize = 1024;

/// [`feeds`], handed to `emit` a batch at a time so they are never all held at once.
pub fn feeds_in_batches<E>(
    site: &Site<'_>,
    settings: &Settings,
    body: &(dyn Fn(usize) -> String + Sync),
    emit: &mut super::Emit<'_, E>,
) -> Result<(), E> {
    let plans = plans(site, settings);
    // None: in no feed; Some(false): brief only; Some(true): also in full.
    let mut needed: Vec<Option<bool>> = vec![None; site.corpus.articles.len()];
    for p in &plans {
        for &i in &p.articles {
            needed[i] = Some(needed[i].unwrap_or(false) || p.full);
        }
    }
    // The calendar is made while the entries are (it is megabytes at 10,000 articles).
    let (prepared, calendar): (Vec<Option<Prepared>>, _) = rayon::join(
        || {
            needed
                .par_iter()
                .enumerate()
                .map(|(i, need)| need.map(|full| prepare(&site.corpus.articles[i], settings, full.then(|| body(i)))))
                .collect()
        },
        || (!site.timeline.is_empty()).then(|| ics::calendar(&timeline_events(site, settings))),
    );
    for batch in plans.chunks(FEED_BATCH) {
        emit(batch.par_iter().flat_map_iter(|p| write(p, &prepared)).collect())?;
    }
    if let Some(calendar) = calendar {
        emit(vec![("timeline.ics".into(), calendar.into_bytes())])?;
    }
    Ok(())
}

/// Periods of the timeline longer than this are left out of the calendar: a month or a year
/// would cover it with bars.
const MAX_EVENT_DAYS: i64 = 7;
/// Sentences quoted in an event's description.
const MAX_EVENT_SENTENCES: usize = 10;

/// One all-day event per day or week of the timeline: the first sentence that refers to it as
/// the summary, every sentence (with its article and report date) as the description.
pub fn timeline_events(site: &Site<'_>, settings: &Settings) -> Vec<ics::IcsEvent> {
    let host_path = settings.base_url.to_string();
    let host_path = host_path.split_once("://").map_or(host_path.as_str(), |(_, rest)| rest).to_string();
    let timeline_url = settings.base_url.absolute(urls::TIMELINE);
    let sentence = |r: &crate::model::timeline::Reference| {
        let article = &site.corpus.articles[r.article];
        let unit = site.notes.articles[r.article].dates[r.note].unit as usize;
        (article, article.units.get(unit).map_or("", |u| u.text.as_str()))
    };
    site.timeline
        .par_iter()
        .filter(|g| (g.last_day - g.first_day).num_days() < MAX_EVENT_DAYS && !g.references.is_empty())
        .map(|g| {
            let label = crate::model::timeline::label(&g.value);
            let (_, first) = sentence(&g.references[0]);
            let mut description = String::new();
            for r in g.references.iter().take(MAX_EVENT_SENTENCES) {
                let (article, text) = sentence(r);
                description.push_str(&format!(
                    "{text}\n— {} ({})\n\n",
                    article.title,
                    views::date_label(article.published)
                ));
            }
            ics::IcsEvent {
                uid: format!("{}@{host_path}", g.anchor()),
                start: g.first_day,
                end_inclusive: g.last_day,
                summary: format!("{label}: {}", shorten(first, 120)),
                description: description.trim_end().to_string(),
                url: format!("{timeline_url}#{}", g.anchor()),
            }
        })
        .collect()
}

/// `text` cut at a word boundary to about `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a).trim_end_matches([',', ';', ':']))
}

fn plans<'a>(site: &Site<'_>, settings: &'a Settings) -> Vec<Plan<'a>> {
    let n = settings.feed_entries;
    let base = &settings.base_url;
    let head = |title: String, subtitle: String, page: &str| Head {
        title,
        subtitle,
        self_url: base.absolute(&format!("{page}atom.xml")),
        page_url: base.absolute(page),
        language: &settings.language,
        author: &settings.title,
        author_uri: base.to_string(),
    };
    let newest = |list: &[usize]| list[..list.len().min(n)].to_vec();
    let mut plans = vec![Plan {
        head: head(settings.title.clone(), settings.description.clone(), ""),
        articles: (0..site.corpus.articles.len().min(n)).collect(),
        atom_path: "atom.xml".into(),
        json_path: Some("feed.json".into()),
        full: true,
    }];
    for tag in &site.tags {
        let page = urls::tag(&tag.slug);
        plans.push(Plan {
            head: head(format!("{} · {}", tag.name, settings.title), format!("Articles tagged {}", tag.name), &page),
            articles: newest(&tag.articles),
            atom_path: format!("{page}atom.xml"),
            json_path: Some(format!("{page}feed.json")),
            full: false,
        });
    }
    // one per entity: thousands, so made in parallel
    let entities = site.notes.entities.par_iter().zip(&site.entities).map(|(ent, idx)| {
        let page = urls::entity(&ent.id);
        let subtitle = ent.description.clone().unwrap_or_else(|| format!("Articles that mention {}", ent.name));
        Plan {
            head: head(format!("{} · {}", ent.name, settings.title), subtitle, &page),
            articles: newest(&idx.articles),
            atom_path: format!("{page}atom.xml"),
            json_path: None,
            full: false,
        }
    });
    plans.par_extend(entities);
    plans
}

fn prepare(article: &Article, settings: &Settings, body: Option<String>) -> Prepared {
    let stamp = stamp(article);
    let url = settings.base_url.absolute(&urls::article(&article.slug));
    let mut item = Item {
        title: &article.title,
        content_html: None,
        url,
        source: article.source.as_deref(),
        published: rfc3339(&stamp),
        authors: &article.authors,
        tags: &article.tags,
        summary: views::summary(article),
    };
    let brief = (atom::entry(&item), jsonfeed::item(&item));
    let full = body.map(|body| {
        item.content_html = Some(links::absolutize(&body, &item.url));
        (atom::entry(&item), jsonfeed::item(&item))
    });
    Prepared { brief, full, stamp }
}

fn write<'a>(plan: &Plan<'_>, prepared: &'a [Option<Prepared>]) -> Vec<(String, Vec<u8>)> {
    let entries: Vec<&Prepared> = plan.articles.iter().filter_map(|&i| prepared[i].as_ref()).collect();
    let updated = entries.iter().map(|p| p.stamp).max().map_or_else(|| EPOCH.to_string(), |d| rfc3339(&d));
    let pick = |p: &'a Prepared| -> &'a (String, String) {
        if plan.full {
            p.full.as_ref().unwrap_or(&p.brief)
        } else {
            &p.brief
        }
    };
    let mut files = vec![(
        plan.atom_path.clone(),
        atom::feed(&plan.head, &updated, entries.iter().map(|p| pick(p).0.as_str())).into_bytes(),
    )];
    if let Some(path) = &plan.json_path {
        let feed_url = plan.head.self_url.replace("atom.xml", "feed.json");
        files.push((
            path.clone(),
            jsonfeed::feed(&plan.head, &feed_url, entries.iter().map(|p| pick(p).1.as_str())).into_bytes(),
        ));
    }
    files
}

/// `sitemap.xml` listing every HTML page of `files` (but `404.html`), and `robots.txt` unless
/// the site's `static/` has its own.
pub fn crawler_files(site: &Site<'_>, settings: &Settings, files: &[String]) -> Vec<(String, Vec<u8>)> {
    let lastmods = lastmods(site);
    let newest = site.corpus.articles.first().map(|a| a.published);
    let mut paths: Vec<&str> =
        files.iter().map(String::as_str).filter(|p| p.ends_with(".html") && *p != "404.html").collect();
    paths.sort_unstable();
    let pages: Vec<sitemap::Page> = paths
        .iter()
        .map(|p| {
            let dir = p.strip_suffix("index.html").unwrap_or(p);
            let lastmod = lastmods
                .get(dir)
                .or_else(|| first_page_of(dir).and_then(|first| lastmods.get(first)))
                .copied()
                .or(newest);
            sitemap::Page { loc: settings.base_url.absolute(dir), lastmod }
        })
        .collect();
    let mut out = sitemap::files(&pages, |p| settings.base_url.absolute(p));
    if !files.iter().any(|f| f == "robots.txt") {
        out.push(("robots.txt".into(), sitemap::robots(&settings.base_url.absolute("sitemap.xml")).into_bytes()));
    }
    out
}

/// The newest article date shown by each page that has one (keyed by the page's folder).
fn lastmods(site: &Site<'_>) -> HashMap<String, NaiveDate> {
    let articles = &site.corpus.articles;
    let newest = |list: &[usize]| list.first().map(|&i| articles[i].published);
    let mut map = HashMap::with_capacity(articles.len() + site.tags.len() + site.entities.len());
    for a in articles {
        map.insert(urls::article(&a.slug), a.published);
    }
    for t in &site.tags {
        map.extend(newest(&t.articles).map(|d| (urls::tag(&t.slug), d)));
    }
    for m in &site.months {
        map.extend(newest(&m.articles).map(|d| (urls::month(m.year, m.month), d)));
    }
    for (ent, idx) in site.notes.entities.iter().zip(&site.entities) {
        map.extend(newest(&idx.articles).map(|d| (urls::entity(&ent.id), d)));
    }
    map
}

/// `tags/war/` for `tags/war/page/3/`, `""` for `page/2/`.
fn first_page_of(dir: &str) -> Option<&str> {
    let (rest, n) = dir.strip_suffix('/')?.rsplit_once('/')?;
    n.parse::<usize>().ok()?;
    rest.strip_suffix("page")
}

#[cfg(test)]
mod tests;
