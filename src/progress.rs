//! Progress on a terminal: one line on stderr, rewritten as stages start; silent when stderr is
//! not a terminal (CI logs, pipes) so output stays clean.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

pub struct Progress {
    enabled: bool,
    started: Instant,
    shown: Mutex<bool>,
    /// With `--timings`: the stage running now and when it started, printed when it ends.
    timings: Option<Mutex<(String, Instant)>>,
}

impl Progress {
    /// Shows progress when stderr is a terminal and `quiet` is false.
    pub fn new(quiet: bool) -> Self {
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            shown: Mutex::new(false),
            timings: None,
        }
    }

    /// Also prints each stage's wall time on its own line as the stage ends (`--timings`).
    pub fn with_timings(mut self) -> Self {
        self.enabled = false;
        self.timings = Some(Mutex::new((String::new(), Instant::now())));
        self
    }

    /// Never shows anything (library callers, tests, the dev server's rebuilds).
    pub fn hidden() -> Self {
        Progress { enabled: false, started: Instant::now(), shown: Mutex::new(false), timings: None }
    }

    pub fn stage(&self, what: &str) {
        self.time(what);
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
        self.time("");
        if self.shown.lock().map(|s| *s).unwrap_or(false) {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }

    /// Ends the timed stage (if any) and starts `next` (none when empty).
    fn time(&self, next: &str) {
        let Some(Ok(mut current)) = self.timings.as_ref().map(|t| t.lock()) else { return };
        if !current.0.is_empty() {
            let peak = peak_memory().map(|kib| format!("  (peak memory {} MiB)", kib / 1024)).unwrap_or_default();
            eprintln!("{:>8.1} ms  {}{peak}", current.1.elapsed().as_secs_f64() * 1e3, current.0);
        }
        *current = (next.to_string(), Instant::now());
    }
}

/// The process's peak resident memory so far in KiB, where the system tells (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
