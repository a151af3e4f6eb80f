//! The normalised value of a date expression (a TIMEX3 `value`), its modifier, its printed form
//! and the calendar days it covers.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate, Weekday};

/// A TIMEX3 `mod`: which part of the period is meant, or that it is approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mod {
    Start,
    Mid,
    End,
    Approx,
}

impl Mod {
    /// The TIMEX3 spelling: "START", "MID", "END" or "APPROX".
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
        }
    }
}

/// A meteorological season; winter of year Y runs from December Y to February Y+1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    /// The TIMEX3 code: "SP", "SU", "FA" or "WI".
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// First month of the season (winter starts in December of its year).
    pub fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// A normalised date value, from a single day up to a decade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Timex {
    Day(NaiveDate),
    /// An ISO week (`year` is the ISO week-numbering year).
    Week {
        year: i32,
        week: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Season {
        year: i32,
        season: Season,
    },
    Year(i32),
    /// The decade's first three digits: `Decade(199)` is the 1990s.
    Decade(i32),
}

impl fmt::Display for Timex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Timex::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Timex::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Timex::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Timex::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Timex::Season { year, season } => write!(f, "{year:04}-{}", season.code()),
            Timex::Year(y) => write!(f, "{y:04}"),
            Timex::Decade(d) => write!(f, "{d:03}"),
        }
    }
}

impl Timex {
    /// First day covered; `NaiveDate::MIN` for a value outside the calendar (e.g. week 54).
    pub fn first_day(&self) -> NaiveDate {
        self.bounds().map_or(NaiveDate::MIN, |b| b.0)
    }

    /// Last day covered; `NaiveDate::MAX` for a value outside the calendar.
    pub fn last_day(&self) -> NaiveDate {
        self.bounds().map_or(NaiveDate::MAX, |b| b.1)
    }

    /// First and last day covered, or `None` when the value names no real period.
    pub fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        match *self {
            Timex::Day(d) => Some((d, d)),
            Timex::Week { year, week } => Some((
                NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?,
                NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?,
            )),
            Timex::Month { year, month } => months(year, month, 1),
            Timex::Quarter { year, quarter } if (1..=4).contains(&quarter) => months(year, quarter * 3 - 2, 3),
            Timex::Quarter { .. } => None,
            Timex::Season { year, season } => months(year, season.first_month(), 3),
            Timex::Year(y) => months(y, 1, 12),
            Timex::Decade(d) => {
                let y = d.checked_mul(10)?;
                Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y.checked_add(9)?, 12, 31)?))
            }
        }
    }
}

/// `count` whole months starting with `year`-`month` (may run into the next year).
fn months(year: i32, month: u32, count: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let after = first.checked_add_months(Months::new(count))?;
    Some((first, after.pred_opt()?))
}
