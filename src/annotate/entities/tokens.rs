//! Byte-level tokenizer for one unit of text. Lower-case words are skipped with a tight loop;
//! only capitalised words, the few punctuation marks that end names or sentences, and the
//! positions of lower-case words (for connector/context checks) are recorded.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Starts with an upper-case letter (or is a particle-prefixed name such as `al-Assad`).
    Cap,
    /// Starts with a lower-case letter (also `&`, recorded as a connector).
    Lower,
    /// Starts with a digit.
    Num,
    /// Punctuation that breaks a name: `, ; : ( ) " “ ” « » – —` and sentence ends `. ! ?`.
    Punct,
}

/// The token is followed by a possessive `'s` / `’s` (excluded from its span).
pub const POSS: u8 = 1;
/// First word of a sentence (or of a quotation): capitalisation is no evidence.
pub const SENT_START: u8 = 2;
/// A single capital followed by a period (`J.` in `J. R. Smith`).
pub const INITIAL: u8 = 4;
/// All letters are capitals and there are at least two (`NATO`, `U.S.`).
pub const ACRONYM: u8 = 8;
/// Punctuation ending a sentence (`. ! ?`).
pub const SENT_END: u8 = 16;
/// A hyphenated capitalised word whose lower-case tail was cut off (`Kyiv` of `Kyiv-based`).
pub const CUT_TAIL: u8 = 32;
/// Quotation mark.
pub const QUOTE: u8 = 64;

/// One token: byte range in the unit text plus kind and flags.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    pub flags: u8,
}

impl Tok {
    #[inline]
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }
    #[inline]
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

/// Abbreviations whose trailing period does not end a sentence.
const ABBREV: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev", "Jr", "Sr",
    "Inc", "Corp", "Co", "Ltd", "No", "vs", "Mt", "Ft", "Adm", "Maj", "Brig", "Cpl", "Hon", "Mx", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Supt", "Det", "Insp", "Cllr", "approx", "etc",
    "e.g", "i.e", "Bros", "Messrs",
];

#[inline]
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Decode the char starting at byte `i` (the text is valid UTF-8).
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// Class of the code point at `i` when it is not ASCII.
#[derive(PartialEq)]
enum Wide {
    Upper,
    Letter,
    Apostrophe,
    Quote,
    Dash,
    Space,
    Other,
}

#[inline]
fn wide(c: char) -> Wide {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => Wide::Apostrophe,
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => Wide::Quote,
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2015}' | '\u{2026}' => Wide::Dash,
        '\u{00A0}' | '\u{2009}' | '\u{200A}' | '\u{202F}' | '\u{2002}' | '\u{2003}' => Wide::Space,
        c if c.is_uppercase() => Wide::Upper,
        c if c.is_alphabetic() || c.is_numeric() => Wide::Letter,
        _ => Wide::Other,
    }
}

/// Is there a word character (letter/digit, ASCII or not) at `i`? Returns (is_word, is_upper, len).
#[inline]
fn word_char(s: &str, i: usize) -> (bool, bool, usize) {
    let b = s.as_bytes();
    match b.get(i) {
        None => (false, false, 0),
        Some(&c) if c < 0x80 => (is_ascii_word(c), c.is_ascii_uppercase(), 1),
        Some(_) => match char_at(s, i) {
            Some(ch) => match wide(ch) {
                Wide::Upper => (true, true, ch.len_utf8()),
                Wide::Letter => (true, false, ch.len_utf8()),
                _ => (false, false, ch.len_utf8()),
            },
            None => (false, false, 1),
        },
    }
}

/// Is there an apostrophe (ASCII or typographic) at `i`? Returns its byte length.
#[inline]
fn apostrophe_at(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    match b.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x98 | 0x99)) => 3,
        Some(0xCA) if b.get(i + 1) == Some(&0xBC) => 2,
        _ => 0,
    }
}

/// Short words after a hyphen that make an adjective of a name ("Kyiv-born", "US-led").
const HYPHEN_WORDS: &[&[u8]] = &[
    b"led", b"run", b"era", b"born", b"made", b"held", b"type", b"wide", b"bred", b"free", b"size", b"like", b"only",
    b"wise", b"long", b"old", b"year", b"day", b"week", b"time", b"ward", b"side", b"back", b"up", b"in", b"out",
    b"off", b"on", b"to", b"by", b"area", b"zone", b"mile", b"hit", b"ran", b"sent", b"war", b"fed", b"rich", b"poor",
    b"tied", b"style", b"bank", b"fan", b"fans", b"over", b"down", b"as", b"an", b"a", b"s", b"esque", b"ish", b"ism",
];

