//! The test harness: a fixture site in a temp folder, the real `newsreel` binary run on it, and
//! the produced HTML parsed with `scraper`.
//!
//! ```ignore
//! let site = Site::fixture("basic");
//! site.build().success();
//! let page = site.page("articles/ferries-resume/index.html");
//! assert_eq!(page.text("main h1"), "Ferry services resume as harbour clears");
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The binary under test (built by cargo for this test target).
pub const BIN: &str = env!("CARGO_BIN_EXE_newsreel");

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of a fixture site in its own temp folder; the folder is removed on drop.
pub struct Site {
    _tmp: TempDir,
    root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<case>/` (e.g. `basic`, `invalid/base`) to a fresh temp folder.
    pub fn fixture(case: &str) -> Site {
        let src = fixtures_dir().join(case);
        assert!(src.is_dir(), "no fixture folder {}", src.display());
        let site = Site::empty();
        copy_tree(&src, &site.root);
        site
    }

    /// An empty folder (for `init` and "not a site" tests).
    pub fn empty() -> Site {
        let tmp = tempfile::Builder::new().prefix("newsreel-test-").tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        Site { _tmp: tmp, root }
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Copies the files of `tests/fixtures/<case>/` over the site (replacing same-named files).
    pub fn apply(&self, case: &str) -> &Self {
        let src = fixtures_dir().join(case);
        assert!(src.is_dir(), "no fixture folder {}", src.display());
        copy_tree(&src, &self.root);
        self
    }

    /// Writes (or replaces) a file in the site.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        fs::read(self.path(rel)).unwrap_or_else(|e| panic!("could not read {rel}: {e}"))
    }

    /// `newsreel build` in the site folder.
    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// `newsreel build <args>` in the site folder.
    pub fn build_with(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `newsreel <args>` with the site folder as the working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(&self.root)
            .env_remove("RUST_LOG")
            .output()
            .unwrap_or_else(|e| panic!("could not run {BIN}: {e}"));
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// A page of the default output folder (`public/`), parsed.
    pub fn page(&self, rel: &str) -> Page {
        self.page_in("public", rel)
    }

    /// A page of the output folder `out` (relative to the site), parsed.
    pub fn page_in(&self, out: &str, rel: &str) -> Page {
        let path = self.root.join(out).join(rel);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("no page {out}/{rel} ({e}); the output has:\n{}", self.files(out).join("\n")));
        Page { path: format!("{out}/{rel}"), html: Html::parse_document(&text) }
    }

    /// Every file under `dir` (relative to the site), as sorted relative paths with `/`.
    pub fn files(&self, dir: &str) -> Vec<String> {
        self.snapshot(dir).into_keys().collect()
    }

    /// Every file under `dir` (relative to the site) with its bytes, to compare whole outputs.
    pub fn snapshot(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root.join(dir);
        let mut files = BTreeMap::new();
        if !base.exists() {
            return files;
        }
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(rel, fs::read(entry.path()).unwrap());
            }
        }
        files
    }

    /// The HTML files under `dir`.
    pub fn html_files(&self, dir: &str) -> Vec<String> {
        self.files(dir).into_iter().filter(|f| f.ends_with(".html")).collect()
    }
}

fn copy_tree(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let to = dst.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// One run of the binary.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    /// `None` when killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit code 0; shows stderr otherwise.
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(self.code, Some(0), "`newsreel {}` failed:\n{}", self.args.join(" "), self.stderr);
        self
    }

    /// Asserts a non-zero exit (not a crash: a panic would exit 101).
    #[track_caller]
    pub fn failure(self) -> Run {
        match self.code {
            Some(0) => panic!("`newsreel {}` succeeded but should have failed:\n{}", self.args.join(" "), self.stderr),
            Some(101) => panic!("`newsreel {}` panicked:\n{}", self.args.join(" "), self.stderr),
            None => panic!("`newsreel {}` was killed by a signal", self.args.join(" ")),
            Some(_) => self,
        }
    }

    /// stderr, line by line.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

/// A parsed HTML page. Look things up with CSS selectors; never search the raw text.
pub struct Page {
    pub path: String,
    pub html: Html,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// Text of an element with runs of whitespace collapsed to one space, trimmed.
pub fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Page {
    /// Every element matching `css`.
    pub fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// The one element matching `css` (panics on none or several).
    #[track_caller]
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let all = self.all(css);
        assert_eq!(all.len(), 1, "{}: expected exactly one {css:?}, found {}", self.path, all.len());
        all[0]
    }

    pub fn count(&self, css: &str) -> usize {
        self.all(css).len()
    }

    /// The text of the one element matching `css`, whitespace collapsed.
    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        text_of(self.one(css))
    }

    /// The texts of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).into_iter().map(text_of).collect()
    }

    /// Attribute `attr` of every element matching `css` (that has it).
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.all(css).into_iter().filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
    }

    /// Attribute `attr` of the one element matching `css`.
    #[track_caller]
    pub fn attr(&self, css: &str, attr: &str) -> String {
        let el = self.one(css);
        el.value().attr(attr).unwrap_or_else(|| panic!("{}: {css:?} has no {attr}", self.path)).to_string()
    }

    /// The elements matching `css` as pages of their own, to look inside one of many.
    pub fn parts(&self, css: &str) -> Vec<Page> {
        self.all(css)
            .into_iter()
            .map(|el| Page { path: format!("{} {css}", self.path), html: Html::parse_fragment(&el.html()) })
            .collect()
    }

    /// The one element matching `css` as a page of its own.
    #[track_caller]
    pub fn part(&self, css: &str) -> Page {
        let el = self.one(css);
        Page { path: format!("{} {css}", self.path), html: Html::parse_fragment(&el.html()) }
    }

    /// Every URL the page points at: `href` and `src` attributes (and `srcset` candidates).
    pub fn urls(&self) -> Vec<String> {
        let mut urls = self.attrs("[href]", "href");
        urls.extend(self.attrs("[src]", "src"));
        for set in self.attrs("[srcset]", "srcset") {
            urls.extend(set.split(',').filter_map(|c| c.split_whitespace().next()).map(str::to_string));
        }
        urls
    }
}
