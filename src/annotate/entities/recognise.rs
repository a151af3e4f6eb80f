//! Per-article mention detection: builds runs of capitalised words (joined by connectors such as
//! "of" and name particles), cuts titles, demonyms and sentence-initial function words off them,
//! merges org/place names across "of"/"and", then classifies each span (see `classify`) and
//! settles the weak guesses with what the rest of the article says.

use super::classify::{classify, Guess, Strength};
use super::hash::{FxMap, FxSet};
use super::knowledge::{w, Knowledge, NONE};
use super::tokens::{tokenize, Tok, TokKind, CUT_TAIL, POSS, SENT_START};
use super::{Candidate, EntityKind, Unit};

/// A span of tokens `[a, b)` inside one unit, before classification.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seg {
    pub a: usize,
    pub b: usize,
    /// A title stood right before it ("President", "Mr").
    pub person_cue: bool,
    /// Joined across "of"/"for" after an org or place head ("Ministry of Defence", "Gulf of
    /// Aden"): the head's type.
    pub of_head: Option<EntityKind>,
    /// Contains a lower-case name particle ("von der", "bin").
    pub particle: bool,
    /// The name of a storm or operation ("Ian" of "Hurricane Ian"): not a mention, and the
    /// same word alone elsewhere in the article is not one either.
    pub event: bool,
    /// End byte of a name matched exactly as written ("UK P&I Club", "Lloyd's List"), `NONE` if not.
    pub exact: u32,
}

/// A classified span awaiting the article-level pass.
struct Found {
    unit: u32,
    start: u32,
    end: u32,
    guess: Guess,
    sent_initial: bool,
    single: bool,
}

/// Find the mentions of one article.
pub fn recognise(k: &Knowledge, units: &[Unit<'_>]) -> Vec<Candidate> {
    let mut toks: Vec<Tok> = Vec::with_capacity(128);
    let mut segs: Vec<Seg> = Vec::with_capacity(16);
    let mut found: Vec<Found> = Vec::new();
    let mut headlines: Vec<usize> = Vec::new();
    let mut events: Vec<String> = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        tokenize(u.text, &mut toks);
        if u.headline && title_case(u.text, &toks) {
            headlines.push(ui);
            continue;
        }
        scan_unit(k, u.text, &toks, ui as u32, &mut segs, &mut found, &mut events);
    }
    if !events.is_empty() {
        found.retain(|f| {
            let t = units.get(f.unit as usize).and_then(|u| u.text.get(f.start as usize..f.end as usize));
            !t.is_some_and(|t| events.iter().any(|e| e == t || e.split(' ').any(|p| p == t)))
        });
    }
    let mut out = settle(k, units, &found);
    if !headlines.is_empty() {
        let known = article_names(units, &out);
        for &ui in &headlines {
            tokenize(units[ui].text, &mut toks);
            headline_spans(k, units[ui].text, &toks, ui as u32, &known, &mut out);
        }
    }
    out.sort_by_key(|c| (c.unit, c.start));
    out
}

#[inline]
fn text_of<'a>(s: &'a str, toks: &[Tok], a: usize, b: usize) -> &'a str {
    s.get(toks[a].start as usize..toks[b - 1].end as usize).unwrap_or("")
}

/// A headline in Title Case: capitalisation says nothing, so only known names are taken.
fn title_case(s: &str, toks: &[Tok]) -> bool {
    let mut caps = 0;
    let mut lower_long = 0;
    for t in toks {
        match t.kind {
            TokKind::Cap => caps += 1,
            TokKind::Lower if t.end - t.start >= 4 => {
                let word = t.text(s);
                if !matches!(word, "with" | "from" | "into" | "over" | "than" | "that" | "this" | "after" | "amid") {
                    lower_long += 1;
                }
            }
            _ => {}
        }
    }
    caps >= 3 && lower_long == 0
}

