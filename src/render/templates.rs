//! The Tera templates: built-in defaults compiled into the binary, overridden by name by the
//! site's own `templates/*.html`, so a site without a templates folder still builds.

use std::path::Path;

use tera::Tera;

use crate::diagnostics::Diagnostic;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The default templates (the example site's own `templates/`).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "macros.html",
    "index.html",
    "article.html",
    "archive.html",
    "month.html",
    "tags.html",
    "tag.html",
    "entities.html",
    "entity.html",
    "timeline.html",
    "search.html",
    "404.html",
];

/// Static files every site gets unless its `static/` has a file of the same name.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("newsreel.js", include_bytes!("../../static/newsreel.js")),
];

/// Loads the built-in templates and the site's overrides from `dir`.
/// `root` only shortens the paths named in diagnostics.
pub fn load(root: &Path, dir: &Path) -> Result<Tera, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> =
        BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let mut problems = Vec::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let path = entry.path();
            let Some(name) = path.strip_prefix(dir).ok().and_then(|p| p.to_str()).map(|n| n.replace('\\', "/")) else {
                continue;
            };
            let file_name = entry.file_name().to_str().unwrap_or("");
            if !entry.file_type().is_file()
                || file_name.starts_with('.')
                || crate::content::is_editor_leftover(file_name)
            {
                continue;
            }
            match std::fs::read_to_string(path) {
                Ok(text) => match templates.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => templates.push((name, text)),
                },
                Err(e) => problems.push(Diagnostic::new(
                    path.strip_prefix(root).unwrap_or(path),
                    None,
                    format!("could not read the template: {e}"),
                )),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/` (as `&#x2F;`), which only bloats every URL: escaping
    // `& < > " '` is what keeps text and attribute values safe.
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates).map_err(|e| vec![template_diagnostic(root, dir, &e)])?;
    Ok(tera)
}

fn escape_html(text: &str) -> String {
    super::html::escape(text)
}

/// Turns a Tera error into a diagnostic naming the template file and, when Tera knows it, the line.
pub fn template_diagnostic(root: &Path, dir: &Path, err: &tera::Error) -> Diagnostic {
    let mut chain = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = cur {
        chain.push(e.to_string());
        cur = e.source();
    }
    let full = chain.join(": ");
    let name = full.split('\'').nth(1).unwrap_or("").to_string();
    let file = dir.join(&name);
    let path = if name.is_empty() { dir.to_path_buf() } else { file.strip_prefix(root).unwrap_or(&file).to_path_buf() };
    let at = full.split("--> ").nth(1).and_then(|rest| rest.split_whitespace().next()).and_then(|p| p.split_once(':'));
    let line = at.and_then(|(l, _)| l.parse().ok());
    // A parse error is drawn as a code frame (`--> 4:7`, the line, a caret, `= what`): keep the what.
    if let (Some((_, column)), Some(what)) = (at, full.lines().find_map(|l| l.trim().strip_prefix("= "))) {
        return Diagnostic::new(path, line, format!("template syntax error at column {column}: {what}"));
    }
    let message = full.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    Diagnostic::new(path, line, format!("template error: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_compile() {
        let tmp = tempfile::tempdir().unwrap();
        let tera = load(tmp.path(), &tmp.path().join("templates")).unwrap();
        assert!(tera.get_template_names().any(|n| n == "article.html"));
    }

    #[test]
    fn overrides_win_and_errors_name_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("templates");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("404.html"), "{% extends \"base.html\" %}{% block main %}gone{% endblock %}").unwrap();
        assert!(load(tmp.path(), &dir).is_ok());
        std::fs::write(dir.join("404.html"), "{% if %}\n").unwrap();
        let d = load(tmp.path(), &dir).unwrap_err();
        assert_eq!(
            d[0].to_string(),
            "templates/404.html:1: template syntax error at column 7: expected a value that can be negated"
        );
    }
}
