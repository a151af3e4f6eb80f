//! The `basic` fixture: both formats, nested folders, a draft, tags, BOM / CRLF / non-Latin
//! files, hidden files and editor leftovers, static files and a template override.

use crate::harness::{Page, Site};

/// Every article of `basic` (drafts left out), newest first, as the digest lists them.
const ARTICLES: &[(&str, &str)] = &[
    ("ferries-resume", "Ferry services resume as harbour clears"),
    ("pilots-strike", "Pilots call off planned strike"),
    ("harbour-reopens", "Harbour reopens after week-long closure"),
    ("kiyiv", "Річковий порт Києва відновив роботу"),
    ("storm-warning-issued", "Storm warning issued for the north coast"),
    ("bom-fees", "Harbour fees to rise in spring"),
    ("dredging-contract", "Dredging contract awarded to local firm"),
];

fn built() -> Site {
    let site = Site::fixture("basic");
    site.build().success();
    site
}

fn card_titles(page: &Page) -> Vec<String> {
    page.texts("main article.card h3 a")
}

/// The card of the article `slug` on a listing page.
fn card(page: &Page, slug: &str) -> Page {
    let href = format!("/articles/{slug}/");
    let mut cards: Vec<Page> =
        page.parts("article.card").into_iter().filter(|c| c.attrs("h3 a", "href") == [href.as_str()]).collect();
    assert_eq!(cards.len(), 1, "{}: one card for {slug}", page.path);
    cards.remove(0)
}

fn rel(page: &Page, css: &str, rel: &str) -> Option<String> {
    page.attrs(&format!("{css} a[rel={rel}]"), "href").into_iter().next()
}

#[test]
fn digest_groups_articles_by_day_newest_first() {
    let site = built();
    let page = site.page("index.html");
    assert_eq!(page.text("title"), "Harbour Watch");
    let days = page.attrs("main section.day h2 time", "datetime");
    assert_eq!(days, ["2024-03-13", "2024-03-12"]);
    assert_eq!(page.texts("main section.day h2"), ["Wednesday 13 March 2024", "Tuesday 12 March 2024"]);
    // Cards sit inside their day.
    let first_day = page.part("section.day[aria-labelledby=day-2024-03-13]");
    assert_eq!(
        first_day.texts("article.card h3"),
        ["Ferry services resume as harbour clears", "Pilots call off planned strike"]
    );

    // Title, link, date, source domain and the front matter's summary.
    let ferries = card(&page, "ferries-resume");
    assert_eq!(ferries.attr(".meta time", "datetime"), "2024-03-13");
    assert_eq!(ferries.text(".meta time"), "13 March 2024");
    assert_eq!(ferries.text(".meta .source"), "news.example.com");
    assert_eq!(ferries.text(".summary"), "The first ferries left Northport since the storm.");
    assert_eq!(ferries.texts(".tags a"), ["Shipping", "Weather"]);
    assert_eq!(ferries.attrs(".tags a", "href"), ["/tags/shipping/", "/tags/weather/"]);

    // Without a summary: the first sentences, escaped as text; `www.` is dropped from the domain.
    let reopens = card(&page, "harbour-reopens");
    assert_eq!(reopens.text(".source"), "harbour-news.example");
    assert_eq!(
        reopens.text(".summary"),
        "NORTHPORT — The harbour reopened to shipping on Monday, the port authority said. \
         Divers measured a depth of < 9 m & falling at the bar, said <b>officials</b>. \
         Harbour master Ingrid Solberg said the first ferries would sail \"at dawn\"."
    );
    assert_eq!(reopens.count(".summary b"), 0);
    // A card without a source shows no source.
    assert_eq!(card(&page, "pilots-strike").count(".source"), 0);
}

