//! Feeds built from a hand-made corpus and hand-made annotations, parsed back.

use std::path::Path;

use crate::annotate::{Annotations, ArticleNotes, Entity, EntityKind, Mention};
use crate::content::{parse_file, Corpus};
use crate::model::Site;
use crate::settings::{Overrides, Settings};

use super::*;

fn settings() -> Settings {
    let toml = "title = \"Digest & Co\"\ndescription = \"News\"\nbase_url = \"https://example.org/digest/\"\n\
                [feeds]\nentries = 2\n";
    Settings::parse(Path::new("/tmp/site"), toml, &Overrides::default()).unwrap()
}

/// Three articles, newest first: "c" (2021-07-07), "b" (2021-04-13, a Markdown date-time), "a".
fn corpus() -> Corpus {
    let a = parse_file(
        Path::new("content/a.txt"),
        "Ever Given runs aground\n20210323\nhttps://news.example/a\nThe Ever Given ran aground in the Suez Canal.\n",
    )
    .unwrap();
    let b = parse_file(
        Path::new("content/b.md"),
        "+++\ntitle = \"Court orders seizure\"\ndate = 2021-04-13T09:30:00+02:00\ntags = [\"Courts\"]\n\
         authors = [\"A. Writer\"]\n+++\nA court in Ismailia ordered the seizure of the Ever Given.\n",
    )
    .unwrap();
    let c = parse_file(
        Path::new("content/c.txt"),
        "Ever Given released\n20210707\n\nThe Suez Canal Authority let the ship go.\n",
    )
    .unwrap();
    Corpus { articles: vec![c.into(), b.into(), a.into()] }
}

fn entity(id: &str, name: &str, kind: EntityKind) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![name.into()],
        description: None,
        link: Some(format!("https://en.wikipedia.org/wiki/{id}")),
        image: None,
    }
}

fn mention(unit: u32, entity: u32) -> Mention {
    Mention { unit, start: 0, end: 3, entity }
}

/// "Ever Given" (0) is in all three articles (in b's and c's headline), "Suez Canal" (1) in a
/// and c, "Ismailia" (2) in b.
fn notes() -> Annotations {
    Annotations {
        entities: vec![
            entity("ever-given", "Ever Given", EntityKind::Org),
            entity("suez-canal", "Suez Canal", EntityKind::Place),
            entity("ismailia", "Ismailia", EntityKind::Place),
        ],
        articles: vec![
            ArticleNotes { mentions: vec![mention(0, 0), mention(1, 1)], ..Default::default() },
            ArticleNotes { mentions: vec![mention(1, 2), mention(1, 0)], ..Default::default() },
            ArticleNotes { mentions: vec![mention(0, 0), mention(1, 1)], ..Default::default() },
        ],
    }
}

fn body(i: usize) -> String {
    format!("<p id=\"l4\">Body {i} of <a href=\"/digest/entities/ever-given/\">Ever Given</a> &amp; <a href=\"#l4\">here</a></p>")
}

fn build() -> HashMap<String, String> {
    let (corpus, notes, settings) = (corpus(), notes(), settings());
    let site = Site::build(&corpus, &notes);
    feeds(&site, &settings, &body).into_iter().map(|(p, b)| (p, String::from_utf8(b).unwrap())).collect()
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children().find(|n| n.has_tag_name((ATOM, name))).unwrap_or_else(|| panic!("no <{name}>"))
}

fn text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    child(node, name).text().unwrap_or("")
}

fn entries<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.root_element().children().filter(|n| n.has_tag_name((ATOM, "entry"))).collect()
}

#[test]
fn site_feed_has_the_newest_entries_and_the_newest_date() {
    let files = build();
    let doc = roxmltree::Document::parse(&files["atom.xml"]).unwrap();
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(text(feed, "title"), "Digest & Co");
    assert_eq!(text(feed, "id"), "https://example.org/digest/atom.xml");
    assert_eq!(text(feed, "updated"), "2021-07-07T00:00:00Z");
    assert_eq!(text(child(feed, "author"), "name"), "Digest & Co");
    let entries = entries(&doc);
    let titles: Vec<&str> = entries.iter().map(|e| text(*e, "title")).collect();
    assert_eq!(titles, ["Ever Given released", "Court orders seizure"]);
    let court = entries[1];
    assert_eq!(text(court, "published"), "2021-04-13T09:30:00+02:00");
    assert_eq!(text(court, "id"), "https://example.org/digest/articles/b/");
    assert_eq!(text(child(court, "author"), "name"), "A. Writer");
    let content = child(court, "content");
    assert_eq!(content.attribute("type"), Some("html"));
    assert_eq!(
        content.text().unwrap(),
        "<p id=\"l4\">Body 1 of <a href=\"https://example.org/digest/entities/ever-given/\">Ever Given</a> &amp; \
         <a href=\"https://example.org/digest/articles/b/#l4\">here</a></p>"
    );
}

