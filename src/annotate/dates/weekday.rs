//! Weekday expressions: "Tuesday", "Tuesday's", "last Tuesday", "next Friday", "Tuesday night",
//! "from Monday to Wednesday", and "Tuesday, March 1" (where the explicit date wins).

use chrono::{NaiveDate, Weekday};

use super::calendar;
use super::context::Ctx;
use super::lexicon::{self, PARTS_OF_DAY};
use super::normalise::{self, Dir, Rel};
use super::phrase;
use super::tense;
use super::timex::Timex;
use super::token::{Kind, Tok};
use super::DateMention;

/// A date expression built around the weekday name `trig`.
pub(crate) fn parse(ctx: &Ctx, trig: Tok, wd: Weekday) -> Option<DateMention> {
    if !trig.capitalised(ctx.text) {
        return None;
    }
    let rel = phrase::relation_before(ctx, trig.start);
    if rel.is_none() && !plausible(ctx, trig) {
        return None;
    }
    let start = rel.map_or(trig.start, |(_, t)| t.start);
    if rel.is_none() {
        if let Some(m) = explicit_date_after(ctx, trig.end) {
            return Some(DateMention { start, ..m });
        }
    }
    let mut end = trig.end;
    if let Some(t) = part_of_day_after(ctx, end) {
        end = t.end;
    }
    let day = resolve(ctx, trig, wd, rel.map(|r| r.0), start)?;
    let mut m = DateMention { start, end, value: Timex::Day(day), modifier: None, until: None };
    if let Some((wd2, e)) = weekday_range(ctx, start, end) {
        m.until = Some(Timex::Day(normalise::weekday(day, wd2, Dir::After)?));
        m.end = e;
    }
    Some(m)
}

/// Cues that may stand before a weekday even when a capitalised word follows it.
const CUES: &[&str] = &[
    "on", "by", "until", "till", "since", "from", "before", "after", "early", "late", "between", "and", "or",
    "through", "to", "earlier", "later", "next", "last", "this", "of", "for", "as",
];

/// Rejects weekdays that are not dates: sets ("every Monday"), names ("Good Friday",
/// "Bloody Sunday") and titles ("the Sunday Times").
fn plausible(ctx: &Ctx, trig: Tok) -> bool {
    let prev = ctx.prev(trig.start);
    let cued = prev.is_some_and(|p| ctx.is_any(p, CUES));
    if cued {
        return true;
    }
    if prev.is_some_and(|p| ctx.is_any(p, &["every", "each"]) || (p.kind == Kind::Word && p.capitalised(ctx.text))) {
        return false;
    }
    !ctx.next(trig.end)
        .is_some_and(|n| n.kind == Kind::Word && n.capitalised(ctx.text) && lexicon::month_named(ctx.str(n)).is_none())
}

/// The day meant: "last" looks back, "next" forward, otherwise the tense of the clause decides.
fn resolve(ctx: &Ctx, trig: Tok, wd: Weekday, rel: Option<Rel>, start: usize) -> Option<NaiveDate> {
    let dir = match rel {
        Some(Rel::Last) => Dir::Before,
        Some(Rel::Next) => Dir::After,
        Some(Rel::This) | None if speaks_of_future(ctx, trig, start) => Dir::OnOrAfter,
        Some(Rel::This) | None => Dir::OnOrBefore,
    };
    normalise::weekday(ctx.published, wd, dir)
}

/// Future if the clause before has the nearest future cue; if the weekday is a possessive
/// whose noun's verb is future ("Sunday's match would be…"); or after "until" / "for" /
/// "ahead of" unless the clause has a past auxiliary ("strikes called for Tuesday").
fn speaks_of_future(ctx: &Ctx, trig: Tok, start: usize) -> bool {
    let before = tense::tense_before(ctx.text, start);
    if before.nearest == Some(true) {
        return true;
    }
    if possessive_after(ctx, trig) && tense::cue_after(ctx.text, trig.end) == Some(true) {
        return true;
    }
    let prep = ctx.prev(start).is_some_and(|p| ctx.is_any(p, &["until", "till", "for", "of"]) && !of_not_ahead(ctx, p));
    prep && !before.strong_past
}

/// "of" counts only in "ahead of".
fn of_not_ahead(ctx: &Ctx, p: Tok) -> bool {
    ctx.is(p, "of") && ctx.prev_word(p.start, "ahead").is_none()
}

/// Whether "'s" / "’s" follows the token.
fn possessive_after(ctx: &Ctx, t: Tok) -> bool {
    ctx.next(t.end).is_some_and(|a| {
        t.touches(a)
            && matches!(a.punct(ctx.text), Some('\'' | '’'))
            && ctx.next(a.end).is_some_and(|s| a.touches(s) && ctx.is(s, "s"))
    })
}

/// "night" / "morning" / "afternoon" / "evening" right after byte `pos`.
pub(crate) fn part_of_day_after(ctx: &Ctx, pos: usize) -> Option<Tok> {
    ctx.next(pos).filter(|t| t.lowercase_word(ctx.text) && ctx.is_any(*t, PARTS_OF_DAY))
}

/// ", March 1" / " 1 March" after a weekday: the full date expression.
fn explicit_date_after(ctx: &Ctx, pos: usize) -> Option<DateMention> {
    let mut t = ctx.next(pos)?;
    if ctx.is_punct(t, ',') {
        t = ctx.next(t.end)?;
    }
    let month_tok = if phrase::month_word(ctx, t).is_some() {
        t
    } else if phrase::day_number(ctx, t).is_some() {
        ctx.next(t.end)?
    } else {
        return None;
    };
    let (month, abbrev) = phrase::month_word(ctx, month_tok)?;
    let m = calendar::parse(ctx, month_tok, month, abbrev)?;
    (m.start == t.start && matches!(m.value, Timex::Day(_))).then_some(m)
}

/// "to Wednesday" / "-Wednesday" / "and Wednesday" (after "between") ending a weekday range.
fn weekday_range(ctx: &Ctx, start: usize, pos: usize) -> Option<(Weekday, usize)> {
    let c = ctx.next(pos)?;
    if !phrase::is_connector(ctx, c, phrase::between_before(ctx, start)) {
        return None;
    }
    let t = ctx.next(c.end)?;
    if t.kind != Kind::Word || !t.capitalised(ctx.text) {
        return None;
    }
    let wd = lexicon::weekday_named(ctx.str(t))?;
    let end = part_of_day_after(ctx, t.end).map_or(t.end, |p| p.end);
    Some((wd, end))
}
