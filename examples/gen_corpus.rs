//! Deterministic synthetic news corpus for newsreel benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --n 10000 --out DIR [--seed 42] [--hugo DIR2]
//! ```
//!
//! Writes a newsreel site (`site.toml` + `content/YYYY/MM/*.{txt,md}`) of N realistic
//! articles (~500 words, ~20 words a sentence, half plain text and half Markdown with TOML
//! front matter).  The text is full of the things newsreel annotates: thousands of distinct
//! people (titles, possessives, initials, surname-only back references), places (cities,
//! "X Oblast", "X Province", landmarks), organisations (ministries, banks, parties,
//! acronyms, companies) and date expressions in every newspaper form, plus non-dates
//! (numbers, durations, ages, times of day).
//!
//! With `--hugo DIR2` the same corpus is also written as a Hugo site (TOML front matter,
//! `hugo.toml`, and a minimal theme in `layouts/`) so both generators build the same articles.
//!
//! Output depends only on `--n` and `--seed`.  Standard library only.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use newsreel::model::calendar::MONTHS;

// ---------------------------------------------------------------------------------------
// PRNG (SplitMix64)
// ---------------------------------------------------------------------------------------

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed ^ 0x6E65_7773_7265_656C);
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Calendar (proleptic Gregorian, days since 1970-01-01)
// ---------------------------------------------------------------------------------------

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 0 = Monday.
fn weekday(z: i64) -> usize {
    (z + 3).rem_euclid(7) as usize
}

#[rustfmt::skip]
const MONTHS_ABBR: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn ordinal_suffix(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

// ---------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const MALE_GIVEN: &[&str] = &[
    "Alexander", "Andriy", "Oleksandr", "Dmytro", "Sergei", "Mikhail", "Volodymyr", "Ivan",
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Charles",
    "Daniel", "Matthew", "Mark", "Paul", "Steven", "Andrew", "Kenneth", "George", "Edward",
    "Emmanuel", "Olaf", "Pedro", "Jorge", "Luis", "Carlos", "José", "Antonio", "Giorgio",
    "Marco", "Luca", "Hans", "Jürgen", "Klaus", "Pierre", "Jean", "François", "Ahmed",
    "Mohammed", "Omar", "Khalid", "Hassan", "Recep", "Mehmet", "Kemal", "Yusuf", "Li", "Wei",
    "Hiroshi", "Kenji", "Rahul", "Arjun", "Vikram", "Kwame", "Chinedu", "Tendai", "Jakub",
    "Łukasz", "Piotr", "Tomasz", "Viktor", "Nikolai", "Aleksandar", "Milan", "Henrik",
    "Lars", "Sven", "Mateusz", "Rafael", "Diego", "Samuel", "Benjamin", "Patrick", "Sean",
];

#[rustfmt::skip]
const FEMALE_GIVEN: &[&str] = &[
    "Olena", "Iryna", "Natalia", "Oksana", "Yulia", "Svitlana", "Tetiana", "Maria", "Anna",
    "Elena", "Olga", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
    "Jessica", "Sarah", "Karen", "Nancy", "Margaret", "Emily", "Charlotte", "Sophie", "Ursula",
    "Angela", "Annalena", "Giorgia", "Francesca", "Chiara", "Isabel", "Carmen", "Lucía",
    "Marine", "Élisabeth", "Claire", "Amélie", "Fatima", "Aisha", "Leila", "Noor", "Zeynep",
    "Ayşe", "Mei", "Yuki", "Priya", "Anjali", "Amara", "Ngozi", "Chipo", "Agnieszka",
    "Katarzyna", "Zofia", "Kaja", "Ingrid", "Astrid", "Sanna", "Jacinda", "Liz", "Nicola",
    "Kamala", "Hillary", "Grace", "Zoë", "Hannah", "Rachel", "Rebecca", "Laura", "Helen",
];

#[rustfmt::skip]
const SURNAME_HEAD: &[&str] = &[
    "Kov", "Bran", "Mor", "Hal", "Dur", "Pet", "Lind", "Ash", "Vol", "Ren", "Sar", "Tam",
    "Gor", "Fen", "Bel", "Kar", "Mel", "Nor", "Os", "Quin", "Rad", "Stav", "Tor", "Val", "Wes",
    "Zel", "Dan", "Hart", "Mil", "Shev", "Bond", "Kras", "Lev", "Mart", "Nik", "Pav", "Rom",
    "Sok", "Tkach", "Yar", "Bar", "Cal", "Fal", "Gal", "Hol", "Ivan", "Jan", "Lom", "Mak",
    "Pol", "Ros", "Tal", "Vin", "Wal", "Zar", "Ald", "Bur", "Cro", "Dal", "Eld",
];
#[rustfmt::skip]
const SURNAME_MID: &[&str] = &["", "", "a", "e", "i", "o", "an", "er", "or", "el"];
#[rustfmt::skip]
const SURNAME_TAIL: &[&str] = &[
    "enko", "chuk", "ski", "son", "ova", "ley", "dez", "ani", "berg", "ton", "ez", "ic", "ard",
    "well", "ford", "man", "ov", "ini", "ou", "ak", "ich", "ero", "by", "field", "stein",
    "ovic", "yan", "ides", "sen", "quist",
];
#[rustfmt::skip]
const SURNAME_FIXED: &[&str] = &[
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Roberts", "Walker",
    "Wright", "Garcia", "Martinez", "Lopez", "Gonzalez", "Rodriguez", "Müller", "Schmidt",
    "Schneider", "Fischer", "Weber", "Dubois", "Lefèvre", "Moreau", "Rossi", "Russo",
    "Bianchi", "Nowak", "Kowalski", "Wiśniewski", "Novák", "Horvat", "Nguyen", "Tran", "Wang",
    "Zhang", "Chen", "Tanaka", "Suzuki", "Sato", "Kim", "Park", "Singh", "Patel", "Sharma",
    "Okafor", "Mensah", "Moyo", "Haddad", "Khalil", "Özdemir", "Yılmaz", "Kaya", "Demir",
    "Ivanova", "Petrov", "Sokolov", "Popescu", "Jensen", "Nielsen", "Andersson", "O'Brien",
    "O'Neill", "McCarthy", "Al-Rashid", "Al-Masri",
];
const PARTICLES: &[&str] = &["von der", "van", "de", "bin", "da", "van der", "de la"];

const PERSON_TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Minister",
    "Foreign Minister",
    "General",
    "Dr",
    "Governor",
    "Mayor",
    "Senator",
    "Judge",
    "Professor",
    "Chancellor",
    "Ambassador",
    "Commissioner",
];
const LOWER_ROLES: &[&str] = &[
    "deputy defence minister",
    "finance minister",
    "opposition leader",
    "health secretary",
    "chief executive",
    "police chief",
    "regional governor",
    "party spokesperson",
    "energy minister",
    "trade unionist",
    "senior economist",
    "former ambassador",
];

