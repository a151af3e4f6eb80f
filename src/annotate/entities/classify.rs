//! Type of one span: known names first (site gazetteer, curated lists, GeoNames/ISO places),
//! then designators ("Oblast", "Ministry of"), titles, given names, initials and particles,
//! then the words around it. Unknown single words come back as weak guesses for `recognise`
//! to settle against the rest of the article.

use super::knowledge::{w, Knowledge, Source, NONE};
use super::recognise::Seg;
use super::tokens::{Tok, TokKind, ACRONYM, INITIAL, POSS, QUOTE, SENT_END, SENT_START};
use super::EntityKind;

/// How sure a guess is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// Known name or clear evidence: kept as is.
    Strong,
    /// One unknown word, or a sentence-initial one: kept if the article supports it.
    Weak,
}

/// The classifier's answer for one span.
#[derive(Clone, Copy, Debug)]
pub struct Guess {
    pub kind: EntityKind,
    pub strength: Strength,
    /// The surrounding words gave the type ("in X", "X said").
    pub context: bool,
    pub canon: u32,
    pub site: u32,
    /// A capitalised common word ("Head", "May"): only a mention if the article names it.
    pub stop: bool,
    /// A one-word built-in place name (may turn out to be a surname in this article).
    pub place_word: bool,
}

impl Guess {
    pub(crate) fn new(kind: EntityKind, strength: Strength) -> Guess {
        Guess { kind, strength, context: false, canon: NONE, site: NONE, stop: false, place_word: false }
    }
}

fn strong(kind: EntityKind) -> Option<Guess> {
    Some(Guess::new(kind, Strength::Strong))
}

/// "NEW YORK" -> "New York" (rare: only all-capital spans that are not known acronyms).
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

fn text_of<'a>(s: &'a str, toks: &[Tok], a: usize, b: usize) -> &'a str {
    s.get(toks[a].start as usize..toks[b - 1].end as usize).unwrap_or("")
}

fn lower_flags(k: &Knowledge, s: &str, toks: &[Tok], i: usize) -> u32 {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Lower => k.word(t.text(s)),
        _ => 0,
    }
}

/// Type evidence from the neighbouring lower-case words.
fn context(k: &Knowledge, s: &str, toks: &[Tok], a: usize, b: usize) -> Option<EntityKind> {
    // "in both X and Y": look past the quantifier
    let a = if a > 1
        && toks[a - 1].kind == TokKind::Lower
        && matches!(toks[a - 1].text(s), "both" | "either" | "neither")
    {
        a - 1
    } else {
        a
    };
    let prev = if a > 0 { lower_flags(k, s, toks, a - 1) } else { 0 };
    let next = lower_flags(k, s, toks, b);
    if prev & w::PREV_PERSON != 0 {
        return Some(EntityKind::Person);
    }
    if prev & w::PREV_PLACE != 0 || next & w::NEXT_PLACE != 0 {
        return Some(EntityKind::Place);
    }
    if a > 1
        && matches!(toks[a - 1].text(s), "to" | "from")
        && toks[a - 1].kind == TokKind::Lower
        && lower_flags(k, s, toks, a - 2) & w::MOTION != 0
    {
        return Some(EntityKind::Place); // "travelled to X", "launched from X"
    }
    if prev & w::CONN_OF != 0 && a > 1 && lower_flags(k, s, toks, a - 2) & w::PLACE_OF != 0 {
        return Some(EntityKind::Place);
    }
    if next & w::NEXT_PERSON != 0 {
        return Some(EntityKind::Person);
    }
    // "Kupiansk, a rail hub", "Kherson, the regional capital"
    if toks.get(b).is_some_and(|t| t.kind == TokKind::Punct && t.text(s) == ",")
        && toks.get(b + 1).is_some_and(|t| t.kind == TokKind::Lower && matches!(t.text(s), "a" | "an" | "the"))
    {
        for t in toks.iter().skip(b + 2).take(3) {
            if t.kind != TokKind::Lower {
                break;
            }
            if matches!(
                t.text(s),
                "town"
                    | "city"
                    | "village"
                    | "hub"
                    | "port"
                    | "region"
                    | "province"
                    | "district"
                    | "suburb"
                    | "settlement"
                    | "capital"
                    | "island"
                    | "country"
                    | "state"
            ) {
                return Some(EntityKind::Place);
            }
        }
    }
    // "X, who ..."
    if toks.get(b).is_some_and(|t| t.kind == TokKind::Punct && t.text(s) == ",")
        && toks.get(b + 1).is_some_and(|t| t.kind == TokKind::Lower && t.text(s) == "who")
    {
        return Some(EntityKind::Person);
    }
    None
}