#[test]
fn digest_pagination_links_pages_in_order() {
    let site = built();
    let pages = ["index.html", "page/2/index.html", "page/3/index.html"];
    let mut all_titles = Vec::new();
    for (i, file) in pages.iter().enumerate() {
        let page = site.page(file);
        all_titles.extend(card_titles(&page));
        let nav = "main nav.pagination";
        assert_eq!(page.text(&format!("{nav} [aria-current=page]")), (i + 1).to_string(), "{file}");
        assert_eq!(page.attrs(&format!("{nav} a:not([rel])"), "href").len(), 2, "{file}: links to the other pages");
    }
    let expected: Vec<&str> = ARTICLES.iter().map(|(_, t)| *t).collect();
    assert_eq!(all_titles, expected, "every article exactly once, newest first");

    let p1 = site.page("index.html");
    let p2 = site.page("page/2/index.html");
    let p3 = site.page("page/3/index.html");
    assert_eq!(rel(&p1, "nav.pagination", "prev"), None);
    assert_eq!(rel(&p1, "nav.pagination", "next").as_deref(), Some("/page/2/"));
    assert_eq!(rel(&p2, "nav.pagination", "prev").as_deref(), Some("/"));
    assert_eq!(rel(&p2, "nav.pagination", "next").as_deref(), Some("/page/3/"));
    assert_eq!(rel(&p3, "nav.pagination", "prev").as_deref(), Some("/page/2/"));
    assert_eq!(rel(&p3, "nav.pagination", "next"), None);
    assert_eq!(p2.text("main h1"), "Harbour Watch page 2 of 3");
    assert!(!site.path("public/page/4").exists());
    assert!(!site.path("public/page/1").exists(), "page 1 is the front page");
}

#[test]
fn plain_text_article_page() {
    let site = built();
    let page = site.page("articles/harbour-reopens/index.html");
    assert_eq!(page.text("title"), "Harbour reopens after week-long closure · Harbour Watch");
    assert_eq!(page.text("main article h1"), "Harbour reopens after week-long closure");
    assert_eq!(page.attr("main article .meta time", "datetime"), "2024-03-12");
    assert_eq!(page.text("main article .meta time"), "12 March 2024");
    assert_eq!(page.attr("main article a.source", "href"), "https://www.harbour-news.example/2024/03/12/reopens");
    assert_eq!(page.text("main article a.source"), "harbour-news.example");
    // One paragraph per sentence, anchored by its line in the file (line 5 is blank).
    assert_eq!(page.attrs("main .text p", "id"), ["l4", "l6", "l7"]);
    assert_eq!(page.text("p#l4"), "NORTHPORT — The harbour reopened to shipping on Monday, the port authority said.");
    // `<`, `&` and tags in the text are text, not markup.
    assert_eq!(page.text("p#l6"), "Divers measured a depth of < 9 m & falling at the bar, said <b>officials</b>.");
    assert_eq!(page.count("p#l6 *"), 0);
    assert_eq!(page.text("p#l7"), "Harbour master Ingrid Solberg said the first ferries would sail \"at dawn\".");
    // The month it belongs to, and its neighbours in the digest.
    assert_eq!(page.attrs("main article .meta a[href^='/archive/']", "href"), ["/archive/2024/03/"]);
    assert_eq!(rel(&page, "nav.neighbours", "next").as_deref(), Some("/articles/pilots-strike/"));
    assert_eq!(rel(&page, "nav.neighbours", "prev").as_deref(), Some("/articles/kiyiv/"));
}