#[rustfmt::skip]
const PLACE_HEAD: &[&str] = &[
    "Bor", "Kal", "Mar", "Nov", "Ost", "Pal", "Riv", "Sol", "Tar", "Vin", "Zar", "Bel", "Cor",
    "Dal", "Gal", "Hol", "Kir", "Lev", "Mir", "Nar", "Ash", "Brid", "Carl", "Dun", "Eller",
    "Fair", "Glen", "Hart", "Ips", "Kings", "Lang", "Middle", "North", "Oak", "Pen", "Queens",
    "Red", "Stan", "Tren", "Up", "Wex", "York", "Zhov", "Cher", "Lub", "Pryl", "Sev", "Khar",
    "Dnip", "Myk", "Ter", "Vys", "Ros", "Kras", "Bal", "Sar", "Tob", "Ust",
];
#[rustfmt::skip]
const PLACE_TAIL: &[&str] = &[
    "grad", "ovo", "sk", "burg", "ton", "ville", "port", "mouth", "ford", "iv", "ino", "ar",
    "ia", "dorf", "haven", "field", "opol", "yansk", "ivka", "ets", "bridge", "wick", "stad",
    "heim", "ora", "ana", "polis", "shire", "abad", "pur",
];
const REGION_DESIGNATORS: &[&str] = &["Oblast", "Province", "Region", "region", "County"];
const LANDMARK_FORMS: &[&str] = &["{} River", "{} River", "{} River", "{} Canal", "{} Strait"];

/// (country, demonym, takes "the")
const COUNTRIES: &[(&str, &str, bool)] = &[
    ("Ukraine", "Ukrainian", false),
    ("Russia", "Russian", false),
    ("Poland", "Polish", false),
    ("Germany", "German", false),
    ("France", "French", false),
    ("Italy", "Italian", false),
    ("Spain", "Spanish", false),
    ("Turkey", "Turkish", false),
    ("Egypt", "Egyptian", false),
    ("Israel", "Israeli", false),
    ("Canada", "Canadian", false),
    ("United States", "American", true),
    ("United Kingdom", "British", true),
    ("China", "Chinese", false),
    ("Japan", "Japanese", false),
    ("India", "Indian", false),
    ("Brazil", "Brazilian", false),
    ("Mexico", "Mexican", false),
    ("Nigeria", "Nigerian", false),
    ("Kenya", "Kenyan", false),
    ("South Africa", "South African", false),
    ("Australia", "Australian", false),
    ("Sweden", "Swedish", false),
    ("Finland", "Finnish", false),
    ("Norway", "Norwegian", false),
    ("Romania", "Romanian", false),
    ("Moldova", "Moldovan", false),
    ("Georgia", "Georgian", false),
    ("Kazakhstan", "Kazakh", false),
    ("Iran", "Iranian", false),
    ("Saudi Arabia", "Saudi", false),
    ("Pakistan", "Pakistani", false),
    ("Indonesia", "Indonesian", false),
    ("Argentina", "Argentine", false),
    ("Chile", "Chilean", false),
    ("Greece", "Greek", false),
    ("Hungary", "Hungarian", false),
    ("Netherlands", "Dutch", true),
    ("Philippines", "Filipino", true),
    ("Ireland", "Irish", false),
];

const MINISTRIES: &[&str] = &[
    "Defence",
    "Finance",
    "Health",
    "Foreign Affairs",
    "Energy",
    "Justice",
    "Interior",
    "Agriculture",
    "Education",
    "Transport",
    "Infrastructure",
    "Economy",
    "Culture",
    "Environment",
    "Labour and Social Policy",
];
const PARTY_ADJ: &[&str] = &[
    "Liberal",
    "Conservative",
    "Green",
    "Social Democratic",
    "People's",
    "Labour",
    "Progressive",
    "Unity",
    "Freedom",
    "National",
    "Democratic",
    "Reform",
];
const COMPANY_TAIL: &[&str] = &[
    "Holdings",
    "Energy",
    "Marine",
    "Motors",
    "Steel",
    "Airlines",
    "Telecom",
    "Group",
    "Pharma",
    "Logistics",
    "Mining",
    "Foods",
];
const FIXED_ORGS: &[(&str, bool)] = &[
    ("NATO", false),
    ("UN", true),
    ("EU", true),
    ("IMF", true),
    ("World Bank", true),
    ("OPEC", false),
    ("World Health Organization", true),
    ("International Court of Justice", true),
    ("European Commission", true),
    ("Red Cross", true),
    ("Supreme Court", true),
    ("Constitutional Court", true),
    ("Central Election Commission", true),
    ("International Atomic Energy Agency", true),
    ("Council of Europe", true),
    ("African Union", true),
    ("UNICEF", false),
    ("Amnesty International", false),
];

const TOPICS: &[&str] = &[
    "the grain deal",
    "the peace plan",
    "the budget",
    "the new tariffs",
    "the pension reform",
    "the energy package",
    "the aid programme",
    "the ceasefire proposal",
    "the rail strike",
    "fuel prices",
    "the housing plan",
    "the vaccine rollout",
    "flood defences",
    "the port blockade",
    "the corruption inquiry",
    "the trade agreement",
    "sanctions",
    "the refugee programme",
    "power cuts",
    "grain exports",
    "interest rates",
    "the election timetable",
    "the water shortage",
    "wildfire prevention",
    "the minimum wage",
    "the gas pipeline",
    "the bridge repairs",
    "hospital waiting lists",
    "the school closures",
    "the debt restructuring",
];
const TAGS: &[&str] = &[
    "politics",
    "economy",
    "energy",
    "elections",
    "climate",
    "conflict",
    "diplomacy",
    "health",
    "education",
    "transport",
    "housing",
    "agriculture",
    "trade",
    "finance",
    "technology",
    "justice",
    "crime",
    "environment",
    "refugees",
    "defence",
    "labour",
    "infrastructure",
    "water",
    "weather",
    "science",
    "culture",
    "sport",
    "media",
    "human rights",
    "corruption",
    "migration",
    "security",
    "budget",
    "taxes",
    "banking",
    "markets",
    "inflation",
    "employment",
    "industry",
    "shipping",
    "aviation",
    "food",
    "public health",
    "local government",
    "parliament",
    "protests",
    "courts",
    "telecoms",
    "tourism",
    "mining",
];
#[rustfmt::skip]
const VINF: &[&str] = &[
    "approve", "support", "sign", "discuss", "accept", "review", "fund", "block", "delay",
    "reconsider",
];
const VPP: &[&str] = &[
    "rejected",
    "accepted",
    "ignored",
    "postponed",
    "reviewed",
    "blocked",
    "approved",
    "criticised",
    "welcomed",
    "suspended",
];
const SAY_VERBS: &[&str] = &["said", "told reporters", "insisted", "added", "warned"];
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
];
const DUR_UNITS: &[&str] = &["day", "week", "month", "year"];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth", "latest", "final"];
const COMMODITIES: &[&str] = &[
    "wheat",
    "natural gas",
    "diesel",
    "sunflower oil",
    "electricity",
    "bread",
    "fertiliser",
    "copper",
    "coffee",
    "rice",
];
const LEADS: &[&str] = &["However, ", "Meanwhile, ", "Separately, ", "At the same time, ", "Earlier, "];
const TAILS: &[&str] = &[
    ", officials said",
    ", according to {O}",
    ", {P} said",
    ", a spokesperson for {O} said",
    ", local media reported",
    ", according to figures seen by reporters",
    " despite objections from {O}",
    ", {PP} office confirmed",
];
#[rustfmt::skip]
const OUTLETS: &[&str] = &[
    "thedailyledger", "eveningcourier", "northernpost", "worldwire", "capitalherald",
    "coastalgazette", "metrochronicle", "observerdaily", "bulletinnews", "globaldispatch",
];
const URL_SECTIONS: &[&str] = &["news", "world", "politics", "business", "uk-news", "europe"];