/// Length in tokens of a title starting at `p` (`Defence Minister`, `President`), 0 if none.
fn title_len(k: &Knowledge, s: &str, toks: &[Tok], p: usize, end: usize) -> usize {
    let mut q = p;
    let mut last_ok = 0;
    while q < end && toks[q].kind == TokKind::Cap {
        let f = k.word(toks[q].text(s));
        if f & (w::HONORIFIC | w::HONOR_PART) == 0 {
            break;
        }
        q += 1;
        if f & w::HONORIFIC != 0 {
            last_ok = q - p;
        }
    }
    if last_ok == 0 {
        return 0;
    }
    let name_after = p + last_ok < end && toks[p + last_ok].kind == TokKind::Cap;
    let cap_before = p > 0 && toks[p - 1].kind == TokKind::Cap;
    if !name_after && !cap_before {
        return 0; // "Court of Justice": a word of a name, not a title
    }
    // "General Motors", "Presidential Palace": the next word makes it a name, not a title.
    if p + last_ok < end && toks[p + last_ok].kind == TokKind::Cap {
        let nf = k.word(toks[p + last_ok].text(s));
        if nf & (w::ORG_TAIL | w::PLACE_TAIL) != 0 && nf & (w::HONORIFIC | w::HONOR_PART) == 0 {
            return 0;
        }
    }
    last_ok
}

/// Longest known name of at least two capitalised words starting at `p` within `[p, end)`.
fn known_prefix(k: &Knowledge, s: &str, toks: &[Tok], p: usize, end: usize) -> usize {
    let mut q = p;
    while q < end && q - p < k.max_words && toks[q].kind == TokKind::Cap {
        q += 1;
        if toks[q - 1].has(POSS | CUT_TAIL) {
            break;
        }
    }
    let mut l = q - p;
    while l >= 2 {
        if k.phrase(text_of(s, toks, p, p + l)).is_some() {
            return l;
        }
        l -= 1;
    }
    0
}

/// A name listed with `&`, an apostrophe or several words, written exactly so from token `p`:
/// (index of the token after it, end byte). The end may be a possessive "'s" of the name itself
/// ("Lord's"), which the tokenizer leaves outside the last token.
fn exact_toks(k: &Knowledge, s: &str, toks: &[Tok], p: usize) -> Option<(usize, u32)> {
    if toks[p].kind != TokKind::Cap {
        return None;
    }
    let (end, _) = k.exact_at(s, toks[p].start as usize)?;
    let end = u32::try_from(end).ok()?;
    for (q, t) in toks.iter().enumerate().skip(p) {
        let poss_end = t.has(POSS) && s.get(t.end as usize..end as usize).is_some_and(|r| r.chars().count() == 2);
        if t.end == end || poss_end {
            return Some((q + 1, end));
        }
        if t.end > end {
            break;
        }
    }
    None
}

/// Does the chunk of capitalised words from `p` end in an org designator ("Russian Army")?
fn chunk_ends_org(k: &Knowledge, s: &str, toks: &[Tok], p: usize, end: usize) -> bool {
    let mut q = p;
    while q + 1 < end
        && toks[q + 1].kind == TokKind::Cap
        && !toks[q].has(CUT_TAIL)
        && (!toks[q].has(POSS) || plural_possessive(toks[q].text(s)))
    {
        q += 1;
    }
    q > p && k.word(toks[q].text(s)) & w::ORG_TAIL != 0
}

