//! Named days: "Christmas", "Christmas Day", "Christmas Eve", "New Year's Day", "New Year's
//! Eve", "Valentine's Day", "Halloween", "Boxing Day", "Bastille Day", "Easter", "Easter
//! Monday" — each with an optional year, a relation word ("last Christmas"), or the occurrence
//! nearest publication.

use chrono::{Datelike, NaiveDate};

use super::context::Ctx;
use super::normalise::{self, Rel};
use super::phrase::{self, YearSpec};
use super::timex::Timex;
use super::token::Tok;
use super::DateMention;

/// Which day of a year a holiday is.
#[derive(Clone, Copy, Debug)]
enum Rule {
    Fixed(u32, u32),
    /// Days after Easter Sunday.
    Easter(i64),
}

/// Words before a bare "Christmas" or "Easter" that make it the day, not a season's goods.
const CUES: &[&str] = &[
    "at", "over", "by", "before", "after", "since", "until", "till", "for", "on", "during", "around", "this", "last",
    "next",
];

/// A holiday starting with the trigger word `trig`.
pub(crate) fn parse(ctx: &Ctx, trig: Tok) -> Option<DateMention> {
    if !trig.capitalised(ctx.text) {
        return None;
    }
    let (rule, end) = rule_at(ctx, trig)?;
    resolve(ctx, trig.start, end, rule)
}

/// "New Year's Day" / "New Year's Eve", read from the "Year" trigger after "New".
pub(crate) fn new_year(ctx: &Ctx, new: Tok, year: Tok) -> Option<DateMention> {
    let s = possessive_s(ctx, year)?;
    let day = ctx.next(s.end)?;
    let rule = if ctx.is(day, "Day") {
        Rule::Fixed(1, 1)
    } else if ctx.is(day, "Eve") {
        Rule::Fixed(12, 31)
    } else {
        return None;
    };
    resolve(ctx, new.start, day.end, rule)
}

/// The holiday named at `trig` and where its name ends.
fn rule_at(ctx: &Ctx, trig: Tok) -> Option<(Rule, usize)> {
    let next = ctx.next(trig.end);
    let next_is = |w: &str| next.filter(|n| ctx.is(*n, w) && n.capitalised(ctx.text));
    let w = ctx.str(trig);
    let is = |name: &str| w.eq_ignore_ascii_case(name);
    if is("christmas") {
        if let Some(d) = next_is("Day") {
            return Some((Rule::Fixed(12, 25), d.end));
        }
        if let Some(e) = next_is("Eve") {
            return Some((Rule::Fixed(12, 24), e.end));
        }
        return bare(ctx, trig).then_some((Rule::Fixed(12, 25), trig.end));
    }
    if is("easter") {
        if let Some(d) = next_is("Sunday") {
            return Some((Rule::Easter(0), d.end));
        }
        if let Some(d) = next_is("Monday") {
            return Some((Rule::Easter(1), d.end));
        }
        return bare(ctx, trig).then_some((Rule::Easter(0), trig.end));
    }
    if is("halloween") {
        return Some((Rule::Fixed(10, 31), trig.end));
    }
    let day_after = |t: Tok| ctx.next(t.end).filter(|d| ctx.is(*d, "Day"));
    if is("valentine") {
        let d = day_after(possessive_s(ctx, trig)?)?;
        return Some((Rule::Fixed(2, 14), d.end));
    }
    let fixed = if is("boxing") {
        (12, 26)
    } else if is("bastille") {
        (7, 14)
    } else {
        return None;
    };
    Some((Rule::Fixed(fixed.0, fixed.1), day_after(trig)?.end))
}

/// A bare "Christmas" / "Easter" counts after a cue and when no lower-case noun follows
/// ("by Christmas", not "Christmas shopping").
fn bare(ctx: &Ctx, trig: Tok) -> bool {
    let cued = ctx.prev(trig.start).is_some_and(|p| ctx.is_any(p, CUES));
    let noun_follows = ctx.next(trig.end).is_some_and(|n| n.lowercase_word(ctx.text));
    cued && !noun_follows
}

/// The "s" of a "'s" / "’s" glued to `t`.
fn possessive_s(ctx: &Ctx, t: Tok) -> Option<Tok> {
    let a = ctx.next(t.end).filter(|a| t.touches(*a) && matches!(a.punct(ctx.text), Some('\'' | '’')))?;
    ctx.next(a.end).filter(|s| a.touches(*s) && ctx.is(*s, "s"))
}

/// The mention for a holiday spanning `start..end`, with an optional year or relation word.
fn resolve(ctx: &Ctx, start: usize, end: usize, rule: Rule) -> Option<DateMention> {
    let year = phrase::year_after(ctx, end, true, false).filter(|(spec, _)| matches!(spec, YearSpec::Explicit(_)));
    let rel = phrase::relation_before(ctx, start);
    let p = ctx.published;
    let (date, start, end) = if let Some((spec, e)) = year {
        (on(spec.resolve(ctx.year())?, rule)?, start, e)
    } else if let Some((r, t)) = rel {
        (relative(p, rule, r)?, t.start, end)
    } else {
        (nearest(p, rule)?, start, end)
    };
    Some(DateMention { start, end, value: Timex::Day(date), modifier: None, until: None })
}

/// The holiday's date in `year`.
fn on(year: i32, rule: Rule) -> Option<NaiveDate> {
    match rule {
        Rule::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
        Rule::Easter(offset) => normalise::add_days(easter(year)?, offset),
    }
}

/// The occurrences around `p`, oldest first.
fn around(p: NaiveDate, rule: Rule) -> impl Iterator<Item = NaiveDate> {
    let y = p.year();
    (y.saturating_sub(1)..=y.saturating_add(1)).filter_map(move |y| on(y, rule))
}

fn nearest(p: NaiveDate, rule: Rule) -> Option<NaiveDate> {
    around(p, rule).min_by_key(|d| (*d - p).num_days().abs())
}

fn relative(p: NaiveDate, rule: Rule, rel: Rel) -> Option<NaiveDate> {
    match rel {
        Rel::Last => around(p, rule).filter(|d| *d < p).last(),
        Rel::Next => around(p, rule).find(|d| *d > p),
        Rel::This => around(p, rule).find(|d| d.year() == p.year()),
    }
}

/// Easter Sunday of `year` (Gregorian computus); `None` before the Gregorian calendar.
fn easter(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, u32::try_from(n / 31).ok()?, u32::try_from(n % 31 + 1).ok()?)
}