/// Sentence templates.  `{X}` slots are filled by [`Writer::slot`]; the sentence gets a
/// final period unless the template ends with its own closing punctuation.
const TEMPLATES: &[&str] = &[
    "{P} said {D} that the {NAT} government would not {VINF} {T} until {O} had {VPP} its demands",
    "{D}, {P} told reporters in {C} that {O} had {VPP} {T}",
    "More than {N} people gathered outside the offices of {O} in {C} {D} to protest against {T}",
    "Speaking in {C} {D}, {PP} spokesperson said the {DUR} agreement with {K} remained in force",
    "{P}, {AGE}, was arrested in {C} {D} after a {DUR} investigation by {O}",
    "According to {O}, more than {N} residents of {R} have been displaced since {DB}",
    "{O} said in a statement that {P} would travel to {C} {DF} for talks with {P}",
    "Officials in {R} said {T} had already cost the region {MONEY} so far",
    "{PP} comments came after {O} warned {D} that {T} could take {DURB} to resolve",
    "Talks between {P} and {P} on {T} are expected to resume in {C} {DF}",
    "\"{QUOTE},\" {P} {SAY}.",
    "\"{QUOTE},\" said {P}, who has led {O} {DURP}.",
    "{P} said: \"{QUOTE}.\"",
    "The {N} troops stationed near {C} were withdrawn {D}, {O} confirmed",
    "{D}, the price of {COMMODITY} in {K} rose by {PCT}, the highest level since {YEAR}",
    "The {DUR} contract between {O} and {O} was signed in {C} {D}",
    "{P} arrived in {C} {D} and met {P} at the headquarters of {O}",
    "Residents of {C}, a town of about {N} people in {R}, said the last deliveries arrived {D}",
    "{P} was first elected to parliament in {YEAR} and has served on the committee {DURP}",
    "{O} is due to publish its report on {T} {DF}, according to a draft seen by reporters",
    "{O} has called an emergency meeting {DF} to discuss {T} and the situation in {R}",
    "Prices in {C} have risen by {PCT} since {DB}, according to figures from {O}",
    "{P} and {P} spoke by telephone {D} for {SMALL} minutes about {T}",
    "The announcement came at {TIME} local time {D}, shortly after {PP} meeting with officials from {O}",
    "{RANGE}, more than {N} people crossed from {R} into {K}, {O} said",
    "Work on the bridge across the {L} began {D} and is expected to take another {DURB}",
    "The {NAT} ambassador to {K}, {P}, was summoned to {O} {D} to explain {T}",
    "{O} chief executive {P} said the company expected profits to fall by {PCT} {DY}",
    "Shares in {O} fell {PCT} in early trading {D} after {P} resigned as chairman",
    "Flooding along the {L} forced the evacuation of {N} homes in {R} {D}",
    "{PP} government collapsed in {YEAR} after a bitter dispute with {O} over {T}",
    "The {ORD} round of negotiations, held in {C} {D}, ended without agreement on {T}",
    "The mayor of {C}, {P}, said {N} households were still without power {D}",
    "{O} has been accused of delaying {T} {DURP} by critics in {R}",
    "Critics of {P} say the {DUR} plan will do little to address {T} in {R}",
    "Figures published by {O} {D} showed unemployment in {R} at {PCT}, up from {PCT} last year",
    "{P} denied that {O} had received {MONEY} from {O} between {YEAR} and {YEAR2}",
    "{D}, {NAT} forces said they had retaken {C}, a town {SMALL} kilometres north of {C}",
    "The {L} remained closed to shipping {D} after a {SMALL}-metre container ship ran aground near {C}",
    "{P} was born in {C} in {YEAR} and studied law at the University of {C} before joining {O}",
    "The hearing at {O} has been adjourned until {DFB} at the request of {PP} lawyers",
    "Inflation in {K} reached {PCT} in {MONTHYEAR}, the highest rate since the early 1990s",
    "{PP} office said the visit to {C} had been planned since {DB} but was kept secret",
    "Police in {C} said {SMALL} people had been detained {D} and released without charge",
    "A {AGE2} man from {C} was taken to hospital {D} after the explosion near the offices of {O}",
    "{P} is expected to meet {P} in {C} {DF} to sign the {DUR} agreement on {T}",
    "{P}, who turned {SMALL2} {D}, has been a member of {O} {DURP}",
    "{O} said the {N} tonnes of {COMMODITY} stuck in {C} could leave port {DF}",
    "Since {DB}, {O} has approved {MONEY} in emergency loans to {K} to support {T}",
    "{P} wrote on social media {D} that {O} would challenge the ruling at {O}",
    "The {NAT} delegation, led by {P}, left {C} {D} after {DURB} of talks with {O}",
    "{D}, {P} accused {O} of spreading false claims about {T} in {R}",
    "Nearly {N} people signed a petition calling on {P} to resign over {T} {D}",
    "{P}, a {AGE2} farmer from {R}, said the harvest had been the worst since {YEAR}",
    "The {SEATS}-seat chamber will vote on {T} {DF}, a week later than {O} had planned",
    "{O} estimated {DY} that {T} would cost {K} {MONEY}, or {PCT} of economic output",
];
const TITLE_TEMPLATES: &[&str] = &[
    "{PF} warns of delays to {T} after talks in {C}",
    "{O} to review {T} as pressure grows in {R}",
    "{NAT} forces retake {C} after {DURB} of fighting",
    "{C} residents count the cost of {T}",
    "{PS} says {O} will act on {T}",
    "{K0} and {K1} agree {DUR} deal on {T}",
    "Thousands protest in {C} over {T}",
    "{PF} resigns as {O} faces questions over {T}",
    "Floods hit {R} as the {L} bursts its banks",
    "{O} approves {MONEY} for {T} in {K}",
    "What {PPF} visit to {C} means for {T}",
    "{K} braces for strikes over {T}",
];
const QUOTES: &[&str] = &[
    "We will not give up on {T}",
    "This is a matter for {O} and nobody else",
    "Our priority is the people of {C}",
    "We expect a decision by {DFB}",
    "Nobody in {R} should have to live like this",
    "The next few days will be critical",
    "We have been working on this for {DURB}",
    "There is no alternative to {T}",
    "I spoke to {PS} {D} and we agreed to keep talking",
    "The situation in {C} is getting worse every day",
];