fn scan_unit(
    k: &Knowledge,
    s: &str,
    toks: &[Tok],
    unit: u32,
    segs: &mut Vec<Seg>,
    found: &mut Vec<Found>,
    events: &mut Vec<String>,
) {
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if toks[i].kind != TokKind::Cap {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut j = i;
        loop {
            if let Some((e, _)) = exact_toks(k, s, toks, j) {
                j = e - 1; // "Lloyd's List": the possessive inside the name does not end the run
            }
            let t = toks[j];
            j += 1;
            if (t.has(CUT_TAIL) || (t.has(POSS) && !plural_possessive(t.text(s)))) || j >= n {
                break;
            }
            if toks[j].kind == TokKind::Cap {
                continue;
            }
            let mut m = j;
            while m < n && m - j < 3 && toks[m].kind == TokKind::Lower && k.word(toks[m].text(s)) & w::CONNECTOR != 0 {
                m += 1;
            }
            if m > j && m < n && toks[m].kind == TokKind::Cap {
                j = m;
                continue;
            }
            break;
        }
        segment_run(k, s, toks, run_start, j, segs);
        merge_segs(k, s, toks, segs);
        for sg in segs.iter() {
            if sg.event {
                events.push(text_of(s, toks, sg.a, sg.b).to_string());
                continue;
            }
            let exact = if sg.exact != NONE {
                s.get(toks[sg.a].start as usize..sg.exact as usize).and_then(|t| k.phrase(t))
            } else {
                None
            };
            let g = match exact {
                Some(p) => Some(Guess { canon: p.canon, site: p.site, ..Guess::new(p.kind, Strength::Strong) }),
                None => classify(k, s, toks, sg),
            };
            if let Some(g) = g {
                found.push(Found {
                    unit,
                    start: toks[sg.a].start,
                    end: if exact.is_some() { sg.exact } else { toks[sg.b - 1].end },
                    guess: g,
                    sent_initial: toks[sg.a].has(SENT_START),
                    single: sg.b - sg.a == 1,
                });
            }
        }
        i = j;
    }
}

/// Words that name an event after them ("Hurricane Ian", "storm Ciara", "Operation Desert Storm").
fn event_head(word: &str) -> bool {
    matches!(
        word,
        "Storm"
            | "Hurricane"
            | "Typhoon"
            | "Cyclone"
            | "Operation"
            | "Tropical"
            | "storm"
            | "hurricane"
            | "typhoon"
            | "cyclone"
    )
}

/// "People's Party", "Workers' Party": a possessive that stays inside an org name.
fn plural_possessive(word: &str) -> bool {
    matches!(word, "People" | "Workers" | "Women" | "Children" | "Men" | "Farmers" | "Veterans" | "Citizens")
}

/// May a capitalised common word that is also a given name start a person's name here?
/// Not at a sentence start, and not after a preposition ("in April Putin said").
fn given_here(k: &Knowledge, s: &str, toks: &[Tok], p: usize) -> bool {
    let t = toks[p];
    let f = k.word(t.text(s));
    if f & w::STOP == 0 {
        return true;
    }
    if t.has(SENT_START) {
        return false;
    }
    let prev = if p > 0 && toks[p - 1].kind == TokKind::Lower { toks[p - 1].text(s) } else { "" };
    !matches!(
        prev,
        "in" | "on"
            | "since"
            | "until"
            | "by"
            | "from"
            | "early"
            | "late"
            | "last"
            | "next"
            | "mid"
            | "of"
            | "to"
            | "through"
            | "during"
            | "before"
            | "after"
    )
}

/// "US Congress", "US State Department": a country name before a complete org name is a
/// mention of its own (but "UN Security Council", "Air India" stay whole).
fn country_before_org(k: &Knowledge, s: &str, toks: &[Tok], p: usize, len: usize, end: usize) -> bool {
    let q = p + len;
    if q >= end || toks[q].kind != TokKind::Cap || toks[q - 1].has(POSS | CUT_TAIL) {
        return false;
    }
    let is_country = k
        .phrase(text_of(s, toks, p, q))
        .is_some_and(|ph| ph.kind == EntityKind::Place && ph.source <= super::knowledge::Source::Country);
    if !is_country {
        return false;
    }
    let mut r = q;
    while r < end && toks[r].kind == TokKind::Cap && !toks[r].has(POSS | CUT_TAIL) {
        r += 1;
    }
    if r < end && toks[r].kind == TokKind::Cap {
        r += 1;
    }
    let rest = text_of(s, toks, q, r);
    let last = k.word(toks[r - 1].text(s));
    k.phrase(rest).is_some_and(|ph| ph.kind == EntityKind::Org) || (r - q >= 2 && last & w::ORG_TAIL != 0)
}

