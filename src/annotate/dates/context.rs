//! The read-only state every parser shares: the text, the publication date, the site options,
//! and shorthand for reading neighbouring tokens.

use std::cell::Cell;

use chrono::{Datelike, NaiveDate};

use super::tense;
use super::timex::Timex;
use super::token::{self, Tok};
use super::NumericOrder;

/// One `find_dates` call's inputs.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub published: NaiveDate,
    pub order: NumericOrder,
    /// The last date found so far (its end for a range), for "the following year".
    pub anchor: Cell<Option<Timex>>,
}

impl<'a> Ctx<'a> {
    /// The token before byte `pos`.
    pub(crate) fn prev(&self, pos: usize) -> Option<Tok> {
        token::prev_token(self.text, pos)
    }

    /// The token at or after byte `pos`.
    pub(crate) fn next(&self, pos: usize) -> Option<Tok> {
        token::next_token(self.text, pos)
    }

    /// The text of `t`.
    pub(crate) fn str(&self, t: Tok) -> &'a str {
        t.text(self.text)
    }

    /// Whether `t` is the word `w` (ASCII case-insensitive).
    pub(crate) fn is(&self, t: Tok, w: &str) -> bool {
        t.is(self.text, w)
    }

    /// Whether `t` is one of `ws` (ASCII case-insensitive).
    pub(crate) fn is_any(&self, t: Tok, ws: &[&str]) -> bool {
        t.is_any(self.text, ws)
    }

    /// The token before `pos` if it is the word `w`.
    pub(crate) fn prev_word(&self, pos: usize, w: &str) -> Option<Tok> {
        self.prev(pos).filter(|t| self.is(*t, w))
    }

    /// The token after `pos` if it is the word `w`.
    pub(crate) fn next_word(&self, pos: usize, w: &str) -> Option<Tok> {
        self.next(pos).filter(|t| self.is(*t, w))
    }

    /// Whether `t` is the punctuation char `c`.
    pub(crate) fn is_punct(&self, t: Tok, c: char) -> bool {
        t.is_punct(self.text, c)
    }

    /// Whether the clause before byte `pos` speaks of the future.
    pub(crate) fn future(&self, pos: usize) -> bool {
        tense::is_future(self.text, pos)
    }

    /// The publication year.
    pub(crate) fn year(&self) -> i32 {
        self.published.year()
    }
}
