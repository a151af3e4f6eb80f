//! Entity, article and listing pages of the built-in theme are written without Tera
//! (`render::direct`).
//! They must be, byte for byte, what the built-in templates give: each site here is rendered
//! both ways and every file compared. A site that overrides one of those templates must get
//! its own template's output.

use std::path::Path;

use newsreel::build::{load_and_annotate, load_templates, render_site};
use newsreel::progress::Progress;
use newsreel::settings::{Overrides, Settings};

use crate::harness::{fixtures_dir, Site};

/// Renders the site at `root` with the direct writers and with Tera only, compares, and gives
/// the number of entity pages compared.
fn same_both_ways(root: &Path) -> usize {
    let settings = Settings::load(root, &Overrides::default()).unwrap();
    let hidden = Progress::hidden();
    let (corpus, notes) = load_and_annotate(&settings, &hidden).unwrap();
    let direct = render_site(&settings, &corpus, &notes, &load_templates(&settings).unwrap(), &hidden).unwrap();
    let tera_only = load_templates(&settings).unwrap().tera_only();
    let tera = render_site(&settings, &corpus, &notes, &tera_only, &hidden).unwrap();
    let paths = |o: &newsreel::output::Output| o.files().map(|(p, _)| p.to_string()).collect::<Vec<_>>();
    assert_eq!(paths(&direct), paths(&tera), "{}: the same files", root.display());
    let entity_pages = direct.files().filter(|(p, _)| p.starts_with("entities/") && p.ends_with(".html")).count();
    for ((path, mine), (_, theirs)) in direct.files().zip(tera.files()) {
        if mine != theirs {
            let (mine, theirs) = (String::from_utf8_lossy(mine), String::from_utf8_lossy(theirs));
            let line = mine.lines().zip(theirs.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{}: {path} differs from the template's output at line {}:\n  direct: {:?}\n  tera:   {:?}",
                root.display(),
                line + 1,
                mine.lines().nth(line).unwrap_or("(end)"),
                theirs.lines().nth(line).unwrap_or("(end)"),
            );
        }
    }
    entity_pages
}

#[test]
fn the_example_site_is_the_same_without_tera() {
    assert!(same_both_ways(Path::new(env!("CARGO_MANIFEST_DIR"))) > 20);
}

#[test]
fn escaping_pagination_and_every_optional_field_are_the_same_without_tera() {
    // Names, descriptions, links, tags and a base URL that need escaping; one article per page.
    assert_eq!(same_both_ways(&fixtures_dir().join("direct")), 4 + 8, "four entities, one article a page");
}

#[test]
fn fixture_sites_are_the_same_without_tera() {
    let entity_pages: usize =
        ["basic", "subpath", "feeds-site"].iter().map(|case| same_both_ways(&fixtures_dir().join(case))).sum();
    assert!(entity_pages > 3);
}

#[test]
fn an_overridden_template_is_used_for_the_pages_it_renders() {
    let site = Site::fixture("direct");
    let builtin = |name: &str| {
        newsreel::render::templates::BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name).unwrap().1.to_string()
    };
    std::fs::create_dir_all(site.path("templates")).unwrap();
    let marked =
        builtin("entity.html").replace("<h2 id=\"articles\">Articles</h2>", "<h2 id=\"articles\">Reports</h2>");
    std::fs::write(site.path("templates/entity.html"), marked).unwrap();
    site.build().success();
    assert_eq!(site.page("entities/kingsport/index.html").text("#articles"), "Reports");

    std::fs::remove_file(site.path("templates/entity.html")).unwrap();
    let marked = builtin("article.html").replace(">In this article</h2>", ">Named here</h2>");
    std::fs::write(site.path("templates/article.html"), marked).unwrap();
    site.build().success();
    assert_eq!(site.page("articles/harbour/index.html").text("#in-this-article"), "Named here");

    std::fs::remove_file(site.path("templates/article.html")).unwrap();
    let marked = builtin("tag.html").replace("<h1>Tagged", "<h1>Filed under");
    std::fs::write(site.path("templates/tag.html"), marked).unwrap();
    site.build().success();
    assert!(site.page("tags/harbour-port/index.html").text("main h1").starts_with("Filed under"));

    std::fs::remove_file(site.path("templates/tag.html")).unwrap();
    let marked = builtin("base.html").replace("<p>Built with newsreel.</p>", "<p>Made here.</p>");
    std::fs::write(site.path("templates/base.html"), marked).unwrap();
    site.build().success();
    assert_eq!(site.page("entities/kingsport/index.html").text("footer p:last-child"), "Made here.");
    assert_eq!(site.page("articles/harbour/index.html").text("footer p:last-child"), "Made here.");
}
