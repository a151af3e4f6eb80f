//! newsreel turns a folder of news articles into an annotated static website.
//!
//! The pipeline, one plain function per arrow:
//!
//! 1. [`settings::Settings`] — `site.toml` and flags, resolved once.
//! 2. [`content::load`] — files under `content/` → [`content::Corpus`] (+ diagnostics).
//! 3. [`annotate::run`] — entities and dates of every article, linked across the corpus.
//! 4. [`model::Site::build`] — the site graph: pages, listings, URLs.
//! 5. [`render::render`] — Tera templates → in-memory [`output::Output`] (path → bytes).
//! 6. [`output::write`] — staged, then swapped into the output folder in one step.
//!
//! [`build::build`] runs them in order; `serve` keeps the stages' results to redo only what a
//! change needs.

pub mod annotate;
pub mod build;
pub mod check;
pub mod cli;
pub mod content;
pub mod diagnostics;
pub mod init;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod serve;
pub mod settings;
