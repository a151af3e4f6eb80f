//! Candidate finding: one aho-corasick pass over trigger words merged with a byte scan for the
//! start of numbers, in text order; each hit is handed to the local parser for its kind.

use aho_corasick::FindIter;

use super::context::Ctx;
use super::lexicon::{self, Trigger, AUTOMATON};
use super::token::{char_at, char_before, Kind, Tok};
use super::{calendar, holiday, numeric, period, relative, weekday, DateMention};

/// A place where a date expression may be anchored.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Hit {
    /// A whole trigger word.
    Word(Tok, Trigger),
    /// The first digit of a number that starts a token.
    Number(usize),
}

impl Hit {
    fn start(self) -> usize {
        match self {
            Hit::Word(t, _) => t.start,
            Hit::Number(p) => p,
        }
    }
}

/// Trigger words and number starts of one text, in order.
pub(crate) struct Hits<'a> {
    text: &'a str,
    words: FindIter<'static, 'a>,
    next_word: Option<Hit>,
    digit_from: usize,
    next_number: Option<Hit>,
}

impl<'a> Hits<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let automaton: &'static aho_corasick::AhoCorasick = &AUTOMATON;
        let mut hits =
            Hits { text, words: automaton.find_iter(text), next_word: None, digit_from: 0, next_number: None };
        hits.next_word = hits.find_word();
        hits.next_number = hits.find_number();
        hits
    }

    /// The next automaton match that is a whole word.
    fn find_word(&mut self) -> Option<Hit> {
        loop {
            let m = self.words.next()?;
            let (start, end) = (m.start(), m.end());
            if boundary_before(self.text, start) && boundary_after(self.text, end) {
                let trigger = lexicon::trigger(m.pattern().as_usize())?;
                let kind = if matches!(trigger, Trigger::QuarterCode(_)) { Kind::Mixed } else { Kind::Word };
                return Some(Hit::Word(Tok { start, end, kind }, trigger));
            }
        }
    }

    /// The next digit that starts a number ("2014", not the "014" of "2,014" or the "3" of "Q3").
    fn find_number(&mut self) -> Option<Hit> {
        let bytes = self.text.as_bytes();
        loop {
            let from = self.digit_from;
            let pos = from + first_digit(bytes.get(from..)?)?;
            let run = bytes.get(pos..)?.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len() - pos);
            self.digit_from = pos + run.max(1);
            if number_start(self.text, pos) {
                return Some(Hit::Number(pos));
            }
        }
    }
}

impl Iterator for Hits<'_> {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        let take_word = match (self.next_word, self.next_number) {
            (Some(w), Some(n)) => w.start() <= n.start(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_word {
            let hit = self.next_word;
            self.next_word = self.find_word();
            hit
        } else {
            let hit = self.next_number;
            self.next_number = self.find_number();
            hit
        }
    }
}

/// Index of the first ASCII digit in `bytes`, testing eight bytes at a time (SWAR): after
/// `^ 0x30` exactly the digits become bytes below 10, and the classic "has byte less than"
/// trick flags them; the lowest flag is exact because borrows only run upwards.
pub(crate) fn first_digit(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else { break };
        let x = u64::from_le_bytes(word) ^ (ONES * 0x30);
        let flags = x.wrapping_sub(ONES * 10) & !x & HIGHS;
        if flags != 0 {
            return Some(offset + (flags.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let rest = bytes.get(offset..)?;
    rest.iter().position(u8::is_ascii_digit).map(|i| offset + i)
}

fn boundary_before(text: &str, pos: usize) -> bool {
    char_before(text, pos).is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(text: &str, pos: usize) -> bool {
    char_at(text, pos).is_none_or(|c| !c.is_alphanumeric())
}

/// A digit at `pos` starts a number unless glued to a word or continuing one ("1,500", "10:30").
fn number_start(text: &str, pos: usize) -> bool {
    match char_before(text, pos) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c @ (',' | '.' | ':' | '/' | '-' | '–')) => {
            !char_before(text, pos - c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
        }
        Some(_) => true,
    }
}

/// Runs the parser for `hit`.
pub(crate) fn parse_hit(ctx: &Ctx, hit: Hit) -> Option<DateMention> {
    let Hit::Word(tok, trigger) = hit else {
        return numeric::parse(ctx, hit.start());
    };
    match trigger {
        Trigger::Month { month, abbrev } => calendar::parse(ctx, tok, month, abbrev),
        Trigger::Weekday(wd) => weekday::parse(ctx, tok, wd),
        Trigger::Deictic(d) => relative::deictic(ctx, tok, d),
        Trigger::Unit(u) => relative::unit(ctx, tok, u),
        Trigger::PartOfDay => relative::part_of_day(ctx, tok),
        Trigger::Season { season, fall } => period::season(ctx, tok, season, fall),
        Trigger::QuarterCode(q) => period::quarter_code(ctx, tok, q),
        Trigger::Quarter => period::quarter_word(ctx, tok),
        Trigger::Ago => relative::ago(ctx, tok),
        Trigger::Holiday => holiday::parse(ctx, tok),
    }
}
