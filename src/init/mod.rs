//! `newsreel init DIR`: a new site that builds at once, with one article in each format and a
//! GitHub Pages workflow.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("site.toml")),
    ("content/welcome.txt", include_str!("welcome.txt")),
    ("content/welcome-markdown.md", include_str!("welcome.md")),
    ("content/entities.toml", include_str!("entities.toml")),
    (".github/workflows/pages.yml", include_str!("pages.yml")),
    (".gitignore", "/public\n"),
];

/// Creates the site; refuses a folder that exists and is not empty.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!("{} is not empty: pass a new or empty folder, e.g. `newsreel init my-digest`", dir.display());
        }
    }
    for (path, text) in FILES {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).with_context(|| format!("could not create {}", parent.display()))?;
        }
        fs::write(&file, text).with_context(|| format!("could not write {}", file.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_empty_folders() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("x"), "").unwrap();
        assert!(init(tmp.path()).unwrap_err().to_string().contains("is not empty"));
    }

    #[test]
    fn creates_a_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("digest");
        init(&dir).unwrap();
        assert!(dir.join("site.toml").is_file());
        assert!(dir.join(".github/workflows/pages.yml").is_file());
    }
}
