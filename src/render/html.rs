//! Small HTML helpers: escaping, and text with annotation spans woven in.

/// Appends `text` with `& < > " '` escaped.
pub fn escape_into(out: &mut String, text: &str) {
    let _ = escape_with(text, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
}

/// Hands `text` to `push` with `& < > " '` escaped: runs of plain text as they are, one entity
/// for each special character.
pub fn escape_with<E>(text: &str, mut push: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        if last < i {
            push(&text[last..i])?;
        }
        push(rep)?;
        last = i + 1;
    }
    if last < text.len() {
        push(&text[last..])?;
    }
    Ok(())
}

pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    escape_into(&mut s, text);
    s
}

/// An annotation to wrap around `start..end` (byte offsets in a unit's text).
#[derive(Clone, Debug)]
pub struct Span<'a> {
    pub start: usize,
    pub end: usize,
    /// The opening tag(s), already escaped.
    pub open: std::borrow::Cow<'a, str>,
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

    fn span(start: usize, end: usize) -> Span<'static> {
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
