//! Unit tests on strings: one per supported form (span text, value, mod, until), the non-date
//! traps, multibyte text, and a no-panic property test over random inputs.

use chrono::NaiveDate;

use super::*;

/// Publication date used unless a test says otherwise: Wednesday 30 March 2022.
const P: &str = "2022-03-30";

fn date(s: &str) -> NaiveDate {
    parse_header_date(s).expect("test date")
}

/// (span text, value, mod, until) of every mention.
type Row = (String, String, Option<&'static str>, Option<String>);

fn find_at(text: &str, published: &str, options: &DateOptions) -> Vec<Row> {
    find_dates(text, date(published), options)
        .into_iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                m.value.to_string(),
                m.modifier.map(Mod::as_str),
                m.until.map(|u| u.to_string()),
            )
        })
        .collect()
}

fn find(text: &str) -> Vec<Row> {
    find_at(text, P, &DateOptions::default())
}

/// Asserts `text` has exactly one mention with this span, value, mod and until.
fn check_full(text: &str, published: &str, span: &str, value: &str, m: Option<&str>, until: Option<&str>) {
    let got = find_at(text, published, &DateOptions::default());
    let want =
        vec![(span.to_string(), value.to_string(), m.map(|s| Mod::as_str(parse_mod(s))), until.map(str::to_string))];
    assert_eq!(got, want, "text: {text:?}");
}

fn parse_mod(s: &str) -> Mod {
    match s {
        "START" => Mod::Start,
        "MID" => Mod::Mid,
        "END" => Mod::End,
        _ => Mod::Approx,
    }
}

fn check(text: &str, span: &str, value: &str) {
    check_full(text, P, span, value, None, None);
}

fn check_mod(text: &str, span: &str, value: &str, m: &str) {
    check_full(text, P, span, value, Some(m), None);
}

fn check_range(text: &str, span: &str, value: &str, until: &str) {
    check_full(text, P, span, value, None, Some(until));
}

fn none(text: &str) {
    assert_eq!(find(text), Vec::<Row>::new(), "text: {text:?}");
}

// ---- month and day ----

#[test]
fn month_day() {
    check("Russia invaded on February 24 and stayed.", "February 24", "2022-02-24");
}

#[test]
fn day_month_year() {
    check("It began on 24 February 2022 at dawn.", "24 February 2022", "2022-02-24");
}

#[test]
fn abbreviated_month_with_dot() {
    check("Troops crossed on Feb. 24 near the border.", "Feb. 24", "2022-02-24");
}

#[test]
fn abbreviated_month_comma_year() {
    check("The deal was signed Feb 24, 2022 in Minsk.", "Feb 24, 2022", "2022-02-24");
}

#[test]
fn ordinal_day_after_month() {
    check("Talks resumed on March 10th in Turkey.", "March 10th", "2022-03-10");
}

#[test]
fn the_ordinal_of_month() {
    check("They met on the 10th of March.", "the 10th of March", "2022-03-10");
}

#[test]
fn day_month_ordinal() {
    check("It was the 24th February when it began.", "24th February", "2022-02-24");
}

#[test]
fn since_excludes_preposition() {
    check("The first meeting since March 10 was held.", "March 10", "2022-03-10");
}

#[test]
fn yearless_day_nearest_publication() {
    check_full("Prices rose on December 20.", "2022-01-05", "December 20", "2021-12-20", None, None);
    check_full("The vote is on January 3.", "2021-12-20", "January 3", "2022-01-03", None, None);
}

#[test]
fn sept_abbreviation() {
    check("The attacks of Sept. 11, 2001 changed everything.", "Sept. 11, 2001", "2001-09-11");
}

#[test]
fn invalid_day_is_not_a_date() {
    none("He said February 30 was the deadline.");
}

// ---- numeric ----

#[test]
fn iso_date() {
    check("The file is dated 2022-02-24 in the archive.", "2022-02-24", "2022-02-24");
}

#[test]
fn slash_date_day_first() {
    check("Dated 04/05/2022, the letter arrived.", "04/05/2022", "2022-05-04");
}