/// Cut a run into segments at connectors, titles, demonyms and function words.
fn segment_run(k: &Knowledge, s: &str, toks: &[Tok], start: usize, end: usize, segs: &mut Vec<Seg>) {
    segs.clear();
    let mut cur: Option<Seg> = None;
    let mut cue = false;
    let mut p = start;
    while p < end {
        let t = toks[p];
        if t.kind != TokKind::Cap {
            if let Some(c) = cur.take() {
                segs.push(c);
            }
            if k.word(t.text(s)) & w::PARTICLE == 0 {
                cue = false;
            }
            p += 1;
            continue;
        }
        let word = t.text(s);
        let lower_head = p == start && p > 0 && toks[p - 1].kind == TokKind::Lower && event_head(toks[p - 1].text(s));
        if cur.is_none() && (event_head(word) || lower_head) {
            // named storms and operations are events, not people: remember and skip the name
            let q0 = if lower_head { p } else { p + 1 };
            let mut q = q0;
            while q < end && toks[q].kind == TokKind::Cap {
                q += 1;
            }
            if q > q0 {
                segs.push(Seg {
                    a: q0,
                    b: q,
                    person_cue: false,
                    of_head: None,
                    particle: false,
                    event: true,
                    exact: NONE,
                });
            }
            p = q.max(p + 1);
            continue;
        }
        let f = k.word(word);
        let known = known_prefix(k, s, toks, p, end);
        if let Some((e, byte_end)) = exact_toks(k, s, toks, p).filter(|&(e, _)| e <= end && e - p >= known) {
            // a name written exactly as listed is a segment of its own
            if let Some(c) = cur.take() {
                segs.push(c);
            }
            let sg = Seg { a: p, b: e, person_cue: cue, of_head: None, particle: false, event: false, exact: byte_end };
            segs.push(sg);
            cue = false;
            p = e;
            continue;
        }
        if known == 0 {
            let tl = title_len(k, s, toks, p, end);
            if tl > 0 {
                if let Some(c) = cur.take() {
                    // "Defence" of "Defence Minister" left over when the title list lacks it
                    if !(c.b - c.a == 1 && k.phrase(toks[c.a].text(s)).is_none()) || c.person_cue {
                        segs.push(c);
                    }
                }
                cue = true;
                p += tl;
                continue;
            }
            // right after a connector inside a run ("Court of Justice", "Office for Budget ...")
            let after_conn = p > start && toks[p - 1].kind == TokKind::Lower;
            let at_start = cur.is_none() && !(after_conn && f & w::FUNCTION == 0);
            let next_cap = p + 1 < end && toks[p + 1].kind == TokKind::Cap;
            let strip = if !at_start {
                false
            } else if f & w::FUNCTION != 0 {
                true
            } else if f & w::GIVEN != 0 && next_cap && given_here(k, s, toks, p) {
                false // "Christian Lindner", "April Reyes"
            } else if f & w::DEMONYM != 0 {
                !chunk_ends_org(k, s, toks, p, end)
            } else if f & w::STOP != 0 {
                // alone it stays, as a weak guess ("Head" after "Travis Head")
                next_cap && f & w::CUE == 0 && !chunk_ends_org(k, s, toks, p, end)
            } else if f & w::HONOR_PART != 0 {
                next_cap && !chunk_ends_org(k, s, toks, p, end) // "Acting U.S. Attorney ..."
            } else {
                false
            };
            if strip {
                if let Some(c) = cur.take() {
                    segs.push(c);
                }
                p += 1;
                continue;
            }
        }
        let len = known.max(1);
        if cur.is_none() && country_before_org(k, s, toks, p, len, end) {
            segs.push(Seg {
                a: p,
                b: p + len,
                person_cue: false,
                of_head: None,
                particle: false,
                event: false,
                exact: NONE,
            });
            p += len;
            continue;
        }
        match cur.as_mut() {
            Some(c) => c.b = p + len,
            None => {
                cur = Some(Seg {
                    a: p,
                    b: p + len,
                    person_cue: cue,
                    of_head: None,
                    particle: false,
                    event: false,
                    exact: NONE,
                });
                cue = false;
            }
        }
        p += len;
        if toks[p - 1].has(CUT_TAIL) || (toks[p - 1].has(POSS) && !plural_possessive(toks[p - 1].text(s))) {
            if let Some(c) = cur.take() {
                segs.push(c);
            }
        }
    }
    if let Some(c) = cur.take() {
        segs.push(c);
    }
}

