//! Type of one span: known names first (site gazetteer, curated lists, GeoNames/ISO places),
//! then designators ("Oblast", "Ministry of"), titles, given names, initials and particles,
//! then the words around it. Unknown single words come back as weak guesses for `recognise`
//! to settle against the rest of the article.

use super::knowledge::{w, Knowledge, Source, NONE};
use super::recognise::Seg;
use super::tokens::{Tok, TokKind, ACRONYM, INITIAL, SENT_START};
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
}

fn strong(kind: EntityKind) -> Option<Guess> {
    Some(Guess { kind, strength: Strength::Strong, context: false, canon: NONE, site: NONE })
}

fn lower_flags(k: &Knowledge, s: &str, toks: &[Tok], i: usize) -> u32 {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Lower => k.word(t.text(s)),
        _ => 0,
    }
}

/// Type evidence from the neighbouring lower-case words.
fn context(k: &Knowledge, s: &str, toks: &[Tok], a: usize, b: usize) -> Option<EntityKind> {
    let prev = if a > 0 { lower_flags(k, s, toks, a - 1) } else { 0 };
    let next = lower_flags(k, s, toks, b);
    if prev & w::PREV_PERSON != 0 {
        return Some(EntityKind::Person);
    }
    if prev & w::PREV_PLACE != 0 || next & w::NEXT_PLACE != 0 {
        return Some(EntityKind::Place);
    }
    if prev & w::CONN_OF != 0 && a > 1 && lower_flags(k, s, toks, a - 2) & w::PLACE_OF != 0 {
        return Some(EntityKind::Place);
    }
    if next & w::NEXT_PERSON != 0 {
        return Some(EntityKind::Person);
    }
    // ", who said" / ", 45," appositions
    if toks.get(b).is_some_and(|t| t.kind == TokKind::Punct && t.text(s) == ",")
        && lower_flags(k, s, toks, b + 1) & w::NEXT_PERSON != 0
    {
        return Some(EntityKind::Person);
    }
    None
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

    if let Some(p) = k.phrase(text) {
        let weak_start = p.weak && ncap == 1 && sent_init;
        let personish = sg.person_cue || ctx == Some(EntityKind::Person);
        let city_as_person = personish && ncap == 1 && p.source >= Source::Region;
        if !weak_start && !city_as_person {
            return Some(Guess {
                kind: p.kind,
                strength: Strength::Strong,
                context: false,
                canon: p.canon,
                site: p.site,
            });
        }
    }
    if ncap >= 2 {
        if lf & w::ORG_TAIL != 0 {
            return strong(EntityKind::Org);
        }
        if lf & w::PLACE_TAIL != 0 {
            return strong(EntityKind::Place);
        }
        if ff & w::ORG_HEAD != 0 && sg.of_joined {
            return strong(EntityKind::Org);
        }
        if ff & w::PLACE_HEAD != 0 {
            return strong(EntityKind::Place);
        }
    }
    if ncap == 1 && ff & (w::STOP | w::DEMONYM | w::HONORIFIC | w::HONOR_PART | w::CUE) != 0 {
        return None;
    }
    if sg.person_cue || sg.particle {
        return strong(EntityKind::Person);
    }
    if ncap >= 2 {
        if toks[a..b].iter().any(|t| t.has(INITIAL)) {
            return strong(EntityKind::Person);
        }
        if ff & w::GIVEN != 0 && !(ff & w::GIVEN_WEAK != 0 && sent_init) {
            return strong(EntityKind::Person);
        }
        if ctx == Some(EntityKind::Person) {
            return strong(EntityKind::Person);
        }
        // "Kyiv Independent", "Ukraine Railways": a known place/org followed by unknown words
        if k.phrase(first.text(s)).is_some_and(|p| p.kind != EntityKind::Person) {
            return strong(EntityKind::Org);
        }
        if toks[a..b].iter().all(|t| t.kind != TokKind::Cap || t.has(ACRONYM)) {
            return strong(EntityKind::Org);
        }
        return Some(Guess {
            kind: ctx.unwrap_or(EntityKind::Person),
            strength: if sent_init { Strength::Weak } else { Strength::Strong },
            context: ctx.is_some(),
            canon: NONE,
            site: NONE,
        });
    }
    // one word
    if first.has(ACRONYM) && (2..=8).contains(&text.len()) {
        return strong(EntityKind::Org);
    }
    if first.has(INITIAL) {
        return None;
    }
    let weak_place = k.phrase(text).is_some_and(|p| p.kind == EntityKind::Place);
    let kind = ctx.unwrap_or(if weak_place && !sg.person_cue { EntityKind::Place } else { EntityKind::Person });
    let kind = if ctx.is_none() && a > 0 && lower_flags(k, s, toks, a - 1) & w::CONN_THE != 0 && ff & w::GIVEN == 0 {
        EntityKind::Org
    } else {
        kind
    };
    Some(Guess { kind, strength: Strength::Weak, context: ctx.is_some(), canon: NONE, site: NONE })
}
