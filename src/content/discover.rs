//! Finding article files under `content/`: any depth, sorted, skipping hidden files and the
//! leftovers editors write beside the files they save.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// Every `.txt` / `.md` article file under `content_dir`, sorted, plus problems reading folders.
pub fn discover(root: &Path, content_dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !content_dir.is_dir() {
        return (files, problems);
    }
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name().to_str().unwrap_or("")));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_article(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(content_dir);
                let rel = path.strip_prefix(root).unwrap_or(path);
                problems.push(Diagnostic::new(rel, None, format!("could not read: {e}")));
            }
        }
    }
    (files, problems)
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Files editors create while saving (`.#x`, `x~`, `*.swp`, `*.tmp`, vim's `4913` probe).
pub fn is_editor_leftover(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload"].iter().any(|ext| name.ends_with(ext))
}

fn is_article(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    if is_hidden(name) || is_editor_leftover(name) {
        return false;
    }
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "markdown"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_skipped() {
        for name in [".#a.md", "a.md~", "a.md.swp", "a.tmp", "4913", ".hidden.md"] {
            assert!(!is_article(Path::new(name)), "{name}");
        }
        assert!(is_article(Path::new("content/a.md")));
        assert!(is_article(Path::new("content/b.txt")));
        assert!(!is_article(Path::new("content/entities.toml")));
    }
}
