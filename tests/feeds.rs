//! Feeds, sitemap, metadata and deployment: the `feeds-site` fixture (served under the sub-path
//! `https://example.org/digest/`) is built into a temporary folder with `build::build`, as
//! `newsreel build --root <fixture> --output-dir <tmp>` does, and what comes out is parsed back:
//! XML with roxmltree, HTML with scraper, JSON with serde_json, YAML with serde_yaml_ng.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsreel::progress::Progress;
use newsreel::settings::{Overrides, Settings};
use scraper::{Html, Selector};

const BASE: &str = "https://example.org/digest/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The built site: output path → bytes.
struct Site {
    files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    fn build(name: &str) -> Site {
        let out = tempfile::tempdir().unwrap();
        let root = out.path().join("public");
        let overrides = Overrides { output_dir: Some(root.clone()), ..Overrides::default() };
        let settings = Settings::load(&fixture(name), &overrides).unwrap();
        newsreel::build::build(&settings, &Progress::hidden()).unwrap();
        let files = walk(&root)
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                (rel, std::fs::read(&p).unwrap())
            })
            .collect();
        Site { files }
    }

    fn text(&self, path: &str) -> &str {
        std::str::from_utf8(self.files.get(path).unwrap_or_else(|| panic!("no {path} in the output"))).unwrap()
    }

    fn pages(&self) -> impl Iterator<Item = (&str, Html)> {
        self.files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p.as_str(), Html::parse_document(std::str::from_utf8(b).unwrap())))
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn atom_child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((ATOM, name)))
}

fn atom_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    atom_child(node, name).and_then(|n| n.text()).unwrap_or_else(|| panic!("no <{name}>"))
}

/// Checks what RFC 4287 requires of a feed and returns its entries.
fn valid_atom<'a, 'i>(doc: &'a roxmltree::Document<'i>, self_url: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "root is {:?}", feed.tag_name());
    for name in ["id", "title", "updated"] {
        assert!(!atom_text(feed, name).is_empty(), "empty <{name}>");
    }
    assert!(!atom_text(atom_child(feed, "author").expect("feed author"), "name").is_empty());
    let self_link = feed.children().find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"));
    assert_eq!(self_link.and_then(|l| l.attribute("href")), Some(self_url));
    chrono::DateTime::parse_from_rfc3339(atom_text(feed, "updated")).expect("RFC 3339 <updated>");
    let entries: Vec<_> = feed.children().filter(|n| n.has_tag_name((ATOM, "entry"))).collect();
    for e in &entries {
        assert!(atom_text(*e, "id").starts_with(BASE));
        assert!(!atom_text(*e, "title").is_empty());
        chrono::DateTime::parse_from_rfc3339(atom_text(*e, "updated")).expect("RFC 3339 entry <updated>");
        // The site feeds carry the full text; tag and entity feeds the summary.
        match atom_child(*e, "content") {
            Some(c) => assert_eq!(c.attribute("type"), Some("html")),
            None => assert!(!atom_text(*e, "summary").is_empty(), "an entry with neither content nor summary"),
        }
    }
    for link in feed.descendants().filter(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") != Some("via")) {
        assert!(link.attribute("href").unwrap().starts_with(BASE), "{:?}", link.attribute("href"));
    }
    entries
}

#[test]
fn atom_feed_is_valid_with_the_newest_entries_and_absolute_urls_under_the_sub_path() {
    let site = Site::build("feeds-site");
    let doc = roxmltree::Document::parse(site.text("atom.xml")).unwrap();
    let entries = valid_atom(&doc, "https://example.org/digest/atom.xml");
    let ids: Vec<&str> = entries.iter().map(|e| atom_text(*e, "id")).collect();
    assert_eq!(
        ids,
        [
            "https://example.org/digest/articles/released/",
            "https://example.org/digest/articles/seizure/",
            "https://example.org/digest/articles/refloated/",
        ],
        "the [feeds] entries = 3 newest, newest first"
    );
    assert_eq!(atom_text(doc.root_element(), "updated"), "2021-07-07T00:00:00Z", "the newest article's date");
    assert_eq!(atom_text(doc.root_element(), "title"), "Feeds & Fixtures");
    assert_eq!(doc.root_element().attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("en-GB"));
    // The full text, with its links made absolute.
    let content = atom_text(entries[1], "content");
    assert!(content.contains("href=\"https://example.org/digest/articles/tugs/#talks\""), "{content}");
    // Markup in a title is text, not markup.
    assert_eq!(atom_text(entries[0], "title"), "Released </script><script>alert(1)</script> at last");
}

