//! Month-name expressions: "February 24", "Feb. 24, 2022", "24 February 2022", "the 10th of
//! March", "March 10th", "March 2022", "March last year", "last March", and their ranges
//! ("March 1-5", "March 1 to April 5", "1-5 March", "between 1 and 3 April", "March to May").

use super::context::Ctx;
use super::lexicon::{self, DASH_MODIFIERS, OF_HEADS, STRONG_CUES};
use super::normalise::{self, Rel};
use super::phrase::{self, YearSpec};
use super::timex::Timex;
use super::token::{Kind, Tok};
use super::DateMention;

/// A date expression built around the month name `trig`.
pub(crate) fn parse(ctx: &Ctx, trig: Tok, month: u32, abbrev: bool) -> Option<DateMention> {
    if !trig.capitalised(ctx.text) {
        return None;
    }
    let name_end = phrase::month_end(ctx, trig, abbrev);
    month_then_day(ctx, trig, month, name_end)
        .or_else(|| day_then_month(ctx, trig, month, name_end))
        .or_else(|| month_only(ctx, trig, month, abbrev, name_end))
}

/// A day and an optional end of range: (month, day).
type MonthDay = (u32, u32);

/// "March 10", "Feb. 24, 2022", "March 1-5", "March 28 to April 2".
fn month_then_day(ctx: &Ctx, trig: Tok, month: u32, name_end: usize) -> Option<DateMention> {
    let day_tok = ctx.next(name_end)?;
    let day = phrase::day_number(ctx, day_tok)?;
    if !phrase::stands_alone(ctx, day_tok) {
        return None;
    }
    let between = phrase::between_before(ctx, trig.start);
    let tail = range_tail(ctx, day_tok.end, (month, day), between, false);
    let mut end = tail.map_or(day_tok.end, |t| t.1);
    let year = phrase::year_after(ctx, end, true, false);
    if let Some((_, e)) = year {
        end = e;
    }
    let (value, until) = day_values(ctx, trig.start, (month, day), tail.map(|t| t.0), year)?;
    Some(mention(trig.start, end, value, until))
}

/// "24 February", "the 10th of March", "1-5 March", "between 1 and 3 April",
/// "28 March to 2 April", each with an optional year after.
fn day_then_month(ctx: &Ctx, trig: Tok, month: u32, name_end: usize) -> Option<DateMention> {
    let before = day_before(ctx, trig.start)?;
    let (first, last, start) = match before.range_from {
        Some((d1, s1)) => ((month, d1), Some((month, before.day)), s1),
        None => ((month, before.day), None, before.start),
    };
    let mut end = name_end;
    let mut until = last;
    if until.is_none() {
        let between = phrase::between_before(ctx, start);
        if let Some((md, e)) = range_tail(ctx, name_end, first, between, true) {
            until = Some(md);
            end = e;
        }
    }
    let year = phrase::year_after(ctx, end, true, false);
    if let Some((_, e)) = year {
        end = e;
    }
    let (value, until) = day_values(ctx, start, first, until, year)?;
    Some(mention(start, end, value, until))
}

/// The day number written before a month name.
struct DayBefore {
    day: u32,
    start: usize,
    /// For "1-5 March": the first day and where it starts.
    range_from: Option<(u32, usize)>,
}

/// Reads "24", "24th", "the 24th of", "1-5", "1 to 5", "between 1 and 3" before byte `pos`.
fn day_before(ctx: &Ctx, pos: usize) -> Option<DayBefore> {
    let t = ctx.prev(pos)?;
    if ctx.is(t, "of") {
        let n = ctx.prev(t.start)?;
        let day = phrase::day_number(ctx, n)?;
        let start = ctx.prev_word(n.start, "the").map_or(n.start, |the| the.start);
        return Some(DayBefore { day, start, range_from: None });
    }
    let day = phrase::day_number(ctx, t)?;
    if !phrase::not_tail(ctx, t) {
        return None;
    }
    Some(DayBefore { day, start: t.start, range_from: range_head(ctx, t, day) })
}

/// The first day of a range ending with the day token `last`: "1-5", "between 1 and 3".
fn range_head(ctx: &Ctx, last: Tok, last_day: u32) -> Option<(u32, usize)> {
    let c = ctx.prev(last.start)?;
    let n = ctx.prev(c.start)?;
    let between = phrase::between_before(ctx, n.start);
    if !phrase::is_connector(ctx, c, between) || !phrase::not_tail(ctx, n) {
        return None;
    }
    let d1 = phrase::day_number(ctx, n)?;
    (d1 < last_day).then_some((d1, n.start))
}

