//! Modifier phrases in front of a date — "early", "late", "mid-", "the beginning / start /
//! middle / end of", "around", "about", "some time in" — which join the span and set `modifier`.

use super::context::Ctx;
use super::timex::{Mod, Timex};
use super::token::Tok;
use super::DateMention;

/// `m` widened over a modifier phrase just before it, if there is one.
pub(crate) fn extend(ctx: &Ctx, mut m: DateMention) -> DateMention {
    if m.modifier.is_some() {
        return m;
    }
    if let Some((modifier, start)) = modifier_before(ctx, m.start, m.value) {
        m.modifier = Some(modifier);
        m.start = start;
    }
    m
}

/// The modifier ending right before byte `pos`, and where its phrase starts.
fn modifier_before(ctx: &Ctx, pos: usize, value: Timex) -> Option<(Mod, usize)> {
    let t = ctx.prev(pos)?;
    if matches!(t.punct(ctx.text), Some('-' | '‑')) {
        // "mid-March", "end-2022", "early-2023", "late-May"
        let w = ctx.prev(t.start).filter(|w| w.touches(t))?;
        let m = if ctx.is(w, "mid") {
            Mod::Mid
        } else if ctx.is(w, "end") || ctx.is(w, "late") {
            Mod::End
        } else if ctx.is(w, "early") {
            Mod::Start
        } else {
            return None;
        };
        return Some((m, with_the(ctx, w, value)));
    }
    let simple = [
        ("early", Mod::Start),
        ("late", Mod::End),
        ("mid", Mod::Mid),
        ("around", Mod::Approx),
        ("about", Mod::Approx),
        ("approximately", Mod::Approx),
        ("roughly", Mod::Approx),
        ("circa", Mod::Approx),
    ];
    if let Some((_, m)) = simple.iter().find(|(w, _)| ctx.is(t, w)) {
        let start = if *m == Mod::Approx { t.start } else { with_the(ctx, t, value) };
        return Some((*m, start));
    }
    if ctx.is(t, "in") {
        return some_time_in(ctx, t);
    }
    if ctx.is(t, "of") {
        return of_phrase(ctx, t);
    }
    None
}

/// "the late 1990s": a leading "the" belongs to a decade's span.
fn with_the(ctx: &Ctx, t: Tok, value: Timex) -> usize {
    match (value, ctx.prev_word(t.start, "the")) {
        (Timex::Decade(_), Some(the)) => the.start,
        _ => t.start,
    }
}

/// "some time in" / "sometime in".
fn some_time_in(ctx: &Ctx, in_tok: Tok) -> Option<(Mod, usize)> {
    let w = ctx.prev(in_tok.start)?;
    if ctx.is(w, "sometime") {
        return Some((Mod::Approx, w.start));
    }
    let some = ctx.prev_word(w.start, "some").filter(|_| ctx.is(w, "time"))?;
    Some((Mod::Approx, some.start))
}

/// "the beginning of", "the start of", "the middle of", "the end of" (with or without "the").
fn of_phrase(ctx: &Ctx, of: Tok) -> Option<(Mod, usize)> {
    let h = ctx.prev(of.start)?;
    let heads = [("beginning", Mod::Start), ("start", Mod::Start), ("middle", Mod::Mid), ("end", Mod::End)];
    let (_, m) = heads.iter().find(|(w, _)| ctx.is(h, w))?;
    let start = ctx.prev_word(h.start, "the").map_or(h.start, |t| t.start);
    Some((*m, start))
}
