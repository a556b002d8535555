//! `count`: more hashtags, mentions, links, emoji or matches than a (per-platform) maximum. The
//! finding points at the first item over the limit.

use std::borrow::Cow;
use std::ops::Range;

use super::{Check, Context, Finding, Matcher, in_scope};
use crate::rule::{PerPlatform, Scope};

#[derive(Debug)]
pub enum Counted {
    Hashtags,
    Mentions,
    Links,
    Emoji,
    Matches(Matcher),
}

#[derive(Debug)]
pub struct CountCheck {
    pub of: Counted,
    pub max: PerPlatform,
    pub scope: Scope,
}

impl Check for CountCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(max) = self.max.get(cx.platform) else {
            return;
        };
        let s = &cx.draft.structure;
        // Borrow the structure's lists; only computed lists are owned.
        let all: Cow<[Range<usize>]> = match &self.of {
            Counted::Hashtags => Cow::Borrowed(&s.hashtags),
            Counted::Mentions => Cow::Borrowed(&s.mentions),
            Counted::Links => Cow::Borrowed(&s.links),
            Counted::Emoji => Cow::Owned(crate::draft::structure::emoji(
                &cx.draft.source,
                cx.draft.body.clone(),
            )),
            Counted::Matches(m) => Cow::Owned(m.matches(cx, &self.scope)),
        };
        // Counted without collecting: the first item over the limit and the last one.
        let mut count = 0;
        let mut over: Option<Range<usize>> = None;
        for r in all.iter().filter(|r| in_scope(cx.draft, &self.scope, r)) {
            if count == max {
                over = Some(r.start..r.end);
            } else if let Some(o) = &mut over {
                o.end = r.end;
            }
            count += 1;
        }
        if let Some(over) = over {
            out.push(
                Finding::at(over)
                    .var("count", count)
                    .var("max", max)
                    .var("platform", cx.platform.label()),
            );
        }
    }
}
