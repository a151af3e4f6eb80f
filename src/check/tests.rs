//! `verify` on hand-made outputs.

use super::*;

fn output(files: &[(&str, &str)]) -> Output {
    Output::new(files.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())).collect())
}

fn base() -> BaseUrl {
    BaseUrl::parse("https://example.org/digest/").unwrap()
}

const INDEX: &str = "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"/digest/static/style.css\">\
    <link rel=\"canonical\" href=\"https://example.org/digest/\"></head>\
    <body><a href=\"articles/a/#l4\">a</a> <a href=\"https://elsewhere.org/\">x</a> <a href=\"#main\">skip</a>\
    <main id=\"main\"></main></body></html>";
const ARTICLE: &str = "<p id=\"l4\">Hi <a href=\"../../\">home</a> <a href=\"/digest/articles/a\">me</a></p>";
const ATOM: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
    <title>T</title><id>https://example.org/digest/atom.xml</id><updated>2021-03-23T00:00:00Z</updated>\
    <author><name>T</name></author>\
    <link rel=\"self\" href=\"https://example.org/digest/atom.xml\"/>\
    <entry><title>a</title><id>https://example.org/digest/articles/a/</id><updated>2021-03-23T00:00:00Z</updated>\
    <link rel=\"alternate\" href=\"https://example.org/digest/articles/a/\"/><content type=\"html\">x</content></entry></feed>";

fn good() -> Vec<(&'static str, &'static str)> {
    vec![
        ("index.html", INDEX),
        ("articles/a/index.html", ARTICLE),
        ("static/style.css", "body { background: url(\"../static/bg.png\") } i { background: url(data:x) }"),
        ("static/bg.png", ""),
        ("atom.xml", ATOM),
        ("robots.txt", "User-agent: *\nSitemap: https://example.org/digest/atom.xml\n"),
    ]
}

#[test]
fn a_good_site_has_no_problems() {
    let report = verify(&output(&good()), &base());
    assert_eq!(report.problems, []);
    assert_eq!(report.pages, 2);
    assert_eq!(report.links, 11);
    assert_eq!(report.feeds, 1);
    assert_eq!(report.summary(), "checked 2 pages, 11 links: no problems");
}

#[test]
fn reports_broken_links_anchors_and_escapes_with_their_page() {
    let mut files = good();
    files.push((
        "articles/b/index.html",
        "<a href=\"../nope/\">1</a> <a href=\"../a/#nowhere\">2</a> <img src=\"/pic.png\" alt=\"\"> \
         <a href='#here'>3</a><p id=\"here\"></p><p id=here></p>",
    ));
    let report = verify(&output(&files), &base());
    let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "articles/b/index.html: <a href=\"../a/#nowhere\"> is a broken anchor: articles/a/index.html has no id \"nowhere\"",
            "articles/b/index.html: <a href=\"../nope/\"> is a broken link: there is no articles/nope/index.html",
            "articles/b/index.html: <img src=\"/pic.png\"> leads outside the base_url path /digest/ (to /pic.png)",
            "articles/b/index.html: duplicate id \"here\"",
        ]
    );
    assert_eq!(report.summary(), "checked 3 pages, 15 links: 4 problems");
}

#[test]
fn feeds_must_parse_and_carry_what_atom_requires() {
    let mut files = good();
    files[4].1 = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title></entry></feed>";
    files.push(("sitemap.xml", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.org/digest/gone/</loc></url></urlset>"));
    files.push(("feed.json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{}]"));
    files.push(("tags/x/atom.xml", "<feed><unclosed></feed>"));
    let report = verify(&output(&files), &base());
    let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    for want in [
        "atom.xml: Atom <feed> has no <id>",
        "atom.xml: Atom <feed> has no <updated>",
        "atom.xml: Atom <feed> has no <link rel=\"self\">",
        "atom.xml: Atom <entry> 1 has no <id>",
        "atom.xml: Atom <entry> 1 has no <author> and neither has the feed",
        "sitemap.xml: <loc>https://example.org/digest/gone/</loc> is a broken link: there is no gone/index.html",
    ] {
        assert!(shown.iter().any(|s| s == want), "missing {want:?} in {shown:#?}");
    }
    assert!(shown.iter().any(|s| s.starts_with("feed.json: is not valid JSON")), "{shown:#?}");
    assert!(shown.iter().any(|s| s.starts_with("tags/x/atom.xml: is not well-formed XML")), "{shown:#?}");
}

#[test]
fn thousands_separators() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1234), "1,234");
    assert_eq!(thousands(1234567), "1,234,567");
}
