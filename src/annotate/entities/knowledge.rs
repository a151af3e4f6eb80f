//! Built-in knowledge (the `data/` files compiled into the binary with `include_str!`) merged with
//! the site's own gazetteer into hash tables, built once per run and shared read-only.

use super::hash::FxMap;
use super::{EntityKind, GazetteerEntry};

const PLACES: &str = include_str!("../../../data/places.tsv");
const GIVEN: &str = include_str!("../../../data/given_names.txt");
const COMMON: &str = include_str!("../../../data/common_words.txt");
const HONORIFICS: &str = include_str!("../../../data/honorifics.txt");
const ORG_CUES: &str = include_str!("../../../data/org_cues.txt");
const PLACE_CUES: &str = include_str!("../../../data/place_cues.txt");
const DEMONYMS: &str = include_str!("../../../data/demonyms.txt");
const STOPWORDS: &str = include_str!("../../../data/stopwords.txt");
const ACRONYMS: &str = include_str!("../../../data/acronym_orgs.tsv");
const ALIASES: &str = include_str!("../../../data/known_aliases.tsv");
const KNOWN: &str = include_str!("../../../data/known_entities.tsv");

/// Word flags (one table for capitalised and lower-case words).
pub mod w {
    pub const STOP: u32 = 1;
    pub const DEMONYM: u32 = 1 << 1;
    /// A title that precedes a name ("President", "Mr", lower-case "minister").
    pub const HONORIFIC: u32 = 1 << 2;
    /// A word of a multi-word title that is not a title alone ("Prime", "Foreign").
    pub const HONOR_PART: u32 = 1 << 3;
    pub const ORG_TAIL: u32 = 1 << 4;
    pub const ORG_HEAD: u32 = 1 << 5;
    pub const PLACE_TAIL: u32 = 1 << 6;
    pub const PLACE_HEAD: u32 = 1 << 7;
    pub const GIVEN: u32 = 1 << 8;
    /// Given name that is also a common English word ("Mark", "Rose").
    pub const GIVEN_WEAK: u32 = 1 << 9;
    /// Function word: never starts a name, even inside a run ("The", "However", "When").
    pub const FUNCTION: u32 = 1 << 10;
    /// Lower-case connectors inside names.
    pub const CONN_OF: u32 = 1 << 11;
    pub const CONN_AND: u32 = 1 << 12;
    pub const CONN_THE: u32 = 1 << 13;
    pub const PARTICLE: u32 = 1 << 14;
    /// Lower-case context words.
    pub const PREV_PLACE: u32 = 1 << 15;
    pub const NEXT_PLACE: u32 = 1 << 16;
    pub const PREV_PERSON: u32 = 1 << 17;
    pub const NEXT_PERSON: u32 = 1 << 18;
    /// Nouns that, before "of", announce a place ("the town of X").
    pub const PLACE_OF: u32 = 1 << 19;
    /// Days, months, seasons, holidays: never continue a name across "of"/"on".
    pub const TIME: u32 = 1 << 20;
    /// Verbs of motion: "travelled to X", "fled from X" make X a place.
    pub const MOTION: u32 = 1 << 21;
    /// Given name that is rare everywhere: evidence inside a multi-word name only.
    pub const GIVEN_RARE: u32 = 1 << 22;
    /// A frequent English word, capitalised ("Credit", "Judges"): weak evidence of a name.
    pub const COMMON: u32 = 1 << 23;
    pub const CUE: u32 = ORG_TAIL | ORG_HEAD | PLACE_TAIL | PLACE_HEAD;
    pub const CONNECTOR: u32 = CONN_OF | CONN_AND | CONN_THE | PARTICLE;
}

/// No index.
pub const NONE: u32 = u32::MAX;

/// Where a known name comes from (decides how much it is trusted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Site,
    Curated,
    Acronym,
    Country,
    Region,
    City,
}

/// A known name (one or more words).
#[derive(Clone, Copy, Debug)]
pub struct Phrase {
    pub kind: EntityKind,
    pub source: Source,
    /// Index into `Knowledge::canon` (the canonical name), or NONE when the name is canonical.
    pub canon: u32,
    /// Index into the site gazetteer, or NONE.
    pub site: u32,
    /// A one-word name that is also a common English word ("Nice", "Bath").
    pub weak: bool,
}

