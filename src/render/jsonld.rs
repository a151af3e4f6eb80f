//! schema.org JSON-LD for article pages (`NewsArticle`) and entity pages (`Person`, `Place`,
//! `Organization`), as text safe to put inside `<script type="application/ld+json">`.
//!
//! The JSON is built with serde_json, then [`script_safe`] escapes `<`, `>` and `&` inside it,
//! so no article text can close the script element or open a comment.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::annotate::{Entity, EntityKind};
use crate::model::{urls, Site};
use crate::settings::Settings;

use super::{feeds, links, views};

/// The schema.org type of an entity kind.
pub fn schema_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Org => "Organization",
    }
}

/// `NewsArticle` for article `i`: the entities its headline names are what it is `about`, the
/// others are what it `mentions`. `reference(e)` is entity `e` as [`reference`] writes it
/// (pages share them: an entity is named on many pages).
pub fn article(site: &Site<'_>, settings: &Settings, i: usize, reference: &dyn Fn(usize) -> Box<RawValue>) -> String {
    let a = &site.corpus.articles[i];
    let base = &settings.base_url;
    let url = base.absolute(&urls::article(&a.slug));
    let site_url = base.to_string();
    let site_org = Party { kind: "Organization", name: &settings.title, url: Some(&site_url) };
    let author = if a.authors.is_empty() {
        vec![site_org]
    } else {
        a.authors.iter().map(|n| Party { kind: "Person", name: n, url: None }).collect()
    };
    let (about, mentions) = article_entities(site, i, reference);
    script_safe(&NewsArticle {
        context: "https://schema.org",
        id: &url,
        kind: "NewsArticle",
        about,
        author,
        date_published: feeds::stamp(a).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        description: views::summary(a),
        headline: &a.title,
        in_language: &settings.language,
        is_based_on: a.source.as_deref(),
        keywords: &a.tags,
        main_entity_of_page: &url,
        mentions,
        publisher: site_org,
        url: &url,
        word_count: a.word_count(),
    })
}

/// Fields in the order serde_json writes an object's keys (sorted), as the page always had.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Box<RawValue>>,
    author: Vec<Party<'a>>,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: String,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Box<RawValue>>,
    publisher: Party<'a>,
    url: &'a str,
    #[serde(rename = "wordCount")]
    word_count: usize,
}

/// An author or publisher.
#[derive(Serialize, Clone, Copy)]
struct Party<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The entities of article `i` in order of first mention, split into those its headline
/// (unit 0) names and the rest.
fn article_entities(
    site: &Site<'_>,
    i: usize,
    reference: &dyn Fn(usize) -> Box<RawValue>,
) -> (Vec<Box<RawValue>>, Vec<Box<RawValue>>) {
    let mut seen: Vec<(u32, bool)> = Vec::new();
    for m in &site.notes.articles[i].mentions {
        match seen.iter_mut().find(|(e, _)| *e == m.entity) {
            Some(s) => s.1 |= m.unit == 0,
            None => seen.push((m.entity, m.unit == 0)),
        }
    }
    let about = seen.iter().filter(|s| s.1).map(|s| reference(s.0 as usize)).collect();
    let mentions = seen.iter().filter(|s| !s.1).map(|s| reference(s.0 as usize)).collect();
    (about, mentions)
}

/// An entity as other documents point at it: type, id (its page), name, url.
fn reference(ent: &Entity, settings: &Settings) -> Value {
    let url = settings.base_url.absolute(&urls::entity(&ent.id));
    let mut v = json!({ "@type": schema_type(ent.kind), "@id": url, "name": ent.name, "url": url });
    if let Some(link) = &ent.link {
        v["sameAs"] = link.clone().into();
    }
    v
}

/// [`reference`] for entity `e`, as JSON text to put in other documents.
pub fn entity_reference(site: &Site<'_>, settings: &Settings, e: usize) -> Box<RawValue> {
    let json = serde_json::to_string(&reference(&site.notes.entities[e], settings)).unwrap_or_else(|_| "{}".into());
    RawValue::from_string(json).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// The entity page's own document: a `Person`, `Place` or `Organization`.
pub fn entity(site: &Site<'_>, settings: &Settings, e: usize) -> String {
    let ent = &site.notes.entities[e];
    let mut v = reference(ent, settings);
    v["@context"] = "https://schema.org".into();
    if let Some(d) = &ent.description {
        v["description"] = d.clone().into();
    }
    let aliases: Vec<&String> = ent.aliases.iter().filter(|a| **a != ent.name).collect();
    if !aliases.is_empty() {
        v["alternateName"] = json!(aliases);
    }
    if let Some(image) = &ent.image {
        v["image"] = links::resolve(&settings.base_url.to_string(), image).into();
    }
    script_safe(&v)
}

/// JSON text that cannot end a `<script>` element: `<`, `>` and `&` (which JSON only allows
/// inside strings) become `\u003c`, `\u003e`, `\u0026`; U+2028 and U+2029 are escaped too.
pub fn script_safe(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(json.len() + 16);
    let mut last = 0;
    for (i, c) in json.match_indices(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        out.push_str(&json[last..i]);
        out.push_str(match c {
            "<" => "\\u003c",
            ">" => "\\u003e",
            "&" => "\\u0026",
            "\u{2028}" => "\\u2028",
            _ => "\\u2029",
        });
        last = i + c.len();
    }
    out.push_str(&json[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_tag_and_still_parses() {
        let v = json!({ "headline": "</script><script>alert(1)</script> <!-- & \u{2028}" });
        let text = script_safe(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