#[test]
fn slash_date_month_first_option() {
    let opts = DateOptions { numeric_order: NumericOrder::MonthFirst };
    let got = find_at("Dated 04/05/2022, the letter arrived.", P, &opts);
    assert_eq!(got[0].1, "2022-04-05");
}

#[test]
fn dotted_date() {
    check("Am 24.02.2022 began the war.", "24.02.2022", "2022-02-24");
}

#[test]
fn slash_date_falls_back_when_order_impossible() {
    check("It was 02/24/2022 in the US file.", "02/24/2022", "2022-02-24");
}

// ---- weekdays ----

#[test]
fn on_weekday_looks_back() {
    check("The minister resigned on Tuesday.", "Tuesday", "2022-03-29");
}

#[test]
fn weekday_same_day_is_publication() {
    check("Officials met on Wednesday.", "Wednesday", "2022-03-30");
}

#[test]
fn weekday_possessive() {
    check("Tuesday's talks were tense.", "Tuesday", "2022-03-29");
}

#[test]
fn last_weekday() {
    check("He spoke last Tuesday about it.", "last Tuesday", "2022-03-29");
    check("He spoke last Wednesday about it.", "last Wednesday", "2022-03-23");
}

#[test]
fn next_weekday() {
    check("They meet next Friday in Geneva.", "next Friday", "2022-04-01");
}

#[test]
fn weekday_night() {
    check("Shelling resumed on Tuesday night.", "Tuesday night", "2022-03-29");
}

#[test]
fn weekday_future_clause() {
    check("Putin will travel to Minsk on Friday.", "Friday", "2022-04-01");
    check("The talks are due to resume on Monday.", "Monday", "2022-04-04");
    check("The summit is scheduled for Thursday.", "Thursday", "2022-03-31");
    check("Officials said talks will resume on Monday.", "Monday", "2022-04-04");
    check("We'll know more on Saturday.", "Saturday", "2022-04-02");
}

#[test]
fn weekday_past_cue_nearest_wins() {
    check("The minister, who will attend, said on Monday.", "Monday", "2022-03-28");
}

#[test]
fn weekday_range() {
    check_range("Fighting lasted from Monday to Wednesday.", "Monday to Wednesday", "2022-03-28", "2022-03-30");
}

#[test]
fn weekday_with_explicit_date() {
    check("It opened on Tuesday, March 1 in Kyiv.", "Tuesday, March 1", "2022-03-01");
}

#[test]
fn weekday_lowercase_is_not_matched() {
    none("The word monday is lower-case here.");
}

// ---- deictic ----

#[test]
fn today_tonight_yesterday_tomorrow() {
    check("The talks continue today.", "today", "2022-03-30");
    check("He will speak tonight.", "tonight", "2022-03-30");
    check("It rained yesterday.", "yesterday", "2022-03-29");
    check("They leave tomorrow.", "tomorrow", "2022-03-31");
}

#[test]
fn today_possessive() {
    check("Today's talks in Istanbul were short.", "Today", "2022-03-30");
}

#[test]
fn earlier_today() {
    check("Earlier today one aide spoke.", "Earlier today", "2022-03-30");
}

#[test]
fn last_night_and_this_morning() {
    check("Sirens sounded last night.", "last night", "2022-03-29");
    check("He arrived this morning.", "this morning", "2022-03-30");
    check("Votes are counted this afternoon.", "this afternoon", "2022-03-30");
}

#[test]
fn yesterday_morning() {
    check("The blast came yesterday morning.", "yesterday morning", "2022-03-29");
}

#[test]
fn newspaper_today_is_not_a_date() {
    none("She told USA Today about it.");
}

// ---- this / last / next units ----

#[test]
fn weeks() {
    check("Last week, Russia changed its goals.", "Last week", "2022-W12");
    check("The forces announced this week they had won.", "this week", "2022-W13");
    check("Talks continue next week.", "next week", "2022-W14");
    check("Prices fell over the past week.", "the past week", "2022-W12");
}

