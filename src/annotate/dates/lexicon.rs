//! Word tables: the trigger words fed to the automaton (built once), month and weekday names,
//! and the small cue-word lists the local parsers consult.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::Weekday;

use super::timex::Season;

/// Words that are dates only relative to the publication day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Deictic {
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
}

/// Calendar units that combine with "this" / "last" / "next".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What a trigger word found by the automaton is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    Month { month: u32, abbrev: bool },
    Weekday(Weekday),
    Deictic(Deictic),
    Unit(Unit),
    PartOfDay,
    Season { season: Season, fall: bool },
    QuarterCode(u32),
    Quarter,
    Ago,
    Holiday,
}

const fn full(month: u32) -> Trigger {
    Trigger::Month { month, abbrev: false }
}

const fn abbr(month: u32) -> Trigger {
    Trigger::Month { month, abbrev: true }
}

const fn season(season: Season) -> Trigger {
    Trigger::Season { season, fall: false }
}

/// Every trigger word (matched ASCII-case-insensitively, whole words only).
const TRIGGERS: &[(&str, Trigger)] = &[
    ("january", full(1)),
    ("february", full(2)),
    ("march", full(3)),
    ("april", full(4)),
    ("may", full(5)),
    ("june", full(6)),
    ("july", full(7)),
    ("august", full(8)),
    ("september", full(9)),
    ("october", full(10)),
    ("november", full(11)),
    ("december", full(12)),
    ("jan", abbr(1)),
    ("feb", abbr(2)),
    ("mar", abbr(3)),
    ("apr", abbr(4)),
    ("jun", abbr(6)),
    ("jul", abbr(7)),
    ("aug", abbr(8)),
    ("sep", abbr(9)),
    ("sept", abbr(9)),
    ("oct", abbr(10)),
    ("nov", abbr(11)),
    ("dec", abbr(12)),
    ("monday", Trigger::Weekday(Weekday::Mon)),
    ("tuesday", Trigger::Weekday(Weekday::Tue)),
    ("wednesday", Trigger::Weekday(Weekday::Wed)),
    ("thursday", Trigger::Weekday(Weekday::Thu)),
    ("friday", Trigger::Weekday(Weekday::Fri)),
    ("saturday", Trigger::Weekday(Weekday::Sat)),
    ("sunday", Trigger::Weekday(Weekday::Sun)),
    ("today", Trigger::Deictic(Deictic::Today)),
    ("tonight", Trigger::Deictic(Deictic::Tonight)),
    ("yesterday", Trigger::Deictic(Deictic::Yesterday)),
    ("tomorrow", Trigger::Deictic(Deictic::Tomorrow)),
    ("day", Trigger::Unit(Unit::Day)),
    ("week", Trigger::Unit(Unit::Week)),
    ("month", Trigger::Unit(Unit::Month)),
    ("year", Trigger::Unit(Unit::Year)),
    ("morning", Trigger::PartOfDay),
    ("afternoon", Trigger::PartOfDay),
    ("evening", Trigger::PartOfDay),
    ("night", Trigger::PartOfDay),
    ("spring", season(Season::Spring)),
    ("summer", season(Season::Summer)),
    ("autumn", season(Season::Fall)),
    ("fall", Trigger::Season { season: Season::Fall, fall: true }),
    ("winter", season(Season::Winter)),
    ("q1", Trigger::QuarterCode(1)),
    ("q2", Trigger::QuarterCode(2)),
    ("q3", Trigger::QuarterCode(3)),
    ("q4", Trigger::QuarterCode(4)),
    ("quarter", Trigger::Quarter),
    ("ago", Trigger::Ago),
    ("christmas", Trigger::Holiday),
    ("easter", Trigger::Holiday),
    ("halloween", Trigger::Holiday),
    ("valentine", Trigger::Holiday),
    ("boxing", Trigger::Holiday),
    ("bastille", Trigger::Holiday),
];

/// The trigger automaton, built once: leftmost-longest so "Sept" beats "Sep".
pub(crate) static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(TRIGGERS.iter().map(|(p, _)| p))
        .expect("the static trigger patterns always build")
});

