//! File-system watching: notify (or its `PollWatcher` with `--poll`) on `content/`, `templates/`,
//! `static/` and `site.toml`, debounced into batches of changed paths.
//!
//! The site root is watched without recursion (for `site.toml` and for the three folders being
//! created, deleted or renamed), each folder recursively. The output folder is never watched.
//! Reads (the rebuild's own, or an editor's) are not changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::classify::Layout;
use super::Wake;

/// A batch ends once no event came for this long. Saves arrive as a burst of events within a
/// millisecond or two (write, rename, attributes), so this mostly adds latency.
pub const QUIET: Duration = Duration::from_millis(10);
/// A batch never waits longer than this, even while events keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(250);
/// How often `--poll` looks at the files. (notify's `PollWatcher` compares modification times in
/// whole seconds, so two saves of one file within a second are seen as one.)
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// A running watcher; dropping it stops watching.
pub struct Watch {
    _watcher: Arc<Mutex<Box<dyn Watcher + Send>>>,
}

/// Starts watching the site described by `layout`; debounced batches of changed paths are sent
/// to `wake` as [`Wake::Changed`].
pub fn start(layout: &Layout, poll: bool, wake: Sender<Wake>) -> Result<Watch> {
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<Event>>();
    let watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        Box::new(PollWatcher::new(raw_tx, config).context("could not start polling for changes")?)
    } else {
        Box::new(
            RecommendedWatcher::new(raw_tx, notify::Config::default())
                .context("could not watch for changes (try --poll)")?,
        )
    };
    let watcher = Arc::new(Mutex::new(watcher));
    {
        let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
        w.watch(&layout.root, RecursiveMode::NonRecursive)
            .with_context(|| format!("could not watch {}", layout.root.display()))?;
        for dir in folders(layout) {
            if dir.is_dir() {
                w.watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("could not watch {}", dir.display()))?;
            }
        }
        // A gazetteer outside the watched folders: watch the folder it is in.
        if let Some(parent) = layout.gazetteer.parent() {
            if parent != layout.root
                && !folders(layout).iter().any(|d| layout.gazetteer.starts_with(d))
                && parent.is_dir()
            {
                let _ = w.watch(parent, RecursiveMode::NonRecursive);
            }
        }
    }
    let (layout, handle) = (layout.clone(), Arc::clone(&watcher));
    std::thread::Builder::new()
        .name("newsreel-watch".into())
        .spawn(move || debounce(raw_rx, wake, &layout, &handle))
        .context("could not start the watcher thread")?;
    Ok(Watch { _watcher: watcher })
}

fn folders(layout: &Layout) -> [PathBuf; 3] {
    [layout.content.clone(), layout.templates.clone(), layout.static_dir.clone()]
}

/// Whether an event says something changed (rather than that a file was read).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Collects events into batches: a batch is sent once no event came for [`QUIET`].
fn debounce(
    raw: Receiver<notify::Result<Event>>,
    batches: Sender<Wake>,
    layout: &Layout,
    watcher: &Mutex<Box<dyn Watcher + Send>>,
) {
    let mut paths: Vec<PathBuf> = Vec::new();
    // When the batch's first and latest events came.
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    loop {
        let next = match first {
            None => raw.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(f) => raw.recv_timeout(QUIET.saturating_sub(last.elapsed()).min(MAX_WAIT.saturating_sub(f.elapsed()))),
        };
        match next {
            Ok(Ok(event)) if is_change(&event.kind) => {
                for path in event.paths {
                    watch_new_folder(layout, watcher, &path);
                    paths.push(path);
                }
                last = Instant::now();
                first.get_or_insert(last);
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                // Lost events (queue overflow) or a watch that broke: rebuild from the disk.
                eprintln!("warning: watching: {e}; rebuilding everything");
                paths.push(layout.site_file.clone());
                last = Instant::now();
                first.get_or_insert(last);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let due = first.is_some_and(|f| last.elapsed() >= QUIET || f.elapsed() >= MAX_WAIT);
        if due {
            first = None;
            if paths.is_empty() {
                continue;
            }
            paths.sort();
            paths.dedup();
            if batches.send(Wake::Changed(std::mem::take(&mut paths))).is_err() {
                return;
            }
        }
    }
}

/// `content/`, `templates/` or `static/` created after the start (or re-created): watch it.
fn watch_new_folder(layout: &Layout, watcher: &Mutex<Box<dyn Watcher + Send>>, path: &Path) {
    if folders(layout).iter().any(|d| d == path) && path.is_dir() {
        let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
        let _ = w.unwatch(path);
        let _ = w.watch(path, RecursiveMode::Recursive);
    }
}
