//! Past/future cue detection: does the clause before a date speak of the future ("will",
//! "is due to", "plans to", "next", "'ll")? The nearest cue before the date wins, so "said on
//! Tuesday" reads as past while "said talks will resume on Friday" reads as future.

use super::token::{next_token, prev_token, Kind, Tok};

/// How far back (in tokens) to look for a cue.
const MAX_TOKENS: usize = 40;

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "would",
    "upcoming",
    "next",
    "scheduled",
    "slated",
    "due",
    "expected",
    "planned",
    "plans",
    "plan",
    "planning",
    "intends",
    "aims",
    "hopes",
    "forthcoming",
    "ahead",
];

/// Past auxiliaries: a clause with one of these is about the past whatever follows.
const STRONG_PAST: &[&str] = &["was", "were", "had", "did"];

const PAST: &[&str] = &["said", "told", "was", "were", "had", "did", "been", "ago", "earlier", "yesterday"];

/// Words ending in "ed" that are not past-tense verbs.
const NOT_PAST: &[&str] = &["need", "indeed", "speed", "feed", "seed", "hundred", "proceed"];

/// What the clause before a date says about time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tense {
    /// The nearest cue: `Some(true)` future, `Some(false)` past.
    pub nearest: Option<bool>,
    /// Whether a past auxiliary ("was", "had", "did") occurs in the clause before the date.
    pub strong_past: bool,
}

/// Whether the clause before byte `before` of `text` has a future cue nearer than any past cue.
pub(crate) fn is_future(text: &str, before: usize) -> bool {
    tense_before(text, before).nearest == Some(true)
}

/// The cues in the clause before byte `before`.
pub(crate) fn tense_before(text: &str, before: usize) -> Tense {
    let mut tense = Tense::default();
    let mut pos = before;
    for _ in 0..MAX_TOKENS {
        let Some(tok) = prev_token(text, pos) else {
            break;
        };
        match tok.kind {
            Kind::Punct if ends_clause(text, tok) => break,
            Kind::Word => {
                if tense.nearest.is_none() {
                    tense.nearest = cue(text, tok);
                }
                if tok.is_any(text, STRONG_PAST) {
                    tense.strong_past = true;
                    break;
                }
            }
            _ => {}
        }
        pos = tok.start;
    }
    tense
}

/// The first cue in the clause after byte `after` ("Sunday's match would be…").
pub(crate) fn cue_after(text: &str, after: usize) -> Option<bool> {
    let mut pos = after;
    for _ in 0..MAX_TOKENS / 2 {
        let tok = next_token(text, pos)?;
        match tok.kind {
            Kind::Punct if ends_clause(text, tok) || tok.is_punct(text, ',') => return None,
            Kind::Word => {
                if let Some(c) = cue(text, tok) {
                    return Some(c);
                }
            }
            _ => {}
        }
        pos = tok.end;
    }
    None
}

/// Sentence or clause ends; a dot after a short capitalised word ("Mr.", "Feb.") is not one.
fn ends_clause(text: &str, tok: Tok) -> bool {
    match tok.punct(text) {
        Some('!' | '?' | ';' | '\n') => true,
        Some('.') => {
            !prev_token(text, tok.start).is_some_and(|w| w.kind == Kind::Word && w.len() <= 4 && w.capitalised(text))
        }
        _ => false,
    }
}

/// `Some(true)` for a future cue, `Some(false)` for a past cue, `None` otherwise.
fn cue(text: &str, tok: Tok) -> Option<bool> {
    let w = tok.text(text);
    if tok.is_any(text, FUTURE) || is_contracted_will(text, tok) {
        return Some(true);
    }
    if w.eq_ignore_ascii_case("to") {
        // "is to meet", "are to vote"
        let aux = prev_token(text, tok.start).is_some_and(|p| p.is_any(text, &["is", "are"]));
        return aux.then_some(true);
    }
    if w.eq_ignore_ascii_case("set") || w.eq_ignore_ascii_case("going") {
        return next_is_to(text, tok).then_some(true);
    }
    if tok.is_any(text, PAST) {
        return Some(false);
    }
    let b = w.as_bytes();
    let past_verb = b.len() >= 4 && b.ends_with(b"ed") && tok.lowercase_word(text) && !tok.is_any(text, NOT_PAST);
    past_verb.then_some(false)
}

/// "'ll" / "’ll" / "won't".
fn is_contracted_will(text: &str, tok: Tok) -> bool {
    let w = tok.text(text);
    if w.eq_ignore_ascii_case("ll") {
        return prev_token(text, tok.start)
            .is_some_and(|p| p.touches(tok) && matches!(p.punct(text), Some('\'' | '’')));
    }
    w.eq_ignore_ascii_case("won")
        && next_token(text, tok.end).is_some_and(|p| {
            tok.touches(p)
                && matches!(p.punct(text), Some('\'' | '’'))
                && next_token(text, p.end).is_some_and(|t| t.is(text, "t"))
        })
}

fn next_is_to(text: &str, tok: Tok) -> bool {
    next_token(text, tok.end).is_some_and(|t| t.is(text, "to"))
}