/// The end of a range after a first day: "-5", "to 5", "to April 5", "- 2 April".
/// With `need_month` only the forms naming a month are accepted.
fn range_tail(ctx: &Ctx, pos: usize, first: MonthDay, between: bool, need_month: bool) -> Option<(MonthDay, usize)> {
    let c = ctx.next(pos)?;
    if !phrase::is_connector(ctx, c, between) {
        return None;
    }
    let t = ctx.next(c.end)?;
    if let Some(d2) = phrase::day_number(ctx, t) {
        if !phrase::stands_alone(ctx, t) {
            return None;
        }
        if let Some(mt) = ctx.next(t.end) {
            if let Some((m2, ab)) = phrase::month_word(ctx, mt) {
                return Some(((m2, d2), phrase::month_end(ctx, mt, ab)));
            }
        }
        let ok = !need_month && d2 > first.1;
        return ok.then_some(((first.0, d2), t.end));
    }
    let (m2, ab) = phrase::month_word(ctx, t)?;
    let dt = ctx.next(phrase::month_end(ctx, t, ab))?;
    let d2 = phrase::day_number(ctx, dt)?;
    phrase::stands_alone(ctx, dt).then_some(((m2, d2), dt.end))
}

/// The first day and the optional last day of a day expression.
fn day_values(
    ctx: &Ctx,
    start: usize,
    first: MonthDay,
    last: Option<MonthDay>,
    year: Option<(YearSpec, usize)>,
) -> Option<(Timex, Option<Timex>)> {
    let p = ctx.published;
    let first_date = match year {
        Some((spec, _)) => ymd(spec.resolve(ctx.year())?, first)?,
        None => normalise::nearest_day(p, first.0, first.1, || ctx.future(start))?,
    };
    let until = match last {
        None => None,
        Some(md) => Some(Timex::Day(range_end(first_date, md)?)),
    };
    Some((Timex::Day(first_date), until))
}

/// The end of a range starting on `first`: same year, or the next one if it would come before.
fn range_end(first: chrono::NaiveDate, (m, d): MonthDay) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let same = ymd(first.year(), (m, d))?;
    if same > first {
        Some(same)
    } else {
        ymd(first.year().checked_add(1)?, (m, d))
    }
}

fn ymd(year: i32, (m, d): MonthDay) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, m, d)
}

/// "March", "March 2022", "last March", "March last year", "March to May",
/// "October 2022 and February 2023", "the July-September quarter".
fn month_only(ctx: &Ctx, trig: Tok, month: u32, abbrev: bool, name_end: usize) -> Option<DateMention> {
    let between = phrase::between_before(ctx, trig.start);
    let range = month_range_tail(ctx, name_end, between);
    if let Some((m2, e)) = range {
        if let Some(q) = quarter_of_months(ctx, trig, month, m2, e) {
            return Some(q);
        }
    }
    let mut end = range.map_or(name_end, |r| r.1);
    let year = phrase::year_after(ctx, end, false, true);
    if let Some((_, e)) = year {
        end = e;
    }
    let (value, start) = match year {
        Some((spec, _)) => {
            let end_month = range.map_or(month, |r| r.0);
            let mut y = spec.resolve(ctx.year())?;
            if end_month < month {
                y = y.checked_sub(1)?;
            }
            (Timex::Month { year: y, month }, trig.start)
        }
        None if abbrev => return None,
        None => bare_month(ctx, trig, month, end, range.is_some())?,
    };
    let until = match (range, value) {
        (Some((m2, _)), Timex::Month { year, month: m1 }) => {
            let y2 = if m2 > m1 { year } else { year.checked_add(1)? };
            Some(Timex::Month { year: y2, month: m2 })
        }
        (None, _) if year.is_some() => month_year_tail(ctx, end, between, value).map(|(u, e)| {
            end = e;
            u
        }),
        _ => None,
    };
    Some(mention(start, end, value, until))
}

/// "… to February 2023" after a month with its year: the later month and where it ends.
fn month_year_tail(ctx: &Ctx, pos: usize, between: bool, first: Timex) -> Option<(Timex, usize)> {
    let c = ctx.next(pos).filter(|c| phrase::is_connector(ctx, *c, between))?;
    let t = ctx.next(c.end)?;
    let (m2, ab) = phrase::month_word(ctx, t)?;
    let (spec, end) = phrase::year_after(ctx, phrase::month_end(ctx, t, ab), false, false)?;
    let second = Timex::Month { year: spec.resolve(ctx.year())?, month: m2 };
    (second > first).then_some((second, end))
}

