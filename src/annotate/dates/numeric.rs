//! Expressions that start with a number: years ("in 2014", "the 2014 annexation"), year ranges
//! ("2014-15", "between 2014 and 2016"), decades ("the 1990s", "the '90s"), ISO dates
//! ("2022-02-24") and numeric dates ("24/02/2022", "24.02.2022") read in the site's order.
//! Counts ("2000 troops", "some 1500"), money and percentages are rejected.

use chrono::NaiveDate;

use super::context::Ctx;
use super::lexicon::{COUNT_CUES, DASH_MODIFIERS, YEAR_CUES};
use super::phrase;
use super::timex::Timex;
use super::token::{self, Kind, Tok};
use super::{DateMention, NumericOrder};

/// A date expression starting with the number at byte `pos`.
pub(crate) fn parse(ctx: &Ctx, pos: usize) -> Option<DateMention> {
    let t = token::token_at(ctx.text, pos)?;
    match t.kind {
        Kind::Mixed => decade(ctx, t),
        Kind::Num if t.len() == 4 => year_led(ctx, t),
        Kind::Num if t.len() <= 2 => numeric_date(ctx, t).map(|m| with_range(ctx, m)),
        _ => None,
    }
}

fn mention(start: usize, end: usize, value: Timex, until: Option<Timex>) -> DateMention {
    DateMention { start, end, value, modifier: None, until }
}

/// "1990s" (with a leading "the" kept in the span) and "90s" after "the".
fn decade(ctx: &Ctx, t: Tok) -> Option<DateMention> {
    let s = ctx.str(t);
    let digits = s.strip_suffix(['s', 'S'])?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    let value = match digits.len() {
        4 if n % 10 == 0 && (1000..=2190).contains(&n) => n / 10,
        2 if n % 10 == 0 && n >= 20 => 190 + n / 10,
        _ => return None,
    };
    let the = ctx.prev_word(t.start, "the");
    let apostrophe = ctx.prev(t.start).filter(|a| a.touches(t) && matches!(a.punct(ctx.text), Some('\'' | '’')));
    let start = match (digits.len(), apostrophe, the) {
        (4, _, Some(the)) => the.start,
        (4, _, None) => t.start,
        (_, Some(a), _) => ctx.prev_word(a.start, "the").map_or(a.start, |the| the.start),
        (_, None, Some(the)) if n >= 50 => the.start,
        _ => return None,
    };
    Some(mention(start, t.end, Timex::Decade(value), None))
}

/// A four-digit number: ISO date, year range, decade with "'s", or a plain year.
fn year_led(ctx: &Ctx, t: Tok) -> Option<DateMention> {
    iso_date(ctx, t).map(|m| with_range(ctx, m)).or_else(|| year_range(ctx, t)).or_else(|| plain_year(ctx, t))
}

/// The token glued to the end of `t`.
fn glued(ctx: &Ctx, t: Tok) -> Option<Tok> {
    ctx.next(t.end).filter(|n| t.touches(*n))
}

/// "2022-02-24" or "2022/02/24".
fn iso_date(ctx: &Ctx, y: Tok) -> Option<DateMention> {
    let s1 = glued(ctx, y)?;
    let sep = s1.punct(ctx.text).filter(|c| matches!(c, '-' | '/'))?;
    let m = glued(ctx, s1).filter(|m| m.kind == Kind::Num && m.len() <= 2)?;
    let s2 = glued(ctx, m).filter(|s| ctx.is_punct(*s, sep))?;
    let d = glued(ctx, s2).filter(|d| d.kind == Kind::Num && d.len() <= 2)?;
    if glued(ctx, d).is_some_and(|n| n.kind != Kind::Punct || ctx.is_punct(n, sep)) {
        return None;
    }
    let year = i32::try_from(y.number(ctx.text)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, m.number(ctx.text)?, d.number(ctx.text)?)?;
    Some(mention(y.start, d.end, Timex::Day(date), None))
}

/// `first` extended to "… to 30.09.2020" / "… - 2022-03-01" when another numeric date of
/// a later day follows a range connector.
fn with_range(ctx: &Ctx, first: DateMention) -> DateMention {
    let between = phrase::between_before(ctx, first.start);
    let second = ctx
        .next(first.end)
        .filter(|c| phrase::is_connector(ctx, *c, between))
        .and_then(|c| ctx.next(c.end))
        .filter(|t| t.kind == Kind::Num)
        .and_then(|t| if t.len() == 4 { iso_date(ctx, t) } else { numeric_date(ctx, t) });
    match second {
        Some(s) if s.value > first.value => DateMention { end: s.end, until: Some(s.value), ..first },
        _ => first,
    }
}

