//! `newsreel check`: build the site in memory and verify what came out.
//!
//! Steps:
//! 1. load, validate and render exactly as `build` does ([`build::build_in_memory`]); any
//!    problem in the content is reported as `build` reports it;
//! 2. scan every HTML page (in parallel) for its ids and the URLs it references
//!    ([`page::scan`], over the start-tag scanner of [`crate::render::links`]);
//! 3. resolve every internal URL to a file of the output (`index.html` for folders), check its
//!    `#fragment` against the ids of the page it names, and flag URLs outside the `base_url`
//!    sub-path ([`resolve`]);
//! 4. parse every feed and the sitemap (XML, and JSON for JSON Feed), check the elements Atom
//!    requires, and resolve the URLs they list ([`files`]).
//!
//! Nothing is written and nothing is fetched: external URLs are counted, not checked.

mod files;
mod page;
mod resolve;

use std::collections::HashMap;
use std::fmt;

use anyhow::Result;
use rayon::prelude::*;

use crate::build;
use crate::output::Output;
use crate::progress::Progress;
use crate::settings::{BaseUrl, Settings};

pub use resolve::Target;

/// One problem, on one file of the output.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Output path: `articles/x/index.html`.
    pub page: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.page, self.message)
    }
}

/// What `check` looked at and what it found.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub links: usize,
    pub feeds: usize,
    /// Sorted by page, then message.
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// `checked 97 pages, 1,234 links: no problems`
    pub fn summary(&self) -> String {
        let found = match self.problems.len() {
            0 => "no problems".to_string(),
            1 => "1 problem".to_string(),
            n => format!("{} problems", thousands(n)),
        };
        format!("checked {} pages, {} links: {found}", thousands(self.pages), thousands(self.links))
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds the site in memory and verifies it.
pub fn check(settings: &Settings, progress: &Progress) -> Result<Report> {
    let built = build::build_in_memory(settings, progress)?;
    progress.stage("checking");
    let report = verify(&built.output, &settings.base_url);
    progress.done();
    Ok(report)
}

/// Verifies a built site: links, anchors, sub-path, feeds, sitemap.
pub fn verify(output: &Output, base: &BaseUrl) -> Report {
    let mut problems = Vec::new();
    let pages: Vec<(&str, &str)> = output
        .files()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, bytes)| match std::str::from_utf8(bytes) {
            Ok(html) => Some((p, html)),
            Err(_) => {
                problems.push(Problem { page: p.into(), message: "is not valid UTF-8".into() });
                None
            }
        })
        .collect();
    let scans: Vec<page::Scan> = pages.par_iter().map(|(path, html)| page::scan(path, html, base)).collect();
    let ids: HashMap<&str, &page::Ids> = pages.iter().zip(&scans).map(|((p, _), s)| (*p, &s.ids)).collect();
    let site = resolve::Site { output, base, ids: &ids };
    let links: usize = scans.iter().map(|s| s.links.len()).sum();
    let per_page: Vec<Vec<Problem>> = pages
        .par_iter()
        .zip(&scans)
        .map(|((path, _), scan)| {
            let mut found: Vec<Problem> =
                scan.problems.iter().map(|m| Problem { page: path.to_string(), message: m.clone() }).collect();
            found.extend(scan.links.iter().filter_map(|link| {
                site.check(&scan.base, link).err().map(|message| Problem { page: path.to_string(), message })
            }));
            found
        })
        .collect();
    problems.extend(per_page.into_iter().flatten());
    let other = files::check(&site);
    problems.extend(other.problems);
    problems.sort();
    problems.dedup();
    Report { pages: pages.len(), links: links + other.links, feeds: other.feeds, problems }
}

#[cfg(test)]
mod tests;