// ---------------------------------------------------------------------------------------
// Pools (built once from the seed)
// ---------------------------------------------------------------------------------------

struct Person {
    given: &'static str,
    middle: Option<char>,
    surname: String,
    female: bool,
    title: Option<&'static str>,
}

struct Org {
    name: String,
    the: bool,
}

struct Pools {
    people: Vec<Person>,
    cities: Vec<String>,
    regions: Vec<String>,
    landmarks: Vec<String>,
    orgs: Vec<Org>,
}

fn place_stem(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push_str(rng.word(PLACE_HEAD));
    s.push_str(rng.word(PLACE_TAIL));
    s
}

fn build_pools(seed: u64) -> Pools {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
    let mut people = Vec::with_capacity(6000);
    for _ in 0..6000 {
        let female = rng.chance(45);
        let given = if female { *rng.pick(FEMALE_GIVEN) } else { *rng.pick(MALE_GIVEN) };
        let mut surname = String::new();
        if rng.chance(3) {
            surname.push_str(rng.word(PARTICLES));
            surname.push(' ');
        }
        if rng.chance(30) {
            surname.push_str(rng.word(SURNAME_FIXED));
        } else {
            surname.push_str(rng.word(SURNAME_HEAD));
            surname.push_str(rng.word(SURNAME_MID));
            surname.push_str(rng.word(SURNAME_TAIL));
        }
        let middle = if rng.chance(25) { Some((b'A' + rng.below(26) as u8) as char) } else { None };
        let title = if rng.chance(15) { Some(*rng.pick(PERSON_TITLES)) } else { None };
        people.push(Person { given, middle, surname, female, title });
    }
    let cities = (0..1500).map(|_| place_stem(&mut rng)).collect();
    let regions = (0..400)
        .map(|_| {
            let stem = place_stem(&mut rng);
            match *rng.pick(REGION_DESIGNATORS) {
                "region" => format!("the {stem} region"),
                d => format!("{stem} {d}"),
            }
        })
        .collect();
    let landmarks = (0..150)
        .map(|_| {
            let stem = place_stem(&mut rng);
            rng.pick(LANDMARK_FORMS).replace("{}", &stem)
        })
        .collect();
    let mut orgs = Vec::with_capacity(900);
    for &(name, the) in FIXED_ORGS {
        orgs.push(Org { name: name.to_string(), the });
    }
    for _ in 0..880 {
        let (name, the) = match rng.below(8) {
            0 => (format!("Ministry of {}", rng.pick(MINISTRIES)), true),
            1 => (format!("{} Bank", place_stem(&mut rng)), false),
            2 => (format!("Bank of {}", place_stem(&mut rng)), true),
            3 => (format!("{} Party", rng.pick(PARTY_ADJ)), true),
            4 => {
                let len = 3 + rng.below(2);
                let acr: String = (0..len).map(|_| (b'A' + rng.below(26) as u8) as char).collect();
                (acr, rng.chance(40))
            }
            5 => {
                let tail = *rng.pick(COMPANY_TAIL);
                (format!("{} {tail}", place_stem(&mut rng)), false)
            }
            6 => (format!("University of {}", place_stem(&mut rng)), true),
            _ => (format!("{} Times", place_stem(&mut rng)), true),
        };
        orgs.push(Org { name, the });
    }
    Pools { people, cities, regions, landmarks, orgs }
}

// ---------------------------------------------------------------------------------------
// Article text
// ---------------------------------------------------------------------------------------

struct Cast {
    people: Vec<usize>,
    mentioned: Vec<bool>,
    cities: Vec<usize>,
    regions: Vec<usize>,
    orgs: Vec<usize>,
    countries: Vec<usize>,
    landmark: usize,
}

struct Writer<'a> {
    pools: &'a Pools,
    rng: Rng,
    pub_day: i64,
    cast: Cast,
    /// People already named in the current sentence.
    used: Vec<usize>,
    /// Cast slot of the organisation named last, to vary the next one.
    last_org: usize,
}

fn push_number(out: &mut String, n: u64) {
    let s = n.to_string();
    let len = s.len();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
}

impl<'a> Writer<'a> {
    fn new(pools: &'a Pools, rng: Rng, pub_day: i64) -> Self {
        let mut w = Writer {
            pools,
            rng,
            pub_day,
            used: Vec::new(),
            last_org: usize::MAX,
            cast: Cast {
                people: Vec::new(),
                mentioned: Vec::new(),
                cities: Vec::new(),
                regions: Vec::new(),
                orgs: Vec::new(),
                countries: Vec::new(),
                landmark: 0,
            },
        };
        w.new_cast();
        w
    }

    fn new_cast(&mut self) {
        let r = &mut self.rng;
        let np = 3 + r.below(4);
        let people = (0..np)
            .map(|_| {
                if r.chance(30) {
                    r.below(150) // the "famous" few recur across the corpus
                } else {
                    r.below(self.pools.people.len())
                }
            })
            .collect();
        self.cast = Cast {
            people,
            mentioned: vec![false; np],
            cities: (0..2 + r.below(3)).map(|_| r.below(self.pools.cities.len())).collect(),
            regions: (0..1 + r.below(2)).map(|_| r.below(self.pools.regions.len())).collect(),
            orgs: (0..2 + r.below(3))
                .map(|_| if r.chance(25) { r.below(FIXED_ORGS.len()) } else { r.below(self.pools.orgs.len()) })
                .collect(),
            countries: {
                let a = r.below(COUNTRIES.len());
                vec![a, (a + 1 + r.below(COUNTRIES.len() - 1)) % COUNTRIES.len()]
            },
            landmark: r.below(self.pools.landmarks.len()),
        };
    }

    /// Picks a cast member, preferring ones already introduced.
    fn pick_person(&mut self) -> usize {
        let introduced: usize = self.cast.mentioned.iter().filter(|m| **m).count();
        if introduced > 0 && self.rng.chance(55) {
            let mut k = self.rng.below(introduced);
            for (i, m) in self.cast.mentioned.iter().enumerate() {
                if *m {
                    if k == 0 {
                        return i;
                    }
                    k -= 1;
                }
            }
        }
        self.rng.below(self.cast.people.len())
    }

