//! The Markdown article format: TOML (`+++`) or YAML (`---`) front matter, then a CommonMark body.
//!
//! Also owns [`TextEvents`], the one walk over the body that decides which text is annotatable and
//! how it splits into units. Loading uses it to collect the units; rendering uses the same walk to
//! put the annotations back, so the two can never disagree.

use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use pulldown_cmark::{Event, OffsetIter, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::diagnostics::{line_of, Diagnostic};
use crate::settings::{explain_serde_message, find_key_line, toml_diagnostic};

use super::{check_source_url, slug, Article, MarkdownBody, Origin, TextUnit};

/// The Markdown extensions every article gets.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    summary: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
}

enum Fence {
    Toml,
    Yaml,
}

/// Parses a Markdown article; `path` (relative to the site root) names it in diagnostics.
pub fn parse(path: &Path, text: &str) -> Result<Article, Vec<Diagnostic>> {
    let (fence, fm_text, body, body_line) = split_front_matter(path, text)?;
    let fm = match fence {
        Fence::Toml => parse_toml(path, fm_text)?,
        Fence::Yaml => parse_yaml(path, fm_text)?,
    };
    let key_line = |key: &str| find_key_line(fm_text, key).map_or(1, |l| l + 1);
    let mut problems = Vec::new();
    let title = fm.title.as_deref().map(str::trim).unwrap_or("");
    if title.is_empty() {
        problems.push(Diagnostic::at(
            path,
            key_line("title"),
            "expected a `title` in the front matter, such as title = \"Ceasefire talks resume\"",
        ));
    }
    let (published, published_at) = match fm.date.as_deref().map(parse_front_matter_date) {
        Some(Some(d)) => d,
        Some(None) => {
            let found = fm.date.as_deref().unwrap_or("");
            problems.push(Diagnostic::at(
                path,
                key_line("date"),
                format!("expected a date like 2022-03-30 or 2022-03-30T09:00:00Z, found {found:?}"),
            ));
            (NaiveDate::MIN, None)
        }
        None => {
            problems.push(Diagnostic::at(path, 1, "expected a `date` in the front matter, such as date = 2022-03-30"));
            (NaiveDate::MIN, None)
        }
    };
    let source = match fm.source.as_deref().map(check_source_url) {
        Some(Err(msg)) => {
            problems.push(Diagnostic::at(path, key_line("source"), msg));
            None
        }
        Some(Ok(url)) => url,
        None => None,
    };
    let mut units = vec![TextUnit::line(title.to_string(), key_line("title"), true)];
    units.extend(collect_units(body, body_line));
    if units.len() == 1 {
        problems.push(Diagnostic::at(
            path,
            body_line,
            "expected the article's text after the front matter, found none",
        ));
    }
    let slug_source = fm.slug.as_deref().unwrap_or_else(|| path.file_stem().and_then(|s| s.to_str()).unwrap_or(""));
    let slug = slug::slugify_or_hash(slug_source, "article");
    if fm.slug.as_deref().is_some_and(|s| slug::slugify(s).is_empty()) {
        problems.push(Diagnostic::at(path, key_line("slug"), "expected a slug with at least one letter or digit"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tags: Vec<String> = fm.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    tags.dedup();
    Ok(Article {
        path: path.to_path_buf(),
        slug,
        title: title.to_string(),
        published,
        published_at,
        source,
        tags,
        summary: fm.summary.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        authors: fm.authors,
        draft: fm.draft,
        units,
        markdown: Some(MarkdownBody { source: body.to_string(), first_line: body_line }),
    })
}

/// Splits `text` into the fence kind, the front matter, the body and the body's first line.
fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(Fence, &'a str, &'a str, u32), Vec<Diagnostic>> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let (fence, marker) = match first {
        "+++" => (Fence::Toml, "+++"),
        "---" => (Fence::Yaml, "---"),
        _ => {
            return Err(vec![Diagnostic::at(
                path,
                1,
                format!(
                    "expected front matter opening with +++ (TOML) or --- (YAML), found {:?}",
                    first.chars().take(40).collect::<String>()
                ),
            )])
        }
    };
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = after_open;
    for line in text[after_open..].split_inclusive('\n') {
        if line.trim_end() == marker {
            let body_start = pos + line.len();
            let body_line = line_of(text, body_start) + u32::from(!line.ends_with('\n'));
            return Ok((fence, &text[after_open..pos], &text[body_start..], body_line));
        }
        pos += line.len();
    }
    Err(vec![Diagnostic::at(
        path,
        1,
        format!("front matter opened with {marker} on line 1 is never closed: add a line with {marker} after it"),
    )])
}

fn parse_toml(path: &Path, fm: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut table: toml::Table = toml::from_str(fm).map_err(|e| {
        let mut d = toml_diagnostic(path, fm, 1, &e);
        d.message = format!("invalid TOML front matter: {}", d.message);
        vec![d]
    })?;
    if let Some(toml::Value::Datetime(d)) = table.get("date") {
        let d = d.to_string();
        table.insert("date".into(), toml::Value::String(d));
    }
    toml::Value::Table(table).try_into::<FrontMatter>().map_err(|e| vec![field_diagnostic(path, fm, e.message())])
}

fn parse_yaml(path: &Path, fm: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
    if fm.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml_ng::from_str::<FrontMatter>(fm).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        match e.location() {
            Some(loc) if !msg.starts_with("unknown field") => {
                let text = format!("invalid YAML front matter: {}", explain_serde_message(&msg));
                vec![Diagnostic::at(path, loc.line() as u32 + 1, text)]
            }
            _ => vec![field_diagnostic(path, fm, &msg)],
        }
    })
}

