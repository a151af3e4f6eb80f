//! The command line around `build`: `init`, running outside a site, `--root`.

use crate::harness::Site;

#[test]
fn init_creates_a_site_that_builds_at_once() {
    let dir = Site::empty();
    let run = dir.run(&["init", "digest"]).success();
    assert!(run.stderr.starts_with("created a new site in digest"), "{}", run.stderr);
    for file in ["site.toml", ".github/workflows/pages.yml"] {
        assert!(dir.path("digest").join(file).is_file(), "init wrote no {file}");
    }
    let content = dir.files("digest/content");
    assert!(content.iter().any(|f| f.ends_with(".txt")), "a plain-text example: {content:?}");
    assert!(content.iter().any(|f| f.ends_with(".md")), "a Markdown example: {content:?}");

    let run = dir.build_with(&["--root", "digest"]).success();
    assert!(run.stderr.starts_with("built 2 articles, "), "{}", run.stderr);
    let index = dir.page_in("digest/public", "index.html");
    assert_eq!(index.count("main article.card"), 2);
    for href in index.attrs("main article.card h3 a", "href") {
        let file = format!("{}index.html", href.trim_start_matches('/'));
        assert!(dir.path("digest/public").join(&file).is_file(), "{href} has no page");
    }
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let dir = Site::empty();
    dir.write("digest/notes.txt", "mine");
    let run = dir.run(&["init", "digest"]).failure();
    assert_eq!(
        run.stderr_lines(),
        ["error: digest is not empty: pass a new or empty folder, e.g. `newsreel init my-digest`"]
    );
    assert_eq!(dir.files("digest"), ["notes.txt"], "nothing was written");
    assert_eq!(dir.read("digest/notes.txt"), b"mine");
}

#[test]
fn build_outside_a_site_points_at_init() {
    let dir = Site::empty();
    let run = dir.build().failure();
    assert_eq!(
        run.stderr_lines(),
        [
            "error: no site.toml in the current folder: this is not a newsreel site.",
            "Run `newsreel init <folder>` to create one, or pass --root <site folder>",
        ]
    );
    assert_eq!(dir.files("."), Vec::<String>::new(), "nothing was written");
}

#[test]
fn root_flag_builds_a_site_elsewhere() {
    let dir = Site::empty();
    dir.run(&["init", "a/b"]).success();
    let run = dir.build_with(&["--root", "a/b", "--output-dir", "out"]).success();
    assert!(run.stderr.trim_end().ends_with(" -> out/"), "{}", run.stderr);
    assert!(dir.path("a/b/out/index.html").is_file(), "--output-dir is relative to the site root");
}

#[test]
fn the_site_export_is_the_annotate_document_and_survives_a_rebuild() {
    let site = Site::fixture("basic");
    site.build().success();
    // The second build links unchanged files to the first one's: the export, written in
    // appended pieces, must not be one of them (appending would change the old copy).
    let first = site.read("public/data/annotations.json");
    site.build().success();
    let exported = site.read("public/data/annotations.json");
    assert_eq!(exported, first);
    let printed = site.run(&["annotate"]).success().stdout;
    assert_eq!(String::from_utf8_lossy(&exported), printed.trim_end_matches('\n'));
    let doc: serde_json::Value = serde_json::from_slice(&exported).expect("the export is JSON");
    assert!(!doc["articles"].as_array().expect("articles").is_empty());
    assert!(!doc["entities"].as_array().expect("entities").is_empty());
}