#[test]
fn months_and_years() {
    check("Exports fell last month.", "last month", "2022-02");
    check("Sales start next month.", "next month", "2022-04");
    check("The economy shrank last year.", "last year", "2021");
    check("Elections are due next year.", "next year", "2023");
    check("Output rose this year.", "this year", "2022");
}

#[test]
fn earlier_this_week_and_month() {
    check("Shelling began earlier this week.", "earlier this week", "2022-W13");
    check("He resigned earlier this month.", "earlier this month", "2022-03");
    check("A vote follows later this month.", "later this month", "2022-03");
}

#[test]
fn last_years_possessive() {
    check("Last year's harvest was poor.", "Last year", "2021");
}

// ---- modifiers ----

#[test]
fn beginning_of_month() {
    check_mod("The town fell at the beginning of March.", "the beginning of March", "2022-03", "START");
}

#[test]
fn start_middle_end_of() {
    check_mod("It ends at the end of March.", "the end of March", "2022-03", "END");
    check_mod("By the middle of March it was over.", "the middle of March", "2022-03", "MID");
    check_mod("At the start of March it began.", "the start of March", "2022-03", "START");
}

#[test]
fn early_mid_late_month() {
    check_mod("Fighting grew in early March.", "early March", "2022-03", "START");
    check_mod("It paused in mid-March.", "mid-March", "2022-03", "MID");
    check_mod("Snow fell in late February.", "late February", "2022-02", "END");
}

#[test]
fn mid_and_late_year() {
    check_mod("Growth slowed in mid-2021.", "mid-2021", "2021", "MID");
    check_mod("It started in late 2020.", "late 2020", "2020", "END");
    check_mod("It should be done by early 2023.", "early 2023", "2023", "START");
}

#[test]
fn around_day() {
    check_mod("The shipment arrived around March 10.", "around March 10", "2022-03-10", "APPROX");
}

#[test]
fn end_of_the_year_and_last_year() {
    check_mod("Rates rise by the end of the year.", "the end of the year", "2022", "END");
    check_mod("It peaked late last year.", "late last year", "2021", "END");
}

// ---- month alone ----

#[test]
fn month_alone_after_in() {
    check("The offensive began in March.", "March", "2022-03");
    check("The deal lapses in May.", "May", "2022-05");
}

#[test]
fn month_year() {
    check("Inflation hit 7% in March 2022.", "March 2022", "2022-03");
}

#[test]
fn last_month_name() {
    check("Prices have doubled since last March.", "last March", "2021-03");
}

#[test]
fn month_last_year() {
    check("It started in June last year.", "June last year", "2021-06");
}

#[test]
fn yearless_month_nearest() {
    check_full("The vote happened in December.", "2022-01-05", "December", "2021-12", None, None);
}

// ---- years ----

#[test]
fn years() {
    check("Crimea was annexed in 2014.", "2014", "2014");
    check("The war has raged since 2014.", "2014", "2014");
    check("After the 2014 annexation, sanctions followed.", "2014", "2014");
}

#[test]
fn year_range() {
    check_range("The 2014-15 season was long.", "2014-15", "2014", "2015");
    check_range("Output grew between 2014 and 2016.", "2014 and 2016", "2014", "2016");
}

// ---- seasons ----

#[test]
fn seasons() {
    check("Prices spiked last summer.", "last summer", "2021-SU");
    check("Talks began in the spring of 2020.", "the spring of 2020", "2020-SP");
    check("The launch slipped to summer 2021.", "summer 2021", "2021-SU");
    check("A new push is planned for this autumn.", "this autumn", "2022-FA");
}

#[test]
fn season_traps() {
    none("The Arab Spring changed the region.");
    none("Prices fall when supply rises.");
    none("After the fall of Kabul, few stayed.");
}

// ---- quarters ----

#[test]
fn quarters() {
    check("Profits rose in the first quarter.", "the first quarter", "2022-Q1");
    check("Growth was weak in Q3 2021.", "Q3 2021", "2021-Q3");
    check("Sales in the fourth quarter of 2021 fell.", "the fourth quarter of 2021", "2021-Q4");
    check("Third-quarter output rose sharply.", "Third-quarter", "2021-Q3");
}

