//! LOAD: the files under `content/` → a [`Corpus`] of [`Article`]s.
//!
//! Reading is parallel; parsing is pure (`plain::parse`, `markdown::parse` take `&str`), so most
//! tests need no files. Bad input never stops the walk: every problem becomes a [`Diagnostic`] and
//! the caller decides. Nothing here knows about HTML.

mod discover;
pub mod markdown;
pub(crate) mod plain;
pub mod slug;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

pub use discover::{discover, is_editor_leftover};

use std::sync::Arc;

use crate::diagnostics::{line_of, Diagnostic};

/// Every article of the site, newest first (ties broken by slug, so order is deterministic).
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Shared, so the dev server can hand the corpus to a background job and go on editing it.
    pub articles: Vec<Arc<Article>>,
}

/// One loaded article, whatever its format.
#[derive(Clone, Debug)]
pub struct Article {
    /// The file, relative to the site root (`content/2022/kyiv.txt`).
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub published: NaiveDate,
    /// The full date-time when the front matter gave one.
    pub published_at: Option<DateTime<FixedOffset>>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub authors: Vec<String>,
    pub draft: bool,
    /// The text to annotate: unit 0 is the title, then the body's sentences (plain text) or
    /// blocks (Markdown), in file order.
    pub units: Vec<TextUnit>,
    /// The Markdown body, kept for rendering; `None` for plain-text articles, whose body is
    /// `units[1..]`, one sentence each.
    pub markdown: Option<MarkdownBody>,
}

/// A run of text that annotation reads as one piece, with where it came from in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextUnit {
    pub text: String,
    pub headline: bool,
    /// Source positions of the unit's pieces, sorted by `offset`; the first has offset 0.
    pub origins: Vec<Origin>,
}

/// Where the byte `offset` of a unit's text sits in the source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub offset: u32,
    pub line: u32,
    /// 0-based character column.
    pub column: u32,
}

impl TextUnit {
    /// A unit that is one whole line of the file.
    pub fn line(text: String, line: u32, headline: bool) -> Self {
        TextUnit { text, headline, origins: vec![Origin { offset: 0, line, column: 0 }] }
    }

    /// Source line and character columns of the byte range `start..end` of this unit.
    pub fn locate(&self, start: usize, end: usize) -> (u32, u32, u32) {
        let i = self.origins.partition_point(|o| o.offset as usize <= start).saturating_sub(1);
        let o = self.origins.get(i).copied().unwrap_or(Origin { offset: 0, line: 0, column: 0 });
        let from = (o.offset as usize).min(start);
        let count = |range: std::ops::Range<usize>| self.text.get(range).map(|s| s.chars().count() as u32);
        let before = count(from..start);
        let start_col = o.column + before.unwrap_or(0);
        // the end column counts on from the start rather than from the origin again
        let end_col = match (before, count(start..end)) {
            (Some(_), Some(within)) => start_col + within,
            _ => o.column + count(from..end).unwrap_or(0),
        };
        (o.line, start_col, end_col)
    }
}

/// The Markdown body of an article and the file line it starts on.
#[derive(Clone, Debug)]
pub struct MarkdownBody {
    pub source: String,
    pub first_line: u32,
}

impl Article {
    /// The body units (everything but the title).
    pub fn body(&self) -> &[TextUnit] {
        self.units.get(1..).unwrap_or(&[])
    }

    /// Number of words in title and body, for statistics and reading time.
    pub fn word_count(&self) -> usize {
        self.units.iter().map(|u| words_in(&u.text)).sum()
    }
}

/// `text.split_whitespace().count()`, a byte at a time for ASCII text (nearly all of it): every
/// article page and feed entry shows the count.
fn words_in(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    // `char::is_whitespace` over ASCII: space, \t, \n, vertical tab, form feed, \r
    let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let word = !space(b);
        words += usize::from(word && !in_word);
        in_word = word;
    }
    words
}

