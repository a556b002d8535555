//! `pattern`: every match of a regular expression (run on the NFC text; whole words unless
//! `whole_word: false`).

use super::{Check, Context, Finding, Matcher, without_context};
use crate::rule::Scope;

#[derive(Debug)]
pub struct PatternCheck {
    pub matcher: Matcher,
    /// Negative context and its distance in characters.
    pub unless: Option<(Matcher, usize)>,
    pub scope: Scope,
}

impl Check for PatternCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        for r in without_context(cx, &self.matcher, &self.unless, &self.scope) {
            let m = cx.draft.source[r.clone()].to_string();
            out.push(Finding::at(r).var("match", m));
        }
    }
}