#[test]
fn quarter_not_ordinal_is_not_a_date() {
    none("A quarter of the town was destroyed.");
}

// ---- decades ----

#[test]
fn decades() {
    check("Sanctions date from the 1990s.", "the 1990s", "199");
    check_mod("It happened in the late 1980s.", "the late 1980s", "198", "END");
    check("Music of the '60s returned.", "the '60s", "196");
}

// ---- ago ----

#[test]
fn ago() {
    check("He left two days ago.", "two days ago", "2022-03-28");
    check("The plant closed a year ago.", "a year ago", "2021");
}

// ---- ranges ----

#[test]
fn ranges() {
    check_range("Talks ran from March 1 to 5.", "March 1 to 5", "2022-03-01", "2022-03-05");
    check_range("Talks ran March 1-5.", "March 1-5", "2022-03-01", "2022-03-05");
    check_range("Voting is between 1 and 3 April.", "1 and 3 April", "2022-04-01", "2022-04-03");
    check_range("A fair ran from 28 March to 2 April.", "28 March to 2 April", "2022-03-28", "2022-04-02");
    check_range("Snow fell from March 28 to April 2.", "March 28 to April 2", "2022-03-28", "2022-04-02");
    check_range("It ran 1–5 March 2021.", "1–5 March 2021", "2021-03-01", "2021-03-05");
    check_range("Rain fell from March to May.", "March to May", "2022-03", "2022-05");
}

#[test]
fn numeric_and_month_year_ranges() {
    check_range(
        "Judges said it ran from 14.03.2019 to 30.09.2020.",
        "14.03.2019 to 30.09.2020",
        "2019-03-14",
        "2020-09-30",
    );
    check_range("The window is 2022-02-24 to 2022-03-01.", "2022-02-24 to 2022-03-01", "2022-02-24", "2022-03-01");
    check_range(
        "Between October 2022 and February 2023, half the grid was hit.",
        "October 2022 and February 2023",
        "2022-10",
        "2023-02",
    );
}

#[test]
fn quarter_named_by_months() {
    check_full(
        "Profit fell in the July-September quarter.",
        "2023-02-01",
        "the July-September quarter",
        "2022-Q3",
        None,
        None,
    );
}

// ---- holidays ----

#[test]
fn holidays() {
    check_full("He was sworn in on New Year's Day.", "2023-01-02", "New Year's Day", "2023-01-01", None, None);
    check_full("Shops shut on Christmas Eve.", "2022-12-20", "Christmas Eve", "2022-12-24", None, None);
    check_full("It should end by Christmas.", "2022-11-20", "Christmas", "2022-12-25", None, None);
    check("Crowds gathered on Bastille Day 2019.", "Bastille Day 2019", "2019-07-14");
    check_full("Churches filled on Easter Sunday.", "2022-04-20", "Easter Sunday", "2022-04-17", None, None);
    check("Sales rose on Valentine’s Day.", "Valentine’s Day", "2022-02-14");
}

#[test]
fn holiday_traps() {
    none("Christmas shopping is under way.");
    none("He lives in New York.");
    none("The boxing match was cancelled.");
}

// ---- cue refinements ----

#[test]
fn as_early_as_month() {
    check_full("It may ease as early as September.", "2019-08-01", "September", "2019-09", None, None);
}

#[test]
fn year_before_plural_noun_after_article() {
    check("A 2023 facilities report found problems.", "2023", "2023");
    check("A landing will follow no earlier than 2025.", "2025", "2025");
}

#[test]
fn weekday_future_by_preposition_or_possessive() {
    check_full("Unions have called strikes for Tuesday.", "2023-03-23", "Tuesday", "2023-03-28", None, None);
    check_full("Warnings cover Wales until Wednesday.", "2020-02-17", "Wednesday", "2020-02-19", None, None);
    check_full("He said Sunday's match would be his last.", "2024-05-10", "Sunday", "2024-05-12", None, None);
    check_full("He was held until Wednesday.", "2020-02-17", "Wednesday", "2020-02-12", None, None);
}