/// A serde error about a field, placed on the line of the field it names.
fn field_diagnostic(path: &Path, fm: &str, message: &str) -> Diagnostic {
    let field = message.split('`').nth(1).unwrap_or("");
    let line = if field.is_empty() { None } else { find_key_line(fm, field) };
    let text = explain_serde_message(message);
    let text = if text.starts_with("unknown key") {
        format!("{text} (front matter keys: title, date, source, tags, summary, authors, slug, draft)")
    } else {
        text
    };
    Diagnostic::new(path, Some(line.map_or(1, |l| l + 1)), text)
}

/// `2022-03-30`, `2022-03-30T09:00:00Z`, `2022-03-30T09:00:00+02:00` or `2022-03-30 09:00:00`.
fn parse_front_matter_date(s: &str) -> Option<(NaiveDate, Option<DateTime<FixedOffset>>)> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some((d, None));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some((dt.date_naive(), Some(dt)));
    }
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|dt| (dt.date(), Some(dt.and_utc().fixed_offset())))
}

/// Collects the annotatable units of a Markdown body that starts on file line `first_line`.
fn collect_units(body: &str, first_line: u32) -> Vec<TextUnit> {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1)).collect();
    let mut units: Vec<TextUnit> = Vec::new();
    for (event, range, at) in TextEvents::new(body) {
        let Some(at) = at else { continue };
        let text: &str = match &event {
            Event::Text(t) => t,
            _ => " ",
        };
        let idx = at.unit as usize - 1;
        if units.len() <= idx {
            units.push(TextUnit { text: String::new(), headline: false, origins: Vec::new() });
        }
        let unit = &mut units[idx];
        if matches!(event, Event::Text(_)) {
            let line_idx = line_starts.partition_point(|&s| s <= range.start) - 1;
            let column = body.get(line_starts[line_idx]..range.start).map_or(0, |s| s.chars().count()) as u32;
            unit.origins.push(Origin { offset: at.offset, line: first_line + line_idx as u32, column });
        }
        unit.text.push_str(text);
    }
    units
}

/// Where a piece of annotatable text sits: unit number (1-based; 0 is the title) and byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitPos {
    pub unit: u32,
    pub offset: u32,
}

/// Markdown events with, for each annotatable piece of text, its [`UnitPos`].
///
/// Text inside code, links, images and raw HTML is not annotatable. Soft and hard breaks inside a
/// unit count as one space. Every block start or end closes the current unit.
pub struct TextEvents<'a> {
    inner: OffsetIter<'a>,
    skip_depth: u32,
    next_unit: u32,
    current: Option<UnitPos>,
}

impl<'a> TextEvents<'a> {
    pub fn new(body: &'a str) -> Self {
        TextEvents {
            inner: Parser::new_ext(body, options()).into_offset_iter(),
            skip_depth: 0,
            next_unit: 1,
            current: None,
        }
    }

    fn place(&mut self, len: usize) -> UnitPos {
        let pos = *self.current.get_or_insert_with(|| {
            self.next_unit += 1;
            UnitPos { unit: self.next_unit - 1, offset: 0 }
        });
        if let Some(c) = self.current.as_mut() {
            c.offset += len as u32;
        }
        pos
    }
}

fn is_skipped(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_))
}

fn is_skipped_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_))
}

fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

