//! Which work a batch of changed paths needs: the pure half of watching. No IO, so every rule is
//! unit-tested without a watcher (after Zola's `detect_change_kind`).
//!
//! A path may name a file or a folder, existing or gone: the classifier never asks. The rebuild
//! treats a content or static path as "everything at or below it" and looks at the disk itself.

use std::path::{Path, PathBuf};

use crate::content::is_editor_leftover;
use crate::settings::{Settings, SITE_FILE};

/// The folders and files of a site that matter to the watcher.
#[derive(Clone, Debug)]
pub struct Layout {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
    pub output: PathBuf,
    pub site_file: PathBuf,
    pub gazetteer: PathBuf,
}

impl Layout {
    pub fn new(settings: &Settings) -> Layout {
        Layout {
            root: settings.root.clone(),
            content: settings.content_dir.clone(),
            templates: settings.templates_dir.clone(),
            static_dir: settings.static_dir.clone(),
            output: settings.output_dir.clone(),
            site_file: settings.root.join(SITE_FILE),
            gazetteer: settings.annotate.gazetteer.clone(),
        }
    }
}

/// The least work that brings the served site up to date, from least to most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing the site is built from (hidden files, editor leftovers, the output folder).
    Nothing,
    /// Only files under `static/`: copy (or drop) just those.
    Static(Vec<PathBuf>),
    /// Templates changed: reload them and re-render every page from the cached articles and
    /// annotations (and copy the static files that changed too).
    Templates { statics: Vec<PathBuf> },
    /// Articles (files or folders under `content/`) changed: reload just those, re-annotate and
    /// re-render the pages that show them (everything when templates changed too).
    Articles { paths: Vec<PathBuf>, templates: bool, statics: Vec<PathBuf> },
    /// `site.toml` or the gazetteer changed: rebuild everything from the disk.
    Everything,
}

impl Change {
    /// True when every changed file is a stylesheet (the browser swaps it without reloading).
    pub fn is_css_only(&self) -> bool {
        match self {
            Change::Static(paths) => {
                !paths.is_empty() && paths.iter().all(|p| p.extension().is_some_and(|e| e == "css"))
            }
            _ => false,
        }
    }
}

/// What one path is to the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ignored,
    Site,
    Template,
    Static,
    Article,
}

/// Classifies a batch of changed paths (absolute, as the watcher reports them).
pub fn classify(layout: &Layout, paths: &[PathBuf]) -> Change {
    let mut articles: Vec<PathBuf> = Vec::new();
    let mut statics: Vec<PathBuf> = Vec::new();
    let mut templates = false;
    for path in paths {
        match kind(layout, path) {
            Kind::Ignored => {}
            Kind::Site => return Change::Everything,
            Kind::Template => templates = true,
            Kind::Static => statics.push(path.clone()),
            Kind::Article => articles.push(path.clone()),
        }
    }
    articles.sort();
    articles.dedup();
    statics.sort();
    statics.dedup();
    if !articles.is_empty() {
        Change::Articles { paths: articles, templates, statics }
    } else if templates {
        Change::Templates { statics }
    } else if !statics.is_empty() {
        Change::Static(statics)
    } else {
        Change::Nothing
    }
}

/// The paths of a batch the site is built from (what `classify` did not ignore).
pub fn relevant<'a>(layout: &Layout, paths: &'a [PathBuf]) -> Vec<&'a PathBuf> {
    paths.iter().filter(|p| kind(layout, p) != Kind::Ignored).collect()
}

fn kind(layout: &Layout, path: &Path) -> Kind {
    if path == layout.site_file || path == layout.gazetteer {
        return Kind::Site;
    }
    if path.starts_with(&layout.output) {
        return Kind::Ignored;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return Kind::Ignored };
    if is_leftover(name) {
        return Kind::Ignored;
    }
    // Hidden files and folders (`.git`, atomic-save temporaries such as `.x.md.tmp-1234`) are
    // skipped; the real file gets its own event when the temporary is renamed over it.
    for dir in [&layout.content, &layout.templates, &layout.static_dir] {
        if let Ok(rel) = path.strip_prefix(dir) {
            if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
                return Kind::Ignored;
            }
        }
    }
    if path.starts_with(&layout.content) {
        Kind::Article
    } else if path.starts_with(&layout.templates) {
        Kind::Template
    } else if path.starts_with(&layout.static_dir) {
        Kind::Static
    } else {
        Kind::Ignored
    }
}