/// A day, month or season ("Monday", "August"), or its abbreviation before a period or a
/// number ("Aug. 3", "Sept 30", "Thurs."), never "Mar" of "Mar-a-Lago".
fn time_word(k: &Knowledge, s: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    let word = t.text(s);
    if k.word(word) & w::TIME != 0 {
        return true;
    }
    let abbrev = matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thur"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
    );
    abbrev
        && (s.as_bytes().get(t.end as usize) == Some(&b'.') || toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Num))
}

/// Join neighbouring segments separated only by connectors when they form one name.
fn merge_segs(k: &Knowledge, s: &str, toks: &[Tok], segs: &mut Vec<Seg>) {
    if segs.len() < 2 {
        return;
    }
    let mut out = 0;
    for i in 1..segs.len() {
        let a = segs[out];
        let b = segs[i];
        let mut conn = 0u32;
        let mut all_conn = b.a > a.b;
        for t in &toks[a.b..b.a] {
            let f = if t.kind == TokKind::Lower { k.word(t.text(s)) } else { 0 };
            if f & w::CONNECTOR == 0 {
                all_conn = false;
            }
            conn |= f;
        }
        let mut merged = None;
        let exact = a.exact != NONE || b.exact != NONE;
        if all_conn && !exact && !toks[a.b - 1].has(POSS | CUT_TAIL) && !b.person_cue {
            let whole_known = k.phrase(text_of(s, toks, a.a, b.b)).is_some();
            let mut head = None;
            for t in &toks[a.a..a.b] {
                let f = if t.kind == TokKind::Cap { k.word(t.text(s)) } else { 0 };
                if f & w::ORG_HEAD != 0 {
                    head = Some(EntityKind::Org);
                } else if f & w::PLACE_HEAD != 0 && head.is_none() {
                    head = Some(EntityKind::Place);
                }
            }
            let head = a.of_head.or(head);
            let first_conn = k.word(toks[a.b].text(s));
            // "Commission on Thursday": a right side of only common words is no part of a name
            let b_has_name = toks[b.a..b.b]
                .iter()
                .enumerate()
                .any(|(i, t)| t.kind == TokKind::Cap && !time_word(k, s, toks, b.a + i));
            // "African Union on Aug. 3": a date after the connector ends the name
            let b_time = time_word(k, s, toks, b.a);
            if !whole_known && (!b_has_name || b_time) {
                merged = None;
            } else if whole_known {
                merged = Some(Seg { b: b.b, ..a });
            } else if first_conn & w::CONN_OF != 0 && head.is_some() {
                merged = Some(Seg { b: b.b, of_head: head, ..a });
            } else if first_conn & w::CONN_AND != 0
                && conn & w::CONN_THE == 0
                && (a.of_head == Some(EntityKind::Org)
                    || toks[a.b].text(s) == "&"
                    || (k.word(toks[b.b - 1].text(s)) & w::ORG_TAIL != 0
                        && k.phrase(text_of(s, toks, a.a, a.b)).is_none()
                        && k.phrase(text_of(s, toks, b.a, b.b)).is_none()))
            {
                merged = Some(Seg { b: b.b, ..a });
            } else if first_conn & w::PARTICLE != 0 && first_conn & (w::CONN_OF | w::CONN_AND) == 0 {
                // "Ursula von der Leyen": only after a name that is not a known place/org
                let left = text_of(s, toks, a.a, a.b);
                let cap_particle = a.b - a.a == 1 && k.word(&left.to_ascii_lowercase()) & w::PARTICLE != 0;
                if cap_particle || k.phrase(left).is_none_or(|p| p.kind == EntityKind::Person) {
                    merged = Some(Seg { b: b.b, particle: true, ..a });
                }
            }
        }
        match merged {
            Some(m) => segs[out] = m,
            None => {
                out += 1;
                segs[out] = b;
            }
        }
    }
    segs.truncate(out + 1);
}