    fn person_full(&mut self, out: &mut String, slot: usize) {
        self.cast.mentioned[slot] = true;
        let p = &self.pools.people[self.cast.people[slot]];
        let r = &mut self.rng;
        match r.below(10) {
            0..=1 if p.title.is_some() => {
                out.push_str(p.title.unwrap_or_default());
                out.push(' ');
            }
            2 => {
                out.push_str(r.word(LOWER_ROLES));
                out.push(' ');
            }
            3 if p.middle.is_some() => {
                // Initials: "J. R. Smith"
                out.push(p.given.chars().next().unwrap_or('A'));
                out.push_str(". ");
                out.push(p.middle.unwrap_or('A'));
                out.push_str(". ");
                out.push_str(&p.surname);
                return;
            }
            _ => {}
        }
        out.push_str(p.given);
        if let Some(m) = p.middle {
            if r.chance(20) {
                out.push(' ');
                out.push(m);
                out.push('.');
            }
        }
        out.push(' ');
        out.push_str(&p.surname);
    }

    fn person_ref(&mut self, out: &mut String, slot: usize) {
        let p = &self.pools.people[self.cast.people[slot]];
        match self.rng.below(10) {
            0..=3 => {}
            4..=6 => out.push_str(if p.female { "Ms " } else { "Mr " }),
            7 if p.title.is_some() => {
                out.push_str(p.title.unwrap_or_default());
                out.push(' ');
            }
            8 => {
                out.push_str(p.given);
                out.push(' ');
            }
            _ => out.push_str(if p.female { "Mrs " } else { "Mr " }),
        }
        out.push_str(&p.surname);
    }

    fn person(&mut self, out: &mut String) {
        let mut slot = self.pick_person();
        for _ in 0..4 {
            if !self.used.contains(&slot) {
                break;
            }
            slot = self.pick_person();
        }
        self.used.push(slot);
        if self.cast.mentioned[slot] {
            self.person_ref(out, slot);
        } else {
            self.person_full(out, slot);
        }
    }

    fn possessive(&mut self, out: &mut String) {
        self.person(out);
        out.push_str(if self.rng.chance(10) { "\u{2019}s" } else { "'s" });
    }

    fn org(&mut self, out: &mut String) {
        let mut k = self.rng.below(self.cast.orgs.len());
        if k == self.last_org {
            k = (k + 1) % self.cast.orgs.len();
        }
        self.last_org = k;
        let o = &self.pools.orgs[self.cast.orgs[k]];
        if o.the {
            out.push_str("the ");
        }
        out.push_str(&o.name);
    }

    fn country(&mut self, out: &mut String, which: Option<usize>) {
        let k = which.unwrap_or_else(|| usize::from(self.rng.chance(75)));
        let (name, _, the) = COUNTRIES[self.cast.countries[k]];
        match name {
            "United States" if self.rng.chance(50) => {
                out.push_str(if self.rng.chance(50) { "the US" } else { "the U.S." })
            }
            "United Kingdom" if self.rng.chance(50) => out.push_str("the UK"),
            _ => {
                if the {
                    out.push_str("the ");
                }
                out.push_str(name);
            }
        }
    }

    fn month_day(&mut self, out: &mut String, day: i64) {
        let (y, m, d) = civil_from_days(day);
        let mi = m as usize - 1;
        match self.rng.below(8) {
            0 | 1 => {
                let _ = write!(out, "{} {d}", MONTHS[mi]);
            }
            2 => {
                let _ = write!(out, "{d} {} {y}", MONTHS[mi]);
            }
            3 => {
                let _ = write!(out, "{} {d}", MONTHS_ABBR[mi]);
            }
            4 => {
                let _ = write!(out, "{} {d}{}", MONTHS[mi], ordinal_suffix(d));
            }
            5 => {
                let _ = write!(out, "{y}-{m:02}-{d:02}");
            }
            6 => {
                let _ = write!(out, "{d:02}/{m:02}/{y}");
            }
            _ => {
                let _ = write!(out, "{d} {}", MONTHS[mi]);
            }
        }
    }

    /// A date expression.  `prep` adds the preposition a mid-sentence adverbial needs
    /// ("on March 3", "in early April"); without it the bare form follows "since"/"until".
    fn date(&mut self, out: &mut String, prep: bool, future: bool) {
        let p = self.pub_day;
        let r = &mut self.rng;
        let offset = if future { r.range(1, 25) } else { -r.range(1, 45) };
        match r.below(24) {
            0..=7 => {
                if prep {
                    out.push_str(if r.chance(85) { "on " } else { "around " });
                }
                self.month_day(out, p + offset);
            }
            8..=10 => {
                let k = if future { r.range(1, 6) } else { -r.range(1, 6) };
                if prep {
                    out.push_str("on ");
                }
                out.push_str(WEEKDAYS[weekday(p + k)]);
            }
            11 | 12 => {
                let w = match (future, prep) {
                    (true, true) => r.word(&["tomorrow", "tomorrow morning", "later today"]),
                    (true, false) => "tomorrow",
                    (false, true) => r.word(&[
                        "yesterday",
                        "earlier today",
                        "last night",
                        "this morning",
                        "today",
                        "yesterday afternoon",
                    ]),
                    (false, false) => r.word(&["yesterday", "last night", "this morning"]),
                };
                out.push_str(w);
            }
            13 | 14 => {
                let w = match (future, prep) {
                    (true, true) => r.word(&["next week", "later this month", "next month"]),
                    (true, false) => r.word(&["next week", "next month"]),
                    (false, true) => {
                        r.word(&["last week", "this week", "earlier this month", "last month", "earlier this week"])
                    }
                    (false, false) => r.word(&["last week", "last month"]),
                };
                out.push_str(w);
            }
            15..=17 => {
                let (_, m, _) = civil_from_days(p + offset * 2);
                let month = MONTHS[m as usize - 1];
                let (pre, form) = *r.pick(&[
                    ("at ", "the beginning of "),
                    ("in ", "early "),
                    ("in ", "mid-"),
                    ("in ", "late "),
                    ("at ", "the end of "),
                    ("in ", "the middle of "),
                    ("at ", "the start of "),
                ]);
                if prep {
                    out.push_str(if future && r.chance(50) { "by " } else { pre });
                }
                out.push_str(form);
                out.push_str(month);
            }
            18 => {
                let w = if future {
                    r.word(&["next year", "next summer", "next spring"])
                } else {
                    r.word(&["last year", "last summer", "last winter", "last autumn"])
                };
                out.push_str(w);
            }
            19 | 20 => {
                let (y, m, _) = civil_from_days(p + offset * 3);
                if prep {
                    out.push_str("in ");
                }
                let _ = write!(out, "{} {y}", MONTHS[m as usize - 1]);
            }
            21 => {
                let (y, _, _) = civil_from_days(p);
                if prep {
                    out.push_str("in ");
                }
                let _ = write!(out, "{}", if future { y + 1 } else { y - r.range(1, 4) });
            }
            22 => {
                let (y, m, _) = civil_from_days(p);
                let q = (m as usize - 1) / 3;
                let (qy, qi) = match (future, q) {
                    (true, 3) => (y + 1, 0),
                    (true, _) => (y, q + 1),
                    (false, 0) => (y - 1, 3),
                    (false, _) => (y, q - 1),
                };
                if prep {
                    out.push_str("in ");
                }
                let name = ["first", "second", "third", "fourth"][qi];
                let _ = write!(out, "the {name} quarter of {qy}");
            }
            _ => {
                if future {
                    out.push_str("next year");
                } else {
                    if prep {
                        out.push_str("in ");
                    }
                    out.push_str(r.word(&["the 1990s", "the 1980s", "the early 2000s", "the 2010s"]));
                }
            }
        }
    }

