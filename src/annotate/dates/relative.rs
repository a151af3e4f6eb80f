//! Expressions relative to the publication day P: "today", "tonight", "yesterday morning",
//! "Earlier today", "this morning", "last night", "this / last / next / the past week, month,
//! year", "earlier this month", "the end of the year" (with the modifier added later), and
//! "three days ago".

use chrono::Datelike;

use super::context::Ctx;
use super::holiday;
use super::lexicon::{self, Deictic, Unit, OF_HEADS};
use super::normalise::{self, Rel};
use super::phrase;
use super::timex::Timex;
use super::token::{Kind, Tok};
use super::weekday::part_of_day_after;
use super::DateMention;

fn mention(start: usize, end: usize, value: Timex) -> DateMention {
    DateMention { start, end, value, modifier: None, until: None }
}

/// "today", "Earlier today", "yesterday morning", "tomorrow", "tonight".
pub(crate) fn deictic(ctx: &Ctx, trig: Tok, which: Deictic) -> Option<DateMention> {
    let prev = ctx.prev(trig.start);
    let mut start = trig.start;
    match prev {
        Some(p) if ctx.is_any(p, &["earlier", "later"]) => start = p.start,
        Some(p) if trig.capitalised(ctx.text) && is_name_part(ctx, p) => return None,
        _ => {}
    }
    let end = match which {
        Deictic::Tonight => trig.end,
        _ => part_of_day_after(ctx, trig.end).map_or(trig.end, |t| t.end),
    };
    let mut offset = match which {
        Deictic::Today | Deictic::Tonight => 0,
        Deictic::Yesterday => -1,
        Deictic::Tomorrow => 1,
    };
    if let Some(s) = day_beyond(ctx, trig, which) {
        start = s;
        offset *= 2;
    }
    let day = normalise::add_days(ctx.published, offset)?;
    Some(mention(start, end, Timex::Day(day)))
}

/// "the day after tomorrow" / "the day before yesterday": where the phrase starts.
fn day_beyond(ctx: &Ctx, trig: Tok, which: Deictic) -> Option<usize> {
    let word = match which {
        Deictic::Tomorrow => "after",
        Deictic::Yesterday => "before",
        _ => return None,
    };
    let w = ctx.prev_word(trig.start, word)?;
    let day = ctx.prev_word(w.start, "day")?;
    Some(ctx.prev_word(day.start, "the").map_or(day.start, |t| t.start))
}

/// A capitalised word that makes a following capitalised "Today" part of a name ("USA Today").
fn is_name_part(ctx: &Ctx, p: Tok) -> bool {
    p.kind == Kind::Word
        && p.capitalised(ctx.text)
        && !ctx.is_any(p, &["earlier", "later", "until", "by", "since", "from", "and"])
}

/// "this week", "last month", "the past year", "earlier this month", "the end of the year".
pub(crate) fn unit(ctx: &Ctx, trig: Tok, unit: Unit) -> Option<DateMention> {
    if phrase::dash_after(ctx, trig) {
        return None;
    }
    let det = ctx.prev(trig.start)?;
    if unit == Unit::Year && ctx.is(det, "New") && det.capitalised(ctx.text) {
        return holiday::new_year(ctx, det, trig);
    }
    if let Some(m) = anaphoric(ctx, det, trig, unit) {
        return Some(m);
    }
    let (offset, start) = determiner(ctx, det)?;
    let p = ctx.published;
    let value = match unit {
        Unit::Week => normalise::week_of(normalise::add_days(p, 7 * i64::from(offset))?),
        Unit::Month => normalise::shift_month(p, i64::from(offset))?,
        Unit::Year => Timex::Year(normalise::shift_year(ctx.year(), offset)?),
        Unit::Day => return None,
    };
    Some(mention(start, trig.end, value))
}

/// "the following year", "that month", "the same day", "the previous week": relative to the
/// last date found earlier in the same text (none without one).
fn anaphoric(ctx: &Ctx, det: Tok, trig: Tok, unit: Unit) -> Option<DateMention> {
    let offset = if ctx.is(det, "following") {
        1
    } else if ctx.is(det, "previous") {
        -1
    } else if ctx.is(det, "same") || (ctx.is(det, "that") && matches!(unit, Unit::Year | Unit::Day)) {
        // "that month" / "that week" are too often generic ("the warmest on record for that month")
        0
    } else {
        return None;
    };
    let anchor = ctx.anchor.get()?;
    let start = match ctx.prev_word(det.start, "the") {
        Some(the) if !ctx.is(det, "that") => the.start,
        _ => det.start,
    };
    let value = shifted(anchor, unit, offset)?;
    Some(mention(start, trig.end, value))
}