#[test]
fn hyphenated_modifiers() {
    check_mod("Rates will peak by end-2022.", "end-2022", "2022", "END");
    check_mod("Output recovers in early-2023.", "early-2023", "2023", "START");
}

#[test]
fn decade_ago_and_day_after_tomorrow() {
    check("The firm was founded a decade ago.", "a decade ago", "2012");
    check("The ruling is due the day after tomorrow.", "the day after tomorrow", "2022-04-01");
    check("It was filed the day before yesterday.", "the day before yesterday", "2022-03-28");
}

#[test]
fn weekday_traps() {
    none("Shops open every Monday.");
    none("The Good Friday Agreement held.");
    none("He wrote for the Sunday Times.");
    none("Bloody Sunday is remembered.");
    check("On Sunday Putin spoke to Macron.", "Sunday", "2022-03-27");
}

#[test]
fn will_last_is_future_not_past() {
    check_range("The strike will last from Monday until Friday.", "Monday until Friday", "2022-04-04", "2022-04-08");
}

#[test]
fn earlier_this_season() {
    check("It happened earlier this summer.", "earlier this summer", "2022-SU");
}

#[test]
fn month_after_to() {
    check("Output fell in the three months to June.", "June", "2022-06");
}

#[test]
fn anaphoric_units_need_an_anchor_in_the_text() {
    let got = find("She became queen in February 1952 and was crowned the following year.");
    assert_eq!(got[1], ("the following year".to_string(), "1953".to_string(), None, None));
    let got = find("The bomb fell on August 6, 1945, killing thousands by the end of that year.");
    assert_eq!(got[1], ("the end of that year".to_string(), "1945".to_string(), Some("END"), None));
    let got = find("He was arrested on 3 May 2020 and charged the next day. He was freed the following day.");
    assert_eq!(got[1], ("the following day".to_string(), "2020-05-04".to_string(), None, None));
    none("He was arrested the following month.");
    let got = find("Every month between June and December 2023 was the warmest for that month.");
    assert_eq!(got.len(), 1);
    none("A day of mourning was held every day.");
}

// ---- several in one text ----

#[test]
fn several_sorted_and_disjoint() {
    let got = find("On Monday, March 28, talks began. By Friday they ended. In 2014 it began.");
    let spans: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(spans, ["Monday, March 28", "Friday", "2014"]);
}

// ---- traps ----

#[test]
fn durations_are_not_dates() {
    none("The proposal included a 15-year consultation period.");
    none("They fought for three weeks.");
    none("It follows more than a month of fighting.");
    none("It was a six-day war.");
    none("He served two years in jail.");
    none("Talks could be held in the coming days.");
}

#[test]
fn ages_are_not_dates() {
    none("The victim, aged 45, was a teacher.");
    none("A 45-year-old man was arrested.");
}

#[test]
fn times_are_not_dates() {
    none("The blast came at 3pm.");
    none("It started at 10:30 sharp.");
    none("The train left at 4.30pm.");
}

#[test]
fn numbers_are_not_dates() {
    none("The 20,000 person town fell.");
    none("Around 15,000 troops were stationed there.");
    none("Some 1,500 people fled.");
    none("Officials counted 2,014 people.");
    none("Russia sent 2000 troops north.");
    none("Some 1800 soldiers died.");
    none("It cost $2014 in total.");
    none("Euro 2020 was delayed.");
}

#[test]
fn modal_may_and_verb_march_are_not_dates() {
    none("The war may last for years.");
    none("Protesters march through the city.");
    none("May I ask a question?");
    none("Theresa May resigned.");
}

#[test]
fn person_named_april_is_not_a_date() {
    none("April Ryan asked the question.");
}

#[test]
fn vague_words_are_not_dates() {
    none("Troops recently withdrew and are now regrouping.");
}

#[test]
fn words_containing_triggers_are_not_dates() {
    none("The mayor decided to separate the market from the marina.");
    none("Yearly and weekly reports.");
}

// ---- header ----