#[test]
fn entity_feeds_follow_one_entity() {
    let files = build();
    let doc = roxmltree::Document::parse(&files["entities/ever-given/atom.xml"]).unwrap();
    let feed = doc.root_element();
    assert_eq!(text(feed, "title"), "Ever Given · Digest & Co");
    let links: Vec<(Option<&str>, Option<&str>)> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "link")))
        .map(|n| (n.attribute("rel"), n.attribute("href")))
        .collect();
    assert_eq!(
        links,
        [
            (Some("self"), Some("https://example.org/digest/entities/ever-given/atom.xml")),
            (Some("alternate"), Some("https://example.org/digest/entities/ever-given/")),
        ]
    );
    assert_eq!(entries(&doc).len(), 2, "cut to feed_entries");

    let doc = roxmltree::Document::parse(&files["entities/ismailia/atom.xml"]).unwrap();
    let entries = entries(&doc);
    assert_eq!(entries.len(), 1);
    assert_eq!(text(entries[0], "title"), "Court orders seizure");
    assert_eq!(text(doc.root_element(), "updated"), "2021-04-13T09:30:00+02:00");

    let doc = roxmltree::Document::parse(&files["entities/suez-canal/atom.xml"]).unwrap();
    let titles: Vec<&str> = self::entries(&doc).iter().map(|e| text(*e, "title")).collect();
    assert_eq!(titles, ["Ever Given released", "Ever Given runs aground"]);
    assert!(!files.contains_key("entities/suez-canal/feed.json"));
}

#[test]
fn tag_feeds_in_both_formats() {
    let files = build();
    let doc = roxmltree::Document::parse(&files["tags/courts/atom.xml"]).unwrap();
    assert_eq!(entries(&doc).len(), 1);
    let json: serde_json::Value = serde_json::from_str(&files["tags/courts/feed.json"]).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://example.org/digest/tags/courts/feed.json");
    assert_eq!(json["home_page_url"], "https://example.org/digest/tags/courts/");
    assert_eq!(json["items"][0]["tags"][0], "Courts");
    assert_eq!(json["items"][0]["date_published"], "2021-04-13T09:30:00+02:00");
}

#[test]
fn json_feed_carries_full_text() {
    let files = build();
    let json: serde_json::Value = serde_json::from_str(&files["feed.json"]).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], "https://example.org/digest/articles/c/");
    assert!(items[0]["content_html"].as_str().unwrap().contains("href=\"https://example.org/digest/entities/"));
    assert_eq!(items[1]["authors"][0]["name"], "A. Writer");
    assert_eq!(json["authors"][0]["name"], "Digest & Co");
}

#[test]
fn feeds_are_deterministic() {
    assert_eq!(build(), build());
}

#[test]
fn empty_site_feed_is_still_valid() {
    let (corpus, settings) = (Corpus::default(), settings());
    let notes = Annotations::none(&corpus);
    let site = Site::build(&corpus, &notes);
    let files = feeds(&site, &settings, &body);
    let atom = String::from_utf8(files[0].1.clone()).unwrap();
    let doc = roxmltree::Document::parse(&atom).unwrap();
    assert_eq!(text(doc.root_element(), "updated"), EPOCH);
}

