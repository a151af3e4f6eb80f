//! schema.org JSON-LD for article pages (`NewsArticle`) and entity pages (`Person`, `Place`,
//! `Organization`), as text safe to put inside `<script type="application/ld+json">`.
//!
//! The JSON is built with serde_json, then [`script_safe`] escapes `<`, `>` and `&` inside it,
//! so no article text can close the script element or open a comment.

use serde_json::{json, Map, Value};

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
/// others are what it `mentions`.
pub fn article(site: &Site<'_>, settings: &Settings, i: usize) -> String {
    let a = &site.corpus.articles[i];
    let base = &settings.base_url;
    let url = base.absolute(&urls::article(&a.slug));
    let stamp = feeds::stamp(a).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let site_org = json!({ "@type": "Organization", "name": settings.title, "url": base.to_string() });
    let mut doc = Map::new();
    doc.insert("@context".into(), "https://schema.org".into());
    doc.insert("@type".into(), "NewsArticle".into());
    doc.insert("@id".into(), url.clone().into());
    doc.insert("url".into(), url.clone().into());
    doc.insert("mainEntityOfPage".into(), url.into());
    doc.insert("headline".into(), a.title.clone().into());
    doc.insert("description".into(), views::summary(a).into());
    doc.insert("datePublished".into(), stamp.into());
    doc.insert("inLanguage".into(), settings.language.clone().into());
    doc.insert("wordCount".into(), a.word_count().into());
    if let Some(source) = &a.source {
        doc.insert("isBasedOn".into(), source.clone().into());
    }
    let authors: Vec<Value> = a.authors.iter().map(|n| json!({ "@type": "Person", "name": n })).collect();
    doc.insert("author".into(), if authors.is_empty() { json!([site_org.clone()]) } else { Value::Array(authors) });
    doc.insert("publisher".into(), site_org);
    if !a.tags.is_empty() {
        doc.insert("keywords".into(), a.tags.clone().into());
    }
    let (about, mentions) = article_entities(site, settings, i);
    if !about.is_empty() {
        doc.insert("about".into(), Value::Array(about));
    }
    if !mentions.is_empty() {
        doc.insert("mentions".into(), Value::Array(mentions));
    }
    script_safe(&Value::Object(doc))
}

/// The entities of article `i` in order of first mention, split into those its headline
/// (unit 0) names and the rest.
fn article_entities(site: &Site<'_>, settings: &Settings, i: usize) -> (Vec<Value>, Vec<Value>) {
    let mut seen: Vec<(u32, bool)> = Vec::new();
    for m in &site.notes.articles[i].mentions {
        match seen.iter_mut().find(|(e, _)| *e == m.entity) {
            Some(s) => s.1 |= m.unit == 0,
            None => seen.push((m.entity, m.unit == 0)),
        }
    }
    let thing = |e: u32| reference(&site.notes.entities[e as usize], settings);
    let about = seen.iter().filter(|s| s.1).map(|s| thing(s.0)).collect();
    let mentions = seen.iter().filter(|s| !s.1).map(|s| thing(s.0)).collect();
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
pub fn script_safe(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
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
