//! Past/future cue detection: does the clause before a date speak of the future ("will",
//! "is due to", "plans to", "next", "'ll")? The nearest cue before the date wins, so "said on
//! Tuesday" reads as past while "said talks will resume on Friday" reads as future.

use super::token::{prev_token, Kind, Tok};

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
];

const PAST: &[&str] = &["said", "told", "was", "were", "had", "did", "been", "ago", "last", "earlier", "yesterday"];

/// Words ending in "ed" that are not past-tense verbs.
const NOT_PAST: &[&str] = &["need", "indeed", "speed", "feed", "seed", "hundred", "proceed"];

/// Whether the clause before byte `before` of `text` has a future cue nearer than any past cue.
pub(crate) fn is_future(text: &str, before: usize) -> bool {
    let mut pos = before;
    for _ in 0..MAX_TOKENS {
        let Some(tok) = prev_token(text, pos) else {
            return false;
        };
        match tok.kind {
            Kind::Punct if ends_clause(text, tok) => return false,
            Kind::Word => {
                if let Some(future) = cue(text, tok) {
                    return future;
                }
            }
            _ => {}
        }
        pos = tok.start;
    }
    false
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
        && super::token::next_token(text, tok.end).is_some_and(|p| {
            tok.touches(p)
                && matches!(p.punct(text), Some('\'' | '’'))
                && super::token::next_token(text, p.end).is_some_and(|t| t.is(text, "t"))
        })
}

fn next_is_to(text: &str, tok: Tok) -> bool {
    super::token::next_token(text, tok.end).is_some_and(|t| t.is(text, "to"))
}