    fn range(&mut self, out: &mut String) {
        let start = self.pub_day - self.rng.range(5, 40);
        let (_, m, d) = civil_from_days(start);
        let len = self.rng.range(1, 4);
        let (_, m2, d2) = civil_from_days(start + len);
        let month = MONTHS[m as usize - 1];
        if m2 == m && self.rng.chance(50) {
            let _ = write!(out, "between {d} and {d2} {month}");
        } else if m2 == m {
            let _ = write!(out, "from {month} {d} to {d2}");
        } else {
            let _ = write!(out, "from {month} {d} to {} {d2}", MONTHS[m2 as usize - 1]);
        }
    }

    fn slot(&mut self, out: &mut String, name: &str) {
        let pools = self.pools;
        match name {
            "P" => self.person(out),
            "PF" => {
                let slot = self.rng.below(self.cast.people.len());
                self.person_full(out, slot);
            }
            "PS" => {
                let slot = self.pick_person();
                self.cast.mentioned[slot] = true;
                out.push_str(&pools.people[self.cast.people[slot]].surname);
            }
            "PP" => self.possessive(out),
            "PPF" => {
                let slot = self.rng.below(self.cast.people.len());
                self.person_full(out, slot);
                out.push_str("'s");
            }
            "C" => out.push_str(&pools.cities[*self.rng.pick(&self.cast.cities)]),
            "R" => out.push_str(&pools.regions[*self.rng.pick(&self.cast.regions)]),
            "L" => out.push_str(&pools.landmarks[self.cast.landmark]),
            "K" => self.country(out, None),
            "K0" => self.country(out, Some(0)),
            "K1" => self.country(out, Some(1)),
            "NAT" => out.push_str(COUNTRIES[self.cast.countries[0]].1),
            "O" => self.org(out),
            "T" => out.push_str(self.rng.word(TOPICS)),
            "VINF" => out.push_str(self.rng.word(VINF)),
            "VPP" => out.push_str(self.rng.word(VPP)),
            "SAY" => out.push_str(self.rng.word(SAY_VERBS)),
            "COMMODITY" => out.push_str(self.rng.word(COMMODITIES)),
            "ORD" => out.push_str(self.rng.word(ORDINALS)),
            "D" => self.date(out, true, false),
            "DB" => self.date(out, false, false),
            "DF" => self.date(out, true, true),
            "DFB" => self.date(out, false, true),
            "DY" => out.push_str(self.rng.word(&["this year", "next year", "in 2024"])),
            "RANGE" => self.range(out),
            "YEAR" => {
                let _ = write!(out, "{}", self.rng.range(1985, 2021));
            }
            "YEAR2" => {
                let _ = write!(out, "{}", self.rng.range(2021, 2022));
            }
            "MONTHYEAR" => {
                let (y, m, _) = civil_from_days(self.pub_day - self.rng.range(20, 70));
                let _ = write!(out, "{} {y}", MONTHS[m as usize - 1]);
            }
            "N" => {
                let n = match self.rng.below(4) {
                    0 => self.rng.range(1, 40) as u64 * 500,
                    1 => self.rng.range(1000, 99_999) as u64,
                    2 => self.rng.range(100, 999) as u64,
                    _ => self.rng.range(1, 300) as u64 * 1000,
                };
                push_number(out, n);
            }
            "SMALL" => {
                let _ = write!(out, "{}", self.rng.range(2, 60));
            }
            "SEATS" => {
                let _ = write!(out, "{}", self.rng.range(100, 650));
            }
            "SMALL2" => {
                let _ = write!(out, "{}", self.rng.range(40, 80));
            }
            "MONEY" => {
                let cur = *self.rng.pick(&["$", "£", "€"]);
                match self.rng.below(3) {
                    0 => {
                        let _ = write!(out, "{cur}{}.{}bn", self.rng.range(1, 40), self.rng.range(1, 9));
                    }
                    1 => {
                        let _ = write!(out, "{cur}{}m", self.rng.range(2, 900));
                    }
                    _ => {
                        let _ = write!(out, "{cur}{} million", self.rng.range(2, 900));
                    }
                }
            }
            "PCT" => {
                if self.rng.chance(50) {
                    let _ = write!(out, "{}.{}%", self.rng.range(0, 19), self.rng.range(0, 9));
                } else {
                    let _ = write!(out, "{} per cent", self.rng.range(2, 45));
                }
            }
            "DUR" => {
                let _ = write!(out, "{}-{}", self.rng.range(2, 30), self.rng.pick(DUR_UNITS));
            }
            "DURB" => {
                let n = *self.rng.pick(NUMBER_WORDS);
                let _ = write!(out, "{n} {}s", self.rng.pick(DUR_UNITS));
            }
            "DURP" => match self.rng.below(3) {
                0 => {
                    let n = *self.rng.pick(NUMBER_WORDS);
                    let _ = write!(out, "for {n} {}s", self.rng.pick(DUR_UNITS));
                }
                1 => {
                    let _ = write!(out, "for more than a {}", self.rng.pick(DUR_UNITS));
                }
                _ => {
                    let _ = write!(out, "for {} years", self.rng.range(2, 25));
                }
            },
            "AGE" => {
                if self.rng.chance(50) {
                    let _ = write!(out, "aged {}", self.rng.range(19, 85));
                } else {
                    let _ = write!(out, "a {}-year-old", self.rng.range(19, 85));
                }
            }
            "AGE2" => {
                let _ = write!(out, "{}-year-old", self.rng.range(19, 85));
            }
            "TIME" => {
                if self.rng.chance(50) {
                    let _ = write!(out, "{}pm", self.rng.range(1, 11));
                } else {
                    let _ = write!(out, "{}:{:02}", self.rng.range(6, 22), self.rng.range(0, 11) * 5);
                }
            }
            "QUOTE" => {
                let q = *self.rng.pick(QUOTES);
                self.fill(out, q);
            }
            _ => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }

    fn fill(&mut self, out: &mut String, template: &str) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').unwrap_or(rest.len() - open);
            self.slot(out, &rest[open + 1..close]);
            rest = rest.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
    }

    fn sentence(&mut self, out: &mut String) {
        let start = out.len();
        self.used.clear();
        let t = *self.rng.pick(TEMPLATES);
        let closed = t.ends_with('.') || t.ends_with('"');
        if !closed && (t.starts_with("{P") || t.starts_with("{O")) && self.rng.chance(12) {
            out.push_str(self.rng.word(LEADS));
        }
        self.fill(out, t);
        if !closed {
            let attributed = [" said", "confirmed", "according to"].iter().any(|w| t.contains(w));
            if !attributed && self.rng.chance(30) {
                let tail = *self.rng.pick(TAILS);
                self.fill(out, tail);
            }
            out.push('.');
        }
        capitalise_at(out, start);
    }

