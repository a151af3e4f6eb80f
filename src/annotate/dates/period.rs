//! Seasons and quarters: "last summer", "the spring of 2020", "summer 2021", "in the autumn",
//! "the first quarter", "third-quarter", "the fourth quarter of last year", "Q3 2021".

use super::context::Ctx;
use super::lexicon::{self, STRONG_CUES};
use super::normalise;
use super::phrase::{self, YearSpec};
use super::timex::{Season, Timex};
use super::token::{Kind, Tok};
use super::DateMention;

fn mention(start: usize, end: usize, value: Timex) -> DateMention {
    DateMention { start, end, value, modifier: None, until: None }
}

/// Prepositions that make "the fall" a season ("in the fall") rather than a decline.
const FALL_PREPS: &[&str] = &["in", "during", "by", "until", "since", "over", "through", "before", "after"];

/// A season name with a relation word, a year, or a cue before it.
pub(crate) fn season(ctx: &Ctx, trig: Tok, season: Season, fall: bool) -> Option<DateMention> {
    let prev = ctx.prev(trig.start);
    let rel = prev.and_then(|p| phrase::relation(ctx, p).map(|r| (r, p)));
    let year = phrase::year_after(ctx, trig.end, false, true);
    let the = prev.filter(|p| ctx.is(*p, "the"));
    let rel_start = rel.map(|(r, t)| earlier_this(ctx, r, t));
    let mut start = rel_start.or(the.map(|t| t.start)).unwrap_or(trig.start);
    let end = year.map_or(trig.end, |y| y.1);
    let p = ctx.published;
    if let Some((spec, _)) = year {
        let value = Timex::Season { year: spec.resolve(ctx.year())?, season };
        return Some(mention(start, end, value));
    }
    if trig.capitalised(ctx.text) && rel.is_none() {
        return None;
    }
    if let Some((r, _)) = rel {
        let value = normalise::season(p, season, Some(r), ctx.future(trig.start))?;
        return Some(mention(start, end, value));
    }
    if !bare_season_ok(ctx, prev?, the, fall) || of_follows(ctx, trig) {
        return None;
    }
    if the.is_none() {
        start = trig.start;
    }
    let value = normalise::season(p, season, None, ctx.future(trig.start))?;
    Some(mention(start, end, value))
}

/// Where "this summer" starts, taking in "earlier" / "later" ("earlier this summer").
fn earlier_this(ctx: &Ctx, rel: normalise::Rel, t: Tok) -> usize {
    match ctx.prev(t.start) {
        Some(e) if rel == normalise::Rel::This && ctx.is_any(e, &["earlier", "later"]) => e.start,
        _ => t.start,
    }
}

/// A season without year or relation needs "the" or a cue; "fall" needs "in the fall".
fn bare_season_ok(ctx: &Ctx, prev: Tok, the: Option<Tok>, fall: bool) -> bool {
    match the {
        Some(the) => {
            let before = ctx.prev(the.start);
            !fall || before.is_some_and(|b| ctx.is_any(b, FALL_PREPS))
        }
        None => !fall && ctx.is_any(prev, STRONG_CUES),
    }
}

/// "the fall of Kabul", "the spring of discontent": an "of" not followed by a year.
fn of_follows(ctx: &Ctx, trig: Tok) -> bool {
    ctx.next_word(trig.end, "of").is_some()
}

/// "Q3", "Q3 2021", "Q1 of 2022".
pub(crate) fn quarter_code(ctx: &Ctx, trig: Tok, quarter: u32) -> Option<DateMention> {
    let year = phrase::year_after(ctx, trig.end, false, true);
    let value = quarter_value(ctx, quarter, year.map(|y| y.0), trig.start)?;
    Some(mention(trig.start, year.map_or(trig.end, |y| y.1), value))
}

/// "the first quarter", "third-quarter", "the fourth quarter of 2021", "last quarter".
pub(crate) fn quarter_word(ctx: &Ctx, trig: Tok) -> Option<DateMention> {
    if trig.capitalised(ctx.text) && !sentence_initial(ctx, trig) {
        return None;
    }
    let prev = ctx.prev(trig.start)?;
    let year = phrase::year_after(ctx, trig.end, false, true);
    let end = year.map_or(trig.end, |y| y.1);
    if let Some(rel) = phrase::relation(ctx, prev) {
        let delta = match rel {
            normalise::Rel::Last => -1,
            normalise::Rel::This => 0,
            normalise::Rel::Next => 1,
        };
        let value = normalise::shift_quarter(ctx.published, delta)?;
        return Some(mention(prev.start, trig.end, value));
    }
    let ord_tok = match prev.punct(ctx.text) {
        Some('-' | '‑') if prev.touches(trig) => ctx.prev(prev.start)?,
        _ => prev,
    };
    let quarter = lexicon::quarter_ordinal(ctx.str(ord_tok))?;
    let start = ctx.prev_word(ord_tok.start, "the").map_or(ord_tok.start, |t| t.start);
    let value = quarter_value(ctx, quarter, year.map(|y| y.0), start)?;
    Some(mention(start, end, value))
}

/// The quarter in the given year, or the one nearest publication.
fn quarter_value(ctx: &Ctx, quarter: u32, year: Option<YearSpec>, pos: usize) -> Option<Timex> {
    match year {
        Some(spec) => Some(Timex::Quarter { year: spec.resolve(ctx.year())?, quarter }),
        None => normalise::nearest_quarter(ctx.published, quarter, || ctx.future(pos)),
    }
}

fn sentence_initial(ctx: &Ctx, t: Tok) -> bool {
    ctx.prev(t.start).is_none_or(|p| p.kind == Kind::Punct || ctx.is(p, "the"))
}
