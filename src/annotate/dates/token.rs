//! A tiny on-demand tokenizer: reads the word, number or punctuation mark just before or after a
//! byte offset, so parsers can look at a trigger's neighbours without tokenizing the whole text.
//! Tokens are runs of alphanumeric chars or single other chars; spaces are skipped, but a newline
//! is returned as punctuation so that no phrase is read across lines.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters only.
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits ("10th", "1990s", "Q3", "3pm").
    Mixed,
    /// One non-alphanumeric char (including a newline).
    Punct,
}

/// A token as byte offsets into the text; offsets are always on char boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Tok {
    /// The token's text (empty if the offsets do not fit `s`).
    pub(crate) fn text(self, s: &str) -> &str {
        s.get(self.start..self.end).unwrap_or("")
    }

    /// Whether this is the word `word`, ignoring ASCII case.
    pub(crate) fn is(self, s: &str, word: &str) -> bool {
        self.kind == Kind::Word && self.text(s).eq_ignore_ascii_case(word)
    }

    /// Whether this is one of `words`, ignoring ASCII case.
    pub(crate) fn is_any(self, s: &str, words: &[&str]) -> bool {
        self.kind == Kind::Word && {
            let t = self.text(s);
            words.iter().any(|w| t.eq_ignore_ascii_case(w))
        }
    }

    /// The char of a punctuation token.
    pub(crate) fn punct(self, s: &str) -> Option<char> {
        match self.kind {
            Kind::Punct => self.text(s).chars().next(),
            _ => None,
        }
    }

    /// Whether this is the punctuation char `c`.
    pub(crate) fn is_punct(self, s: &str, c: char) -> bool {
        self.punct(s) == Some(c)
    }

    /// The value of an all-digit token of at most nine digits.
    pub(crate) fn number(self, s: &str) -> Option<u32> {
        if self.kind != Kind::Num || self.len() > 9 {
            return None;
        }
        self.text(s).bytes().try_fold(0u32, |acc, b| Some(acc * 10 + u32::from(b.checked_sub(b'0')?)))
    }

    /// Length in bytes.
    pub(crate) fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the first char is upper-case.
    pub(crate) fn capitalised(self, s: &str) -> bool {
        self.text(s).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether this is a word starting with a lower-case letter.
    pub(crate) fn lowercase_word(self, s: &str) -> bool {
        self.kind == Kind::Word && self.text(s).chars().next().is_some_and(char::is_lowercase)
    }

    /// Whether `next` starts exactly where this token ends (no space between).
    pub(crate) fn touches(self, next: Tok) -> bool {
        self.end == next.start
    }
}

/// Spaces that separate tokens; a newline is not one of them.
fn is_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

fn classify(s: &str) -> Kind {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        Kind::Num
    } else if s.chars().all(char::is_alphabetic) {
        Kind::Word
    } else {
        Kind::Mixed
    }
}

/// The char starting at byte `pos`, with an ASCII fast path.
fn char_from(s: &str, pos: usize) -> Option<char> {
    match s.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => char_at(s, pos),
        None => None,
    }
}

/// The char ending at byte `pos`, with an ASCII fast path.
fn char_until(s: &str, pos: usize) -> Option<char> {
    match pos.checked_sub(1).and_then(|i| s.as_bytes().get(i)) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => char_before(s, pos),
        None => None,
    }
}

/// The token starting at byte `pos` (which must not be a space).
pub(crate) fn token_at(s: &str, pos: usize) -> Option<Tok> {
    let c = char_from(s, pos)?;
    let mut end = pos + c.len_utf8();
    if c.is_alphanumeric() {
        while let Some(c) = char_from(s, end).filter(|c| c.is_alphanumeric()) {
            end += c.len_utf8();
        }
    }
    token_between(s, pos, end, c.is_alphanumeric())
}

/// The token `start..end`, alphanumeric or a single punctuation char.
fn token_between(s: &str, start: usize, end: usize, alnum: bool) -> Option<Tok> {
    let kind = if alnum { classify(s.get(start..end)?) } else { Kind::Punct };
    Some(Tok { start, end, kind })
}

/// The first token at or after byte `from`, skipping spaces.
pub(crate) fn next_token(s: &str, from: usize) -> Option<Tok> {
    let mut pos = from;
    while let Some(c) = char_from(s, pos).filter(|c| is_space(*c)) {
        pos += c.len_utf8();
    }
    token_at(s, pos)
}

/// The last token ending at or before byte `before`, skipping spaces.
pub(crate) fn prev_token(s: &str, before: usize) -> Option<Tok> {
    let mut end = before;
    while let Some(c) = char_until(s, end).filter(|c| is_space(*c)) {
        end -= c.len_utf8();
    }
    let c = char_until(s, end)?;
    let mut start = end - c.len_utf8();
    if c.is_alphanumeric() {
        while let Some(c) = char_until(s, start).filter(|c| c.is_alphanumeric()) {
            start -= c.len_utf8();
        }
    }
    token_between(s, start, end, c.is_alphanumeric())
}

/// The char just before byte `pos`.
pub(crate) fn char_before(s: &str, pos: usize) -> Option<char> {
    s.get(..pos)?.chars().next_back()
}

/// The char starting at byte `pos`.
pub(crate) fn char_at(s: &str, pos: usize) -> Option<char> {
    s.get(pos..)?.chars().next()
}