/// Everything the recogniser knows, compiled once per build (Send + Sync).
pub struct Knowledge {
    pub(crate) words: FxMap<Box<str>, u32>,
    pub(crate) phrases: FxMap<Box<str>, Phrase>,
    pub(crate) canon: Vec<Box<str>>,
    canon_index: FxMap<Box<str>, u32>,
    pub(crate) site: Vec<GazetteerEntry>,
    /// Names matched character by character in the text ("UK P&I Club", "Lloyd's List"): every
    /// site name and alias, and built-in names with `&` or an apostrophe, which the tokenizer
    /// splits. Keyed by the leading run of letters/digits; longest name first.
    exact: FxMap<Box<str>, Vec<Box<str>>>,
    /// Longest known name in words.
    pub(crate) max_words: usize,
}

const FUNCTION_WORDS: &str = "A About Above According Across After Again Against Ago Ahead All Along Already Also Although Amid Amidst Among An And Another Any Are Around As At Because Been Before Being Below Beside Besides Between Beyond Both But By Can Could Despite Did Do Does During Each Either Even Every Everyone Everything For From Had Has Have He Her Here His How However I If In Inside Instead Into Is It Its Just Like Many Meanwhile More Moreover Most Much My Neither No Nor Not Now Of On Once Only Or Our Over Per Since So Some Such Than That The Their Them Then There These They This Those Though Through Thus To Under Unless Until Up Upon Us Was We Were What When Where Whether Which While Who Whom Whose Why Will With Within Without Would Yet You Your Yesterday Today Tomorrow Tonight Last Next Earlier Later Both Several Other Others Few Meanwhile Following";
const CONN_OF_WORDS: &str = "of for on";
const CONN_AND_WORDS: &str = "and &";
const PARTICLES: &str = "von van der den de da di del della du dos das bin ibn bint al el la le ter ten zu y af dem do";
const PREV_PLACE_WORDS: &str = "in near outside across into towards toward around through throughout within via inside entered recaptured retook liberated shelled bombed besieged occupied annexed visited toured";
const NEXT_PLACE_WORDS: &str =
    "region regions city town village area areas oblast province district county border capital port outskirts";
const PLACE_OF_WORDS: &str = "city town village region province state capital outskirts port district county republic island islands suburb suburbs centre center";
const PREV_PERSON_WORDS: &str = "minister president leader spokesman spokeswoman spokesperson chief boss founder coach manager striker actor actress singer author envoy adviser advisor aide analyst economist journalist reporter correspondent professor director chairman chairwoman candidate lawmaker senator deputy mayor governor commander general officer secretary ambassador premier prosecutor judge lawyer attorney businessman businesswoman billionaire oligarch rapper star player captain colonel sergeant lieutenant major commissioner chancellor president-elect counterpart opponent rival successor predecessor wife husband son daughter brother sister mother father uncle aunt widow cousin patriarch pope king queen prince princess mr mrs ms dr sir dame lord lady presenter host comedian artist designer writer novelist poet historian researcher scientist doctor surgeon nurse teacher student activist campaigner blogger influencer photographer filmmaker director-general ceo cfo executive negotiator commentator columnist editor pastor priest imam rabbi bishop cardinal archbishop defender midfielder goalkeeper forward winger batsman bowler";
const TIME_WORDS: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Spring Summer Autumn Fall Winter Christmas Easter Ramadan Eid Today Tonight Tomorrow Yesterday Morning Evening Night Week Weekend Month Year";
const MOTION_WORDS: &str = "travelled traveled travelling traveling flew fly flying went go going returned return returning moved move moving headed heading fled flee fleeing sailed drove deployed evacuated relocated trip trips journey visit visits route flights flight launched arrived came back pull-back withdrawal retreat withdrew withdrawn miles km kilometres kilometers north south east west";
const NEXT_PERSON_WORDS: &str = "said says told added wrote explained insisted argued warned noted stated tweeted posted replied recalled admitted acknowledged urged asked denied who whose himself herself";

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn kind_of(s: &str) -> Option<EntityKind> {
    match s.trim() {
        "PERSON" => Some(EntityKind::Person),
        "PLACE" => Some(EntityKind::Place),
        "ORG" => Some(EntityKind::Org),
        _ => None,
    }
}