#[test]
fn markdown_article_page() {
    let site = built();
    let page = site.page("articles/ferries-resume/index.html");
    assert_eq!(page.text("main article h1"), "Ferry services resume as harbour clears");
    assert_eq!(page.attr("main article .meta time", "datetime"), "2024-03-13");
    assert_eq!(page.attr("main article a.source", "href"), "https://news.example.com/2024/03/13/ferries");
    assert!(page.text("main article .meta").contains("by Ada Writer, Ben Reporter"));
    assert_eq!(page.attrs("main article header .tags a", "href"), ["/tags/shipping/", "/tags/weather/"]);
    let text = "main article .text";
    // Smart punctuation.
    assert_eq!(
        page.text(&format!("{text} > p:first-child")),
        "The first ferry left at dawn, carrying “about 300” passengers – the harbour master’s count."
    );
    // Headings get unique ids from their text.
    assert_eq!(page.attrs(&format!("{text} h2, {text} h3"), "id"), ["what-changed", "what-changed-1"]);
    assert_eq!(page.texts(&format!("{text} h2, {text} h3")), ["What changed", "What changed"]);
    // Strikethrough, tables, footnotes.
    assert_eq!(page.text(&format!("{text} del")), "on Tuesday");
    assert_eq!(page.texts(&format!("{text} table thead th")), ["Berth", "Status"]);
    assert_eq!(page.texts(&format!("{text} table tbody td")), ["North", "open", "South", "closed"]);
    let note = page.attr(&format!("{text} sup.footnote-reference a"), "href");
    let note_id = note.strip_prefix('#').expect("footnote link is a fragment");
    assert_eq!(page.text(&format!("{text} [id='{note_id}'] p")), "According to the port authority’s own notice.");
    // Text with `<` and `&` stays text.
    assert!(page.texts(&format!("{text} p")).contains(&"Tide tables show 2 < 3 & rising.".to_string()));
}

#[test]
fn markdown_raw_html_is_sanitised() {
    let site = built();
    let page = site.page("articles/ferries-resume/index.html");
    assert_eq!(page.count("main script"), 0, "raw <script> removed");
    assert_eq!(page.count("[onclick]"), 0, "event handler attributes removed");
    assert!(
        page.attrs("a[href]", "href").iter().all(|h| !h.trim().to_ascii_lowercase().starts_with("javascript:")),
        "javascript: links removed"
    );
    // A link whose URL was stripped stays a valid placeholder `<a>` (no rel without href).
    assert_eq!(page.texts("main .text a:not([href])"), ["Port notice"]);
    assert_eq!(page.count("main .text a[rel]:not([href])"), 0);
    // Harmless markup stays.
    assert_eq!(page.text("main .text p b"), "harbour");
    assert_eq!(page.attr("main .text a[href^='https://archive']", "href"), "https://archive.example.net/notices");
    // The page's own script (base.html) is still there.
    assert_eq!(page.attrs("script[src]", "src"), ["/static/newsreel.js"]);
}

#[test]
fn bom_crlf_and_non_latin_files() {
    let site = built();
    let bom = site.page("articles/bom-fees/index.html");
    assert_eq!(bom.text("main article h1"), "Harbour fees to rise in spring");
    assert_eq!(bom.attr("main article .meta time", "datetime"), "2024-02-28");
    assert_eq!(bom.attrs("main .text p", "id"), ["l4", "l5"]);

    let crlf = site.page("articles/pilots-strike/index.html");
    assert_eq!(crlf.text("main article h1"), "Pilots call off planned strike");
    let paragraphs: Vec<String> = crlf.all("main .text p").into_iter().map(|p| p.text().collect()).collect();
    assert_eq!(paragraphs, ["Harbour pilots called off a strike planned for Friday.", "Talks will resume next week."]);
    assert_eq!(crlf.attrs("main article header .tags a", "href"), ["/tags/shipping/"]);

    // `content/київ.txt` gets an ASCII slug; its Cyrillic title and text come through intact.
    let kyiv = site.page("articles/kiyiv/index.html");
    assert_eq!(kyiv.text("main article h1"), "Річковий порт Києва відновив роботу");
    assert_eq!(kyiv.text("p#l4"), "Річковий порт відновив роботу у вівторок.");
    assert_eq!(kyiv.text("html").chars().filter(|c| *c == '\u{feff}' || *c == '\r').count(), 0);
}

#[test]
fn every_article_and_nothing_else_is_published() {
    let site = built();
    let mut slugs: Vec<String> = site
        .files("public/articles")
        .into_iter()
        .map(|f| f.strip_suffix("/index.html").unwrap_or_else(|| panic!("unexpected file articles/{f}")).to_string())
        .collect();
    slugs.sort();
    let mut expected: Vec<&str> = ARTICLES.iter().map(|(s, _)| *s).collect();
    expected.sort();
    // Nested folders (content/2024/02/deep/nested/) count; `slug` in front matter wins over the
    // file name; hidden files and folders, editor leftovers and drafts are left out.
    assert_eq!(slugs, expected);
    for (slug, title) in ARTICLES {
        assert_eq!(site.page(&format!("articles/{slug}/index.html")).text("main article h1"), *title);
    }
}

