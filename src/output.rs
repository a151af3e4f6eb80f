//! The built site in memory, and the one place that writes it to disk.
//!
//! [`write`] fills a staging folder next to the output folder and swaps it in only when every
//! file is written: a failed build never leaves a half-written or emptied site, and nothing
//! outside the output folder is ever deleted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

/// Site-relative path (`articles/x/index.html`) → bytes, sorted by path.
#[derive(Debug, Default, Clone)]
pub struct Output {
    files: Vec<(String, Vec<u8>)>,
}

impl Output {
    pub fn new(mut files: Vec<(String, Vec<u8>)>) -> Self {
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        Output { files }
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.binary_search_by(|(p, _)| p.as_str().cmp(path)).ok().map(|i| self.files[i].1.as_slice())
    }

    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Number of HTML pages.
    pub fn pages(&self) -> usize {
        self.files.iter().filter(|(p, _)| p.ends_with(".html")).count()
    }

    /// Replaces or adds files (the dev server's partial rebuilds).
    pub fn merge(&mut self, other: Output) {
        let mut all = std::mem::take(&mut self.files);
        all.extend(other.files);
        all.reverse(); // keep the newest of duplicates after the stable sort + dedup
        *self = Output::new(all);
    }

    /// The files, sorted by path (the dev server keeps them in its own map).
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files
    }

    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// Writes `output` into `dir` through a staging folder, then swaps it in.
pub fn write(output: &Output, dir: &Path) -> Result<()> {
    write_with(dir, |staging| output.files.par_iter().try_for_each(|(p, bytes)| staging.put(p, bytes))).map_err(|e| {
        match e {
            WriteError::Fill(e) | WriteError::Io(e) => e,
        }
    })
}

/// Lets `fill` write files into a staging folder beside `dir` (files go to disk as they are
/// made, so the site need not fit in memory), then swaps the staging folder in. If `fill`
/// fails, the staging folder is removed and `dir` is left as it was.
pub fn write_with<E>(
    dir: &Path,
    fill: impl FnOnce(&Staging) -> std::result::Result<(), E>,
) -> Result<(), WriteError<E>> {
    let parent = dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    let io = |e: anyhow::Error| WriteError::Io(e);
    fs::create_dir_all(&parent).with_context(|| format!("could not create {}", parent.display())).map_err(io)?;
    let staging_dir = parent.join(format!(".{name}.newsreel-staging"));
    let old = parent.join(format!(".{name}.newsreel-old"));
    remove_tree(&staging_dir).map_err(io)?;
    remove_tree(&old).map_err(io)?;
    fs::create_dir_all(&staging_dir)
        .with_context(|| format!("could not create {}", staging_dir.display()))
        .map_err(io)?;
    let staging = Staging { root: staging_dir.clone(), previous: dir.is_dir().then(|| dir.to_path_buf()) };
    if let Err(e) = fill(&staging) {
        let _ = remove_tree(&staging_dir);
        return Err(WriteError::Fill(e));
    }
    if dir.exists() {
        fs::rename(dir, &old)
            .with_context(|| format!("could not move the previous output {} aside", dir.display()))
            .map_err(io)?;
    }
    if let Err(e) = fs::rename(&staging_dir, dir) {
        let _ = fs::rename(&old, dir);
        return Err(io(anyhow::Error::new(e).context(format!("could not move the new site into {}", dir.display()))));
    }
    remove_tree(&old).map_err(io)?;
    Ok(())
}

/// Why [`write_with`] failed: the caller's `fill`, or the file system.
#[derive(Debug)]
pub enum WriteError<E> {
    Fill(E),
    Io(anyhow::Error),
}

/// A staging folder being filled (safe to use from many threads).
pub struct Staging {
    root: PathBuf,
    previous: Option<PathBuf>,
}

impl Staging {
    /// Writes one file (site-relative path); an unchanged file is hard-linked from the previous
    /// output instead, which also makes removing that output cheap.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("could not create {}", parent.display()))?;
        }
        if let Some(prev) = self.previous.as_ref().map(|d| d.join(path)) {
            if unchanged(&prev, bytes) && fs::hard_link(&prev, &target).is_ok() {
                return Ok(());
            }
        }
        fs::write(&target, bytes).with_context(|| format!("could not write {}", target.display()))
    }
}

impl Staging {
    /// Adds `bytes` to the end of `path`, which [`Staging::put`] wrote. `put` was given only the
    /// file's first part, which never equals a whole previous file, so it wrote a new file
    /// rather than linking to the previous build's (appending to a link would change that one).
    pub fn append(&self, path: &str, bytes: &[u8]) -> Result<()> {
        use std::io::Write as _;
        let target = self.root.join(path);
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(&target)
            .with_context(|| format!("could not open {} to add to it", target.display()))?;
        file.write_all(bytes).with_context(|| format!("could not write {}", target.display()))
    }
}

/// Whether `path` holds exactly `bytes` (a regular file, not a link to elsewhere).
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

/// Removes a folder tree (missing is fine), its subfolders in parallel.
fn remove_tree(path: &Path) -> Result<()> {
    let entries = match fs::read_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        other => other.with_context(|| format!("could not read {}", path.display()))?,
    };
    let entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries
        .par_iter()
        .try_for_each(|p| match fs::symlink_metadata(p) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(p),
            Ok(_) => fs::remove_file(p),
            Err(_) => Ok(()),
        })
        .and_then(|()| fs::remove_dir(path))
        .with_context(|| format!("could not remove {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("stale")).unwrap();
        fs::write(out.join("stale/old.html"), "old").unwrap();
        let site = Output::new(vec![("index.html".into(), b"new".to_vec()), ("a/b/index.html".into(), b"x".to_vec())]);
        write(&site, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(out.join("a/b/index.html").is_file());
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn merge_prefers_new_files() {
        let mut a = Output::new(vec![("x".into(), b"1".to_vec()), ("y".into(), b"1".to_vec())]);
        a.merge(Output::new(vec![("x".into(), b"2".to_vec())]));
        assert_eq!(a.get("x"), Some(&b"2"[..]));
        assert_eq!(a.get("y"), Some(&b"1"[..]));
        assert_eq!(a.len(), 2);
    }
}
