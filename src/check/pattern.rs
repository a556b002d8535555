//! `pattern`: every match of a regular expression (run on the NFC text; whole words unless
//! `whole_word: false`).

use super::{Check, Context, Finding, Matcher, filter_by_context, without_context};
use crate::rule::Scope;

#[derive(Debug)]
pub struct PatternCheck {
    pub matcher: Matcher,
    /// Negative context and its distance in characters.
    pub unless: Option<(Matcher, usize)>,
    /// Positive context and its distance in characters (`usize::MAX`: anywhere in the post).
    pub with: Option<(Matcher, usize)>,
    pub scope: Scope,
}

impl Check for PatternCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut found = without_context(cx, &self.matcher, &self.unless, &self.scope);
        filter_by_context(cx, &mut found, &self.with, true);
        for r in found {
            let m = cx.draft.source[r.clone()].to_string();
            out.push(Finding::at(r).var("match", m));
        }
    }
}