impl Knowledge {
    /// Build the tables from the built-in data and the site's gazetteer (which wins).
    pub fn new(site: &[GazetteerEntry]) -> Knowledge {
        let mut k = Knowledge {
            words: FxMap::default(),
            phrases: FxMap::default(),
            canon: Vec::new(),
            canon_index: FxMap::default(),
            site: site.to_vec(),
            exact: FxMap::default(),
            max_words: 1,
        };
        k.load_words();
        k.load_places();
        for line in data_lines(KNOWN) {
            let mut f = line.split('\t');
            if let (Some(name), Some(kind)) = (f.next(), f.next().and_then(kind_of)) {
                k.add_phrase(name, kind, Source::Curated, NONE, NONE, false);
            }
        }
        for line in data_lines(ACRONYMS) {
            let mut f = line.split('\t');
            let acr = f.next().unwrap_or("").trim();
            let full = f.next().unwrap_or("").trim();
            if acr.is_empty() {
                continue;
            }
            let canon = if full.is_empty() { NONE } else { k.canon_id(full) };
            k.add_phrase(acr, EntityKind::Org, Source::Acronym, canon, NONE, false);
            if !full.is_empty() {
                k.add_phrase(full, EntityKind::Org, Source::Curated, canon, NONE, false);
            }
        }
        for line in data_lines(ALIASES) {
            let mut f = line.split('\t');
            let (Some(alias), Some(canon), Some(kind)) = (f.next(), f.next(), f.next().and_then(kind_of)) else {
                continue;
            };
            let c = k.canon_id(canon.trim());
            k.add_phrase(alias.trim(), kind, Source::Curated, c, NONE, false);
            if let Some(p) = k.phrases.get_mut(canon.trim()) {
                p.canon = c;
            } else {
                k.add_phrase(canon.trim(), kind, Source::Curated, c, NONE, false);
            }
        }
        for (i, e) in site.iter().enumerate() {
            let c = k.canon_id(e.name.trim());
            let i = u32::try_from(i).unwrap_or(NONE);
            k.add_phrase(e.name.trim(), e.kind, Source::Site, c, i, false);
            for a in &e.aliases {
                k.add_phrase(a.trim(), e.kind, Source::Site, c, i, false);
            }
        }
        for list in k.exact.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        k
    }

    fn add_exact(&mut self, name: &str) {
        let key_len = name.find(|c: char| !c.is_alphanumeric()).unwrap_or(name.len());
        if key_len == 0 || key_len == name.len() {
            return; // one plain word: the tokenizer finds it as it is
        }
        self.exact.entry(name[..key_len].into()).or_default().push(name.into());
    }

