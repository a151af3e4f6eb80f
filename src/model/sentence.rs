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
    // Jump from one `.`, `?` or `!` to the next (memchr) instead of testing every byte: the
    // timeline and entity pages ask this of every dated sentence in the corpus.
    let mut before = &bytes[..start.min(bytes.len())];
    let mut from = 0;
    while let Some(i) = memchr::memrchr3(b'.', b'?', b'!', before) {
        if is_break(i) {
            from = i + 2;
            break;
        }
        before = &before[..i];
    }
    let mut at = end.min(bytes.len());
    let mut to = bytes.len();
    while let Some(k) = memchr::memchr3(b'.', b'?', b'!', &bytes[at..]) {
        if is_break(at + k) {
            to = at + k + 1;
            break;
        }
        at += k + 1;
    }
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
        // Punctuation that does not end a sentence is stepped over.
        let t = "It rose 2.5 percent, Mr. Lee said. U.S. officials? No. Then St. Ives.";
        for (word, want) in [
            ("rose", "It rose 2.5 percent, Mr. Lee said."),
            ("officials", "U.S. officials?"),
            ("Ives", "Then St. Ives."),
        ] {
            let at = t.find(word).unwrap();
            let (s, e) = around(t, at, at + word.len());
            assert_eq!(&t[s..e], want, "{word}");
        }
    }
}
