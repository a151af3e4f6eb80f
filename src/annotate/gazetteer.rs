//! The site's own gazetteer, `content/entities.toml`: canonical names, types, aliases,
//! descriptions and links. It always wins over built-in knowledge.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::settings::toml_diagnostic;

pub use super::entities::GazetteerEntry;
#[cfg(test)]
use super::EntityKind;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entity: Vec<GazetteerEntry>,
}

/// Parses the gazetteer text; `path` names it in diagnostics.
pub fn parse(path: &Path, text: &str) -> Result<Vec<GazetteerEntry>, Vec<Diagnostic>> {
    let file: File =
        toml::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| vec![toml_diagnostic(path, text, 0, &e)])?;
    let mut problems = Vec::new();
    for (i, e) in file.entity.iter().enumerate() {
        if e.name.trim().is_empty() {
            problems.push(Diagnostic::new(path, None, format!("entity #{}: expected a non-empty `name`", i + 1)));
        }
        if let Some(link) = &e.link {
            if !(link.starts_with("https://") || link.starts_with("http://")) {
                problems.push(Diagnostic::new(
                    path,
                    None,
                    format!("entity {:?}: expected `link` to start with https:// or http://, found {link:?}", e.name),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(file.entity)
    } else {
        Err(problems)
    }
}

/// Reads the gazetteer at `file` (missing is fine: no entries).
pub fn load(root: &Path, file: &Path) -> Result<Vec<GazetteerEntry>, Vec<Diagnostic>> {
    let rel = file.strip_prefix(root).unwrap_or(file);
    match std::fs::read_to_string(file) {
        Ok(text) => parse(rel, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(vec![Diagnostic::new(rel, None, format!("could not read the gazetteer: {e}"))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries() {
        let g = parse(
            Path::new("content/entities.toml"),
            "[[entity]]\nname = \"Ever Given\"\ntype = \"ORG\"\naliases = [\"the Ever Given\"]\n",
        )
        .unwrap();
        assert_eq!(g[0].kind, EntityKind::Org);
        assert_eq!(g[0].aliases, vec!["the Ever Given"]);
    }

    #[test]
    fn bad_type_names_the_line() {
        let e = parse(Path::new("content/entities.toml"), "[[entity]]\nname = \"X\"\ntype = \"THING\"\n").unwrap_err();
        assert!(e[0].to_string().starts_with("content/entities.toml:3: "), "{}", e[0]);
    }
}