/// "the July-September quarter": three months making one quarter, then "quarter".
fn quarter_of_months(ctx: &Ctx, trig: Tok, m1: u32, m2: u32, pos: usize) -> Option<DateMention> {
    let q = ctx.next_word(pos, "quarter")?;
    if m1 % 3 != 1 || m2 != m1 + 2 {
        return None;
    }
    let quarter = m1 / 3 + 1;
    let start = ctx.prev_word(trig.start, "the").map_or(trig.start, |t| t.start);
    let year = phrase::year_after(ctx, q.end, false, true);
    let value = match year {
        Some((spec, _)) => Timex::Quarter { year: spec.resolve(ctx.year())?, quarter },
        None => normalise::nearest_quarter(ctx.published, quarter, || ctx.future(start))?,
    };
    Some(mention(start, year.map_or(q.end, |y| y.1), value, None))
}

/// "to May", "- May", "and May" (after "between") ending a month range, unless a day follows.
fn month_range_tail(ctx: &Ctx, pos: usize, between: bool) -> Option<(u32, usize)> {
    let c = ctx.next(pos)?;
    if !phrase::is_connector(ctx, c, between) {
        return None;
    }
    let t = ctx.next(c.end)?;
    let (m2, ab) = phrase::month_word(ctx, t)?;
    let end = phrase::month_end(ctx, t, ab);
    let day_follows = ctx.next(end).is_some_and(|d| phrase::day_number(ctx, d).is_some());
    (!ab && !day_follows).then_some((m2, end))
}

/// A month with no day or year: accepted only after a cue that shows it is a date, and
/// resolved to the nearest such month or by "last" / "this" / "next".
fn bare_month(ctx: &Ctx, trig: Tok, month: u32, end: usize, range: bool) -> Option<(Timex, usize)> {
    let p = ctx.published;
    let prev = ctx.prev(trig.start);
    if let Some((rel, t)) = prev.and_then(|t| phrase::relation(ctx, t).map(|r| (r, t))) {
        let value = normalise::relative_month(p, month, rel, rel == Rel::Next)?;
        return Some((value, t.start));
    }
    if !month_cue(ctx, prev, month, end, range) {
        return None;
    }
    let value = normalise::nearest_month(p, month, || ctx.future(trig.start))?;
    Some((value, trig.start))
}

/// Whether the token before a bare month shows it is a date. "May" and months followed by a
/// capitalised word ("April Ryan") need a strong cue such as "in" or "until".
fn month_cue(ctx: &Ctx, prev: Option<Tok>, month: u32, end: usize, range: bool) -> bool {
    let Some(prev) = prev else {
        return range && month != 5 && !capital_follows(ctx, end);
    };
    if strong_cue(ctx, prev) {
        return true;
    }
    if month == 5 || capital_follows(ctx, end) {
        return false;
    }
    if ctx.is_any(prev, &["the", "to"]) || range {
        return true;
    }
    let listed = ctx.is_any(prev, &["and", "or"]) || ctx.is_punct(prev, ',');
    listed && ctx.prev(prev.start).is_some_and(|t| phrase::month_word(ctx, t).is_some())
}

/// "in", "since", "until", "mid-", "the end of" … right before a month.
fn strong_cue(ctx: &Ctx, prev: Tok) -> bool {
    if ctx.is_any(prev, STRONG_CUES) {
        return true;
    }
    if ctx.is(prev, "of") {
        return ctx.prev(prev.start).is_some_and(|h| ctx.is_any(h, OF_HEADS));
    }
    if ctx.is(prev, "as") {
        // "as early as September", "as late as June"
        return ctx.prev(prev.start).is_some_and(|h| ctx.is_any(h, &["early", "late", "soon"]));
    }
    matches!(prev.punct(ctx.text), Some('-' | '‑'))
        && ctx.prev(prev.start).is_some_and(|m| ctx.is_any(m, DASH_MODIFIERS))
}

/// Whether a capitalised word that is not a month follows byte `end` ("April Ryan").
fn capital_follows(ctx: &Ctx, end: usize) -> bool {
    ctx.next(end)
        .is_some_and(|t| t.kind == Kind::Word && t.capitalised(ctx.text) && lexicon::month_named(ctx.str(t)).is_none())
}

fn mention(start: usize, end: usize, value: Timex, until: Option<Timex>) -> DateMention {
    DateMention { start, end, value, modifier: None, until }
}
