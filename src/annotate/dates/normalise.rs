//! Resolving underspecified dates against the publication date P: a month or day without a year
//! (nearest to P), weekdays (on or before P, or on or after it in future contexts), "last" /
//! "this" / "next" periods, and offsets such as "three days ago".

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::timex::{Season, Timex};

/// A relation word in front of a period: "last March", "this summer", "next Friday".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    Last,
    This,
    Next,
}

/// Where to look for a weekday relative to P.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    OnOrBefore,
    OnOrAfter,
    Before,
    After,
}

/// `p` shifted by `n` days, if still a representable date.
pub(crate) fn add_days(p: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        p.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        p.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The ISO week containing `d`.
pub(crate) fn week_of(d: NaiveDate) -> Timex {
    let w = d.iso_week();
    Timex::Week { year: w.year(), week: w.week() }
}

/// The month `delta` months from the month of `p`.
pub(crate) fn shift_month(p: NaiveDate, delta: i64) -> Option<Timex> {
    let index = i64::from(p.year()) * 12 + i64::from(p.month0()) + delta;
    Some(Timex::Month {
        year: i32::try_from(index.div_euclid(12)).ok()?,
        month: u32::try_from(index.rem_euclid(12) + 1).ok()?,
    })
}

/// The quarter `delta` quarters from the quarter of `p`.
pub(crate) fn shift_quarter(p: NaiveDate, delta: i64) -> Option<Timex> {
    let index = i64::from(p.year()) * 4 + i64::from(p.month0() / 3) + delta;
    Some(Timex::Quarter {
        year: i32::try_from(index.div_euclid(4)).ok()?,
        quarter: u32::try_from(index.rem_euclid(4) + 1).ok()?,
    })
}

/// `year + delta`, if representable.
pub(crate) fn shift_year(year: i32, delta: i32) -> Option<i32> {
    year.checked_add(delta)
}

/// Days from `p` to the period `t` (0 when `p` falls inside it).
fn distance(p: NaiveDate, t: Timex) -> Option<i64> {
    let (a, b) = t.bounds()?;
    Some(if p < a {
        (a - p).num_days()
    } else if p > b {
        (p - b).num_days()
    } else {
        0
    })
}

/// The years around `y` that a yearless date may fall in, oldest first.
fn years_around(y: i32, before: i32, after: i32) -> impl Iterator<Item = i32> {
    y.saturating_sub(before)..=y.saturating_add(after)
}

/// Of `candidates` (oldest first), the one nearest `p`; a tie goes to the later one in a
/// future context and to the earlier one otherwise.
fn nearest(p: NaiveDate, candidates: impl Iterator<Item = Timex>, future: impl Fn() -> bool) -> Option<Timex> {
    let mut best: Option<(i64, Timex)> = None;
    for t in candidates {
        let Some(d) = distance(p, t) else { continue };
        let better = best.is_none_or(|(bd, _)| d < bd || (d == bd && future()));
        if better {
            best = Some((d, t));
        }
    }
    best.map(|(_, t)| t)
}

/// Of `candidates` (oldest first): the latest one over before `p` (`Last`), the earliest one
/// starting after `p` (`Next`), or the one containing `p`, else the nearest (`This`).
fn relative(p: NaiveDate, candidates: impl Iterator<Item = Timex>, rel: Rel, future: bool) -> Option<Timex> {
    match rel {
        Rel::Last => candidates.filter(|t| t.last_day() < p).last(),
        Rel::Next => {
            let mut c = candidates;
            c.find(|t| t.first_day() > p)
        }
        Rel::This => nearest(p, candidates, || future),
    }
}

/// Of the years around `p`, the one whose `index(year)` is nearest `index_p` (a calendar
/// index such as year*12+month); a tie goes to the later year in a future context.
fn nearest_index(p: NaiveDate, index_p: i64, index: impl Fn(i32) -> i64, future: impl Fn() -> bool) -> i32 {
    let mut best = (i64::MAX, p.year());
    for y in years_around(p.year(), 1, 1) {
        let d = (index(y) - index_p).abs();
        if d < best.0 || (d == best.0 && future()) {
            best = (d, y);
        }
    }
    best.1
}

/// Month `month` of the year that puts it nearest `p` (counted in months).
pub(crate) fn nearest_month(p: NaiveDate, month: u32, future: impl Fn() -> bool) -> Option<Timex> {
    let index_p = i64::from(p.year()) * 12 + i64::from(p.month());
    let year = nearest_index(p, index_p, |y| i64::from(y) * 12 + i64::from(month), future);
    Some(Timex::Month { year, month })
}

/// Month `month` relative to `p`: "last March", "this March", "next March".
pub(crate) fn relative_month(p: NaiveDate, month: u32, rel: Rel, future: bool) -> Option<Timex> {
    let c = years_around(p.year(), 1, 1).map(move |year| Timex::Month { year, month });
    relative(p, c, rel, future)
}

/// Day `day` of month `month` in the year that puts it nearest `p`.
pub(crate) fn nearest_day(p: NaiveDate, month: u32, day: u32, future: impl Fn() -> bool) -> Option<NaiveDate> {
    let c = years_around(p.year(), 1, 1).filter_map(move |y| NaiveDate::from_ymd_opt(y, month, day)).map(Timex::Day);
    match nearest(p, c, future)? {
        Timex::Day(d) => Some(d),
        _ => None,
    }
}

/// The season instances that can be meant around `p`, oldest first.
fn seasons_around(p: NaiveDate, season: Season) -> impl Iterator<Item = Timex> {
    years_around(p.year(), 2, 1).map(move |year| Timex::Season { year, season })
}

/// Season `season` relative to `p` ("last summer", "next winter"), or without a relation
/// word the one containing `p`, else the nearest; in a future clause the coming one.
pub(crate) fn season(p: NaiveDate, season: Season, rel: Option<Rel>, future: bool) -> Option<Timex> {
    let c = seasons_around(p, season);
    match rel {
        Some(r @ (Rel::Last | Rel::Next)) => relative(p, c, r, future),
        _ if future => {
            let mut coming = c.filter(|t| t.last_day() >= p);
            coming.next()
        }
        _ => nearest(p, c, || false),
    }
}

/// Quarter `quarter` of the year that puts it nearest `p` (counted in quarters).
pub(crate) fn nearest_quarter(p: NaiveDate, quarter: u32, future: impl Fn() -> bool) -> Option<Timex> {
    let index_p = i64::from(p.year()) * 4 + i64::from(p.month0() / 3 + 1);
    let year = nearest_index(p, index_p, |y| i64::from(y) * 4 + i64::from(quarter), future);
    Some(Timex::Quarter { year, quarter })
}

/// The day named `wd` on the side of `p` given by `dir`.
pub(crate) fn weekday(p: NaiveDate, wd: Weekday, dir: Dir) -> Option<NaiveDate> {
    let back = i64::from((p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7);
    let fwd = (7 - back) % 7;
    let offset = match dir {
        Dir::OnOrBefore => -back,
        Dir::Before if back == 0 => -7,
        Dir::Before => -back,
        Dir::OnOrAfter => fwd,
        Dir::After if fwd == 0 => 7,
        Dir::After => fwd,
    };
    add_days(p, offset)
}