/// "2014-15", "2014-2016", "2014 to 2016", "between 2014 and 2016".
fn year_range(ctx: &Ctx, t: Tok) -> Option<DateMention> {
    let y1 = phrase::four_digit_year(ctx, t)?;
    let between = phrase::between_before(ctx, t.start);
    let c = ctx.next(t.end)?;
    if !phrase::is_connector(ctx, c, between) {
        return None;
    }
    let e = ctx.next(c.end)?;
    let y2 = match (e.kind, e.len()) {
        (Kind::Num, 2) if t.touches(c) && c.touches(e) => {
            let century = y1 - y1 % 100;
            century + i32::try_from(e.number(ctx.text)?).ok()?
        }
        (Kind::Num, 4) => phrase::four_digit_year(ctx, e)?,
        _ => return None,
    };
    let plausible = y2 > y1 && y2 - y1 <= 50 && phrase::stands_alone(ctx, e);
    if !plausible || phrase::counted_noun_after(ctx, e.end) || !year_before_ok(ctx, t) {
        return None;
    }
    Some(mention(t.start, e.end, Timex::Year(y1), Some(Timex::Year(y2))))
}

/// A four-digit year standing on its own, in a context that does not make it a count.
fn plain_year(ctx: &Ctx, t: Tok) -> Option<DateMention> {
    let y = phrase::four_digit_year(ctx, t)?;
    if let Some(d) = apostrophe_decade(ctx, t, y) {
        return Some(d);
    }
    let cued = ctx.prev(t.start).is_some_and(|p| ctx.is_any(p, YEAR_CUES));
    let in_range = if cued { y <= 2199 } else { (1800..=2099).contains(&y) };
    let article = ctx.prev(t.start).is_some_and(|p| ctx.is_any(p, &["a", "an"]));
    let ok = in_range
        && phrase::stands_alone(ctx, t)
        && (article || !phrase::counted_noun_after(ctx, t.end))
        && !phrase::dash_after(ctx, t)
        && year_before_ok(ctx, t);
    ok.then(|| mention(t.start, t.end, Timex::Year(y), None))
}

/// "the 1990's": a round year, then "'s", after "the".
fn apostrophe_decade(ctx: &Ctx, t: Tok, y: i32) -> Option<DateMention> {
    if y % 10 != 0 {
        return None;
    }
    let the = ctx.prev_word(t.start, "the")?;
    let a = glued(ctx, t).filter(|a| matches!(a.punct(ctx.text), Some('\'' | '’')))?;
    let s = glued(ctx, a).filter(|s| ctx.is(*s, "s"))?;
    Some(mention(the.start, s.end, Timex::Decade(y / 10), None))
}

/// The token before a year must not make it money, a count, a code or a name ("Euro 2020").
fn year_before_ok(ctx: &Ctx, t: Tok) -> bool {
    let Some(p) = ctx.prev(t.start) else {
        return true;
    };
    match p.kind {
        Kind::Punct if p.touches(t) => match p.punct(ctx.text) {
            Some('-' | '‑') => ctx.prev(p.start).is_some_and(|m| ctx.is_any(m, DASH_MODIFIERS)),
            Some(c) => !matches!(c, '$' | '£' | '€' | '#' | '+' | '/' | '.' | ':' | ',' | '\\' | '¥'),
            None => true,
        },
        Kind::Punct => true,
        Kind::Num | Kind::Mixed => false,
        Kind::Word => {
            if ctx.is_any(p, YEAR_CUES) {
                return true;
            }
            if ctx.is(p, "than") {
                // "no earlier than 2025", "later than 2030"
                return ctx.prev(p.start).is_some_and(|w| ctx.is_any(w, &["earlier", "later", "sooner"]));
            }
            let determiner = ctx.is_any(p, &["the", "a", "an", "its", "their", "his", "her", "our", "that"]);
            !ctx.is_any(p, COUNT_CUES) && (determiner || !p.capitalised(ctx.text))
        }
    }
}

/// "24/02/2022", "24.02.2022", "24-02-2022", "24/02/22": day and month in the site's order.
fn numeric_date(ctx: &Ctx, a: Tok) -> Option<DateMention> {
    let s1 = glued(ctx, a)?;
    let sep = s1.punct(ctx.text).filter(|c| matches!(c, '/' | '.' | '-'))?;
    let b = glued(ctx, s1).filter(|b| b.kind == Kind::Num && b.len() <= 2)?;
    let s2 = glued(ctx, b).filter(|s| ctx.is_punct(*s, sep))?;
    let y = glued(ctx, s2).filter(|y| y.kind == Kind::Num)?;
    let year = match y.len() {
        4 => i32::try_from(y.number(ctx.text)?).ok()?,
        2 if sep == '/' => 2000 + i32::try_from(y.number(ctx.text)?).ok()?,
        _ => return None,
    };
    let trailing =
        glued(ctx, y).is_some_and(|n| n.kind != Kind::Punct || glued(ctx, n).is_some_and(|d| d.kind == Kind::Num));
    if trailing || !phrase::not_tail(ctx, a) {
        return None;
    }
    let (x, z) = (a.number(ctx.text)?, b.number(ctx.text)?);
    let date = order_date(year, x, z, ctx.order)?;
    Some(mention(a.start, y.end, Timex::Day(date), None))
}

/// Reads `x`/`z` as day/month or month/day per `order`, falling back to the other reading
/// when the preferred one is not a real date.
fn order_date(year: i32, x: u32, z: u32, order: NumericOrder) -> Option<NaiveDate> {
    let (day, month) = match order {
        NumericOrder::DayFirst => (x, z),
        NumericOrder::MonthFirst => (z, x),
    };
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, day, month))
}
