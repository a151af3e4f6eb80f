//! `site.toml` and command-line flags, resolved once into [`Settings`].
//!
//! Raw input (`SiteToml`, [`Overrides`]) and resolved settings are two types: everything after this
//! module reads `Settings` and never looks at the file or the flags again.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::diagnostics::{did_you_mean, line_of, Diagnostic, InvalidInput};

/// The file that marks a folder as a newsreel site.
pub const SITE_FILE: &str = "site.toml";

/// Flags that override `site.toml`.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// How numeric dates such as `04/05/2022` are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// Everything the pipeline needs to know about the site, resolved.
#[derive(Clone, Debug)]
pub struct Settings {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub static_dir: PathBuf,
    pub output_dir: PathBuf,
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: BaseUrl,
    pub articles_per_page: usize,
    pub drafts: bool,
    /// Raw HTML in Markdown is kept as written instead of sanitised (`[markdown] allow_raw_html`).
    pub allow_raw_html: bool,
    pub annotate: AnnotateSettings,
    /// Number of newest articles in the site feeds.
    pub feed_entries: usize,
}

#[derive(Clone, Debug)]
pub struct AnnotateSettings {
    pub enabled: bool,
    /// The site's own gazetteer; absent is fine.
    pub gazetteer: PathBuf,
    pub date_order: DateOrder,
}

/// `base_url` split into the origin and the path the site lives under.
///
/// Every URL in the output is built from `path` (always starting and ending with `/`), so a site
/// configured for `https://user.github.io/digest/` works when served under `/digest/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://user.github.io` (no trailing slash).
    pub origin: String,
    /// `/digest/` or `/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let (scheme, rest) = raw.split_once("://").ok_or_else(|| {
            format!(
                "expected an absolute URL like https://example.org/ or https://user.github.io/digest/, found {raw:?}"
            )
        })?;
        if !matches!(scheme, "http" | "https") {
            return Err(format!("expected an http or https URL, found {raw:?}"));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(['?', '#', ' ']) || path.contains(['?', '#', ' ']) {
            return Err(format!("expected a URL without query, fragment or spaces, found {raw:?}"));
        }
        let mut path = path.trim_end_matches('/').to_string();
        path.push('/');
        Ok(BaseUrl { origin: format!("{scheme}://{host}"), path })
    }

    /// Site-relative path (no leading slash) → URL path under the base (`/digest/articles/x/`).
    pub fn path_for(&self, rel: &str) -> String {
        let mut s = String::with_capacity(self.path.len() + rel.len());
        s.push_str(&self.path);
        s.push_str(rel.trim_start_matches('/'));
        s
    }

    /// Site-relative path → absolute URL (`https://user.github.io/digest/articles/x/`).
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.origin, self.path_for(rel))
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    output_dir: Option<PathBuf>,
    #[serde(default = "default_per_page")]
    articles_per_page: usize,
    #[serde(default)]
    markdown: MarkdownToml,
    #[serde(default)]
    annotate: AnnotateToml,
    #[serde(default)]
    feeds: FeedsToml,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkdownToml {
    #[serde(default)]
    allow_raw_html: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotateToml {
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    gazetteer: Option<PathBuf>,
    #[serde(default)]
    date_order: DateOrder,
}

impl Default for AnnotateToml {
    fn default() -> Self {
        AnnotateToml { enabled: true, gazetteer: None, date_order: DateOrder::default() }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsToml {
    #[serde(default = "default_feed_entries")]
    entries: usize,
}

impl Default for FeedsToml {
    fn default() -> Self {
        FeedsToml { entries: default_feed_entries() }
    }
}

fn default_language() -> String {
    "en".into()
}
fn default_per_page() -> usize {
    10
}
fn default_feed_entries() -> usize {
    20
}
fn yes() -> bool {
    true
}

impl Settings {
    /// Reads `root/site.toml` and applies the overrides.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Settings> {
        let file = root.join(SITE_FILE);
        if !file.is_file() {
            bail!(
                "no {SITE_FILE} in {}: this is not a newsreel site.\n\
                 Run `newsreel init <folder>` to create one, or pass --root <site folder>",
                display_dir(root)
            );
        }
        let text = std::fs::read_to_string(&file).with_context(|| format!("could not read {}", file.display()))?;
        Self::parse(root, &text, overrides)
    }

    /// Resolves settings from the text of `site.toml` (no IO besides canonicalising `root`).
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Settings> {
        let raw: SiteToml = toml::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| InvalidInput::new(vec![toml_diagnostic(Path::new(SITE_FILE), text, 0, &e)]))?;
        let root = std::path::absolute(root).with_context(|| format!("could not resolve {}", root.display()))?;
        let site_error =
            |line: Option<u32>, msg: String| InvalidInput::new(vec![Diagnostic::new(SITE_FILE, line, msg)]);
        let key_line = |key: &str| find_key_line(text, key);

        let base_raw = overrides.base_url.as_deref().unwrap_or(&raw.base_url);
        let base_url = BaseUrl::parse(base_raw).map_err(|msg| {
            let line = if overrides.base_url.is_some() { None } else { key_line("base_url") };
            site_error(line, format!("base_url: {msg}"))
        })?;
        if raw.articles_per_page == 0 {
            return Err(site_error(
                key_line("articles_per_page"),
                "articles_per_page: expected a number of at least 1, found 0".into(),
            )
            .into());
        }
        let output_written = overrides.output_dir.clone().or(raw.output_dir).unwrap_or_else(|| PathBuf::from("public"));
        let output_dir = if output_written.is_absolute() { output_written.clone() } else { root.join(&output_written) };
        let output_dir = std::path::absolute(&output_dir).unwrap_or(output_dir);

        let settings = Settings {
            content_dir: root.join("content"),
            templates_dir: root.join("templates"),
            static_dir: root.join("static"),
            output_dir,
            title: raw.title,
            description: raw.description,
            language: raw.language,
            base_url,
            articles_per_page: raw.articles_per_page,
            drafts: overrides.drafts,
            allow_raw_html: raw.markdown.allow_raw_html,
            annotate: AnnotateSettings {
                enabled: raw.annotate.enabled,
                gazetteer: root.join(raw.annotate.gazetteer.unwrap_or_else(|| PathBuf::from("content/entities.toml"))),
                date_order: raw.annotate.date_order,
            },
            feed_entries: raw.feeds.entries,
            root,
        };
        if let Err(why) = settings.check_output_dir() {
            let shown = output_written.display().to_string().replace('\\', "/");
            let msg = format!("{shown:?}: {why}; choose a folder of its own, such as \"public\"");
            if overrides.output_dir.is_some() {
                bail!("refusing --output-dir {msg}");
            }
            return Err(site_error(key_line("output_dir"), format!("refusing output_dir {msg}")).into());
        }
        Ok(settings)
    }

    /// Refuses output folders whose replacement would destroy the site's own files; says why.
    fn check_output_dir(&self) -> Result<(), String> {
        let out = normalise(&self.output_dir);
        let root = normalise(&self.root);
        let protected = [
            (&root, "the site root"),
            (&normalise(&self.content_dir), "content/"),
            (&normalise(&self.templates_dir), "templates/"),
            (&normalise(&self.static_dir), "static/"),
        ];
        for (dir, what) in protected {
            if out == *dir {
                return Err(format!("it is {what}, and building replaces the whole output folder"));
            }
            if dir.starts_with(&out) {
                return Err(format!("it contains {what}, and building replaces the whole output folder"));
            }
        }
        for (dir, what) in
            [(&self.content_dir, "content/"), (&self.templates_dir, "templates/"), (&self.static_dir, "static/")]
        {
            if out.starts_with(normalise(dir)) {
                return Err(format!("it lies inside {what}, which holds the site's sources"));
            }
        }
        Ok(())
    }

    /// The output folder as users wrote it, for messages (`public/`).
    pub fn output_display(&self) -> String {
        let shown = self.output_dir.strip_prefix(&self.root).unwrap_or(&self.output_dir);
        format!("{}/", shown.display())
    }

    /// A path as users name it: relative to the site root when inside it.
    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

/// Lexically normalises `a/b/../c` (the folders may not exist yet, so no canonicalize).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn display_dir(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        "the current folder".into()
    } else {
        root.display().to_string()
    }
}

