//! Where every page lives, as site-relative paths (no leading slash).
//!
//! One place decides the URL scheme; templates get finished URLs built from these paths and the
//! `base_url`'s sub-path, so a project site under `/digest/` never links outside it.

/// `articles/<slug>/`
pub fn article(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// The n-th (1-based) page of a paginated listing whose first page is `first` (`""`, `tags/war/`).
pub fn paginated(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// `tags/<slug>/`
pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// `archive/2022/03/`
pub fn month(year: i32, month: u32) -> String {
    format!("archive/{year:04}/{month:02}/")
}

/// `entities/<id>/`
pub fn entity(id: &str) -> String {
    format!("entities/{id}/")
}

pub const TIMELINE: &str = "timeline.html";
pub const ENTITIES: &str = "entities/";
pub const TAGS: &str = "tags/";
pub const ARCHIVE: &str = "archive/";
pub const SEARCH: &str = "search/";

/// The file a site-relative URL path is written to (`articles/x/` → `articles/x/index.html`).
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_and_files() {
        assert_eq!(paginated("", 1), "");
        assert_eq!(paginated("", 2), "page/2/");
        assert_eq!(paginated("tags/war/", 3), "tags/war/page/3/");
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("articles/x/"), "articles/x/index.html");
        assert_eq!(file_for(TIMELINE), "timeline.html");
    }
}
