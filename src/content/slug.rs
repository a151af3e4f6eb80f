//! URL slugs: lower-case ASCII words joined by hyphens.
//!
//! Non-Latin text is transliterated (`Київ` → `kyiv`) so every title or file name gives a usable
//! slug; text with nothing to transliterate falls back to a short stable hash.

/// `"Putin's War: Day 1"` → `putin-s-war-day-1`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push_ascii = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push_ascii(c, &mut out);
        } else if let Some(t) = deunicode::deunicode_char(c) {
            for tc in t.chars() {
                push_ascii(tc, &mut out);
            }
        } else {
            push_ascii(' ', &mut out);
        }
    }
    out
}

/// Like [`slugify`], but never empty: falls back to `prefix-<hash>`.
pub fn slugify_or_hash(text: &str, prefix: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        format!("{prefix}-{:08x}", fnv1a(text.as_bytes()) as u32)
    } else {
        slug
    }
}

/// FNV-1a: a tiny, stable hash (the output must not change between runs or platforms).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Putin's War: Day 1"), "putin-s-war-day-1");
        assert_eq!(slugify("  --Hello__World--  "), "hello-world");
        assert_eq!(slugify("Zürich & São Paulo"), "zurich-sao-paulo");
        assert_eq!(slugify("Київ"), "kiyiv");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
    }

    #[test]
    fn never_empty() {
        let s = slugify_or_hash("\u{e000}", "article");
        assert!(s.starts_with("article-") && s.len() == 16, "{s}");
        assert_eq!(s, slugify_or_hash("\u{e000}", "article"));
    }
}