    fn title(&mut self, out: &mut String) {
        let start = out.len();
        self.used.clear();
        let t = *self.rng.pick(TITLE_TEMPLATES);
        self.fill(out, t);
        capitalise_at(out, start);
        // The body introduces people again: a headline mention does not count.
        for m in &mut self.cast.mentioned {
            *m = false;
        }
    }
}

/// Upper-cases the first letter at or after `start` (skipping an opening quote).
fn capitalise_at(s: &mut String, start: usize) {
    let Some((i, c)) = s[start..].char_indices().find(|(_, c)| c.is_alphanumeric()) else {
        return;
    };
    if c.is_lowercase() {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(start + i..start + i + c.len_utf8(), &upper);
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn toml_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------------------
// One article
// ---------------------------------------------------------------------------------------

struct Article {
    rel_dir: String,
    stem: String,
    markdown: bool,
    title: String,
    date: String,
    source: String,
    tags: Vec<&'static str>,
    summary: Option<String>,
    /// Sentences, and the paragraph each one belongs to.
    sentences: Vec<String>,
    paragraph_ends: Vec<usize>,
    /// Optional Markdown extras: (paragraph index, kind).
    blockquote: Option<usize>,
    heading: Option<(usize, String)>,
}

const FIRST_DAY: (i64, u32, u32) = (2022, 1, 1);
const LAST_DAY: (i64, u32, u32) = (2023, 12, 31);

fn make_article(pools: &Pools, seed: u64, index: u64) -> Article {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD134_2543_DE82_EF95));
    let first = days_from_civil(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2);
    let last = days_from_civil(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2);
    let pub_day = rng.range(first, last);
    let (y, m, d) = civil_from_days(pub_day);
    let markdown = index % 2 == 1;
    let hash = rng.next_u64();
    let mut w = Writer::new(pools, rng, pub_day);

    let mut title = String::new();
    w.title(&mut title);

    let n_sentences = 22 + w.rng.below(8);
    let mut sentences = Vec::with_capacity(n_sentences);
    for _ in 0..n_sentences {
        let mut s = String::with_capacity(160);
        w.sentence(&mut s);
        sentences.push(s);
    }
    let mut paragraph_ends = Vec::new();
    let mut i = 0;
    while i < n_sentences {
        i = (i + 2 + w.rng.below(4)).min(n_sentences);
        paragraph_ends.push(i);
    }

    let mut tags = Vec::new();
    let mut summary = None;
    let mut blockquote = None;
    let mut heading = None;
    if markdown {
        let nt = 1 + w.rng.below(4);
        while tags.len() < nt {
            let t = *w.rng.pick(TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        if w.rng.chance(50) {
            let mut s = String::new();
            w.sentence(&mut s);
            summary = Some(s);
        }
        if w.rng.chance(30) && paragraph_ends.len() > 2 {
            blockquote = Some(1 + w.rng.below(paragraph_ends.len() - 1));
        }
        if w.rng.chance(15) && paragraph_ends.len() > 3 {
            let mut h = String::new();
            w.fill(&mut h, "What happens next in {C}");
            heading = Some((2, h));
        }
        // Light inline Markdown: emphasis and a link inside a couple of sentences.
        if w.rng.chance(40) {
            let k = w.rng.below(sentences.len());
            for word in [" not ", " still ", " emergency ", " secret ", " worst ", " highest "] {
                if let Some(pos) = sentences[k].find(word) {
                    let inner = word.trim();
                    let new = format!(" *{inner}* ");
                    sentences[k].replace_range(pos..pos + word.len(), &new);
                    break;
                }
            }
        }
        if w.rng.chance(25) {
            let k = w.rng.below(sentences.len());
            let s = &sentences[k];
            if let Some(pos) = s.find(" report ") {
                let end = pos + " report".len();
                let link = format!(
                    " [report](https://www.{}.example/reports/{})",
                    w.rng.pick(OUTLETS),
                    w.rng.range(1000, 99_999)
                );
                let new = format!("{}{}{}", &s[..pos], link, &s[end..]);
                sentences[k] = new;
            }
        }
    }

    let slug = slugify(&title);
    let slug: String = slug.chars().take(60).collect();
    let source = format!(
        "https://www.{}.example/{}/{}-{}",
        w.rng.pick(OUTLETS),
        w.rng.pick(URL_SECTIONS),
        slug.trim_end_matches('-'),
        10_000_000 + w.rng.below(89_999_999)
    );
    Article {
        rel_dir: format!("{y}/{m:02}"),
        stem: format!("{index:06}_{hash:016x}"),
        markdown,
        title,
        date: format!("{y}-{m:02}-{d:02}"),
        source,
        tags,
        summary,
        sentences,
        paragraph_ends,
        blockquote,
        heading,
    }
}

/// newsreel plain-text form.
fn render_txt(a: &Article, buf: &mut String) {
    buf.push_str(&a.title);
    buf.push('\n');
    buf.push_str(&a.date.replace('-', ""));
    buf.push('\n');
    buf.push_str(&a.source);
    buf.push('\n');
    for s in &a.sentences {
        buf.push_str(s);
        buf.push('\n');
    }
}

fn render_front_matter(a: &Article, buf: &mut String, with_tags: bool) {
    buf.push_str("+++\ntitle = ");
    toml_str(buf, &a.title);
    buf.push_str("\ndate = ");
    toml_str(buf, &a.date);
    buf.push_str("\nsource = ");
    toml_str(buf, &a.source);
    if with_tags {
        buf.push_str("\ntags = [");
        for (i, t) in a.tags.iter().enumerate() {
            if i > 0 {
                buf.push_str(", ");
            }
            toml_str(buf, t);
        }
        buf.push(']');
    }
    if let Some(s) = &a.summary {
        buf.push_str("\nsummary = ");
        toml_str(buf, s);
    }
    buf.push_str("\n+++\n");
}

/// Markdown body: paragraphs, with the optional blockquote and heading.
fn render_md_body(a: &Article, buf: &mut String) {
    let mut start = 0;
    for (p, &end) in a.paragraph_ends.iter().enumerate() {
        buf.push('\n');
        if let Some((hp, h)) = &a.heading {
            if *hp == p {
                buf.push_str("## ");
                buf.push_str(h);
                buf.push_str("\n\n");
            }
        }
        let quote = a.blockquote == Some(p);
        for (i, s) in a.sentences[start..end].iter().enumerate() {
            if i == 0 && quote {
                buf.push_str("> ");
            } else if i > 0 {
                buf.push(if quote { '\n' } else { ' ' });
                if quote {
                    buf.push_str("> ");
                }
            }
            buf.push_str(s);
        }
        buf.push('\n');
        start = end;
    }
}

/// newsreel Markdown form (also valid Hugo content as is).
fn render_md(a: &Article, buf: &mut String) {
    render_front_matter(a, buf, true);
    render_md_body(a, buf);
}

/// Hugo form of a plain-text article: same title/date/source, one paragraph per line.
fn render_txt_as_hugo(a: &Article, buf: &mut String) {
    render_front_matter(a, buf, false);
    for s in &a.sentences {
        buf.push('\n');
        buf.push_str(s);
        buf.push('\n');
    }
}

// ---------------------------------------------------------------------------------------
// Site files
// ---------------------------------------------------------------------------------------

fn site_toml(n: u64, seed: u64) -> String {
    format!(
        "title = \"Newsreel benchmark digest\"\n\
         description = \"Synthetic news corpus: {n} articles, seed {seed}\"\n\
         base_url = \"https://bench.newsreel.example/\"\n\
         language = \"en\"\n\
         output_dir = \"public\"\n\
         articles_per_page = 20\n"
    )
}

fn hugo_toml(n: u64, seed: u64) -> String {
    format!(
        "baseURL = \"https://bench.newsreel.example/\"\n\
         languageCode = \"en\"\n\
         title = \"Newsreel benchmark digest\"\n\
         # Hugo <= 0.127; newer versions read [pagination] pagerSize instead.\n\
         paginate = 20\n\
         # Pages comparable to what newsreel writes: home (paginated), articles, tag pages.\n\
         disableKinds = [\"RSS\", \"sitemap\", \"section\", \"robotsTXT\", \"404\"]\n\
         \n\
         [params]\n\
         description = \"Synthetic news corpus: {n} articles, seed {seed}\"\n\n\
         [taxonomies]\n\
         tag = \"tags\"\n\n\
         [pagination]\n\
         pagerSize = 20\n"
    )
}

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "/tags/" | relURL }}">Tags</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Params.description }}</footer>
</body>
</html>
"#,
    ),
    (
        "partials/article-summary.html",
        r#"<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary }}</p>
</article>
"#,
    ),
    (
        "partials/pager.html",
        r#"<nav class="pager">
{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL }}">Newer</a>{{ end }}
<span>Page {{ .PageNumber }} of {{ .TotalPages }}</span>
{{ if .HasNext }}<a rel="next" href="{{ .Next.URL }}">Older</a>{{ end }}
</nav>
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
{{ $paginator := .Paginate site.RegularPages }}
{{ range $paginator.Pages }}{{ partial "article-summary.html" . }}{{ end }}
{{ partial "pager.html" $paginator }}
{{ end }}
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.source }}<p class="source"><a href="{{ . }}">Source</a></p>{{ end }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
{{ range $paginator.Pages }}{{ partial "article-summary.html" . }}{{ end }}
{{ partial "pager.html" $paginator }}
{{ end }}
"#,
    ),
    (
        "_default/terms.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
"#,
    ),
];

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