/// What one file yields: an article, or the problems that kept it from being one.
type Parsed = Result<Article, Vec<Diagnostic>>;

/// Parses one file's text, choosing the format by extension. `path` is relative to the site root.
pub fn parse_file(path: &Path, text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") | Some("markdown") => markdown::parse(path, text),
        _ => plain::parse(path, text),
    }
}

/// Reads and parses one file; `root` is the site root (to name files as the user does).
pub fn load_file(root: &Path, file: &Path) -> Parsed {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let bytes =
        std::fs::read(file).map_err(|e| vec![Diagnostic::new(rel, None, format!("could not read the file: {e}"))])?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = line_of(&String::from_utf8_lossy(&bytes[..at]), at);
        vec![Diagnostic::new(
            rel,
            Some(line),
            format!("expected UTF-8 text, found the invalid byte 0x{:02x}; save the file as UTF-8", bytes[at]),
        )]
    })?;
    parse_file(rel, text)
}

/// Loads every article under `content_dir`; drafts are left out unless `drafts`.
/// Returns the corpus of good articles and every problem found (including duplicate slugs).
pub fn load(root: &Path, content_dir: &Path, drafts: bool) -> (Corpus, Vec<Diagnostic>) {
    let (files, mut problems) = discover(root, content_dir);
    let results: Vec<Parsed> = files.par_iter().map(|f| load_file(root, f)).collect();
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(a) if a.draft && !drafts => {}
            Ok(a) => articles.push(Arc::new(a)),
            Err(mut d) => problems.append(&mut d),
        }
    }
    problems.extend(duplicate_slugs(&articles));
    articles.sort_by(|a, b| newest_first(a, b));
    (Corpus { articles }, problems)
}

/// The corpus order: newest first, ties broken by slug.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug))
}

/// One diagnostic per article whose slug an earlier file (by path) already uses.
pub fn duplicate_slugs(articles: &[Arc<Article>]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Path> = HashMap::with_capacity(articles.len());
    let mut problems = Vec::new();
    let mut sorted: Vec<&Article> = articles.iter().map(|a| &**a).collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for a in sorted {
        if let Some(first) = seen.insert(&a.slug, &a.path) {
            problems.push(Diagnostic::new(
                &a.path,
                None,
                format!(
                    "slug \"{}\" is already used by {}; rename one of the files or set `slug` in its front matter",
                    a.slug,
                    first.display()
                ),
            ));
            seen.insert(&a.slug, first);
        }
    }
    problems
}

/// Parses a publication date as written in a header: `20220330` or `2022-03-30`.
pub fn parse_header_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    match s.len() {
        8 if s.bytes().all(|b| b.is_ascii_digit()) => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// Checks a source URL: empty is fine, otherwise http(s) only (it becomes a link).
pub fn check_source_url(s: &str) -> Result<Option<String>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let lower = s.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !s.contains(char::is_whitespace) {
        Ok(Some(s.to_string()))
    } else {
        Err(format!("expected a source URL starting with https:// or http:// (or an empty line), found {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_dates() {
        assert_eq!(parse_header_date("20220330"), NaiveDate::from_ymd_opt(2022, 3, 30));
        assert_eq!(parse_header_date("2022-03-30"), NaiveDate::from_ymd_opt(2022, 3, 30));
        assert_eq!(parse_header_date("20221330"), None);
        assert_eq!(parse_header_date("24 Feb"), None);
    }

    #[test]
    fn locate_counts_characters() {
        let u = TextUnit::line("Café in Kyiv".into(), 4, false);
        assert_eq!(u.locate(9, 13), (4, 8, 12));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in ["", " ", "one", " two  words ", "tab\tand\nnew\x0bline\x0c\r end", "a\u{a0}b c", "Café  crème"] {
            assert_eq!(words_in(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn source_urls() {
        assert_eq!(check_source_url(""), Ok(None));
        assert!(check_source_url("https://x.org/a").is_ok());
        assert!(check_source_url("javascript:alert(1)").is_err());
    }
}
