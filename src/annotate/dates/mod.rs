//! Date expression finder and normaliser.
//!
//! [`find_dates`] finds the date expressions in a sentence or paragraph ("February 24",
//! "last week", "the end of March", "Q3 2021", "from Monday to Wednesday") and normalises each
//! to a TIMEX3-style [`Timex`] value against the article's publication date, following the
//! "Date expressions" section of `tests/eval/GUIDELINES.md`: spans leave out prepositions and
//! possessives but keep modifiers; a range is one mention with `until`; yearless dates take the
//! year nearest publication; weekdays look back unless the clause speaks of the future.
//!
//! It runs on every sentence of every build, so it is built for speed: one aho-corasick pass
//! over trigger words (months, weekdays, "today", "week", seasons, "quarter", …) merged with a
//! byte scan for numbers, then small allocation-free parsers that read only the tokens around
//! each hit. Most sentences have no date and cost little more than the scan.
//!
//! Files: `scan` finds hits and dispatches; `calendar`, `numeric`, `weekday`, `relative`, `period`
//! and `holiday` parse; `modifiers` adds "early" / "the end of" / "around"; `normalise` resolves
//! against publication; `tense` detects future clauses; `phrase` and `token` read text;
//! `lexicon` holds word tables; `timex` is the value type.

mod calendar;
mod context;
mod holiday;
mod lexicon;
mod modifiers;
mod normalise;
mod numeric;
mod period;
mod phrase;
mod relative;
mod scan;
mod tense;
mod timex;
mod token;
mod weekday;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

pub use timex::{Mod, Season, Timex};

/// How to read ambiguous numeric dates like 04/05/2022.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NumericOrder {
    /// 04/05/2022 is 4 May 2022.
    #[default]
    DayFirst,
    /// 04/05/2022 is 5 April 2022.
    MonthFirst,
}

/// Site-level settings for date reading.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateOptions {
    pub numeric_order: NumericOrder,
}

/// One date expression: its byte span in the text and its normalised value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the first char (on a char boundary).
    pub start: usize,
    /// Byte offset just past the last char (exclusive, on a char boundary).
    pub end: usize,
    /// The value; for a range, its first day / month / year.
    pub value: Timex,
    pub modifier: Option<Mod>,
    /// For a range, its last day / month / year.
    pub until: Option<Timex>,
}

/// Finds every date expression in `text` (one sentence or one paragraph; may contain several
/// sentences) and normalises it against `published`. Results sorted by start, non-overlapping.
/// Never panics on any input.
pub fn find_dates(text: &str, published: NaiveDate, options: &DateOptions) -> Vec<DateMention> {
    let ctx = context::Ctx { text, published, order: options.numeric_order, anchor: std::cell::Cell::new(None) };
    let mut found: Vec<DateMention> = Vec::new();
    for hit in scan::Hits::new(text) {
        if found.last().is_some_and(|m| hit_start(hit) < m.end) {
            continue;
        }
        if let Some(m) = scan::parse_hit(&ctx, hit) {
            ctx.anchor.set(Some(m.until.unwrap_or(m.value)));
            push(&mut found, modifiers::extend(&ctx, m));
        }
    }
    found
}

fn hit_start(hit: scan::Hit) -> usize {
    match hit {
        scan::Hit::Word(t, _) => t.start,
        scan::Hit::Number(p) => p,
    }
}

/// Adds `m`, keeping mentions non-overlapping: on overlap the longer mention wins.
fn push(found: &mut Vec<DateMention>, m: DateMention) {
    while let Some(last) = found.last() {
        if last.end <= m.start {
            break;
        }
        if m.end - m.start <= last.end - last.start {
            return;
        }
        found.pop();
    }
    found.push(m);
}

/// Parses the exact forms an article header may use: "20220330", "2022-03-30".
pub fn parse_header_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = match b.len() {
        8 => (digits(0..4)?, digits(4..6)?, digits(6..8)?),
        10 if b[4] == b'-' && b[7] == b'-' => (digits(0..4)?, digits(5..7)?, digits(8..10)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}
