//! `position`: a marker is present but not where it counts: not within the first N characters,
//! not before the platform's "see more" fold (`within: fold`), or only inside a block of
//! hashtags (`outside: hashtag-block`). With a `trigger`, only drafts that contain it are
//! looked at (e.g. a label only counts as one when there is a commercial signal). No marker at
//! all is not this check's business (a `requires` rule reports that).

use super::{Check, Context, Finding, Matcher, visible_len, visible_offset};
use crate::rule::{Scope, Within};

#[derive(Debug)]
pub struct PositionCheck {
    pub trigger: Option<Matcher>,
    pub marker: Matcher,
    pub within: Option<Within>,
    pub outside_hashtag_block: bool,
    pub scope: Scope,
}

impl Check for PositionCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(t) = &self.trigger
            && t.matches(cx, &self.scope).is_empty()
        {
            return;
        }
        let markers = self.marker.matches(cx, &self.scope);
        let Some(first) = markers.first().cloned() else {
            return;
        };
        let limit = match self.within {
            Some(Within::Chars(n)) => Some(n),
            Some(Within::Fold) => cx.fold,
            None => None,
        };
        // Markers come in text order, so their visible offsets grow: only the markers before the
        // limit can be well placed, and the offset of the first marker past it ends the search
        // (one pass, however many markers a draft has).
        let mut well_placed = false;
        // Visible offsets counted incrementally from marker to marker.
        let mut counted: Option<(usize, usize)> = None;
        for r in &markers {
            if let Some(n) = limit {
                let offset = match counted {
                    None => visible_offset(cx.draft, r.start),
                    Some((pos, count)) => {
                        count + visible_len(&cx.draft.source[pos..r.start.max(pos)])
                    }
                };
                counted = Some((r.start.max(counted.map_or(0, |c| c.0)), offset));
                if offset >= n {
                    break;
                }
            }
            if !(self.outside_hashtag_block && cx.draft.structure.in_hashtag_block(r)) {
                well_placed = true;
                break;
            }
        }
        if !well_placed {
            let m = cx.draft.source[first.clone()].to_string();
            let mut f = Finding::at(first.clone())
                .var("match", m)
                .var("platform", cx.platform.label())
                .var("offset", visible_offset(cx.draft, first.start));
            if let Some(n) = limit {
                f = f.var("max", n);
            }
            out.push(f);
        }
    }
}
