//! Integration tests: build fixture sites (`tests/fixtures/<case>/`) with the real `newsreel`
//! binary in temp folders and check the produced HTML with an HTML parser.
//!
//! One test binary; the harness lives in `build/harness.rs`. See `tests/README.md`.

#[path = "build/harness.rs"]
mod harness;

#[path = "build/basic.rs"]
mod basic;
#[path = "build/cli.rs"]
mod cli;
#[path = "build/direct.rs"]
mod direct;
#[path = "build/invalid.rs"]
mod invalid;
#[path = "build/subpath.rs"]
mod subpath;
