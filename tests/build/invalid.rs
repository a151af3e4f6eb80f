//! One case per failure mode. Each builds the good site `invalid/base` first, then copies the
//! case's files (`invalid/<case>/`) over it and builds again: the second build must fail with the
//! exact diagnostics on stderr and leave the previous output byte for byte as it was.

use crate::harness::Site;

const FOOTER_ONE: &str = "1 problem found; fix it and run the command again (the previous output was left untouched)";

/// Builds `invalid/base`, breaks it with `invalid/<case>`, rebuilds; returns the failed run's
/// stderr lines after checking the exit status and that `public/` and the sources were kept.
#[track_caller]
fn break_with(case: &str) -> Vec<String> {
    let site = Site::fixture("invalid/base");
    site.build().success();
    let good = site.snapshot("public");
    assert!(good.contains_key("articles/kyiv/index.html"), "the base site built");
    site.apply(&format!("invalid/{case}"));
    let sources = site.snapshot("content");

    let run = site.build().failure();
    assert_eq!(run.stdout, "");
    assert!(site.snapshot("public") == good, "{case}: the previous output was changed");
    assert!(site.snapshot("content") == sources, "{case}: the sources were changed");
    let leftovers: Vec<String> = site.files(".").into_iter().filter(|f| f.contains("newsreel-")).collect();
    assert!(leftovers.is_empty(), "{case}: staging files left behind: {leftovers:?}");
    run.stderr.lines().map(str::to_string).collect()
}

#[test]
fn no_title() {
    assert_eq!(
        break_with("no-title"),
        ["content/kyiv.txt:1: expected the article's title on line 1, found an empty line", FOOTER_ONE]
    );
}

#[test]
fn bad_date() {
    assert_eq!(
        break_with("bad-date"),
        ["content/kyiv.txt:2: expected a date like 20220330, found \"24 Feb\"", FOOTER_ONE]
    );
}

#[test]
fn invalid_utf8() {
    assert_eq!(
        break_with("invalid-utf8"),
        ["content/kyiv.txt:4: expected UTF-8 text, found the invalid byte 0xff; save the file as UTF-8", FOOTER_ONE]
    );
}

#[test]
fn broken_toml_front_matter() {
    assert_eq!(
        break_with("broken-toml"),
        ["content/2022/ceasefire-talks.md:4: invalid TOML front matter: unclosed array, expected `]`", FOOTER_ONE]
    );
}

#[test]
fn broken_yaml_front_matter() {
    assert_eq!(
        break_with("broken-yaml"),
        ["content/2022/grain-corridor.md:5: invalid YAML front matter: did not find expected ',' or ']'", FOOTER_ONE]
    );
}

#[test]
fn unknown_front_matter_field() {
    assert_eq!(
        break_with("unknown-field"),
        [
            "content/2022/ceasefire-talks.md:4: unknown key `sumary`: did you mean `summary`? \
             (front matter keys: title, date, source, tags, summary, authors, slug, draft)",
            FOOTER_ONE
        ]
    );
}

#[test]
fn empty_body() {
    assert_eq!(
        break_with("empty-body"),
        [
            "content/2022/grain-corridor.md:5: expected the article's text after the front matter, found none",
            FOOTER_ONE
        ]
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    assert_eq!(
        break_with("duplicate-slugs"),
        [
            "content/kyiv.txt: slug \"kyiv\" is already used by content/2022/kyiv.txt; \
             rename one of the files or set `slug` in its front matter",
            FOOTER_ONE
        ]
    );
}

#[test]
fn unknown_site_toml_key() {
    assert_eq!(
        break_with("unknown-site-key"),
        ["site.toml:3: unknown key `artcles_per_page`: did you mean `articles_per_page`?", FOOTER_ONE]
    );
}

#[test]
fn template_syntax_error() {
    assert_eq!(
        break_with("template-syntax"),
        [
            "templates/article.html:4: template syntax error at column 7: Found `%}` but expected one of: \
             integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`",
            FOOTER_ONE
        ]
    );
}

#[test]
fn template_render_error() {
    assert_eq!(
        break_with("template-render"),
        [
            "templates/article.html:3: template error at column 16: Field `headline` is not defined. \
             Available fields: authors, content, date, date_label, entities, month, source, source_domain, \
             summary, tags, title, url, words",
            FOOTER_ONE
        ]
    );
}

#[test]
fn entity_chip_template_error() {
    // Chips are rendered once per entity, outside any page: the error still names the template.
    assert_eq!(
        break_with("template-chip"),
        [
            "templates/entity_chip.html:1: template error at column 41: Field `nickname` is not defined. \
             Available fields: articles, id, kind, mentions, name, url",
            FOOTER_ONE
        ]
    );
}

#[test]
fn output_dir_content_is_refused() {
    assert_eq!(
        break_with("output-dir-content"),
        [
            "site.toml:3: refusing output_dir \"content\": it is content/, and building replaces the whole \
             output folder; choose a folder of its own, such as \"public\"",
            FOOTER_ONE
        ]
    );
}

#[test]
fn output_dir_site_root_is_refused() {
    assert_eq!(
        break_with("output-dir-dot"),
        [
            "site.toml:3: refusing output_dir \".\": it is the site root, and building replaces the whole \
             output folder; choose a folder of its own, such as \"public\"",
            FOOTER_ONE
        ]
    );
}

#[test]
fn output_dir_flag_is_refused_too() {
    let site = Site::fixture("invalid/base");
    site.build().success();
    let good = site.snapshot("public");
    let sources = site.snapshot("content");
    let run = site.build_with(&["--output-dir", "content"]).failure();
    assert_eq!(
        run.stderr_lines(),
        ["error: refusing --output-dir \"content\": it is content/, and building replaces the whole \
             output folder; choose a folder of its own, such as \"public\""]
    );
    assert!(site.snapshot("public") == good);
    assert!(site.snapshot("content") == sources);
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    assert_eq!(
        break_with("several-bad-files"),
        [
            "content/2022/ceasefire-talks.md:1: expected a `title` in the front matter, \
             such as title = \"Ceasefire talks resume\"",
            "content/2022/grain-corridor.md:3: expected a date like 2022-03-30 or 2022-03-30T09:00:00Z, \
             found \"31 March\"",
            "content/kyiv.txt:2: expected a date like 20220330, found \"24 Feb\"",
            "content/mariupol.txt:3: expected a source URL starting with https:// or http:// (or an empty line), \
             found \"ftp://example.org/mariupol\"",
            "content/mariupol.txt:4: expected the article's text, one sentence per line, from line 4 on; found none",
            "5 problems found; fix them and run the command again (the previous output was left untouched)",
        ]
    );
}