    /// The longest exactly-written name ("UK P&I Club", "Lloyd’s List") starting at byte `start`
    /// of `s` and ending at a word boundary: its end byte and entry.
    pub fn exact_at(&self, s: &str, start: usize) -> Option<(usize, Phrase)> {
        if self.exact.is_empty() {
            return None;
        }
        let rest = s.get(start..)?;
        let b = rest.as_bytes();
        let mut key_len = b.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len());
        if b.get(key_len).is_some_and(|&c| c >= 0x80) {
            key_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        }
        let list = self.exact.get(&rest[..key_len])?;
        for name in list {
            if !rest.starts_with(&**name) {
                continue;
            }
            let end = start + name.len();
            if s[end..].chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Some(p) = self.phrase(name) {
                return Some((end, p));
            }
        }
        None
    }

    fn canon_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.canon_index.get(name) {
            return i;
        }
        let i = self.canon.len() as u32;
        self.canon.push(name.into());
        self.canon_index.insert(name.into(), i);
        i
    }

    /// Insert a name; a higher-trust source replaces a lower one. Names with an apostrophe are
    /// also stored with the typographic one, and "The X" also as "X".
    fn add_phrase(&mut self, name: &str, kind: EntityKind, source: Source, canon: u32, site: u32, weak: bool) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
        let p = Phrase { kind, source, canon, site, weak };
        let words = name.split(' ').count();
        self.max_words = self.max_words.max(words.min(10));
        let mut put = |key: &str| match self.phrases.get_mut(key) {
            Some(old) if old.source <= source && source != Source::Site => {}
            Some(old) => *old = p,
            None => {
                self.phrases.insert(key.into(), p);
            }
        };
        put(name);
        let special = name.contains(['&', '\'', '\u{2019}']);
        if name.contains('\'') {
            put(&name.replace('\'', "\u{2019}"));
        }
        if name.contains('\u{2019}') {
            put(&name.replace('\u{2019}', "'"));
        }
        if special || source == Source::Site {
            let typo = name.replace('\'', "\u{2019}");
            let straight = name.replace('\u{2019}', "'");
            self.add_exact(&typo);
            self.add_exact(&straight);
        }
    }

    fn flag(&mut self, word: &str, f: u32) {
        if word.is_empty() {
            return;
        }
        *self.words.entry(word.into()).or_insert(0) |= f;
    }

    fn load_words(&mut self) {
        for l in data_lines(STOPWORDS) {
            self.flag(l.trim(), w::STOP);
        }
        for l in FUNCTION_WORDS.split(' ') {
            self.flag(l, w::STOP | w::FUNCTION);
        }
        for l in data_lines(DEMONYMS) {
            self.flag(l.trim(), w::DEMONYM);
        }
        for l in data_lines(HONORIFICS) {
            let mut cols = l.split('\t');
            let title = cols.next().unwrap_or("");
            let part_only = cols.next().map(str::trim) == Some("part");
            let parts: Vec<&str> = title.split_whitespace().collect();
            for (i, p) in parts.iter().enumerate() {
                let f = if i + 1 == parts.len() && !part_only { w::HONORIFIC } else { w::HONOR_PART };
                self.flag(p, f);
                self.flag(p.trim_end_matches('.'), f);
            }
        }
        for (src, tail, head) in [(ORG_CUES, w::ORG_TAIL, w::ORG_HEAD), (PLACE_CUES, w::PLACE_TAIL, w::PLACE_HEAD)] {
            for l in data_lines(src) {
                let mut f = l.split('\t');
                let word = f.next().unwrap_or("").trim();
                let flags = match f.next().map(str::trim) {
                    Some("tail") => tail,
                    Some("head") => head,
                    _ => tail | head,
                };
                self.flag(word, flags);
            }
        }
        for l in data_lines(COMMON) {
            self.flag(l.trim(), w::COMMON);
        }
        for l in data_lines(GIVEN) {
            let mut f = l.split('\t');
            let name = f.next().unwrap_or("").trim();
            let flag = match f.next().map(str::trim) {
                Some("w") => w::GIVEN | w::GIVEN_WEAK,
                Some("r") => w::GIVEN | w::GIVEN_RARE,
                _ => w::GIVEN,
            };
            self.flag(name, flag);
        }
        let lists: [(&str, u32); 11] = [
            (TIME_WORDS, w::TIME),
            (MOTION_WORDS, w::MOTION),
            (CONN_OF_WORDS, w::CONN_OF),
            (CONN_AND_WORDS, w::CONN_AND),
            ("the", w::CONN_THE),
            (PARTICLES, w::PARTICLE),
            (PREV_PLACE_WORDS, w::PREV_PLACE),
            (NEXT_PLACE_WORDS, w::NEXT_PLACE),
            (PLACE_OF_WORDS, w::PLACE_OF),
            (PREV_PERSON_WORDS, w::PREV_PERSON),
            (NEXT_PERSON_WORDS, w::NEXT_PERSON),
        ];
        for (list, f) in lists {
            for word in list.split(' ') {
                self.flag(word, f);
            }
        }
    }

    fn load_places(&mut self) {
        for l in data_lines(PLACES) {
            let mut f = l.split('\t');
            let name = f.next().unwrap_or("");
            let src = match f.next().unwrap_or("") {
                "country" | "continent" => Source::Country,
                "state" | "region" => Source::Region,
                _ => Source::City,
            };
            let _cc = f.next();
            let weak = f.next() == Some("w");
            self.add_phrase(name, EntityKind::Place, src, NONE, NONE, weak);
        }
    }

    /// Flags of a word (0 when unknown).
    #[inline]
    pub fn word(&self, s: &str) -> u32 {
        self.words.get(s).copied().unwrap_or(0)
    }

    /// A known name, exactly as written.
    #[inline]
    pub fn phrase(&self, s: &str) -> Option<Phrase> {
        self.phrases.get(s).copied()
    }

    /// The canonical name behind a phrase's canon index.
    pub fn canon_name(&self, i: u32) -> Option<&str> {
        self.canon.get(i as usize).map(|b| &**b)
    }

    /// The site's gazetteer entries this knowledge was built with.
    pub fn site_entries(&self) -> &[GazetteerEntry] {
        &self.site
    }
}
