//! Readers for the small phrases several parsers share: day numbers ("24", "10th"), a year after
//! a date ("2022", ", 2022", "of 2022", "last year"), relation words ("last" / "this" / "next"),
//! range connectors ("-", "to", "and" after "between") and the counted nouns that turn a number
//! into a quantity ("2000 troops").

use super::context::Ctx;
use super::lexicon::{self, COUNT_NOUNS, EVENT_PLURALS};
use super::normalise::Rel;
use super::token::{Kind, Tok};

/// A year given next to a month, season or quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearSpec {
    /// "2022"
    Explicit(i32),
    /// "last year" (-1), "this year" (0), "next year" (1)
    Offset(i32),
}

impl YearSpec {
    /// The year meant, given the publication year.
    pub(crate) fn resolve(self, published_year: i32) -> Option<i32> {
        match self {
            YearSpec::Explicit(y) => Some(y),
            YearSpec::Offset(o) => published_year.checked_add(o),
        }
    }
}

/// A day of the month written "24" or "24th".
pub(crate) fn day_number(ctx: &Ctx, t: Tok) -> Option<u32> {
    let d = match t.kind {
        Kind::Num if t.len() <= 2 => t.number(ctx.text)?,
        Kind::Mixed => ordinal(ctx.str(t))?,
        _ => return None,
    };
    (1..=31).contains(&d).then_some(d)
}

/// "10th", "1st", "22nd", "3rd" → the number.
fn ordinal(s: &str) -> Option<u32> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let (num, suffix) = s.split_at(digits);
    let ok = ["st", "nd", "rd", "th"].iter().any(|x| suffix.eq_ignore_ascii_case(x));
    ok.then(|| num.parse().ok()).flatten()
}

/// Whether a number token stands alone: not a time ("10:30"), decimal ("4.5"), thousands
/// group ("1,000") or percentage.
pub(crate) fn stands_alone(ctx: &Ctx, t: Tok) -> bool {
    let Some(next) = ctx.next(t.end) else {
        return true;
    };
    if !t.touches(next) {
        return true;
    }
    match next.punct(ctx.text) {
        Some('%') => false,
        Some(':' | '.' | ',') => !ctx.next(next.end).is_some_and(|n| next.touches(n) && n.kind == Kind::Num),
        _ => true,
    }
}

/// Whether a number token is not the tail of a bigger number ("1,24", "10.30", "10:30").
pub(crate) fn not_tail(ctx: &Ctx, t: Tok) -> bool {
    let Some(p) = ctx.prev(t.start) else {
        return true;
    };
    if !p.touches(t) || !matches!(p.punct(ctx.text), Some(':' | '.' | ',' | '/')) {
        return true;
    }
    !ctx.prev(p.start).is_some_and(|n| n.touches(p) && n.kind == Kind::Num)
}

/// A year 1000–2199 written with four digits.
pub(crate) fn four_digit_year(ctx: &Ctx, t: Tok) -> Option<i32> {
    if t.kind != Kind::Num || t.len() != 4 {
        return None;
    }
    let y = i32::try_from(t.number(ctx.text)?).ok()?;
    (1000..=2199).contains(&y).then_some(y)
}

/// A year right after a date ending at `pos`: "2022", ", 2022" (if `comma`), "of 2022" (if
/// `of`), "last year" / "of last year". Returns the year and where it ends.
pub(crate) fn year_after(ctx: &Ctx, pos: usize, comma: bool, of: bool) -> Option<(YearSpec, usize)> {
    let mut t = ctx.next(pos)?;
    let mut after_comma = false;
    if comma && ctx.is_punct(t, ',') {
        t = ctx.next(t.end)?;
        after_comma = true;
    } else if of && ctx.is(t, "of") {
        t = ctx.next(t.end)?;
    }
    if let Some(y) = four_digit_year(ctx, t) {
        let ok = stands_alone(ctx, t) && !counted_noun_after(ctx, t.end) && !dash_after(ctx, t);
        return ok.then_some((YearSpec::Explicit(y), t.end));
    }
    if after_comma {
        return None;
    }
    relative_year(ctx, t)
}

/// "last year" / "this year" / "next year" starting at `t`.
fn relative_year(ctx: &Ctx, t: Tok) -> Option<(YearSpec, usize)> {
    let offset = match relation(ctx, t)? {
        Rel::Last => -1,
        Rel::This => 0,
        Rel::Next => 1,
    };
    let y = ctx.next_word(t.end, "year")?;
    (!dash_after(ctx, y)).then_some((YearSpec::Offset(offset), y.end))
}

/// Whether a hyphen is glued to the end of `t` ("year-old", "2000-strong").
pub(crate) fn dash_after(ctx: &Ctx, t: Tok) -> bool {
    ctx.next(t.end).is_some_and(|n| t.touches(n) && matches!(n.punct(ctx.text), Some('-' | '‑')))
}

/// The relation a word expresses: "last", "this", "next".
pub(crate) fn relation(ctx: &Ctx, t: Tok) -> Option<Rel> {
    if ctx.is(t, "last") {
        Some(Rel::Last)
    } else if ctx.is(t, "this") {
        Some(Rel::This)
    } else if ctx.is(t, "next") {
        Some(Rel::Next)
    } else {
        None
    }
}

/// The relation word right before byte `pos`, with its token.
pub(crate) fn relation_before(ctx: &Ctx, pos: usize) -> Option<(Rel, Tok)> {
    let t = ctx.prev(pos)?;
    relation(ctx, t).map(|r| (r, t))
}

/// Whether the word before byte `pos` is "between" (so "and" joins a range).
pub(crate) fn between_before(ctx: &Ctx, pos: usize) -> bool {
    ctx.prev_word(pos, "between").is_some()
}

/// Whether `t` joins the two ends of a range: a dash, "to", "through", "until", or "and"
/// when the range opened with "between".
pub(crate) fn is_connector(ctx: &Ctx, t: Tok, between: bool) -> bool {
    match t.kind {
        Kind::Punct => matches!(t.punct(ctx.text), Some('-' | '–' | '‑')),
        Kind::Word if between => ctx.is(t, "and"),
        Kind::Word => ctx.is_any(t, &["to", "through", "until", "till", "thru"]),
        _ => false,
    }
}

/// A month name at `t`, capitalised: its number and whether it is abbreviated.
pub(crate) fn month_word(ctx: &Ctx, t: Tok) -> Option<(u32, bool)> {
    if t.kind != Kind::Word || !t.capitalised(ctx.text) {
        return None;
    }
    lexicon::month_named(ctx.str(t))
}

/// Where a month name ends, including the dot of an abbreviation ("Feb.").
pub(crate) fn month_end(ctx: &Ctx, t: Tok, abbrev: bool) -> usize {
    match ctx.next(t.end) {
        Some(d) if abbrev && t.touches(d) && ctx.is_punct(d, '.') => d.end,
        _ => t.end,
    }
}

/// Whether the word after byte `pos` shows the number before it is a count or a measure.
pub(crate) fn counted_noun_after(ctx: &Ctx, pos: usize) -> bool {
    let Some(t) = ctx.next(pos) else {
        return false;
    };
    if !t.lowercase_word(ctx.text) || ctx.is_any(t, EVENT_PLURALS) {
        return false;
    }
    ctx.is_any(t, COUNT_NOUNS) || plural_like(ctx.str(t))
}

/// A rough plural test: "troops", "tonnes" but not "crisis", "across", "status".
fn plural_like(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && b.ends_with(b"s") && !matches!(b[b.len() - 2], b's' | b'u' | b'i')
}
