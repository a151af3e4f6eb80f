//! iCalendar (RFC 5545) for the timeline: one all-day event per dated happening.
//!
//! Pure and deterministic: `DTSTAMP` (required in every event) is the event's start day at
//! midnight UTC rather than the build time, so two builds of the same site give the same file.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

/// One event; `end_inclusive` is the last day it covers (the file stores the day after, as
/// RFC 5545 wants for all-day events).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsEvent {
    /// Globally unique and stable across builds, e.g. `2021-03-23@newsreel.github.io/newsreel/`.
    pub uid: String,
    pub start: NaiveDate,
    pub end_inclusive: NaiveDate,
    pub summary: String,
    pub description: String,
    /// Absolute URL of the event's place on the timeline.
    pub url: String,
}

/// The whole calendar, with CRLF line endings and lines folded at 75 octets.
pub fn calendar(events: &[IcsEvent]) -> String {
    // Events are written in parallel, then joined in order (the calendar of a large site is
    // megabytes of escaped and folded text).
    let events: Vec<String> = events.par_iter().map(event).collect();
    let mut out = String::with_capacity(256 + events.iter().map(String::len).sum::<usize>());
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//newsreel//newsreel//EN", "CALSCALE:GREGORIAN"] {
        push_line(&mut out, line);
    }
    for e in &events {
        out.push_str(e);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// One `VEVENT`, its lines folded.
fn event(e: &IcsEvent) -> String {
    let mut out = String::with_capacity(512 + e.description.len());
    let end = e.end_inclusive.max(e.start).succ_opt().unwrap_or(e.end_inclusive);
    push_line(&mut out, "BEGIN:VEVENT");
    push_line(&mut out, &format!("UID:{}", text(&e.uid)));
    push_line(&mut out, &format!("DTSTAMP:{}T000000Z", basic_date(e.start)));
    push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", basic_date(e.start)));
    push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", basic_date(end)));
    push_line(&mut out, &format!("SUMMARY:{}", text(&e.summary)));
    if !e.description.is_empty() {
        push_line(&mut out, &format!("DESCRIPTION:{}", text(&e.description)));
    }
    if !e.url.is_empty() {
        push_line(&mut out, &format!("URL:{}", e.url.replace(['\r', '\n'], "")));
    }
    push_line(&mut out, "TRANSP:TRANSPARENT");
    push_line(&mut out, "END:VEVENT");
    out
}

/// `20220324`: an iCalendar DATE (chrono's `%Y%m%d` for the years a news story has, without
/// parsing the pattern for every date).
fn basic_date(d: NaiveDate) -> String {
    match d.year() {
        year @ 0..=9999 => format!("{year:04}{:02}{:02}", d.month(), d.day()),
        _ => d.format("%Y%m%d").to_string(),
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line exceeds 75 octets (§3.1), never inside
/// a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn event() -> IcsEvent {
        IcsEvent {
            uid: "2021-03-23@example.org/digest/".into(),
            start: day(2021, 3, 23),
            end_inclusive: day(2021, 3, 29),
            summary: "Ever Given runs aground; canal blocked, tugs called".into(),
            description: "Line one\nBackslash \\ here".into(),
            url: "https://example.org/digest/timeline.html#d-2021-03-23".into(),
        }
    }

    /// Unfolds the lines of a calendar (§3.1) for easy reading.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn writes_all_day_events() {
        let ics = calendar(&[event()]);
        let lines = unfold(&ics);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        for want in [
            "VERSION:2.0",
            "UID:2021-03-23@example.org/digest/",
            "DTSTAMP:20210323T000000Z",
            "DTSTART;VALUE=DATE:20210323",
            "DTEND;VALUE=DATE:20210330",
            "SUMMARY:Ever Given runs aground\\; canal blocked\\, tugs called",
            "DESCRIPTION:Line one\\nBackslash \\\\ here",
            "URL:https://example.org/digest/timeline.html#d-2021-03-23",
        ] {
            assert!(lines.iter().any(|l| l == want), "missing {want:?} in {lines:#?}");
        }
    }

    #[test]
    fn uses_crlf_and_folds_long_lines_on_character_boundaries() {
        let mut e = event();
        e.summary = "Ünïcödé ".repeat(20);
        let ics = calendar(&[e.clone()]);
        assert!(!ics.replace("\r\n", "").contains('\n'));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        let summary = unfold(&ics).into_iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
        assert_eq!(summary, format!("SUMMARY:{}", e.summary));
    }

    #[test]
    fn single_days_end_the_next_day_and_output_is_deterministic() {
        let mut e = event();
        e.end_inclusive = e.start;
        let ics = calendar(&[e.clone()]);
        assert!(ics.contains("DTEND;VALUE=DATE:20210324\r\n"));
        assert_eq!(ics, calendar(&[e]));
        assert_eq!(calendar(&[]), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//newsreel//newsreel//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n");
    }
}
