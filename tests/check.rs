//! `newsreel check`, run as users run it: on fixture sites and on the example site.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn check(root: &Path, extra: &[&str]) -> (Output, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsreel"))
        .args(["check", "--quiet", "--root"])
        .arg(root)
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, stdout)
}

#[test]
fn a_good_site_passes_with_a_summary_line() {
    let (out, stdout) = check(&fixture("feeds-site"), &[]);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let line = stdout.lines().last().unwrap();
    let numbers: Vec<&str> = line.split([' ', ',', ':']).filter(|w| w.parse::<u32>().is_ok()).collect();
    assert!(line.starts_with("checked ") && line.ends_with(" links: no problems"), "{line}");
    assert!(line.contains(" pages, ") && numbers.len() >= 2, "{line}");
}

#[test]
fn catches_a_planted_broken_link_missing_anchor_and_escaping_url() {
    let (out, stdout) = check(&fixture("check-broken"), &[]);
    assert!(!out.status.success());
    assert_eq!(out.status.code(), Some(1));
    let problems: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        problems,
        [
            "404.html: <a href=\"/outside/\"> leads outside the base_url path /digest/ (to /outside/)",
            "articles/links/index.html: <a href=\"../good/#nowhere\"> is a broken anchor: \
             articles/good/index.html has no id \"nowhere\"",
            "articles/links/index.html: <a href=\"../nope/\"> is a broken link: there is no articles/nope/index.html",
        ]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 problems"), "{stderr}");
}

#[test]
fn check_never_writes_the_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    newsreel::init::init(&site).unwrap();
    let (out, stdout) = check(&site, &[]);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(!site.join("public").exists());
}

#[test]
fn content_problems_are_reported_as_build_reports_them() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    newsreel::init::init(&site).unwrap();
    std::fs::write(site.join("content/bad.txt"), "A title\n24 Feb\n\nA sentence.\n").unwrap();
    let (out, _) = check(&site, &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/bad.txt:2: expected a date like 20220330, found \"24 Feb\""), "{stderr}");
}

#[test]
fn the_example_site_passes_at_the_root_and_under_a_sub_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for extra in [&[][..], &["--base-url", "https://example.org/digest/"][..]] {
        let (out, stdout) = check(root, extra);
        assert!(out.status.success(), "{extra:?}:\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.trim_end().ends_with("links: no problems"), "{stdout}");
    }
}
