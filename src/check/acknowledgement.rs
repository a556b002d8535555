//! `acknowledgement`: problems with the draft's own acknowledgements. These depend on every
//! other rule's findings, so the check itself finds nothing while the rules run; the engine
//! calls [`review`] afterwards. An acknowledgement covers findings of its rule in its scope (the
//! whole draft, or the paragraph after an inline comment), and only when it gives a reason.

use std::ops::Range;

use super::{Check, Context, Finding};
use crate::draft::Ack;
use crate::rule::AckProblem;

#[derive(Debug)]
pub struct AckCheck {
    pub problem: AckProblem,
}

impl Check for AckCheck {
    fn run(&self, _cx: &Context, _out: &mut Vec<Finding>) {}
}

/// What [`review`] found: the reason for each finding it acknowledges, and the problems.
#[derive(Debug, Default)]
pub struct Review {
    pub reasons: Vec<Option<String>>,
    /// (problem, index into the draft's acks).
    pub problems: Vec<(AckProblem, usize)>,
}

/// Match acknowledgements to findings (given as rule id and range, in report order).
pub fn review<'a>(
    acks: &[Ack],
    findings: impl Iterator<Item = (&'a str, &'a Range<usize>)>,
    known: impl Fn(&str) -> bool,
) -> Review {
    let mut used = vec![false; acks.len()];
    let reasons = findings
        .map(|(id, r)| {
            let i = acks.iter().position(|a| {
                a.rule == id
                    && !a.reason.trim().is_empty()
                    && a.scope
                        .as_ref()
                        .is_none_or(|s| s.start <= r.start && r.start < s.end.max(s.start + 1))
            })?;
            used[i] = true;
            Some(acks[i].reason.clone())
        })
        .collect();
    let problems = acks
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            if !known(&a.rule) {
                Some((AckProblem::UnknownRule, i))
            } else if a.reason.trim().is_empty() {
                Some((AckProblem::MissingReason, i))
            } else if !used[i] {
                Some((AckProblem::Stale, i))
            } else {
                None
            }
        })
        .collect();
    Review { reasons, problems }
}