/// Lower-case prefixes joined by a hyphen to a capitalised name (`al-Assad`, `bin-Salman`).
const NAME_PREFIXES: &[&[u8]] =
    &[b"al", b"el", b"ad", b"ash", b"as", b"at", b"an", b"ar", b"az", b"ibn", b"bin", b"abu", b"abd", b"ul"];

/// Tokenize `s` into `out` (cleared first).
pub fn tokenize(s: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0usize;
    let mut sent_start = true;
    while i < n {
        let c = b[i];
        // Fast path: lower-case ASCII word.
        if c.is_ascii_lowercase() {
            let st = i;
            i += 1;
            while i < n && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'\'') {
                if b[i] == b'-' && i + 1 < n && b[i + 1].is_ascii_uppercase() {
                    // al-Assad: a name; pro-Russian: a lower-case word
                    if NAME_PREFIXES.contains(&&b[st..i]) {
                        i = st;
                        break;
                    }
                }
                i += 1;
            }
            if i == st {
                // name with particle prefix: scan as a capitalised word
                let (e, flags) = scan_cap(s, st, true);
                push_cap(out, st, e, flags, &mut sent_start);
                i = skip_possessive(s, e, out);
                continue;
            }
            // non-ASCII letters inside a lower-case word (e.g. "café")
            while i < n && b[i] >= 0x80 {
                let (w, _, l) = word_char(s, i);
                if !w {
                    break;
                }
                i += l;
                while i < n && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            }
            // trailing apostrophe/hyphen are not part of the word
            let mut e = i;
            while e > st + 1 && (b[e - 1] == b'-' || b[e - 1] == b'\'') {
                e -= 1;
            }
            out.push(Tok { start: st as u32, end: e as u32, kind: TokKind::Lower, flags: 0 });
            sent_start = false;
            i = skip_possessive(s, i, out);
            continue;
        }
        if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let st = i;
            while i < n
                && (b[i].is_ascii_alphanumeric()
                    || ((b[i] == b',' || b[i] == b'.') && i + 1 < n && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            out.push(Tok { start: st as u32, end: i as u32, kind: TokKind::Num, flags: 0 });
            sent_start = false;
            continue;
        }
        if c.is_ascii_uppercase() {
            let (e, flags) = scan_cap(s, i, false);
            push_cap(out, i, e, flags, &mut sent_start);
            i = skip_possessive(s, e, out);
            continue;
        }
        if c == b'.' {
            if let Some(t) = out.last() {
                if t.end as usize == i && t.kind != TokKind::Punct && abbreviation(t.text(s)) {
                    i += 1;
                    continue;
                }
            }
        }
        if c < 0x80 {
            // ASCII punctuation
            let (flags, sig) = match c {
                b'.' | b'!' | b'?' => (SENT_END, true),
                b'"' => (QUOTE, true),
                b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'/' | b'|' | b'*' | b'#' => (0, true),
                b'-' if i + 1 < n && (b[i + 1] == b' ' || b[i + 1] == b'-') => (0, true),
                b'&' => {
                    out.push(Tok { start: i as u32, end: i as u32 + 1, kind: TokKind::Lower, flags: 0 });
                    i += 1;
                    continue;
                }
                _ => (0, false),
            };
            if sig {
                out.push(Tok { start: i as u32, end: i as u32 + 1, kind: TokKind::Punct, flags });
                if flags & (SENT_END | QUOTE) != 0 || c == b':' {
                    sent_start = true;
                }
            }
            i += 1;
            continue;
        }
        // Non-ASCII
        let Some(ch) = char_at(s, i) else {
            i += 1;
            continue;
        };
        let l = ch.len_utf8();
        match wide(ch) {
            Wide::Upper => {
                let (e, flags) = scan_cap(s, i, false);
                push_cap(out, i, e, flags, &mut sent_start);
                i = skip_possessive(s, e, out);
            }
            Wide::Letter => {
                let st = i;
                i += l;
                loop {
                    let (w, _, wl) = word_char(s, i);
                    if !w {
                        break;
                    }
                    i += wl;
                }
                out.push(Tok { start: st as u32, end: i as u32, kind: TokKind::Lower, flags: 0 });
                sent_start = false;
            }
            Wide::Quote => {
                out.push(Tok { start: i as u32, end: (i + l) as u32, kind: TokKind::Punct, flags: QUOTE });
                sent_start = true;
                i += l;
            }
            Wide::Dash => {
                out.push(Tok { start: i as u32, end: (i + l) as u32, kind: TokKind::Punct, flags: 0 });
                i += l;
            }
            _ => i += l,
        }
    }
}

