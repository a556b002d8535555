//! `length`: the post is longer than the platform allows, counted the way the platform counts
//! (grapheme clusters; X weighs most non-Latin characters and emoji double and every link as 23;
//! Mastodon counts every link as 23). The finding covers the part that does not fit.

use unicode_segmentation::UnicodeSegmentation;

use super::{Check, Context, Finding};
use crate::draft::Draft;
use crate::platform::Counting;
use crate::rule::PerPlatform;

#[derive(Debug)]
pub struct LengthCheck {
    pub max: PerPlatform,
}

/// X's weight of one character: 1 for the ranges twitter-text counts light (Latin, Latin-1,
/// general punctuation), 2 for everything else (CJK, emoji, most other scripts).
fn x_weight(c: char) -> usize {
    match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// Length of the post as the platform counts it, and the byte offset where `max` is exceeded.
pub fn measure(d: &Draft, counting: Counting, max: usize) -> (usize, Option<usize>) {
    let body = d.body_text().trim_end();
    let lead = body.len() - body.trim_start().len();
    let start = d.body.start + lead;
    let text = &d.source[start..start + body.len() - lead];
    let links = &d.structure.links;
    let mut total = 0usize;
    let mut cut = None;
    let mut iter = text.grapheme_indices(true).peekable();
    let mut next_link = 0;
    while let Some((i, g)) = iter.next() {
        let abs = start + i;
        while next_link < links.len() && links[next_link].start < abs {
            next_link += 1;
        }
        let weight = match counting {
            Counting::Graphemes => 1,
            Counting::XWeighted | Counting::UrlsAs23 => {
                if let Some(l) = links.get(next_link).filter(|l| l.start == abs) {
                    // Skip the rest of the link: it counts 23 as a whole.
                    while iter.peek().is_some_and(|(j, _)| start + j < l.end) {
                        iter.next();
                    }
                    23
                } else if counting == Counting::XWeighted {
                    if g.chars().any(|c| x_weight(c) == 2) {
                        2
                    } else {
                        1
                    }
                } else {
                    1
                }
            }
        };
        total += weight;
        if total > max && cut.is_none() {
            cut = Some(abs);
        }
    }
    (total, cut)
}

impl Check for LengthCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(max) = self.max.get(cx.platform) else {
            return;
        };
        // Cheap upper bound first: no platform counts more than 2 per character plus 23 per
        // link, and graphemes never outnumber characters.
        let body = cx.draft.body_text();
        let bound = match cx.platform.counting() {
            crate::platform::Counting::Graphemes => body.len(),
            _ => 2 * body.len() + 23 * cx.draft.structure.links.len(),
        };
        if bound <= max {
            return;
        }
        let (total, cut) = measure(cx.draft, cx.platform.counting(), max);
        if let Some(cut) = cut {
            let end = cx.draft.body.start + cx.draft.body_text().trim_end().len();
            out.push(
                Finding::at(cut..end.max(cut))
                    .var("count", total)
                    .var("max", max)
                    .var("platform", cx.platform.label()),
            );
        }
    }
}
