//! `validate`: regex matches that a named validator confirms (IBAN mod 97, Luhn, tax-id check
//! digit, …), so that look-alikes such as order numbers stay silent.

use super::{Check, Context, Finding, Matcher, without_context};
use crate::rule::Scope;

#[derive(Debug)]
pub struct ValidateCheck {
    /// Always a `Matcher::Regex` with a validator.
    pub matcher: Matcher,
    /// Negative context and its distance in characters.
    pub unless: Option<(Matcher, usize)>,
    pub scope: Scope,
}

impl Check for ValidateCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        for r in without_context(cx, &self.matcher, &self.unless, &self.scope) {
            let m = cx.draft.source[r.clone()].to_string();
            out.push(Finding::at(r).var("match", m));
        }
    }
}
