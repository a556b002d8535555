//! `requires`: a trigger is present but a required marker is not, e.g. a discount code without
//! "Werbung"/"Anzeige". With `near: N` the marker must be within N characters of each trigger
//! (one finding per lonely trigger); without it, anywhere in scope (one finding, at the first
//! trigger). Without a trigger the rule fires on the draft itself (combine with `when:`, e.g.
//! `sponsored: true`), pointing at the first line of the post.

use super::{Check, Context, Finding, Matcher, near_any};
use crate::rule::Scope;

#[derive(Debug)]
pub struct RequiresCheck {
    pub trigger: Option<Matcher>,
    pub require: Matcher,
    pub near: Option<usize>,
    pub scope: Scope,
}

impl Check for RequiresCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(trigger) = &self.trigger else {
            if self.require.matches(cx, &self.scope).is_empty() {
                let d = cx.draft;
                let body = d.body_text();
                let start = d.body.start + (body.len() - body.trim_start().len());
                let end = d.source[start..d.body.end]
                    .find(['\n', '\r'])
                    .map(|i| start + i)
                    .unwrap_or(d.body.end);
                out.push(Finding::at(start..end));
            }
            return;
        };
        // Triggers first: most drafts have none, and then the marker (often a regex that
        // the set cannot rule out, such as a link) need not be looked for at all.
        let triggers = trigger.matches(cx, &self.scope);
        if triggers.is_empty() {
            return;
        }
        let required = self.require.matches(cx, &self.scope);
        match self.near {
            None => {
                if required.is_empty()
                    && let Some(first) = triggers.into_iter().next()
                {
                    let m = cx.draft.source[first.clone()].to_string();
                    out.push(Finding::at(first).var("match", m));
                }
            }
            Some(n) => {
                for t in triggers {
                    let close = near_any(&cx.draft.source, &required, &t, n);
                    if !close {
                        let m = cx.draft.source[t.clone()].to_string();
                        out.push(Finding::at(t).var("match", m));
                    }
                }
            }
        }
    }
}
