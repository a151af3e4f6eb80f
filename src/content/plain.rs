//! The plain-text article format: line 1 the title, line 2 the publication date (`YYYYMMDD` or
//! `YYYY-MM-DD`), line 3 the source URL (may be empty), then one sentence per non-empty line.

use std::path::Path;

use crate::diagnostics::Diagnostic;

use super::{check_source_url, parse_header_date, slug, Article, TextUnit};

/// Parses a plain-text article; `path` (relative to the site root) names it in diagnostics.
pub fn parse(path: &Path, text: &str) -> Result<Article, Vec<Diagnostic>> {
    let mut lines = text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut problems = Vec::new();
    let title = lines.next().unwrap_or("").trim();
    if title.is_empty() {
        problems.push(Diagnostic::at(path, 1, "expected the article's title on line 1, found an empty line"));
    }
    let date_text = lines.next().unwrap_or("").trim();
    let published = parse_header_date(date_text);
    if published.is_none() {
        let found = if date_text.is_empty() { "an empty line".to_string() } else { format!("{date_text:?}") };
        problems.push(Diagnostic::at(path, 2, format!("expected a date like 20220330, found {found}")));
    }
    let source = check_source_url(lines.next().unwrap_or("")).unwrap_or_else(|msg| {
        problems.push(Diagnostic::at(path, 3, msg));
        None
    });

    let mut units = vec![TextUnit::line(title.to_string(), 1, true)];
    for (i, line) in lines.enumerate() {
        let sentence = line.trim_end();
        if sentence.trim().is_empty() {
            continue;
        }
        let lead = sentence.len() - sentence.trim_start().len();
        let mut unit = TextUnit::line(sentence.trim_start().to_string(), i as u32 + 4, false);
        unit.origins[0].column = sentence[..lead].chars().count() as u32;
        units.push(unit);
    }
    if units.len() == 1 {
        problems.push(Diagnostic::at(
            path,
            4,
            "expected the article's text, one sentence per line, from line 4 on; found none",
        ));
    }
    let (Some(published), true) = (published, problems.is_empty()) else {
        return Err(problems);
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    Ok(Article {
        path: path.to_path_buf(),
        slug: slug::slugify_or_hash(stem, "article"),
        title: title.to_string(),
        published,
        published_at: None,
        source,
        tags: Vec::new(),
        summary: None,
        authors: Vec::new(),
        draft: false,
        units,
        markdown: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        parse(Path::new("content/kyiv.txt"), text).unwrap_err().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn parses_the_format() {
        let a = parse(
            Path::new("content/2022/Kyiv News.txt"),
            "Title here\r\n20220330\r\nhttps://x.org/a\r\nFirst.\r\n\r\n  Second.\r\n",
        )
        .unwrap();
        assert_eq!(a.title, "Title here");
        assert_eq!(a.slug, "kyiv-news");
        assert_eq!(a.published.to_string(), "2022-03-30");
        assert_eq!(a.source.as_deref(), Some("https://x.org/a"));
        let body: Vec<_> = a.body().iter().map(|u| (u.text.as_str(), u.origins[0].line, u.origins[0].column)).collect();
        assert_eq!(body, vec![("First.", 4, 0), ("Second.", 6, 2)]);
    }

    #[test]
    fn accepts_iso_dates_and_empty_source() {
        let a = parse(Path::new("a.txt"), "T\n2022-03-30\n\nBody.").unwrap();
        assert_eq!(a.source, None);
    }

    #[test]
    fn bad_date_names_line_two() {
        assert_eq!(
            errors("Title\n24 Feb\n\nBody."),
            vec!["content/kyiv.txt:2: expected a date like 20220330, found \"24 Feb\""]
        );
    }

    #[test]
    fn reports_every_problem() {
        assert_eq!(
            errors("\n\nftp://x\n"),
            vec![
                "content/kyiv.txt:1: expected the article's title on line 1, found an empty line",
                "content/kyiv.txt:2: expected a date like 20220330, found an empty line",
                "content/kyiv.txt:3: expected a source URL starting with https:// or http:// (or an empty line), found \"ftp://x\"",
                "content/kyiv.txt:4: expected the article's text, one sentence per line, from line 4 on; found none",
            ]
        );
    }
}