#[inline]
fn push_cap(out: &mut Vec<Tok>, st: usize, e: usize, mut flags: u8, sent_start: &mut bool) {
    if *sent_start {
        flags |= SENT_START;
    }
    *sent_start = false;
    out.push(Tok { start: st as u32, end: e as u32, kind: TokKind::Cap, flags });
}

/// After a word ending at `e`: swallow a possessive `'s`/`’s` (marking the last token) or a
/// plural possessive apostrophe, and return the next position.
#[inline]
fn skip_possessive(s: &str, e: usize, out: &mut [Tok]) -> usize {
    let a = apostrophe_at(s, e);
    if a == 0 {
        return e;
    }
    let b = s.as_bytes();
    let after = e + a;
    if matches!(b.get(after), Some(b's')) && !word_char(s, after + 1).0 {
        if let Some(t) = out.last_mut() {
            t.flags |= POSS;
        }
        return after + 1;
    }
    if !word_char(s, after).0 {
        return after; // plural possessive "Russians'"
    }
    e
}

/// Scan a capitalised word starting at `st`; returns (end, flags).
fn scan_cap(s: &str, st: usize, prefixed: bool) -> (usize, u8) {
    let b = s.as_bytes();
    let n = b.len();
    let mut i = st;
    let mut letters = 0u32;
    let mut uppers = 0u32;
    let mut flags = 0u8;
    let mut seg_start = st;
    loop {
        // a run of word chars
        loop {
            if i < n && b[i] < 0x80 {
                let c = b[i];
                if !c.is_ascii_alphanumeric() {
                    break;
                }
                letters += u32::from(c.is_ascii_alphabetic());
                uppers += u32::from(c.is_ascii_uppercase());
                i += 1;
            } else {
                let (w, up, l) = word_char(s, i);
                if !w {
                    break;
                }
                letters += 1;
                uppers += u32::from(up);
                i += l;
            }
        }
        if i >= n {
            break;
        }
        let c = b[i];
        if c == b'-' {
            // Ivano-Frankivsk / Al-Jazeera continue; Kyiv-based is cut.
            let (w, up, _) = word_char(s, i + 1);
            if w && (up || prefixed) {
                i += 1;
                seg_start = i;
                continue;
            }
            if w {
                // "Colombey-les-Deux-Églises": lower-case links between capitalised parts
                let mut q = i + 1;
                while q < n && b[q].is_ascii_lowercase() {
                    q += 1;
                }
                if q - i <= 4 && q + 1 < n && b[q] == b'-' && word_char(s, q + 1).1 {
                    i = q + 1;
                    seg_start = i;
                    continue;
                }
                // "Han Dong-hoon", "Moon Jae-in": a short syllable that is no English word
                let syl = &b[i + 1..q];
                if (1..=4).contains(&syl.len()) && !word_char(s, q).0 && !HYPHEN_WORDS.contains(&syl) {
                    i = q;
                    break;
                }
                flags |= CUT_TAIL;
            }
            break;
        }
        if c == b'.' {
            // U.S. / U.S.A. (dotted acronym) and J. (initial) keep their periods.
            if i - seg_start == 1 && b[seg_start].is_ascii_uppercase() {
                if i + 2 < n && b[i + 1].is_ascii_uppercase() && b[i + 2] == b'.' {
                    i += 1;
                    seg_start = i;
                    continue;
                }
                i += 1;
                if seg_start == st {
                    flags |= INITIAL;
                }
            }
            break;
        }
        let a = apostrophe_at(s, i);
        if a > 0 {
            // O'Brien / D’Amato continue; Putin's handled by the caller
            let (w, up, _) = word_char(s, i + a);
            if w && up {
                i += a;
                seg_start = i;
                continue;
            }
        }
        break;
    }
    if uppers >= 2 && uppers == letters {
        flags |= ACRONYM;
    }
    (i, flags)
}

/// Does a period after `word` mark an abbreviation rather than a sentence end?
pub fn abbreviation(word: &str) -> bool {
    ABBREV.contains(&word)
}