#[test]
fn header_dates() {
    assert_eq!(parse_header_date("20220330"), NaiveDate::from_ymd_opt(2022, 3, 30));
    assert_eq!(parse_header_date("2022-03-30"), NaiveDate::from_ymd_opt(2022, 3, 30));
    assert_eq!(parse_header_date("2022-3-30"), None);
    assert_eq!(parse_header_date("20221330"), None);
    assert_eq!(parse_header_date("２０２２0330"), None);
    assert_eq!(parse_header_date(""), None);
}

// ---- values ----

#[test]
fn timex_display_and_bounds() {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid");
    assert_eq!(Timex::Decade(199).to_string(), "199");
    assert_eq!(Timex::Week { year: 2022, week: 3 }.to_string(), "2022-W03");
    let wi = Timex::Season { year: 2021, season: Season::Winter };
    assert_eq!(wi.to_string(), "2021-WI");
    assert_eq!(wi.first_day(), d(2021, 12, 1));
    assert_eq!(wi.last_day(), d(2022, 2, 28));
    let q = Timex::Quarter { year: 2022, quarter: 1 };
    assert_eq!((q.first_day(), q.last_day()), (d(2022, 1, 1), d(2022, 3, 31)));
    assert_eq!(Timex::Decade(199).last_day(), d(1999, 12, 31));
    assert_eq!(Timex::Week { year: 2022, week: 60 }.first_day(), NaiveDate::MIN);
    assert_eq!(Mod::Approx.as_str(), "APPROX");
}

// ---- robustness ----

#[test]
fn digit_scan_matches_naive_scan() {
    let mut rng = Rng(99);
    for _ in 0..2_000 {
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() >> 24) as u8).collect();
        assert_eq!(scan::first_digit(&bytes), bytes.iter().position(u8::is_ascii_digit), "{bytes:?}");
    }
}

/// Every mention lies on char boundaries, in order, without overlap.
fn assert_well_formed(text: &str, published: NaiveDate) {
    let found = find_dates(text, published, &DateOptions::default());
    let mut last_end = 0;
    for m in &found {
        assert!(m.start < m.end && m.start >= last_end, "{text:?}: {found:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last_end = m.end;
    }
}

#[test]
fn multibyte_text_around_dates() {
    let text = "Café “talks” on Tuesday’s agenda — résumé due 24 février? No: “March 10”, é2014é, 2014é.";
    assert_well_formed(text, date(P));
    let got = find(text);
    let spans: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(spans, ["Tuesday", "March 10"]);
    check("Le 10 mars… “On Friday’s vote” nothing", "Friday", "2022-03-25");
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        assert_well_formed(
            "today, tomorrow, yesterday, last week, next year, December 31, Q4, last summer, two days ago, on Friday",
            p,
        );
    }
}

/// A tiny deterministic generator (xorshift) for the property test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_inputs_never_panic() {
    let pieces = [
        "March", "May", "Feb.", "Tuesday", "today", "last", "next", "week", "year", "the", "of", "end", "mid", "-",
        "–", "’", "'", "s", "“", "”", "é", "24", "2022", "1990s", "10th", "/", ".", ",", "Q3", "quarter", "first",
        "summer", "fall", "ago", "two", "between", "and", "to", " ", " ", "\n", "2014-15", "31", "0", "99999", "ß",
        "日本", "\u{a0}", "🙂", "early", "late", "around", "in", "since", "’90s", "will", "night",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let dates = [date("2022-03-30"), date("2020-02-29"), date("2021-01-01")];
    for i in 0..20_000 {
        let len = 1 + (rng.next() % 14) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(rng.pick(&pieces));
            if rng.next() % 3 == 0 {
                text.push(' ');
            }
        }
        assert_well_formed(&text, dates[i % dates.len()]);
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(12345);
    for _ in 0..5_000 {
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next();
                match r % 4 {
                    0 => b"0123456789/.-, "[(r >> 8) as usize % 15],
                    1 => b"MarchTuesdayQ3yearago"[(r >> 8) as usize % 21],
                    _ => (r >> 16) as u8,
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        assert_well_formed(&text, date(P));
    }
}
