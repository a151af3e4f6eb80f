//! Borrowed, serialisable views of the model, made for templates.
//!
//! Templates see finished values (URLs under the base path, formatted dates, escaped-or-safe
//! HTML), never the model itself, so a template cannot build a URL that escapes the sub-path.

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::Article;
use crate::model::urls;
use crate::settings::Settings;

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// Absolute, with the sub-path and a trailing slash.
    pub base_url: String,
    /// The sub-path every link starts with (`/` or `/digest/`).
    pub base_path: &'a str,
    pub articles: usize,
    pub entities: usize,
    pub annotated: bool,
    pub nav: Vec<Link>,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// What templates know about the page being rendered (`page`).
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Absolute URL.
    pub canonical: String,
    /// Site-relative path (`articles/x/`).
    pub path: String,
    pub kind: &'static str,
    /// schema.org JSON-LD for the page, already safe inside `<script>` (see `render::jsonld`).
    pub jsonld: Option<String>,
}

/// An article in a listing.
#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: String,
    pub date_label: String,
    pub source: Option<&'a str>,
    pub source_domain: Option<&'a str>,
    pub summary: String,
    pub tags: Vec<Link>,
}

/// The articles of one publication day in a listing, as (shared) card values.
#[derive(Serialize)]
pub struct Day {
    pub date: String,
    pub label: String,
    pub articles: Vec<tera::Value>,
}

/// Links between the pages of a paginated listing; the page list is a window around the current
/// page, so each page costs the same however long the listing is.
#[derive(Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
    pub pages: Vec<PageLink>,
    /// Whether the first / last page sit outside the window (and so need their own link).
    pub show_first: bool,
    pub show_last: bool,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Paginator {
    pub fn new(settings: &Settings, first_path: &str, current: usize, total: usize) -> Paginator {
        let url = |n: usize| settings.base_url.path_for(&urls::paginated(first_path, n));
        let lo = current.saturating_sub(2).max(1);
        let hi = (current + 2).min(total);
        Paginator {
            current,
            total,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            first: url(1),
            last: url(total),
            pages: (lo..=hi).map(|n| PageLink { number: n, url: url(n), current: n == current }).collect(),
            show_first: lo > 1,
            show_last: hi < total,
        }
    }
}

pub use crate::model::calendar::date_label;

/// `example.org` from `https://www.example.org/a/b`.
pub fn domain(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The front matter's summary, else the first sentences up to about 240 characters.
pub fn summary(article: &Article) -> String {
    if let Some(s) = &article.summary {
        return s.clone();
    }
    let mut out = String::new();
    for unit in article.body() {
        if !out.is_empty() && out.len() + unit.text.len() > 240 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&unit.text);
        if out.len() > 160 {
            break;
        }
    }
    if out.chars().count() > 300 {
        let cut: String = out.chars().take(280).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a).to_string();
        return format!("{cut}…");
    }
    out
}

pub fn tag_links(article: &Article, settings: &Settings) -> Vec<Link> {
    article
        .tags
        .iter()
        .map(|t| Link {
            name: t.clone(),
            url: settings.base_url.path_for(&urls::tag(&crate::content::slug::slugify_or_hash(t, "tag"))),
        })
        .collect()
}

pub fn card<'a>(article: &'a Article, settings: &Settings) -> Card<'a> {
    Card {
        title: &article.title,
        url: settings.base_url.path_for(&urls::article(&article.slug)),
        date: article.published.to_string(),
        date_label: date_label(article.published),
        source: article.source.as_deref(),
        source_domain: article.source.as_deref().and_then(domain),
        summary: summary(article),
        tags: tag_links(article, settings),
    }
}

/// Groups consecutive cards (already newest first) by publication day.
pub fn days(cards: impl Iterator<Item = (NaiveDate, tera::Value)>) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    for (published, card) in cards {
        let date = published.to_string();
        if days.last().is_none_or(|d| d.date != date) {
            let label = format!("{} {}", crate::model::calendar::weekday_name(published), date_label(published));
            days.push(Day { label, date, articles: Vec::new() });
        }
        if let Some(d) = days.last_mut() {
            d.articles.push(card);
        }
    }
    days
}

/// `base` (a map: a shared card, entity or period) with the fields of `more` added, as
/// `#[serde(flatten)]` would give it, but sharing `base`'s values: serde's flatten goes through
/// a map serializer that allocates every key again, and pages embed these values by the dozen.
pub fn with_fields(base: &tera::Value, more: &impl Serialize) -> tera::Value {
    let mut map = base.as_map().cloned().unwrap_or_default();
    if let Some(fields) = tera::Value::from_serializable(more).into_map() {
        map.extend(fields);
    }
    tera::Value::from(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert_eq!(domain("https://www.mirror.co.uk/news/x"), Some("mirror.co.uk"));
        assert_eq!(domain("http://user@host:80/"), Some("host"));
        assert_eq!(domain("nope"), None);
    }

    #[test]
    fn with_fields_adds_to_a_copy_of_the_shared_value() {
        let base = tera::Value::from_serializable(&Link { name: "Kyiv".into(), url: "/entities/kyiv/".into() });
        #[derive(Serialize)]
        struct More {
            count: usize,
        }
        let both = with_fields(&base, &More { count: 3 });
        let map = both.as_map().expect("a map");
        assert_eq!(map.len(), 3);
        assert_eq!(both.get_from_path("name").and_then(|v| v.as_str()), Some("Kyiv"));
        assert_eq!(both.get_from_path("count").and_then(|v| v.as_u64()), Some(3));
        assert_eq!(base.as_map().map(|m| m.len()), Some(2), "the shared value is left as it was");
    }
}