/// A dateline in capitals at the start of a unit ("SUEZ, Egypt —", "WASHINGTON (AP) -",
/// "GREAT BITTER LAKE, Egypt —"): a place when it is a known one (even a weak or acronym-like
/// name: "NICE, France"), or when a known place follows it after the comma. The site gazetteer
/// still wins.
fn dateline(k: &Knowledge, s: &str, toks: &[Tok], a: usize, b: usize, text: &str) -> Option<Guess> {
    let all_caps = text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase);
    if !all_caps || !toks[..a].iter().all(|t| t.kind == TokKind::Punct && !t.has(SENT_END | QUOTE)) {
        return None;
    }
    let next = toks.get(b).filter(|t| t.kind == TokKind::Punct)?.text(s);
    if !matches!(next, "," | "(" | "-" | "\u{2014}" | "\u{2013}") {
        return None;
    }
    // "ZAFARANA, Egypt —": a known country or region after the comma
    let region_follows = next == ","
        && toks.get(b + 1).is_some_and(|t| t.kind == TokKind::Cap)
        && (|| {
            let mut e = b + 1;
            while toks.get(e).is_some_and(|t| t.kind == TokKind::Cap) {
                e += 1;
            }
            let after = toks.get(e).filter(|t| t.kind == TokKind::Punct).map(|t| t.text(s));
            let name = s.get(toks[b + 1].start as usize..toks[e - 1].end as usize)?;
            let p = k.phrase(name).filter(|p| p.kind == EntityKind::Place && p.source <= Source::Region)?;
            matches!(after, Some("-" | "\u{2014}" | "\u{2013}" | "(" | ",")).then_some(p)
        })()
        .is_some();
    let titled = title_case(text);
    let (exact, title) = (k.phrase(text), k.phrase(&titled));
    if let Some(p) = [exact, title].into_iter().flatten().find(|p| p.source == Source::Site) {
        return Some(Guess { canon: p.canon, site: p.site, ..Guess::new(p.kind, Strength::Strong) });
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let plain = exact.is_none_or(|p| p.kind == EntityKind::Place);
    match title.filter(|p| p.kind == EntityKind::Place) {
        Some(p) if (plain && letters >= 3) || region_follows => {
            Some(Guess { canon: p.canon, site: p.site, ..Guess::new(p.kind, Strength::Strong) })
        }
        _ if exact.is_none() && region_follows => Some(Guess::new(EntityKind::Place, Strength::Strong)),
        _ => None,
    }
}