#[test]
fn monthly_archive_pages() {
    let site = built();
    let archive = site.page("archive/index.html");
    assert_eq!(archive.texts("main ul.months li"), ["March 2024 5 articles", "February 2024 2 articles"]);
    assert_eq!(archive.attrs("main ul.months a", "href"), ["/archive/2024/03/", "/archive/2024/02/"]);

    let march = site.page("archive/2024/03/index.html");
    assert_eq!(march.text("main h1"), "March 2024 5 articles");
    assert_eq!(card_titles(&march), ARTICLES[..5].iter().map(|(_, t)| *t).collect::<Vec<_>>());
    assert_eq!(march.attrs("main section.day h2 time", "datetime"), ["2024-03-13", "2024-03-12", "2024-03-04"]);
    assert_eq!(march.attrs("main nav.neighbours a", "href"), ["/archive/2024/02/"]);

    let feb = site.page("archive/2024/02/index.html");
    assert_eq!(card_titles(&feb), ARTICLES[5..].iter().map(|(_, t)| *t).collect::<Vec<_>>());
    assert_eq!(feb.attrs("main nav.neighbours a", "href"), ["/archive/2024/03/"]);
    assert_eq!(site.files("public/archive"), ["2024/02/index.html", "2024/03/index.html", "index.html"]);
}

#[test]
fn tag_pages() {
    let site = built();
    let tags = site.page("tags/index.html");
    assert_eq!(tags.texts("main ul.tag-cloud li"), ["Shipping 2", "Weather 2"]);
    assert_eq!(tags.attrs("main ul.tag-cloud a", "href"), ["/tags/shipping/", "/tags/weather/"]);

    let shipping = site.page("tags/shipping/index.html");
    assert_eq!(shipping.text("main h1"), "Tagged “Shipping” 2 articles");
    assert_eq!(card_titles(&shipping), ["Ferry services resume as harbour clears", "Pilots call off planned strike"]);
    let weather = site.page("tags/weather/index.html");
    assert_eq!(
        card_titles(&weather),
        ["Ferry services resume as harbour clears", "Storm warning issued for the north coast"]
    );
    assert_eq!(
        site.files("public/tags"),
        [
            "index.html",
            "shipping/atom.xml",
            "shipping/feed.json",
            "shipping/index.html",
            "weather/atom.xml",
            "weather/feed.json",
            "weather/index.html"
        ]
    );
}

#[test]
fn not_found_page_comes_from_the_template_override() {
    let site = built();
    let page = site.page("404.html");
    assert_eq!(page.text("main h1.custom-404"), "Lost at sea");
    assert_eq!(page.text("title"), "Page not found · Harbour Watch");
    // The override still extends the built-in layout, and other pages keep the built-in templates.
    assert_eq!(page.text("header.masthead a.brand"), "Harbour Watch");
    assert_eq!(site.page("index.html").count(".custom-404"), 0);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = built();
    assert!(!site.path("public/articles/draft-plan").exists());
    assert!(!site.path("public/tags/planning").exists());
    assert!(!card_titles(&site.page("index.html")).iter().any(|t| t.contains("Draft")));

    let run = site.build_with(&["--drafts"]).success();
    assert!(run.stderr.starts_with("built 8 articles, "), "{}", run.stderr);
    let draft = site.page("articles/draft-plan/index.html");
    assert_eq!(draft.text("main article h1"), "Draft: new marina plan");
    assert_eq!(card_titles(&site.page("index.html"))[0], "Draft: new marina plan");
    assert_eq!(card_titles(&site.page("tags/planning/index.html")), ["Draft: new marina plan"]);
}

