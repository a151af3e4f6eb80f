//! What the HTTP threads and the rebuild thread share: the last good site and the current error
//! state, published together as one immutable [`Snapshot`] behind an `Arc`.
//!
//! The rebuild thread prepares a complete new file map, then swaps it in with [`State::publish`]:
//! a request sees either the old site or the new one, never a mix.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::diagnostics::Diagnostic;

use super::reload::Broadcaster;

/// Site-relative path (`articles/x/index.html`) → bytes. Values are shared between snapshots, so
/// publishing a partial rebuild copies pointers, not pages.
pub type Files = HashMap<String, Arc<Vec<u8>>>;

/// One consistent view of the site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last good site (empty until a first build succeeds).
    pub files: Arc<Files>,
    /// Where the site is mounted (`/` or `/digest/`), from `base_url`.
    pub base_path: String,
    /// Counts successful rebuilds; a page knows the generation it was served at and reloads when
    /// the server has a newer one.
    pub generation: u64,
    /// Why the latest rebuild failed; empty when the site is up to date.
    pub errors: Arc<Vec<Diagnostic>>,
}

/// The dev server's shared state.
pub struct State {
    current: RwLock<Arc<Snapshot>>,
    pub events: Broadcaster,
}

impl State {
    pub fn new(snapshot: Snapshot) -> State {
        State { current: RwLock::new(Arc::new(snapshot)), events: Broadcaster::default() }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Swaps in a new site and error state; returns the new generation.
    pub fn publish(&self, files: Arc<Files>, base_path: String, errors: Vec<Diagnostic>) -> u64 {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let generation = current.generation + 1;
        *current = Arc::new(Snapshot { files, base_path, generation, errors: Arc::new(errors) });
        generation
    }

    /// Swaps in files that no open page shows (feeds, data exports) without a new generation.
    pub fn refresh(&self, files: Arc<Files>) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let next = Snapshot {
            files,
            base_path: current.base_path.clone(),
            generation: current.generation,
            errors: Arc::clone(&current.errors),
        };
        *current = Arc::new(next);
    }

    /// Swaps in files that include pages (a new generation), keeping the error state.
    pub fn republish(&self, files: Arc<Files>) -> u64 {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let generation = current.generation + 1;
        let next =
            Snapshot { files, base_path: current.base_path.clone(), generation, errors: Arc::clone(&current.errors) };
        *current = Arc::new(next);
        generation
    }

    /// Records a failed rebuild: the site stays as it is.
    pub fn set_errors(&self, errors: Vec<Diagnostic>) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let next = Snapshot {
            files: Arc::clone(&current.files),
            base_path: current.base_path.clone(),
            generation: current.generation,
            errors: Arc::new(errors),
        };
        *current = Arc::new(next);
    }
}
