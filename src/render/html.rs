//! Small HTML helpers: escaping, and text with annotation spans woven in.

/// Appends `text` with `& < > " '` escaped.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    escape_into(&mut s, text);
    s
}

/// An annotation to wrap around `start..end` (byte offsets in a unit's text).
#[derive(Clone, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// The opening tag(s), already escaped.
    pub open: String,
    pub close: &'static str,
}

/// Appends the piece `text`, which starts at byte `base` of its unit, escaped, with every span
/// that lies wholly inside it wrapped. `spans` are sorted by start and do not overlap.
pub fn annotated_into(out: &mut String, text: &str, base: usize, spans: &[Span]) {
    let end = base + text.len();
    let first = spans.partition_point(|s| s.start < base);
    let mut at = base;
    for span in spans[first..].iter().take_while(|s| s.start < end) {
        if span.end > end
            || span.start < at
            || !text.is_char_boundary(span.start - base)
            || !text.is_char_boundary(span.end - base)
        {
            continue;
        }
        escape_into(out, &text[at - base..span.start - base]);
        out.push_str(&span.open);
        escape_into(out, &text[span.start - base..span.end - base]);
        out.push_str(span.close);
        at = span.end;
    }
    escape_into(out, &text[at - base..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end, open: "<b>".into(), close: "</b>" }
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn weaves_spans_inside_the_piece_only() {
        let mut out = String::new();
        annotated_into(&mut out, "Putin & Zelensky", 10, &[span(0, 4), span(10, 15), span(18, 26), span(24, 30)]);
        assert_eq!(out, "<b>Putin</b> &amp; <b>Zelensky</b>");
    }
}

/// The byte range of the sentence of `text` that holds `start..end`: a Markdown paragraph may
/// hold several, and a quote reads best as the one sentence that matters.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
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
mod sentence_tests {
    use super::sentence_around;

    #[test]
    fn finds_the_sentence() {
        let t = "First one. Mr Rabie spoke on Monday. Third one here.";
        let at = t.find("Monday").unwrap();
        let (s, e) = sentence_around(t, at, at + 6);
        assert_eq!(&t[s..e], "Mr Rabie spoke on Monday.");
        assert_eq!(sentence_around("No break", 0, 2), (0, 8));
    }
}