#[test]
fn tag_feeds_in_both_formats() {
    let site = Site::build("feeds-site");
    let doc = roxmltree::Document::parse(site.text("tags/salvage/atom.xml")).unwrap();
    let entries = valid_atom(&doc, "https://example.org/digest/tags/salvage/atom.xml");
    let titles: Vec<&str> = entries.iter().map(|e| atom_text(*e, "title")).collect();
    assert_eq!(titles.len(), 2);
    assert_eq!(titles[1], "Tugs struggle to free the ship");
    assert_eq!(atom_text(entries[1], "published"), "2021-03-25T08:15:00+02:00");
    let authors: Vec<&str> =
        entries[1].children().filter(|n| n.has_tag_name((ATOM, "author"))).map(|a| atom_text(a, "name")).collect();
    assert_eq!(authors, ["Cairo bureau", "A. N. Other"]);
    for tag in ["salvage", "suez-canal", "courts"] {
        let json: serde_json::Value = serde_json::from_str(site.text(&format!("tags/{tag}/feed.json"))).unwrap();
        assert_eq!(json["feed_url"], format!("{BASE}tags/{tag}/feed.json"));
        assert!(!json["items"].as_array().unwrap().is_empty());
    }
}

#[test]
fn json_feed_carries_the_full_text() {
    let site = Site::build("feeds-site");
    let json: serde_json::Value = serde_json::from_str(site.text("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["home_page_url"], BASE);
    assert_eq!(json["feed_url"], "https://example.org/digest/feed.json");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        assert!(item["url"].as_str().unwrap().starts_with(BASE));
        assert!(item["date_published"].as_str().unwrap().starts_with("2021-"));
    }
    let seizure = &items[1];
    assert_eq!(seizure["title"], "Court orders seizure of the ship");
    let html = seizure["content_html"].as_str().unwrap();
    assert!(html.contains("ordered the ship held until a claim is paid"), "{html}");
    // Entity links in the text, made absolute for feed readers.
    assert!(html.contains("href=\"https://example.org/digest/entities/"), "{html}");
    assert!(!html.contains("href=\"/"), "{html}");
}

#[test]
fn sitemap_lists_every_page_with_lastmod_and_robots_points_at_it() {
    let site = Site::build("feeds-site");
    let doc = roxmltree::Document::parse(site.text("sitemap.xml")).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let mut listed = BTreeMap::new();
    for url in doc.root_element().children().filter(|n| n.has_tag_name((ns, "url"))) {
        let get = |name| url.children().find(|n| n.has_tag_name((ns, name))).and_then(|n| n.text()).unwrap();
        listed.insert(get("loc").to_string(), get("lastmod").to_string());
    }
    let mut pages: Vec<String> = site
        .files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .map(|p| format!("{BASE}{}", p.strip_suffix("index.html").unwrap_or(p)))
        .collect();
    pages.sort();
    assert_eq!(listed.keys().cloned().collect::<Vec<_>>(), pages);
    assert_eq!(listed[&format!("{BASE}articles/tugs/")], "2021-03-25");
    assert_eq!(listed[&format!("{BASE}tags/courts/")], "2021-07-07");
    assert_eq!(listed[&format!("{BASE}archive/2021/03/")], "2021-03-29");
    assert_eq!(listed[BASE], "2021-07-07");
    assert!(site.text("robots.txt").contains("\nSitemap: https://example.org/digest/sitemap.xml\n"));
}

#[test]
fn article_pages_carry_news_article_json_ld() {
    let site = Site::build("feeds-site");
    let script = sel("script[type=\"application/ld+json\"]");
    let mut articles = 0;
    for (path, page) in site.pages() {
        let scripts: Vec<_> = page.select(&script).collect();
        if !path.starts_with("articles/") {
            continue;
        }
        articles += 1;
        assert_eq!(scripts.len(), 1, "{path}");
        let doc: serde_json::Value = serde_json::from_str(&scripts[0].inner_html()).unwrap();
        assert_eq!(doc["@context"], "https://schema.org");
        assert_eq!(doc["@type"], "NewsArticle", "{path}");
        assert_eq!(doc["url"], format!("{BASE}{}", path.strip_suffix("index.html").unwrap()));
        assert!(doc["headline"].as_str().is_some_and(|h| !h.is_empty()));
        assert!(doc["datePublished"].as_str().unwrap().starts_with("2021-"));
        if path == "articles/tugs/index.html" {
            assert_eq!(doc["isBasedOn"], "https://news.example.com/2021/03/25/tugs");
            assert_eq!(doc["author"][1]["name"], "A. N. Other");
            assert_eq!(doc["datePublished"], "2021-03-25T08:15:00+02:00");
        }
        if path == "articles/released/index.html" {
            // The title's </script> could not end the script element: the JSON round-trips.
            assert_eq!(doc["headline"], "Released </script><script>alert(1)</script> at last");
            assert_eq!(page.select(&sel("script")).count(), 2, "only JSON-LD and newsreel.js");
        }
    }
    assert_eq!(articles, 5);
}

#[test]
fn entity_pages_carry_their_schema_type_and_an_atom_feed() {
    let site = Site::build("feeds-site");
    let script = sel("script[type=\"application/ld+json\"]");
    let mut entities = 0;
    for (path, page) in site.pages() {
        let Some(id) = path.strip_prefix("entities/").and_then(|p| p.strip_suffix("/index.html")) else { continue };
        if id.contains('/') {
            continue; // a later page of a long entity listing
        }
        entities += 1;
        let json: serde_json::Value = serde_json::from_str(&page.select(&script).next().unwrap().inner_html()).unwrap();
        assert!(["Person", "Place", "Organization"].contains(&json["@type"].as_str().unwrap()), "{path}: {json}");
        assert_eq!(json["url"], format!("{BASE}entities/{id}/"));
        let feed = format!("entities/{id}/atom.xml");
        let doc = roxmltree::Document::parse(site.text(&feed)).unwrap();
        assert!(!valid_atom(&doc, &format!("{BASE}{feed}")).is_empty(), "{feed} has no entries");
    }
    assert!(entities > 0, "the annotation pass found no entity in the fixture");
    // Articles point at them: `about` / `mentions` carry entity page URLs.
    let article = site.pages().find(|(p, _)| *p == "articles/aground/index.html").unwrap().1;
    let json: serde_json::Value = serde_json::from_str(&article.select(&script).next().unwrap().inner_html()).unwrap();
    let things: Vec<&serde_json::Value> =
        ["about", "mentions"].iter().filter_map(|k| json[*k].as_array()).flatten().collect();
    assert!(!things.is_empty(), "{json}");
    for thing in things {
        assert!(thing["url"].as_str().unwrap().starts_with(&format!("{BASE}entities/")), "{thing}");
        assert!(["Person", "Place", "Organization"].contains(&thing["@type"].as_str().unwrap()), "{thing}");
    }
}

#[test]
fn every_page_has_title_description_canonical_social_tags_and_lang() {
    let site = Site::build("feeds-site");
    for (path, page) in site.pages() {
        let attr = |selector: &str, name: &str| {
            page.select(&sel(selector))
                .next()
                .and_then(|e| e.value().attr(name).map(str::to_string))
                .unwrap_or_else(|| panic!("{path}: no {selector}"))
        };
        assert_eq!(attr("html", "lang"), "en-GB", "{path}");
        assert!(!page.select(&sel("title")).next().unwrap().inner_html().is_empty(), "{path}");
        attr("meta[name=description]", "content");
        let canonical = attr("link[rel=canonical]", "href");
        assert!(canonical.starts_with(BASE), "{path}: {canonical}");
        assert_eq!(attr("meta[property=\"og:url\"]", "content"), canonical, "{path}");
        for property in ["og:title", "og:description", "og:type", "og:site_name"] {
            attr(&format!("meta[property=\"{property}\"]"), "content");
        }
        for name in ["twitter:card", "twitter:title", "twitter:description"] {
            attr(&format!("meta[name=\"{name}\"]"), "content");
        }
        let feed = attr("link[rel=alternate][type=\"application/atom+xml\"]", "href");
        assert!(feed.starts_with("/digest/"), "{path}: {feed}");
    }
    let tag = site.pages().find(|(p, _)| *p == "tags/courts/index.html").unwrap().1;
    let feeds: Vec<&str> = tag.select(&sel("link[rel=alternate]")).filter_map(|e| e.value().attr("href")).collect();
    assert!(feeds.contains(&"/digest/tags/courts/atom.xml") && feeds.contains(&"/digest/tags/courts/feed.json"));
}

/// Resolves `href` on the page at `page_url` (a path under the host) to a path, or `None` for
/// another host or scheme.
fn resolve_path(page_url: &str, href: &str) -> Option<String> {
    if href.starts_with("https://example.org/") {
        return Some(href["https://example.org".len()..].to_string());
    }
    if href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    let absolute = newsreel::render::links::resolve(&format!("https://example.org{page_url}"), href);
    Some(absolute["https://example.org".len()..].to_string())
}

#[test]
fn every_href_and_src_stays_inside_the_sub_path_and_resolves() {
    let site = Site::build("feeds-site");
    let mut checked = 0;
    for (path, page) in site.pages() {
        let page_url = format!("/digest/{}", path.strip_suffix("index.html").unwrap_or(path));
        for element in page.select(&sel("[href], [src]")) {
            for name in ["href", "src"] {
                let Some(url) = element.value().attr(name) else { continue };
                let Some(target) = resolve_path(&page_url, url) else { continue };
                let target = target.split(['#', '?']).next().unwrap().to_string();
                let rel = target.strip_prefix("/digest/").unwrap_or_else(|| panic!("{path}: {url} escapes /digest/"));
                let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.into() };
                assert!(site.files.contains_key(&file), "{path}: {url} → {file} does not exist");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links");
}

#[test]
fn cname_and_nojekyll_are_published_at_the_root() {
    let site = Site::build("feeds-site");
    assert_eq!(site.text("CNAME"), "digest.example.org\n");
    assert!(site.files.contains_key(".nojekyll"));
    assert!(!site.files.contains_key("static/CNAME"));
}

#[test]
fn feeds_and_sitemap_are_byte_identical_across_builds() {
    let (a, b) = (Site::build("feeds-site"), Site::build("feeds-site"));
    for path in ["atom.xml", "feed.json", "sitemap.xml", "tags/salvage/atom.xml", "articles/tugs/index.html"] {
        assert_eq!(a.files[path], b.files[path], "{path} differs between builds");
    }
}

#[test]
fn link_scanner_agrees_with_an_html5_parser() {
    let site = Site::build("feeds-site");
    for path in site.files.keys().filter(|p| p.ends_with(".html")) {
        // With scripting on, an HTML5 parser reads <noscript> as text; the scanner reads the
        // markup inside (what readers without JavaScript follow). Compare the rest.
        let html = without_noscript(site.text(path));
        let page = Html::parse_document(&html);
        let mut parsed: Vec<(String, String, String)> = Vec::new();
        for element in page.tree.nodes().filter_map(scraper::ElementRef::wrap) {
            for (name, value) in element.value().attrs() {
                if matches!(name, "href" | "src" | "id") {
                    parsed.push((element.value().name().to_string(), name.to_string(), value.to_string()));
                }
            }
        }
        let mut scanned: Vec<(String, String, String)> = Vec::new();
        for tag in newsreel::render::links::tags(&html) {
            for attr in tag.attrs.iter().filter(|a| a.is("href") || a.is("src") || a.is("id")) {
                scanned.push((tag.name.to_ascii_lowercase(), attr.name.to_string(), attr.value().into_owned()));
            }
        }
        parsed.sort();
        scanned.sort();
        assert_eq!(scanned, parsed, "{path}");
    }
}

fn without_noscript(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<noscript>") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</noscript>").map_or(rest.len(), |i| start + i + "</noscript>".len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn workflow(path: &Path) -> serde_yaml_ng::Value {
    serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The `uses:` of every step of a job, and the `run:` lines.
fn steps(doc: &serde_yaml_ng::Value, job: &str) -> (Vec<String>, Vec<String>) {
    let steps = doc["jobs"][job]["steps"].as_sequence().unwrap();
    let field = |key: &str| steps.iter().filter_map(|s| s[key].as_str().map(str::to_string)).collect();
    (field("uses"), field("run"))
}

fn check_pages_workflow(doc: &serde_yaml_ng::Value, install: &str) {
    assert_eq!(doc["on"]["push"]["branches"][0], "main");
    assert_eq!(doc["permissions"]["pages"], "write");
    assert_eq!(doc["permissions"]["id-token"], "write");
    assert_eq!(doc["permissions"]["contents"], "read");
    assert_eq!(doc["concurrency"]["group"], "pages");
    assert_eq!(doc["concurrency"]["cancel-in-progress"], false);
    let (uses, runs) = steps(doc, "build");
    let names: Vec<&str> = uses.iter().map(|u| u.split('@').next().unwrap()).collect();
    assert_eq!(
        names,
        ["actions/checkout", "actions/configure-pages", "actions/cache", "actions/upload-pages-artifact"]
    );
    let configure = doc["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/configure-pages")))
        .unwrap();
    assert_eq!(configure["id"], "pages");
    assert!(runs.iter().any(|r| r.contains(install)), "no `{install}` in {runs:?}");
    let build = runs.iter().find(|r| r.starts_with("newsreel build")).expect("a newsreel build step");
    assert!(build.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\""), "{build}");
    assert!(build.contains("--output-dir public"), "{build}");
    let upload = doc["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact")))
        .unwrap();
    assert_eq!(upload["with"]["path"], "public");
    let (uses, _) = steps(doc, "deploy");
    assert!(uses[0].starts_with("actions/deploy-pages@"));
    assert_eq!(doc["jobs"]["deploy"]["needs"], "build");
    assert_eq!(doc["jobs"]["deploy"]["environment"]["name"], "github-pages");
}

#[test]
fn workflow_of_this_repository_publishes_the_example_site() {
    let doc = workflow(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/pages.yml"));
    check_pages_workflow(&doc, "cargo install --locked --path .");
    let cache = &doc["jobs"]["build"]["steps"][2]["with"]["path"];
    let cached = cache.as_str().unwrap();
    assert!(cached.contains("~/.cargo/registry") && cached.contains("target/"), "{cached}");
}

#[test]
fn workflow_written_by_init_publishes_the_new_site() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("digest");
    newsreel::init::init(&dir).unwrap();
    let doc = workflow(&dir.join(".github/workflows/pages.yml"));
    check_pages_workflow(&doc, "cargo install --locked --git \"$NEWSREEL_GIT\" newsreel");
    assert_eq!(doc["env"]["NEWSREEL_GIT"], "https://github.com/newsreel/newsreel");
}