/// Editor leftovers and the temporary files of atomic saves (written, then renamed over the
/// real file, which then gets its own event).
pub fn is_leftover(name: &str) -> bool {
    is_editor_leftover(name)
        || (name.starts_with('#') && name.ends_with('#')) // Emacs auto-save
        || name.ends_with("___jb_tmp___") // JetBrains safe write
        || name.ends_with("___jb_old___")
        || name.ends_with(".kate-swp")
        || name.starts_with(".goutputstream-") // GNOME
        || name.starts_with(".~lock.") // LibreOffice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        let root = PathBuf::from("/site");
        Layout {
            content: root.join("content"),
            templates: root.join("templates"),
            static_dir: root.join("static"),
            output: root.join("public"),
            site_file: root.join("site.toml"),
            gazetteer: root.join("content/entities.toml"),
            root,
        }
    }

    fn classify_strs(paths: &[&str]) -> Change {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        classify(&layout(), &paths)
    }

    fn paths(p: &[&str]) -> Vec<PathBuf> {
        p.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn a_static_file_is_copied() {
        assert_eq!(classify_strs(&["/site/static/style.css"]), Change::Static(paths(&["/site/static/style.css"])));
        assert!(classify_strs(&["/site/static/style.css"]).is_css_only());
        assert!(!classify_strs(&["/site/static/style.css", "/site/static/app.js"]).is_css_only());
        assert!(!classify_strs(&["/site/static/img"]).is_css_only());
        // The temporary file of an atomic save is not a stylesheet, but it is hidden.
        assert!(classify_strs(&["/site/static/.style.css.tmp-1", "/site/static/style.css"]).is_css_only());
    }

    #[test]
    fn a_template_re_renders_from_the_cache() {
        assert_eq!(classify_strs(&["/site/templates/article.html"]), Change::Templates { statics: vec![] });
        assert_eq!(
            classify_strs(&["/site/templates/base.html", "/site/static/style.css"]),
            Change::Templates { statics: paths(&["/site/static/style.css"]) }
        );
        assert_eq!(classify_strs(&["/site/templates"]), Change::Templates { statics: vec![] });
    }

    #[test]
    fn articles_reload_just_those_files_or_folders() {
        assert_eq!(
            classify_strs(&["/site/content/b.md", "/site/content/2021/a.txt", "/site/content/b.md"]),
            Change::Articles {
                paths: paths(&["/site/content/2021/a.txt", "/site/content/b.md"]),
                templates: false,
                statics: vec![]
            }
        );
        // A renamed or deleted folder is a path like any other.
        assert_eq!(
            classify_strs(&["/site/content/2021/03", "/site/templates/a.html"]),
            Change::Articles { paths: paths(&["/site/content/2021/03"]), templates: true, statics: vec![] }
        );
    }

    #[test]
    fn site_toml_and_the_gazetteer_rebuild_everything() {
        assert_eq!(classify_strs(&["/site/content/a.md", "/site/site.toml"]), Change::Everything);
        assert_eq!(classify_strs(&["/site/content/entities.toml"]), Change::Everything);
    }

    #[test]
    fn leftovers_hidden_files_and_the_output_are_ignored() {
        for p in [
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/.#a.md",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/content/a.md.tmp",
            "/site/content/a.md___jb_tmp___",
            "/site/content/.hidden/a.md",
            "/site/content/.git",
            "/site/templates/.base.html.swp",
            "/site/templates/.cache/x.html",
            "/site/static/.goutputstream-AB12",
            "/site/static/.well-known/x",
            "/site/public/index.html",
            "/site/public",
            "/site/README.md",
            "/site/.git/index",
            "/elsewhere/content/a.md",
        ] {
            assert_eq!(classify_strs(&[p]), Change::Nothing, "{p}");
        }
    }

    #[test]
    fn an_output_folder_inside_a_watched_folder_is_still_ignored() {
        let mut l = layout();
        l.output = PathBuf::from("/site/static/public");
        assert_eq!(classify(&l, &paths(&["/site/static/public/index.html"])), Change::Nothing);
    }

    #[test]
    fn relevant_paths_leave_out_the_ignored() {
        let batch = paths(&["/site/content/.a.md.swp", "/site/content/a.md", "/site/content/4913"]);
        assert_eq!(relevant(&layout(), &batch), vec![&PathBuf::from("/site/content/a.md")]);
    }

    #[test]
    fn nothing_for_an_empty_batch() {
        assert_eq!(classify_strs(&[]), Change::Nothing);
    }
}