struct Options {
    n: u64,
    out: PathBuf,
    seed: u64,
    hugo: Option<PathBuf>,
}

const USAGE: &str = "usage: gen_corpus --n N --out DIR [--seed 42] [--hugo HUGO_DIR]\n\n\
     Writes a deterministic newsreel site of N synthetic news articles into DIR\n\
     (and the same corpus as a Hugo site into HUGO_DIR). DIR/content and\n\
     HUGO_DIR/content must not exist yet.";

fn parse_args() -> Result<Options, String> {
    let mut n = None;
    let mut out = None;
    let mut seed = 42;
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let mut value = || inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--n" => n = Some(value()?.parse().map_err(|e| format!("--n: {e}"))?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--hugo" => hugo = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    Ok(Options { n: n.ok_or("--n is required")?, out: out.ok_or("--out is required")?, seed, hugo })
}

fn write_file(path: &Path, data: &[u8]) -> io::Result<()> {
    let mut f = BufWriter::new(fs::File::create(path)?);
    f.write_all(data)?;
    f.flush()
}

fn prepare(root: &Path) -> io::Result<()> {
    let content = root.join("content");
    if content.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists: remove it first", content.display()),
        ));
    }
    fs::create_dir_all(&content)
}

const CHUNK: u64 = 64;

fn write_articles(opts: &Options, pools: &Pools, next: &AtomicU64) -> io::Result<u64> {
    let mut buf = String::with_capacity(8192);
    let mut words = 0u64;
    loop {
        let first = next.fetch_add(CHUNK, Ordering::Relaxed);
        if first >= opts.n {
            return Ok(words);
        }
        for i in first..(first + CHUNK).min(opts.n) {
            let a = make_article(pools, opts.seed, i);
            buf.clear();
            if a.markdown {
                render_md(&a, &mut buf);
            } else {
                render_txt(&a, &mut buf);
            }
            words += buf.split_ascii_whitespace().count() as u64;
            let ext = if a.markdown { "md" } else { "txt" };
            let name = format!("{}/{}.{ext}", a.rel_dir, a.stem);
            write_file(&opts.out.join("content").join(&name), buf.as_bytes())?;
            if let Some(h) = &opts.hugo {
                if !a.markdown {
                    buf.clear();
                    render_txt_as_hugo(&a, &mut buf);
                }
                let name = format!("{}/{}.md", a.rel_dir, a.stem);
                write_file(&h.join("content/posts").join(name), buf.as_bytes())?;
            }
        }
    }
}

fn run(opts: &Options) -> io::Result<()> {
    let started = Instant::now();
    prepare(&opts.out)?;
    write_file(&opts.out.join("site.toml"), site_toml(opts.n, opts.seed).as_bytes())?;
    if let Some(h) = &opts.hugo {
        prepare(h)?;
        write_file(&h.join("hugo.toml"), hugo_toml(opts.n, opts.seed).as_bytes())?;
        for (rel, text) in HUGO_LAYOUTS {
            let path = h.join("layouts").join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            write_file(&path, text.as_bytes())?;
        }
    }

    // Every year/month folder up front, so the workers only create files.
    for year in FIRST_DAY.0..=LAST_DAY.0 {
        for month in 1..=12 {
            let rel = format!("{year}/{month:02}");
            fs::create_dir_all(opts.out.join("content").join(&rel))?;
            if let Some(h) = &opts.hugo {
                fs::create_dir_all(h.join("content").join("posts").join(&rel))?;
            }
        }
    }

    // Articles depend only on (seed, index), so workers can take chunks in any order.
    let pools = build_pools(opts.seed);
    let next = AtomicU64::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let words = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(|| write_articles(opts, &pools, &next))).collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err(io::Error::other("worker panicked"))))
            .sum::<io::Result<u64>>()
    })?;
    eprintln!(
        "gen_corpus: {} articles, {} words, seed {} -> {}{} in {:.2}s",
        opts.n,
        words,
        opts.seed,
        opts.out.display(),
        opts.hugo.as_ref().map(|h| format!(" and {}", h.display())).unwrap_or_default(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if e.is_empty() {
                // --help: usage on stdout.
                let _ = writeln!(io::stdout().lock(), "{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("gen_corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