/// Article-level pass: strong mentions teach the article's names; weak guesses (one unknown
/// word, sentence-initial words) are kept only when the article or the context supports them.
fn settle(k: &Knowledge, units: &[Unit<'_>], found: &[Found]) -> Vec<Candidate> {
    let text =
        |f: &Found| units.get(f.unit as usize).and_then(|u| u.text.get(f.start as usize..f.end as usize)).unwrap_or("");
    let mut names: FxMap<&str, EntityKind> = FxMap::default();
    let mut surnames: FxSet<&str> = FxSet::default();
    let mut mid: FxSet<&str> = FxSet::default();
    for f in found {
        let t = text(f);
        if !f.sent_initial && !f.guess.stop {
            mid.insert(t);
        }
        if f.guess.strength == Strength::Weak {
            continue;
        }
        names.entry(t).or_insert(f.guess.kind);
        if !f.single {
            let first = t.split(' ').next().unwrap_or("");
            let last = t.rsplit(' ').next().unwrap_or("");
            match f.guess.kind {
                EntityKind::Person => {
                    if k.word(last) & (w::FUNCTION | w::DEMONYM) == 0 {
                        surnames.insert(last);
                        surnames.insert(super::link::surname_key(last));
                    }
                    // "Saddam" after "Saddam Hussein": an uncommon first name alone
                    if k.word(first) & (w::STOP | w::COMMON | w::DEMONYM) == 0 && first.len() > 2 {
                        surnames.insert(first);
                    }
                }
                kind => {
                    if k.word(first) & (w::STOP | w::DEMONYM | w::CUE | w::HONORIFIC) == 0 && k.phrase(first).is_none()
                    {
                        names.entry(first).or_insert(kind);
                    }
                }
            }
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let t = text(f);
        let g = f.guess;
        let mut canon = g.canon;
        let mut guessed = false;
        let kind = match g.strength {
            // "Jordan" after "Jim Jordan": the article's person, not the country
            Strength::Strong if g.place_word && surnames.contains(t) => {
                canon = NONE;
                Some(EntityKind::Person)
            }
            Strength::Strong => Some(g.kind),
            Strength::Weak if surnames.contains(t) => Some(EntityKind::Person),
            Strength::Weak if g.stop => names.get(t).copied().filter(|_| g.context || !f.sent_initial),
            Strength::Weak => {
                guessed = !g.context;
                if let Some(&kd) = names.get(t) {
                    guessed = false;
                    Some(kd)
                } else if let Some(kd) = listed_with(units, f, &out) {
                    guessed = false;
                    Some(kd) // "in Rae Bareli and Wayanad"
                } else if f.sent_initial {
                    // "Judges said": a capitalised plural at a sentence start is a common noun
                    (mid.contains(t) || (g.context && !t.ends_with('s'))).then_some(g.kind)
                } else {
                    Some(g.kind)
                }
            }
        };
        if let Some(kind) = kind {
            out.push(Candidate { unit: f.unit, start: f.start, end: f.end, kind, canon, site: g.site, guessed });
        }
    }
    out
}

/// The type of the mention just before `f` when only "and", "or" or a comma separates them.
fn listed_with(units: &[Unit<'_>], f: &Found, out: &[Candidate]) -> Option<EntityKind> {
    let prev = out.last().filter(|c| c.unit == f.unit && c.end <= f.start && !c.guessed)?;
    let gap = units.get(f.unit as usize)?.text.get(prev.end as usize..f.start as usize)?;
    matches!(gap, " and " | " or " | ", " | ", and " | " & ").then_some(prev.kind)
}

/// Surface texts of the article's mentions, for Title Case headlines.
fn article_names<'a>(units: &[Unit<'a>], cands: &[Candidate]) -> FxMap<&'a str, (EntityKind, u32, u32)> {
    let mut m = FxMap::default();
    for c in cands {
        if let Some(t) = units.get(c.unit as usize).and_then(|u| u.text.get(c.start as usize..c.end as usize)) {
            m.entry(t).or_insert((c.kind, c.canon, c.site));
            if c.kind == EntityKind::Person {
                if let Some((_, last)) = t.rsplit_once(' ') {
                    m.entry(last).or_insert((c.kind, NONE, NONE));
                }
            }
        }
    }
    m
}

