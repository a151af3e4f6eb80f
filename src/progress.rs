//! Progress on a terminal: one line on stderr, rewritten as stages start; silent when stderr is
//! not a terminal (CI logs, pipes) so output stays clean.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

pub struct Progress {
    enabled: bool,
    started: Instant,
    shown: Mutex<bool>,
}

impl Progress {
    /// Shows progress when stderr is a terminal and `quiet` is false.
    pub fn new(quiet: bool) -> Self {
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            shown: Mutex::new(false),
        }
    }

    /// Never shows anything (library callers, tests, the dev server's rebuilds).
    pub fn hidden() -> Self {
        Progress { enabled: false, started: Instant::now(), shown: Mutex::new(false) }
    }

    pub fn stage(&self, what: &str) {
        if !self.enabled {
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{what}… ({:.1} s)", self.started.elapsed().as_secs_f64());
        let _ = err.flush();
        if let Ok(mut shown) = self.shown.lock() {
            *shown = true;
        }
    }

    /// Clears the progress line before the summary is printed.
    pub fn done(&self) {
        if self.shown.lock().map(|s| *s).unwrap_or(false) {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