/// The trigger for an automaton pattern index.
pub(crate) fn trigger(index: usize) -> Option<Trigger> {
    TRIGGERS.get(index).map(|(_, t)| *t)
}

/// Month number and whether `word` is an abbreviation ("Feb"), for words read off the text.
pub(crate) fn month_named(word: &str) -> Option<(u32, bool)> {
    TRIGGERS.iter().find_map(|(p, t)| match *t {
        Trigger::Month { month, abbrev } if p.eq_ignore_ascii_case(word) => Some((month, abbrev)),
        _ => None,
    })
}

/// The weekday a full weekday name denotes.
pub(crate) fn weekday_named(word: &str) -> Option<Weekday> {
    TRIGGERS.iter().find_map(|(p, t)| match *t {
        Trigger::Weekday(w) if p.eq_ignore_ascii_case(word) => Some(w),
        _ => None,
    })
}

/// Parts of the day that may follow a day word ("Tuesday night", "yesterday morning").
pub(crate) const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

/// Small counts spelled out, as in "two days ago".
pub(crate) fn number_word(word: &str) -> Option<u32> {
    const WORDS: &[&str] =
        &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an") {
        return Some(1);
    }
    let i = WORDS.iter().position(|w| w.eq_ignore_ascii_case(word))?;
    u32::try_from(i + 1).ok()
}

/// Quarter ordinals: "first" … "fourth", "1st" … "4th".
pub(crate) fn quarter_ordinal(word: &str) -> Option<u32> {
    const WORDS: &[(&str, u32)] =
        &[("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("1st", 1), ("2nd", 2), ("3rd", 3), ("4th", 4)];
    WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).map(|(_, q)| *q)
}

/// Words before a bare month or season that show it is a date ("in March", "until May").
pub(crate) const STRONG_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "around",
    "between",
    "last",
    "next",
    "this",
    "over",
];

/// Heads of "X of March" that make the month a date ("the end of May").
pub(crate) const OF_HEADS: &[&str] = &[
    "beginning",
    "start",
    "end",
    "middle",
    "month",
    "ides",
    "half",
    "part",
    "rest",
    "course",
    "week",
    "weeks",
    "weekend",
    "days",
];

/// Words glued by a hyphen to a following date that modify it ("mid-March", "end-2022").
pub(crate) const DASH_MODIFIERS: &[&str] = &["mid", "end", "early", "late"];

/// Words before a four-digit number that make it a year ("in 2014", "since 1991").
pub(crate) const YEAR_CUES: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "before", "after", "during", "circa", "of", "early", "late", "mid",
    "around", "between", "and", "to", "year", "for", "summer", "spring", "autumn", "winter", "fall", "on", "through",
    "about",
];

/// Words before a four-digit number that make it a count ("some 2000", "more than 1500").
pub(crate) const COUNT_CUES: &[&str] = &[
    "some",
    "nearly",
    "almost",
    "than",
    "least",
    "only",
    "just",
    "additional",
    "another",
    "extra",
    "total",
    "estimated",
    "roughly",
    "approximately",
    "over",
    "under",
    "at",
    "no",
    "number",
    "page",
    "all",
    "those",
    "these",
    "up",
];

/// Non-plural words after a number that make it a count or a measure ("2000 people").
pub(crate) const COUNT_NOUNS: &[&str] = &[
    "people",
    "feet",
    "men",
    "women",
    "children",
    "police",
    "personnel",
    "staff",
    "per",
    "percent",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "km",
    "kg",
    "mm",
    "cm",
    "m",
    "ft",
    "mph",
    "kmh",
    "mw",
    "gw",
    "bn",
    "mn",
    "sq",
    "square",
    "strong",
    "of",
    "more",
    "other",
    "new",
    "cubic",
    "metric",
    "times",
];

/// Plural nouns that still follow years ("the 2014 elections").
pub(crate) const EVENT_PLURALS: &[&str] = &[
    "elections",
    "talks",
    "protests",
    "polls",
    "accords",
    "sanctions",
    "games",
    "negotiations",
    "riots",
    "championships",
    "olympics",
    "levels",
    "figures",
    "results",
];
