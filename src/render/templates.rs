//! The Tera templates: built-in defaults compiled into the binary, overridden by name by the
//! site's own `templates/*.html`, so a site without a templates folder still builds.

use std::path::Path;

use tera::{ErrorKind, Tera};

use crate::diagnostics::Diagnostic;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The default templates (the example site's own `templates/`).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "components.html",
    "index.html",
    "article.html",
    "archive.html",
    "month.html",
    "tags.html",
    "tag.html",
    "entities.html",
    "entity.html",
    "entity_chip.html",
    "timeline.html",
    "search.html",
    "404.html",
];

/// Static files every site gets unless its `static/` has a file of the same name.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("newsreel.js", include_bytes!("../../static/newsreel.js")),
];

/// The loaded templates, and which built-in ones the site left as they are.
///
/// Pages whose every template is a built-in one are written by `render::direct` without going
/// through Tera (the same bytes, in a fraction of the time); a site that overrides one of them
/// gets those pages from its own templates.
#[derive(Debug)]
pub struct Templates {
    pub tera: Tera,
    /// Built-in templates the site replaced with different text.
    overridden: Vec<&'static str>,
    /// Whether pages may bypass Tera at all (tests compare both ways).
    direct: bool,
}

impl Templates {
    /// Whether each of `names` is the built-in template, unchanged, and pages may be written
    /// without Tera.
    pub fn are_builtin(&self, names: &[&str]) -> bool {
        self.direct && names.iter().all(|n| !self.overridden.contains(n))
    }

    /// The same templates with every page rendered by Tera: for tests that check the direct
    /// writers give the bytes Tera gives.
    #[doc(hidden)]
    pub fn tera_only(mut self) -> Templates {
        self.direct = false;
        self
    }
}

/// Loads the built-in templates and the site's overrides from `dir`.
/// `root` only shortens the paths named in diagnostics.
pub fn load(root: &Path, dir: &Path) -> Result<Templates, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> =
        BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let mut overridden = Vec::new();
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
                    Some(slot) => {
                        if let Some((builtin, _)) = BUILTIN_TEMPLATES.iter().find(|(n, t)| *n == name && *t != text) {
                            overridden.push(*builtin);
                        }
                        slot.1 = text;
                    }
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
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates).map_err(|e| vec![template_diagnostic(root, dir, &e)])?;
    Ok(Templates { tera, overridden, direct: true })
}

/// Escapes `& < > " '`, a run of plain text at a time (Tera's own escaper writes byte by byte).
fn escape_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::html::escape_with(text, |piece| out.write_all(piece.as_bytes()))
}

/// Turns a Tera error into a diagnostic naming the template file and, when Tera knows it, the line.
pub fn template_diagnostic(root: &Path, dir: &Path, err: &tera::Error) -> Diagnostic {
    let located = |name: &str| {
        let file = dir.join(name);
        if name.is_empty() {
            dir.to_path_buf()
        } else {
            file.strip_prefix(root).unwrap_or(&file).to_path_buf()
        }
    };
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let what = if matches!(err.kind(), ErrorKind::SyntaxError(_)) { "syntax error" } else { "error" };
            Diagnostic::new(
                located(report.filename()),
                u32::try_from(span.start_line).ok(),
                format!("template {what} at column {}: {}", span.start_col + 1, report.message()),
            )
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            located(current),
            None,
            format!("template error: it extends \"{parent}\", which is not in templates/ nor built in"),
        ),
        ErrorKind::CircularExtend { tpl, .. } => Diagnostic::new(located(tpl), None, format!("template error: {err}")),
        _ => {
            let mut message = err.to_string();
            let mut cur = std::error::Error::source(err);
            while let Some(e) = cur {
                message.push_str(": ");
                message.push_str(&e.to_string());
                cur = e.source();
            }
            Diagnostic::new(dir.strip_prefix(root).unwrap_or(dir), None, format!("template error: {message}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_compile() {
        let tmp = tempfile::tempdir().unwrap();
        let templates = load(tmp.path(), &tmp.path().join("templates")).unwrap();
        assert!(templates.tera.get_template_names().any(|n| n == "article.html"));
        assert!(templates.are_builtin(&["base.html", "entity.html"]));
        assert!(!templates.tera_only().are_builtin(&["base.html"]));
    }

    #[test]
    fn overrides_win_and_errors_name_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("templates");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("404.html"), "{% extends \"base.html\" %}{% block main %}gone{% endblock %}").unwrap();
        std::fs::write(dir.join("entity.html"), BUILTIN_TEMPLATES.iter().find(|t| t.0 == "entity.html").unwrap().1)
            .unwrap();
        let templates = load(tmp.path(), &dir).unwrap();
        assert!(!templates.are_builtin(&["404.html"]));
        assert!(
            templates.are_builtin(&["base.html", "entity.html"]),
            "a copy of a built-in template is not an override"
        );
        std::fs::write(dir.join("404.html"), "{% if %}\n").unwrap();
        let d = load(tmp.path(), &dir).unwrap_err();
        assert_eq!(
            d[0].to_string(),
            "templates/404.html:1: template syntax error at column 7: Found `%}` but expected one of: \
             integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`"
        );
        std::fs::write(dir.join("404.html"), "{% block main %}\n\n{{ nope }}{% endblock %}").unwrap();
        let tera = load(tmp.path(), &dir).unwrap().tera;
        let err = tera.render("404.html", &tera::Context::new()).unwrap_err();
        assert_eq!(
            template_diagnostic(tmp.path(), &dir, &err).to_string(),
            "templates/404.html:3: template error at column 4: Variable `nope` is not defined."
        );
        std::fs::write(dir.join("404.html"), "{% extends \"gone.html\" %}").unwrap();
        let d = load(tmp.path(), &dir).unwrap_err();
        assert_eq!(
            d[0].to_string(),
            "templates/404.html: template error: it extends \"gone.html\", which is not in templates/ nor built in"
        );
    }
}