fn headline_spans(
    k: &Knowledge,
    s: &str,
    toks: &[Tok],
    unit: u32,
    known: &FxMap<&str, (EntityKind, u32, u32)>,
    out: &mut Vec<Candidate>,
) {
    let n = toks.len();
    let mut p = 0;
    while p < n {
        if toks[p].kind != TokKind::Cap {
            p += 1;
            continue;
        }
        if let Some((e, end)) = exact_toks(k, s, toks, p) {
            if let Some(ph) = s.get(toks[p].start as usize..end as usize).and_then(|t| k.phrase(t)) {
                let (kind, canon, site) = (ph.kind, ph.canon, ph.site);
                out.push(Candidate { unit, start: toks[p].start, end, kind, canon, site, guessed: false });
                p = e;
                continue;
            }
        }
        // candidate ends: capitalised words, possibly joined by connectors ("Charles de Gaulle")
        let mut ends: Vec<usize> = Vec::new();
        let mut q = p;
        while q < n && ends.len() < k.max_words.max(4) {
            if toks[q].kind == TokKind::Cap {
                q += 1;
                ends.push(q - p);
                if toks[q - 1].has(POSS | CUT_TAIL) {
                    break;
                }
            } else if toks[q].kind == TokKind::Lower
                && k.word(toks[q].text(s)) & w::CONNECTOR != 0
                && toks.get(q + 1).is_some_and(|t| t.kind == TokKind::Cap)
            {
                q += 1;
            } else {
                break;
            }
        }
        let mut hit = None;
        for &l in ends.iter().rev() {
            let t = text_of(s, toks, p, p + l);
            if let Some(&(kind, canon, site)) = known.get(t) {
                hit = Some((l, kind, canon, site));
                break;
            }
            if let Some(ph) = k.phrase(t) {
                if !ph.weak && (l > 1 || k.word(t) & (w::STOP | w::GIVEN | w::CUE) == 0) {
                    hit = Some((l, ph.kind, ph.canon, ph.site));
                    break;
                }
            }
            if l == 1 && toks[p].has(super::tokens::ACRONYM) && k.word(t) & w::STOP == 0 {
                hit = Some((1, EntityKind::Org, NONE, NONE));
            }
        }
        match hit {
            Some((l, kind, canon, site)) => {
                out.push(Candidate {
                    unit,
                    start: toks[p].start,
                    end: toks[p + l - 1].end,
                    kind,
                    canon,
                    site,
                    guessed: false,
                });
                p += l;
            }
            None => p += 1,
        }
    }
}