/// `anchor` moved by `offset` units, at the unit's granularity; `None` when the anchor is
/// coarser than the unit ("the following day" after "in 2019").
fn shifted(anchor: Timex, unit: Unit, offset: i32) -> Option<Timex> {
    let first = anchor.bounds()?.0;
    let fine_enough = match unit {
        Unit::Year => true,
        Unit::Month => matches!(anchor, Timex::Day(_) | Timex::Month { .. }),
        Unit::Week => matches!(anchor, Timex::Day(_) | Timex::Week { .. }),
        Unit::Day => matches!(anchor, Timex::Day(_)),
    };
    if !fine_enough {
        return None;
    }
    Some(match unit {
        Unit::Year => Timex::Year(normalise::shift_year(first.year(), offset)?),
        Unit::Month => normalise::shift_month(first, i64::from(offset))?,
        Unit::Week => normalise::week_of(normalise::add_days(first, 7 * i64::from(offset))?),
        Unit::Day => Timex::Day(normalise::add_days(first, i64::from(offset))?),
    })
}

/// The offset a determiner before a unit expresses, and where the phrase starts.
fn determiner(ctx: &Ctx, det: Tok) -> Option<(i32, usize)> {
    if let Some(rel) = phrase::relation(ctx, det) {
        let before = ctx.prev(det.start);
        let start = match (rel, before) {
            (Rel::This, Some(b)) if ctx.is_any(b, &["earlier", "later"]) => b.start,
            (Rel::Last | Rel::Next, Some(b)) if ctx.is(b, "the") => b.start,
            _ => det.start,
        };
        let offset = match rel {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        };
        return Some((offset, start));
    }
    if ctx.is(det, "past") {
        let start = ctx.prev_word(det.start, "the").map_or(det.start, |t| t.start);
        return Some((-1, start));
    }
    if ctx.is(det, "current") {
        let start = ctx.prev_word(det.start, "the").map_or(det.start, |t| t.start);
        return Some((0, start));
    }
    // "the end of the year": "the" after a modifier head means the current period.
    let headed = ctx.is(det, "the")
        && ctx.prev_word(det.start, "of").and_then(|of| ctx.prev(of.start)).is_some_and(|h| ctx.is_any(h, OF_HEADS));
    headed.then_some((0, det.start))
}

/// "this morning", "this afternoon", "this evening", "last night", "last evening".
pub(crate) fn part_of_day(ctx: &Ctx, trig: Tok) -> Option<DateMention> {
    let det = ctx.prev(trig.start)?;
    let night = ctx.is_any(trig, &["night", "evening"]);
    let offset = if ctx.is(det, "this") {
        0
    } else if ctx.is(det, "last") && night {
        -1
    } else {
        return None;
    };
    let day = normalise::add_days(ctx.published, offset)?;
    Some(mention(det.start, trig.end, Timex::Day(day)))
}

/// "three days ago", "a week ago", "two months ago", "a year ago".
pub(crate) fn ago(ctx: &Ctx, trig: Tok) -> Option<DateMention> {
    let u = ctx.prev(trig.start)?;
    let (unit, per) = ago_unit(ctx.str(u))?;
    let n_tok = ctx.prev(u.start)?;
    let n = match n_tok.kind {
        Kind::Num => n_tok.number(ctx.text).filter(|n| (1..=999).contains(n))?,
        Kind::Word => lexicon::number_word(ctx.str(n_tok))?,
        _ => return None,
    };
    let p = ctx.published;
    let n = i64::from(n) * per;
    let value = match unit {
        Unit::Day => Timex::Day(normalise::add_days(p, -n)?),
        Unit::Week => normalise::week_of(normalise::add_days(p, -7 * n)?),
        Unit::Month => normalise::shift_month(p, -n)?,
        Unit::Year => Timex::Year(normalise::shift_year(ctx.year(), -i32::try_from(n).ok()?)?),
    };
    Some(mention(n_tok.start, trig.end, value))
}

/// The unit counted before "ago"; a decade counts as ten years.
fn ago_unit(w: &str) -> Option<(Unit, i64)> {
    let singular = w.strip_suffix('s').or_else(|| w.strip_suffix('S')).unwrap_or(w);
    [
        ("day", Unit::Day, 1),
        ("week", Unit::Week, 1),
        ("month", Unit::Month, 1),
        ("year", Unit::Year, 1),
        ("decade", Unit::Year, 10),
    ]
    .iter()
    .find(|(name, _, _)| name.eq_ignore_ascii_case(singular))
    .map(|(_, u, k)| (*u, *k))
}