impl<'a> Iterator for TextEvents<'a> {
    type Item = (Event<'a>, Range<usize>, Option<UnitPos>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        let at = match &event {
            Event::Start(tag) => {
                if is_skipped(tag) {
                    self.skip_depth += 1;
                }
                let inline = matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::Superscript
                        | Tag::Subscript
                );
                if !inline {
                    self.current = None;
                }
                None
            }
            Event::End(tag) => {
                if is_skipped_end(tag) {
                    self.skip_depth = self.skip_depth.saturating_sub(1);
                }
                if !is_inline(tag) {
                    self.current = None;
                }
                None
            }
            Event::Text(t) if self.skip_depth == 0 => Some(self.place(t.len())),
            Event::SoftBreak | Event::HardBreak if self.skip_depth == 0 && self.current.is_some() => {
                Some(self.place(1))
            }
            _ => None,
        };
        Some((event, range, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        parse(Path::new("content/a.md"), text).unwrap_err().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn toml_front_matter() {
        let a = parse(
            Path::new("content/x/Hello.md"),
            "+++\ntitle = \"Talks\"\ndate = 2022-03-30\ntags = [\"war\", \"talks\"]\nsource = \"https://x.org/\"\n+++\n\nPutin met *Zelensky* in Istanbul.\n\n## Next\n\nMore `code` here.\n",
        )
        .unwrap();
        assert_eq!(a.title, "Talks");
        assert_eq!(a.slug, "hello");
        assert_eq!(a.published.to_string(), "2022-03-30");
        assert_eq!(a.tags, vec!["war", "talks"]);
        let texts: Vec<&str> = a.body().iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, vec!["Putin met Zelensky in Istanbul.", "Next", "More  here."]);
        assert_eq!(a.body()[0].locate(10, 18), (8, 11, 19));
        assert_eq!(a.units[0].origins[0].line, 2);
    }

    #[test]
    fn yaml_front_matter_with_datetime() {
        let a = parse(Path::new("b.md"), "---\ntitle: Talks\ndate: 2022-03-30T09:00:00+02:00\nslug: custom\ndraft: true\n---\nBody [link text](https://x.org) end.\n").unwrap();
        assert_eq!(a.slug, "custom");
        assert!(a.draft);
        assert!(a.published_at.is_some());
        assert_eq!(a.body()[0].text, "Body  end.");
    }

    #[test]
    fn unknown_field_names_line_and_suggests() {
        assert_eq!(
            errors("+++\ntitle = \"T\"\ndate = 2022-03-30\ntagz = [\"a\"]\n+++\nBody.\n"),
            vec!["content/a.md:4: unknown key `tagz`: did you mean `tags`? (front matter keys: title, date, source, tags, summary, authors, slug, draft)"]
        );
        assert_eq!(
            errors("---\ntitle: T\ndate: 2022-03-30\nsumary: x\n---\nBody.\n"),
            vec!["content/a.md:4: unknown key `sumary`: did you mean `summary`? (front matter keys: title, date, source, tags, summary, authors, slug, draft)"]
        );
    }

    #[test]
    fn broken_front_matter() {
        let e = errors("+++\ntitle = \"T\ndate = 2022-03-30\n+++\nBody.\n");
        assert!(e[0].starts_with("content/a.md:2: invalid TOML front matter: "), "{e:?}");
        let e = errors("---\ntitle: [T\ndate: 2022-03-30\n---\nBody.\n");
        assert!(e[0].starts_with("content/a.md:") && e[0].contains(": invalid YAML front matter: "), "{e:?}");
        assert_eq!(
            errors("+++\ntitle = \"T\"\n"),
            vec![
                "content/a.md:1: front matter opened with +++ on line 1 is never closed: add a line with +++ after it"
            ]
        );
        assert_eq!(errors("# Just markdown\n"), vec!["content/a.md:1: expected front matter opening with +++ (TOML) or --- (YAML), found \"# Just markdown\""]);
    }

    #[test]
    fn missing_fields_and_empty_body() {
        assert_eq!(
            errors("+++\ndate = \"24 Feb\"\n+++\n\n"),
            vec![
                "content/a.md:1: expected a `title` in the front matter, such as title = \"Ceasefire talks resume\"",
                "content/a.md:2: expected a date like 2022-03-30 or 2022-03-30T09:00:00Z, found \"24 Feb\"",
                "content/a.md:4: expected the article's text after the front matter, found none",
            ]
        );
    }

    #[test]
    fn units_follow_blocks() {
        let units = collect_units("One\ntwo.\n\n- a\n- b\n\n```\ncode\n```\n", 5);
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, vec!["One two.", "a", "b"]);
        assert_eq!(units[0].locate(4, 7), (6, 0, 3));
    }
}
