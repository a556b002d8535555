//! `terms`: every occurrence of a phrase from a list (case-insensitive, whole words, `*` at the
//! end of a term for a prefix such as `gewinnspiel*`).

use super::{Check, Context, Finding, Matcher, TermListId};
use crate::rule::Scope;

#[derive(Debug)]
pub struct TermsCheck {
    pub list: TermListId,
    pub scope: Scope,
}

impl Check for TermsCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        for r in Matcher::Terms(self.list).matches(cx, &self.scope) {
            let m = cx.draft.source[r.clone()].to_string();
            out.push(Finding::at(r).var("match", m));
        }
    }
}