/// Turns a TOML error into a diagnostic with a line (offset by `first_line - 1` for front matter)
/// and, for unknown keys, a did-you-mean.
pub fn toml_diagnostic(path: &Path, text: &str, line_offset: u32, err: &toml::de::Error) -> Diagnostic {
    let line = err.span().map(|s| line_of(text, s.start) + line_offset);
    Diagnostic::new(path, line, explain_serde_message(err.message()))
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into a friendlier message with a
/// suggestion; other messages pass through with their first line only.
pub fn explain_serde_message(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message).trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            return match did_you_mean(field, &names) {
                Some(s) => format!("unknown key `{field}`: did you mean `{s}`?"),
                None => format!("unknown key `{field}`: expected one of {}", names.join(", ")),
            };
        }
    }
    message.to_string()
}

/// Line of the first `key = …` / `key: …` in a TOML or YAML text.
pub fn find_key_line(text: &str, key: &str) -> Option<u32> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with('=') || rest.starts_with(':')
            })
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings> {
        Settings::parse(Path::new("/tmp/site"), text, &Overrides::default())
    }

    #[test]
    fn base_url_keeps_the_sub_path() {
        let b = BaseUrl::parse("https://user.github.io/digest").unwrap();
        assert_eq!(b.origin, "https://user.github.io");
        assert_eq!(b.path, "/digest/");
        assert_eq!(b.path_for("articles/x/"), "/digest/articles/x/");
        assert_eq!(b.absolute("atom.xml"), "https://user.github.io/digest/atom.xml");
        assert_eq!(BaseUrl::parse("http://localhost:1111").unwrap().path, "/");
        assert!(BaseUrl::parse("user.github.io").is_err());
        assert!(BaseUrl::parse("ftp://x/").is_err());
    }

    #[test]
    fn defaults_apply() {
        let s = parse("title = \"T\"\nbase_url = \"https://x.org/\"\n").unwrap();
        assert_eq!(s.output_dir, Path::new("/tmp/site/public"));
        assert_eq!(s.articles_per_page, 10);
        assert_eq!(s.language, "en");
        assert!(s.annotate.enabled);
        assert!(!s.allow_raw_html);
    }

    #[test]
    fn unknown_key_suggests() {
        let err = parse("title = \"T\"\nbase_url = \"https://x.org/\"\nartcles_per_page = 3\n").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("site.toml:3: unknown key `artcles_per_page`: did you mean `articles_per_page`?"),
            "{msg}"
        );
    }

    #[test]
    fn refuses_dangerous_output_dirs() {
        for dir in [".", "content", "templates", "static", ".."] {
            let text = format!("title = \"T\"\nbase_url = \"https://x.org/\"\noutput_dir = \"{dir}\"\n");
            let err = parse(&text).unwrap_err().to_string();
            assert!(err.contains("refusing output_dir"), "{dir}: {err}");
        }
        assert!(parse("title = \"T\"\nbase_url = \"https://x.org/\"\noutput_dir = \"content/x\"\n").is_err());
        assert!(parse("title = \"T\"\nbase_url = \"https://x.org/\"\noutput_dir = \"site-out\"\n").is_ok());
    }
}