#[test]
fn static_files_are_copied_as_is() {
    let site = built();
    assert_eq!(site.read("public/static/images/logo.svg"), site.read("static/images/logo.svg"));
    assert_eq!(site.read("public/robots.txt"), site.read("static/robots.txt"), "robots.txt goes to the root");
    assert!(!site.path("public/static/images/logo.svg~").exists(), "editor leftovers are not published");
    // Built-in assets the layout links to.
    let page = site.page("index.html");
    assert_eq!(page.attrs("link[rel=stylesheet]", "href"), ["/static/style.css"]);
    assert!(site.path("public/static/style.css").is_file());
    assert!(site.path("public/static/newsreel.js").is_file());
}

#[test]
fn output_dir_flag_overrides_site_toml() {
    let site = Site::fixture("basic");
    let run = site.build_with(&["--output-dir", "elsewhere"]).success();
    assert!(run.stderr.trim_end().ends_with(" -> elsewhere/"), "{}", run.stderr);
    assert!(!site.path("public").exists());
    assert_eq!(site.page_in("elsewhere", "index.html").text("title"), "Harbour Watch");
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = Site::fixture("basic");
    site.build_with(&["--base-url", "https://other.example/news/"]).success();
    let page = site.page("articles/harbour-reopens/index.html");
    assert_eq!(page.attr("link[rel=canonical]", "href"), "https://other.example/news/articles/harbour-reopens/");
    assert_eq!(page.attr("header.masthead a.brand", "href"), "/news/");
    assert_eq!(page.attrs("link[rel=stylesheet]", "href"), ["/news/static/style.css"]);
    assert_eq!(page.attrs("main article .meta a[href*='archive']", "href"), ["/news/archive/2024/03/"]);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = built();
    site.build_with(&["--output-dir", "again"]).success();
    let first = site.snapshot("public");
    let second = site.snapshot("again");
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
    // Rebuilding in place gives the same bytes too.
    site.build().success();
    assert!(site.snapshot("public") == first, "a rebuild changed the output");
}

#[test]
fn summary_line_and_quiet_stdout() {
    let site = Site::fixture("basic");
    let run = site.build().success();
    assert_eq!(run.stdout, "", "build prints nothing on stdout");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "one summary line on stderr: {:?}", run.stderr);
    let pages = site.html_files("public").len();
    // built 7 articles, 18 pages in 0.31 s -> public/
    let line = lines[0];
    let rest = line.strip_prefix(&format!("built 7 articles, {pages} pages in ")).unwrap_or_else(|| panic!("{line}"));
    let (secs, dir) = rest.split_once(" s -> ").unwrap_or_else(|| panic!("{line}"));
    assert_eq!(dir, "public/");
    let (whole, frac) = secs.split_once('.').unwrap_or_else(|| panic!("{line}"));
    assert!(whole.parse::<u32>().is_ok() && frac.len() == 2 && frac.parse::<u32>().is_ok(), "{line}");
}

#[test]
fn entity_chips_come_from_one_template_on_every_page() {
    let site = Site::fixture("basic");
    site.write(
        "templates/entity_chip.html",
        r#"<a class="chip custom" href="{{ e.url }}" data-mentions="{{ e.mentions }}">{{ e.name | upper }}</a>"#,
    );
    site.build().success();
    let entity_pages: Vec<String> =
        site.html_files("public/entities").into_iter().filter(|p| p != "index.html").collect();
    assert!(!entity_pages.is_empty(), "the fixture names entities");

    // An article's "In this article" chips, an entity page's related chips and the timeline's
    // chips are all the override's.
    let article = site.page("articles/harbour-reopens/index.html");
    assert_eq!(article.texts("aside.mentions a.chip.custom"), ["INGRID SOLBERG", "NORTHPORT"]);
    assert_eq!(article.attrs("aside.mentions a.chip", "data-mentions"), ["1", "1"]);
    let related: usize =
        entity_pages.iter().map(|p| site.page(&format!("entities/{p}")).count("section.related a.chip.custom")).sum();
    assert!(related > 0, "some entity is mentioned with another");
    let timeline = site.page("timeline.html");
    assert_eq!(timeline.count("a.chip"), timeline.count("a.chip.custom"));
    assert!(timeline.count("a.chip.custom") > 0);
}