#[test]
fn sitemap_dates_each_page_by_its_newest_article() {
    let (corpus, notes, settings) = (corpus(), notes(), settings());
    let site = Site::build(&corpus, &notes);
    let pages: Vec<String> = [
        "index.html",
        "page/2/index.html",
        "articles/a/index.html",
        "tags/courts/index.html",
        "entities/suez-canal/index.html",
        "404.html",
        "timeline.html",
        "static/style.css",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    let files = crawler_files(&site, &settings, &pages);
    let sitemap = String::from_utf8(files[0].1.clone()).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let ns = sitemap::NAMESPACE;
    let urls: Vec<(String, String)> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|u| {
            let get = |name| u.children().find(|n| n.has_tag_name((ns, name))).and_then(|n| n.text()).unwrap_or("");
            (get("loc").to_string(), get("lastmod").to_string())
        })
        .collect();
    let want = [
        ("https://example.org/digest/articles/a/", "2021-03-23"),
        ("https://example.org/digest/entities/suez-canal/", "2021-07-07"),
        ("https://example.org/digest/", "2021-07-07"),
        ("https://example.org/digest/page/2/", "2021-07-07"),
        ("https://example.org/digest/tags/courts/", "2021-04-13"),
        ("https://example.org/digest/timeline.html", "2021-07-07"),
    ];
    assert_eq!(urls, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(files[1].0, "robots.txt");
    assert!(String::from_utf8_lossy(&files[1].1).contains("Sitemap: https://example.org/digest/sitemap.xml\n"));
    let own_robots = vec!["robots.txt".to_string()];
    assert!(crawler_files(&site, &settings, &own_robots).iter().all(|f| f.0 != "robots.txt"));
}

#[test]
fn paginated_pages_find_their_first_page() {
    assert_eq!(first_page_of("page/2/"), Some(""));
    assert_eq!(first_page_of("tags/war/page/3/"), Some("tags/war/"));
    assert_eq!(first_page_of("tags/war/"), None);
}

#[test]
fn json_ld_points_at_entity_pages_with_schema_types() {
    let (corpus, notes, settings) = (corpus(), notes(), settings());
    let site = Site::build(&corpus, &notes);
    let doc: serde_json::Value = serde_json::from_str(&crate::render::jsonld::article(&site, &settings, 1, &|e| {
        crate::render::jsonld::entity_reference(&site, &settings, e)
    }))
    .unwrap();
    assert_eq!(doc["@type"], "NewsArticle");
    assert_eq!(doc["headline"], "Court orders seizure");
    assert_eq!(doc["datePublished"], "2021-04-13T09:30:00+02:00");
    assert_eq!(doc["author"][0]["@type"], "Person");
    assert!(doc.get("about").is_none(), "b's headline names no entity");
    let mentions: Vec<(&str, &str)> = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["@type"].as_str().unwrap(), m["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        mentions,
        [
            ("Place", "https://example.org/digest/entities/ismailia/"),
            ("Organization", "https://example.org/digest/entities/ever-given/")
        ]
    );
    let doc: serde_json::Value = serde_json::from_str(&crate::render::jsonld::article(&site, &settings, 2, &|e| {
        crate::render::jsonld::entity_reference(&site, &settings, e)
    }))
    .unwrap();
    assert_eq!(doc["about"][0]["name"], "Ever Given");
    assert_eq!(doc["isBasedOn"], "https://news.example/a");
    assert_eq!(doc["author"][0]["@type"], "Organization");

    for (e, kind) in [(0, "Organization"), (1, "Place")] {
        let doc: serde_json::Value = serde_json::from_str(&crate::render::jsonld::entity(&site, &settings, e)).unwrap();
        assert_eq!(doc["@type"], kind);
        assert_eq!(doc["@context"], "https://schema.org");
    }
    let mut person = self::notes();
    person.entities[2].kind = EntityKind::Person;
    let site = Site::build(&corpus, &person);
    let doc: serde_json::Value = serde_json::from_str(&crate::render::jsonld::entity(&site, &settings, 2)).unwrap();
    assert_eq!(doc["@type"], "Person");
    assert_eq!(doc["sameAs"], "https://en.wikipedia.org/wiki/ismailia");
}

#[test]
fn timeline_calendar_has_one_event_per_day_or_week() {
    use crate::annotate::dates::Timex;
    use crate::annotate::DateNote;
    let day = |m, d| Timex::Day(chrono::NaiveDate::from_ymd_opt(2021, m, d).unwrap());
    let note = |value| DateNote { unit: 1, start: 0, end: 3, value, modifier: None, until: None };
    let (corpus, mut notes, settings) = (corpus(), notes(), settings());
    notes.articles[2].dates = vec![note(day(3, 23)), note(Timex::Month { year: 2021, month: 3 })];
    notes.articles[1].dates = vec![note(day(3, 23)), note(Timex::Week { year: 2021, week: 12 })];
    let site = Site::build(&corpus, &notes);
    let events = timeline_events(&site, &settings);
    let values: Vec<(String, String, String)> =
        events.iter().map(|e| (e.uid.clone(), e.start.to_string(), e.end_inclusive.to_string())).collect();
    assert_eq!(
        values,
        [
            ("d-2021-W12@example.org/digest/".into(), "2021-03-22".into(), "2021-03-28".into()),
            ("d-2021-03-23@example.org/digest/".into(), "2021-03-23".into(), "2021-03-23".into()),
        ],
        "chronological, the month left out"
    );
    let aground = &events[1];
    assert_eq!(aground.url, "https://example.org/digest/timeline.html#d-2021-03-23");
    assert_eq!(aground.summary, "23 March 2021: The Ever Given ran aground in the Suez Canal.", "oldest report first");
    assert!(aground.description.contains("— Court orders seizure (13 April 2021)"), "{}", aground.description);
    let files: HashMap<String, Vec<u8>> = feeds(&site, &settings, &body).into_iter().collect();
    let ics = String::from_utf8(files["timeline.ics"].clone()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(!build().contains_key("timeline.ics"), "no timeline, no calendar");
}

#[test]
fn shortens_at_word_boundaries() {
    assert_eq!(shorten("short", 10), "short");
    assert_eq!(shorten("one two, three four", 12), "one two…");
}
