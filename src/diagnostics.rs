//! Problems found in user input, collected as data.
//!
//! Loading never stops at the first bad article: every problem becomes a [`Diagnostic`] that names
//! the file, the line and what was expected, and the caller decides at the end whether the build
//! may go on. Nothing here prints; `main` (or the dev server) shows them.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible (that is how users name it).
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), line, message: message.into() }
    }

    pub fn at(path: &Path, line: u32, message: impl Into<String>) -> Self {
        Self::new(path, Some(line), message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string().replace('\\', "/");
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

/// The error a build returns when the input has problems: all of them, sorted by file and line.
#[derive(Debug)]
pub struct InvalidInput {
    pub diagnostics: Vec<Diagnostic>,
}

impl InvalidInput {
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort();
        diagnostics.dedup();
        InvalidInput { diagnostics }
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.diagnostics.len();
        write!(
            f,
            "{n} problem{} found; fix {} and run the command again (the previous output was left untouched)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" }
        )
    }
}

impl std::error::Error for InvalidInput {}

/// Suggests the closest of `candidates` to a misspelt `word`, if any is close enough.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// 1-based line number of byte offset `at` in `text`.
pub fn line_of(text: &str, at: usize) -> u32 {
    let at = at.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_puts_the_place_first() {
        let d = Diagnostic::at(Path::new("content/a.txt"), 2, "expected a date");
        assert_eq!(d.to_string(), "content/a.txt:2: expected a date");
        let d = Diagnostic::new("content/a.txt", None, "not UTF-8");
        assert_eq!(d.to_string(), "content/a.txt: not UTF-8");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", &["title", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "date"]), None);
    }

    #[test]
    fn counts_lines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
