//! English date labels (`30 March 2022`, `Wednesday`, `March 2022`) written directly: chrono's
//! `format` parses its pattern again for every call, and pages format thousands of dates.

use chrono::{Datelike, NaiveDate};

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// `March`
pub fn month_name(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// `Wednesday`
pub fn weekday_name(d: NaiveDate) -> &'static str {
    WEEKDAYS[d.weekday().num_days_from_monday() as usize]
}

/// `30 March 2022`
pub fn date_label(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d), d.year())
}

/// `March 2022`
pub fn month_label(d: NaiveDate) -> String {
    format!("{} {}", month_name(d), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_chrono_for_two_years() {
        let mut d = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        while d.year() < 2023 {
            assert_eq!(date_label(d), d.format("%-d %B %Y").to_string());
            assert_eq!(month_label(d), d.format("%B %Y").to_string());
            assert_eq!(weekday_name(d), d.format("%A").to_string());
            d = d.succ_opt().unwrap();
        }
    }
}
