//! `person-name`: a person's full name. In text: a first name from a built-in list (data in
//! `rules/lists/`) followed, after blanks only, by a capitalised surname ("Anna Huber",
//! "Hans-Peter Özdemir-Schulz", "Anna Maria Huber"). Among mentions: a handle made of a listed
//! first name and a second part (`@anna.huber`, `@AnnaHuber`, `@anna_huber_`).
//!
//! Unlike the other kinds, this one reads words itself: a list of thousands of names in the
//! shared automaton would make building it several times slower for every run, while looking
//! up capitalised words in a sorted list costs about a microsecond per post.

use std::ops::Range;

use super::{Check, Context, Finding, Matcher, in_scope, near_any};
use crate::rule::Scope;
use crate::rule::lists::WordList;

#[derive(Debug)]
pub struct PersonNameCheck {
    pub list: &'static WordList,
    /// Lower case; a leading `*` matches the end of a word.
    pub exclude: Vec<String>,
    /// Negative context and its distance in characters.
    pub unless: Option<(Matcher, usize)>,
    pub scope: Scope,
}

/// Words of a text: runs of letters, joined by an inner hyphen or apostrophe ("Özdemir-Schulz",
/// "O'Brien"), as byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        let joins = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && iter.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if joins {
            continue;
        }
        if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// "Huber", "Özdemir-Schulz", "O'Brien", "van-Dyke": a capital, then lower-case letters; each
/// part after a hyphen or apostrophe starts with any letter. Not "IT" or "CSU".
fn is_surname(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || w.chars().count() < 2 {
        return false;
    }
    let mut after_joint = false;
    for c in chars {
        if matches!(c, '-' | '\'' | '’') {
            after_joint = true;
        } else if after_joint || c.is_lowercase() {
            after_joint = false;
        } else {
            return false;
        }
    }
    true
}

impl PersonNameCheck {
    fn is_first_name(&self, w: &str) -> bool {
        self.list.contains(w) || (w.contains('-') && w.split('-').all(|p| self.list.contains(p)))
    }

    fn excluded(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        let hit = |part: &str| {
            self.exclude.iter().any(|e| match e.strip_prefix('*') {
                Some(suffix) => part.ends_with(suffix),
                None => part == e,
            })
        };
        hit(&lower) || lower.split(['-', '\'', '’']).any(hit)
    }

    fn in_text(&self, cx: &Context, out: &mut Vec<Finding>) {
        let d = cx.draft;
        let base = d.body.start;
        let body = &d.source[d.body.clone()];
        let ws = words(body);
        let w = |k: usize| &body[ws[k].clone()];
        let blanks = |a: usize, b: usize| {
            body[ws[a].end..ws[b].start]
                .chars()
                .all(|c| c == ' ' || c == '\t' || c == '\u{A0}')
        };
        // Word `k + 1` continues a name that ends at word `k`.
        let continues = |k: usize| k + 1 < ws.len() && blanks(k, k + 1) && is_surname(w(k + 1));
        let mut i = 0;
        while i + 1 < ws.len() {
            if !(self.is_first_name(w(i)) && continues(i)) {
                i += 1;
                continue;
            }
            // A middle name: "Anna Maria Huber".
            let mut end = i + 1;
            while self.list.contains(w(end)) && continues(end) {
                end += 1;
            }
            let after_excluded =
                end + 1 < ws.len() && blanks(end, end + 1) && self.excluded(w(end + 1));
            if !self.excluded(w(end)) && !after_excluded {
                let r = base + ws[i].start..base + ws[end].end;
                if in_scope(d, &self.scope, &r) {
                    out.push(Finding::at(r.clone()).var("match", &d.source[r]));
                }
            }
            i = end + 1;
        }
    }

    fn in_mentions(&self, cx: &Context, out: &mut Vec<Finding>) {
        let d = cx.draft;
        for m in &d.structure.mentions {
            if !in_scope(d, &self.scope, m) {
                continue;
            }
            let handle = d.source[m.clone()].trim_start_matches(['@', '＠']);
            let parts = handle_parts(handle);
            let person = parts.len() >= 2
                && self.list.contains_lower(&parts[0])
                && parts[1..].iter().any(|p| p.chars().count() >= 2)
                && !parts.iter().any(|p| self.excluded(p));
            if person {
                out.push(Finding::at(m.clone()).var("match", &d.source[m.clone()]));
            }
        }
    }
}

/// The lower-case parts of a handle, split at `.`, `_`, `-`, digits and CamelCase humps:
/// `Anna.Huber_89` → anna, huber; `AnnaHuber` → anna, huber. `annahuber` stays one part (it
/// cannot be told apart from a word such as `paulaner`).
fn handle_parts(handle: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in handle.chars() {
        if !c.is_alphabetic() {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

impl Check for PersonNameCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut found = Vec::new();
        match self.scope {
            Scope::Mentions => self.in_mentions(cx, &mut found),
            _ => self.in_text(cx, &mut found),
        }
        if let Some((ctx, within)) = &self.unless
            && !found.is_empty()
        {
            let context = ctx.matches(cx, &Scope::Text);
            found.retain(|f| !near_any(&cx.draft.source, &context, &f.range, *within));
        }
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_join_inner_hyphens_and_apostrophes_only() {
        let t = "Anna-Lena O'Brien, - Özdemir-Schulz; x-";
        let w: Vec<&str> = words(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(w, ["Anna-Lena", "O'Brien", "Özdemir-Schulz", "x"]);
    }

    #[test]
    fn surnames_are_capitalised_words_not_acronyms() {
        for ok in ["Huber", "Özdemir-Schulz", "O'Brien", "Li"] {
            assert!(is_surname(ok), "{ok}");
        }
        for no in ["huber", "IT", "CSU", "H", "McDonald", ""] {
            assert!(!is_surname(no), "{no}");
        }
    }

    #[test]
    fn handles_split_at_separators_digits_and_humps() {
        assert_eq!(handle_parts("Anna.Huber_89"), ["anna", "huber"]);
        assert_eq!(handle_parts("AnnaHuber"), ["anna", "huber"]);
        assert_eq!(handle_parts("annahuber"), ["annahuber"]);
        assert_eq!(handle_parts("stadt_muenchen"), ["stadt", "muenchen"]);
    }
}