/// Classify one segment; `None` drops it.
pub fn classify(k: &Knowledge, s: &str, toks: &[Tok], sg: &Seg) -> Option<Guess> {
    let (a, b) = (sg.a, sg.b);
    let first = toks[a];
    let last = toks[b - 1];
    let text = s.get(first.start as usize..last.end as usize)?;
    let ncap = toks[a..b].iter().filter(|t| t.kind == TokKind::Cap).count();
    let sent_init = first.has(SENT_START);
    let ff = k.word(first.text(s));
    let lf = k.word(last.text(s));
    let ctx = context(k, s, toks, a, b);

    let shouted = text.len() > 3 && toks[a..b].iter().all(|t| t.kind != TokKind::Cap || t.has(ACRONYM));
    if let Some(g) = dateline(k, s, toks, a, b, text) {
        return Some(g);
    }
    let phrase = match k.phrase(text) {
        None if shouted && !text.contains('.') => k.phrase(&title_case(text)),
        p => p,
    };
    if shouted && phrase.is_none() && ncap > 1 {
        return None; // "BREAKING NEWS"
    }
    if let Some(p) = phrase {
        let weak_start = p.weak && ncap == 1 && sent_init;
        let personish = sg.person_cue || ctx == Some(EntityKind::Person);
        let city_as_person = personish && ncap == 1 && p.source >= Source::Region;
        if !weak_start && !city_as_person {
            let place_word = ncap == 1 && p.kind == EntityKind::Place && p.site == NONE && p.source >= Source::Country;
            return Some(Guess { canon: p.canon, site: p.site, place_word, ..Guess::new(p.kind, Strength::Strong) });
        }
    }
    if let Some(h) = sg.of_head {
        return strong(h);
    }
    if ncap >= 2 {
        if lf & w::ORG_TAIL != 0 {
            return strong(EntityKind::Org);
        }
        if lf & w::PLACE_TAIL != 0 || ff & w::PLACE_HEAD != 0 {
            return strong(EntityKind::Place);
        }
    }
    if ncap == 1 {
        if ff & (w::FUNCTION | w::DEMONYM | w::HONORIFIC | w::HONOR_PART | w::CUE) != 0 {
            return None;
        }
        if ff & w::STOP != 0 {
            return Some(Guess {
                context: ctx.is_some(),
                stop: true,
                ..Guess::new(EntityKind::Person, Strength::Weak)
            });
        }
        let t = first.text(s);
        if t.len() == 1 || t.bytes().any(|c| c.is_ascii_digit()) {
            return None; // "B", "T20", "Aditya-L1"
        }
    }
    if toks[a..b].iter().all(|t| t.kind != TokKind::Cap || k.word(t.text(s)) & w::STOP != 0) && ncap > 1 {
        return None; // "New Year": common words only
    }
    if sg.person_cue || sg.particle {
        return strong(EntityKind::Person);
    }
    if ncap >= 2 {
        if toks[a..b].iter().any(|t| t.has(INITIAL)) {
            return strong(EntityKind::Person);
        }
        if ctx == Some(EntityKind::Place) && !last.has(POSS) {
            return strong(EntityKind::Place); // "in Rae Bareli", not "in Donald Trump's"
        }
        if ff & w::GIVEN != 0 && !(ff & w::GIVEN_WEAK != 0 && sent_init) {
            return strong(EntityKind::Person);
        }
        // "Air India", "Real Madrid", "Natural Resources Wales": unknown words before a place name;
        // "Kyiv Independent", "Los Angeles Lakers": a known place/org followed by unknown words
        for cut in a + 1..b {
            if toks[cut].kind != TokKind::Cap || toks[cut - 1].kind != TokKind::Cap {
                continue;
            }
            let head = k.phrase(text_of(s, toks, a, cut));
            let tail = k.phrase(text_of(s, toks, cut, b));
            let known = |p: Option<super::knowledge::Phrase>| p.is_some_and(|p| p.kind != EntityKind::Person);
            let head_common = toks[a..cut].iter().all(|t| k.word(t.text(s)) & (w::STOP | w::DEMONYM) != 0);
            if head_common && tail.is_some_and(|p| p.kind == EntityKind::Place) {
                return strong(EntityKind::Place); // "Latin America", "Northern Ireland"
            }
            if known(head) != known(tail) || tail.is_some_and(|p| p.kind == EntityKind::Org) {
                return strong(EntityKind::Org);
            }
        }
        // "Credit Suisse", "National Rally": led by an English word that is no given name
        if ctx != Some(EntityKind::Place) && ff & w::COMMON != 0 && ff & w::GIVEN == 0 && !sg.particle {
            return strong(EntityKind::Org);
        }
        if ctx == Some(EntityKind::Person) {
            return strong(EntityKind::Person);
        }
        if toks[a..b].iter().all(|t| t.kind != TokKind::Cap || t.has(ACRONYM)) {
            return strong(EntityKind::Org);
        }
        // unknown capitalised words in a row, even at a sentence start ("Travis Head hit 137")
        return strong(ctx.unwrap_or(EntityKind::Person));
    }
    // one word
    if text.contains('-') {
        // "British-Egyptian", "July-September": adjectives and ranges, not names
        let parts_flags = text.split('-').map(|p| k.word(p));
        if parts_flags.clone().all(|f| f & w::DEMONYM != 0) || parts_flags.clone().any(|f| f & w::TIME != 0) {
            return None;
        }
    }
    if first.has(ACRONYM) && text.bytes().any(|c| c.is_ascii_digit()) {
        return None; // "COP27", "A320": events and products unless known
    }
    if first.has(ACRONYM) && (2..=8).contains(&text.len()) {
        return strong(EntityKind::Org);
    }
    if first.has(INITIAL) {
        return None;
    }
    // "SpiceJet", "BaFin", "AirAsia": a capital inside a word marks a brand (not "McCarthy")
    let tb = first.text(s).as_bytes();
    if tb.len() > 3
        && tb.windows(2).skip(2).any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
        && !tb.starts_with(b"Mc")
        && !tb.starts_with(b"Mac")
    {
        return strong(EntityKind::Org);
    }
    let weak_place = k.phrase(text).is_some_and(|p| p.kind == EntityKind::Place);
    let kind = ctx.unwrap_or(if weak_place && !sg.person_cue { EntityKind::Place } else { EntityKind::Person });
    // one unknown word with no evidence: in news more often a company, team or body than a
    // person introduced without a full name (linking turns it into a person if the corpus says so)
    let given = ff & w::GIVEN != 0 && ff & w::GIVEN_RARE == 0;
    let kind = if ctx.is_none() && !given && !weak_place && !sg.person_cue { EntityKind::Org } else { kind };
    // a frequent English word alone ("Dynasty", "Judges") needs the article to name it elsewhere
    let stop = ff & w::COMMON != 0 && !weak_place;
    Some(Guess { context: ctx.is_some(), stop, ..Guess::new(kind, Strength::Weak) })
}
