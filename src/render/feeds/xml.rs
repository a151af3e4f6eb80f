//! Writing XML by hand: one escaping function, used for text and attribute values alike.

/// Appends `text` escaped for XML text or a quoted attribute value. Characters XML 1.0 does not
/// allow at all (most C0 controls, U+FFFE, U+FFFF) are dropped, so the output always parses.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// `<name>text</name>` (escaped), followed by a newline.
pub fn element(out: &mut String, indent: &str, name: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape_into(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        let mut out = String::new();
        escape_into(&mut out, "<a href=\"x\">'&'</a>\u{0}\u{b}\t");
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\t");
    }
}
