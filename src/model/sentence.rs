//! Sentence boundaries inside a unit of text (a Markdown paragraph may hold several sentences).

/// The byte range of the sentence of `text` that holds `start..end`: a Markdown paragraph may
/// hold several, and a quote reads best as the one sentence that matters.
pub fn around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_break = |i: usize| {
        matches!(bytes[i], b'.' | b'?' | b'!')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(|c| c.is_ascii_uppercase() || *c == b'"' || *c >= 0x80)
            && !(i >= 2 && bytes[i - 2] == b' ' && bytes[i - 1].is_ascii_uppercase())
            && !(i >= 2
                && (text[..i].ends_with(" Mr")
                    || text[..i].ends_with(" Mrs")
                    || text[..i].ends_with(" Dr")
                    || text[..i].ends_with(" St")))
    };
    let from = (0..start.min(bytes.len())).rev().find(|&i| is_break(i)).map_or(0, |i| i + 2);
    let to = (end.min(bytes.len())..bytes.len()).find(|&i| is_break(i)).map_or(bytes.len(), |i| i + 1);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::around;

    #[test]
    fn finds_the_sentence() {
        let t = "First one. Mr Rabie spoke on Monday. Third one here.";
        let at = t.find("Monday").unwrap();
        let (s, e) = around(t, at, at + 6);
        assert_eq!(&t[s..e], "Mr Rabie spoke on Monday.");
        assert_eq!(around("No break", 0, 2), (0, 8));
    }
}
