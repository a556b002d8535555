//! `near`: several parts (concepts or matchers) in one sentence, or within a number of words,
//! in any order; optionally about an identifiable person; not when an `unless` part is in the
//! same window. One finding per window, at the first part's match, with every part's match as
//! evidence.
//!
//! The person anchor is what makes "Depression" in a health campaign different from "meine
//! Kollegin hat eine Depression": a role noun or honorific of the concept `person` (Kollegin,
//! Bürger, Antragsteller, Frau, Herr …) or a first name from the built-in list, in the window
//! or in the sentence before it ("Das ist Gertrud. Sie hat Krebs.").

use std::ops::Range;

use super::{Check, Context, Evidence, Finding, Matcher};
use crate::rule::lists::WordList;
use crate::rule::{Scope, UnlessIn, Window};
use crate::text::is_word_char;

#[derive(Debug)]
pub struct NearCheck {
    /// Alternatives; the first group found in a window reports it.
    pub groups: Vec<Group>,
    pub names: &'static WordList,
    pub window: Window,
    pub unless_in: UnlessIn,
    pub scope: Scope,
}

/// One alternative: every part in one window, about a person if asked, no `unless` there.
#[derive(Debug)]
pub struct Group {
    /// Each part's matcher and its evidence label (the concept's name).
    pub parts: Vec<(Matcher, String)>,
    pub person: Option<Matcher>,
    /// Only a listed first name counts as the anchor.
    pub name: bool,
    /// The group's own window, else the check's.
    pub window: Option<Window>,
    /// Silences the group in its window.
    pub unless: Option<Matcher>,
    /// Silences the group where the check's `unless_in` says (window, paragraph, post).
    pub unless_wide: Option<Matcher>,
}

/// An anchor with the capitalised word after it, if any ("Frau" → "Frau Huber", "Kollegin"
/// → "Kollegin Miriam"), so the evidence shows who is meant.
fn with_name(text: &str, r: Range<usize>) -> Range<usize> {
    let rest = &text[r.end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\u{A0}']).len();
    if gap == 0 || gap > 2 {
        return r;
    }
    let word = &rest[gap..];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return r;
    }
    let len = word
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(word.len());
    let len = word[..len].trim_end_matches(['-']).len();
    // An initial keeps its period ("Frau K.").
    let len = if word[..len].chars().count() == 1 && word[len..].starts_with('.') {
        len + 1
    } else {
        len
    };
    if len == 0 {
        return r;
    }
    r.start..r.end + gap + len
}

/// Whether the word before the end of `head` is an article or a plain adjective: "den kleinen
/// Teddy", "ein neuer Max" name a thing or a type, not a person.
fn after_article(head: &str) -> bool {
    const ARTICLES: &[&str] = &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "kleine", "kleinen", "kleiner", "neue", "neuen", "neuer", "the", "a", "little",
    ];
    let word = head
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    ARTICLES.contains(&word)
}

/// The word `r` starts in and `n` words either side of it: from the start of the n-th word
/// before to the start of the (n+1)-th word after (or the end of the post). Words are runs of
/// word characters ([`is_word_char`]); only the text around `r` is read.
fn words_around(text: &str, body: &Range<usize>, r: &Range<usize>, n: usize) -> Range<usize> {
    let lo = body.start;
    let hi = body.end;
    let back_while = |mut p: usize, word: bool| {
        while p > lo {
            match text[..p].chars().next_back() {
                Some(c) if is_word_char(c) == word => p -= c.len_utf8(),
                _ => break,
            }
        }
        p
    };
    let fwd_while = |mut p: usize, word: bool| {
        while p < hi {
            match text[p..].chars().next() {
                Some(c) if is_word_char(c) == word => p += c.len_utf8(),
                _ => break,
            }
        }
        p
    };
    let mut start = back_while(r.start, true);
    for _ in 0..n {
        let gap = back_while(start, false);
        if gap == lo {
            break;
        }
        start = back_while(gap, true);
    }
    let mut end = fwd_while(r.start, true);
    for k in 0..=n {
        end = fwd_while(end, false);
        if k < n {
            end = fwd_while(end, true);
        }
    }
    start.min(r.start)..end.max(r.end)
}

/// The index of the sentence containing byte `pos`, if any.
fn sentence_of(sentences: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= pos);
    sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
}

/// The first range of `sorted` inside `window` that overlaps none of `used` (one word serves
/// one part only: "Dankeschön" is not both the gift and the thanks).
fn first_free(
    sorted: &[Range<usize>],
    window: &Range<usize>,
    used: &[Evidence],
) -> Option<Range<usize>> {
    let i = sorted.partition_point(|r| r.start < window.start);
    sorted[i..]
        .iter()
        .take_while(|r| r.end <= window.end)
        .find(|r| {
            !used
                .iter()
                .any(|e| e.range.start < r.end && r.start < e.range.end)
        })
        .cloned()
}

impl NearCheck {
    /// A person anchor inside `window` that is none of the words already used as evidence: a
    /// match of the `person` concept (then `true`), or a capitalised word that is a listed
    /// first name (`false`).
    fn anchor(
        &self,
        cx: &Context,
        anchors: &[Range<usize>],
        window: &Range<usize>,
        used: &[Evidence],
    ) -> Option<(Range<usize>, bool)> {
        let free = |r: &Range<usize>| {
            !used
                .iter()
                .any(|e| e.range.start < r.end && r.start < e.range.end)
        };
        let by_concept = first_free(anchors, window, used);
        let text = &cx.draft.source;
        let mut pos = window.start;
        let by_name = loop {
            let rest = &text[pos..window.end];
            let Some(off) = rest.find(|c: char| c.is_uppercase()) else {
                break None;
            };
            let start = pos + off;
            let len = text[start..window.end]
                .find(|c: char| !c.is_alphabetic() && c != '-')
                .unwrap_or(window.end - start);
            let word = &text[start..start + len];
            let before = text[..start].chars().next_back();
            let at_word_start = !before.is_some_and(char::is_alphanumeric);
            // A name in quotes is a title or a nickname (»Florian« for a teddy), not a person.
            let quoted = before.is_some_and(|c| "»«„“”\"'‚‘’".contains(c));
            if at_word_start
                && !quoted
                && len > 1
                && free(&(start..start + len))
                && !after_article(&text[..start])
                && self.names.contains(word)
            {
                break Some(start..start + len);
            }
            pos = start + len.max(1);
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        };
        match (by_concept, by_name) {
            (Some(a), Some(b)) if a.start <= b.start => Some((a, true)),
            (_, Some(b)) => Some((b, false)),
            (Some(a), None) => Some((a, true)),
            (None, None) => None,
        }
    }
}

impl Check for NearCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let start = out.len();
        for g in &self.groups {
            self.group(g, cx, out);
        }
        // One finding per sentence: the first group that found it.
        if self.groups.len() > 1 && out.len() > start + 1 {
            let sentences = cx.sentences();
            let mut mine: Vec<Finding> = out.drain(start..).collect();
            mine.sort_by_key(|f| f.range.start);
            // Sorted by position, so a sentence's findings are next to each other.
            let mut last = None;
            for f in mine {
                let s = sentence_of(sentences, f.range.start);
                if last != Some(s) {
                    last = Some(s);
                    out.push(f);
                }
            }
        }
    }
}

impl NearCheck {
    fn group(&self, g: &Group, cx: &Context, out: &mut Vec<Finding>) {
        let mut found: Vec<Vec<Range<usize>>> = Vec::with_capacity(g.parts.len());
        for (m, _) in &g.parts {
            let v = m.matches(cx, &self.scope);
            if v.is_empty() {
                return;
            }
            found.push(v);
        }
        let kind = g.window.unwrap_or(self.window);
        // A word window needs no sentences (the most frequent group, a role noun next to a
        // first name, runs on most posts).
        let sentences: &[Range<usize>] = match kind {
            Window::Words(_) => &[],
            _ => cx.sentences(),
        };
        let anchors = match &g.person {
            Some(p) => p.matches(cx, &Scope::Text),
            None => Vec::new(),
        };
        let unless = match &g.unless {
            Some(u) => u.matches(cx, &self.scope),
            None => Vec::new(),
        };
        let unless_wide = match &g.unless_wide {
            Some(u) => u.matches(cx, &self.scope),
            None => Vec::new(),
        };
        let paragraph_of = |pos: usize| {
            cx.draft
                .structure
                .paragraphs
                .iter()
                .find(|p| p.start <= pos && pos < p.end)
                .cloned()
        };
        let mut last_sentence = None;
        // With a paragraph or post window, one finding per window.
        let mut last_window: Option<Range<usize>> = None;
        for first in &found[0] {
            // The sentence of `first` (in a word window: the word window itself).
            let (si, sentence) = if let Window::Words(_) = kind {
                (first.start, first.clone())
            } else {
                match sentence_of(sentences, first.start) {
                    Some(si) => (si, sentences[si].clone()),
                    None => continue,
                }
            };
            if last_sentence == Some(si) {
                continue;
            }

            // The window the other parts must be in.
            let window = match kind {
                Window::Sentence => sentence.clone(),
                Window::Paragraph => paragraph_of(first.start).unwrap_or_else(|| sentence.clone()),
                Window::Post => cx.draft.body.clone(),
                Window::Words(n) => words_around(&cx.draft.source, &cx.draft.body, first, n),
            };
            if matches!(kind, Window::Paragraph | Window::Post)
                && last_window.as_ref() == Some(&window)
            {
                continue;
            }

            let mut evidence = vec![Evidence {
                label: g.parts[0].1.clone(),
                range: first.clone(),
                anchor: false,
            }];
            let others =
                g.parts[1..].iter().zip(&found[1..]).all(|((_, label), v)| {
                    match first_free(v, &window, &evidence) {
                        Some(r) => {
                            evidence.push(Evidence {
                                label: label.clone(),
                                range: r,
                                anchor: false,
                            });
                            true
                        }
                        None => false,
                    }
                });
            let unless_area = match self.unless_in {
                UnlessIn::Window => window.clone(),
                UnlessIn::Paragraph => paragraph_of(first.start).unwrap_or_else(|| window.clone()),
                UnlessIn::Post => cx.draft.body.clone(),
            };
            if !others {
                // The other parts may still be found with another match of the first part
                // (one word serves one part only).
                continue;
            }
            // From here on the answer is the same for every match in this sentence (paragraph,
            // post) window: judge it once, so that a long sentence with many matches is not
            // searched for a person again for each of them.
            if !matches!(kind, Window::Words(_)) {
                last_sentence = Some(si);
            }
            if matches!(kind, Window::Paragraph | Window::Post) {
                last_window = Some(window.clone());
            }
            if first_free(&unless, &window, &[]).is_some()
                || first_free(&unless_wide, &unless_area, &[]).is_some()
            {
                continue;
            }
            if g.person.is_some() || g.name {
                // In a word window the anchor must be inside it; else in the window or the
                // sentence before.
                let reach = if let Window::Words(_) = kind {
                    window.clone()
                } else {
                    let before = si
                        .checked_sub(1)
                        .map(|p| sentences[p].start)
                        .unwrap_or(window.start);
                    before.min(window.start)..window.end.max(sentence.end)
                };
                match self.anchor(cx, &anchors, &reach, &evidence) {
                    Some((r, role_noun)) => {
                        // A role noun or honorific shows the name after it ("Frau Huber"),
                        // unless that word is evidence of its own.
                        let shown = if role_noun {
                            let wide = with_name(&cx.draft.source, r.clone());
                            let tail = r.end..wide.end;
                            if evidence
                                .iter()
                                .any(|e| e.range.start < tail.end && tail.start < e.range.end)
                            {
                                r
                            } else {
                                wide
                            }
                        } else {
                            r
                        };
                        evidence.push(Evidence {
                            label: "person".to_string(),
                            range: shown,
                            anchor: true,
                        })
                    }
                    None => continue,
                }
            }
            last_sentence = Some(si);
            evidence.sort_by_key(|e| e.range.start);
            // In a word window the words stand together: the finding covers them all
            // ("Kollegin Brigitte"); in a sentence it points at the first part's word.
            let at = match kind {
                Window::Words(_) => {
                    let lo = evidence
                        .iter()
                        .map(|e| e.range.start)
                        .min()
                        .unwrap_or(first.start);
                    let hi = evidence
                        .iter()
                        .map(|e| e.range.end)
                        .max()
                        .unwrap_or(first.end);
                    lo..hi
                }
                _ => first.clone(),
            };
            let mut f = Finding::at(at.clone()).var("match", &cx.draft.source[at]);
            // A single word that is the match itself explains nothing more.
            if evidence.len() > 1 {
                f.evidence = evidence;
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_counts_words_either_side() {
        let t = "Alpha, beta gamma – delta epsilon zeta eta";
        // The last occurrence ("eta" is also inside "beta").
        let at = |w: &str| {
            let s = t.rfind(w).unwrap();
            s..s + w.len()
        };
        let body = 0..t.len();
        let w = |word: &str, n| &t[words_around(t, &body, &at(word), n)];
        assert_eq!(w("delta", 1), "gamma – delta epsilon ");
        assert_eq!(w("delta", 2), "beta gamma – delta epsilon zeta ");
        assert_eq!(w("Alpha", 2), "Alpha, beta gamma – ");
        assert_eq!(w("eta", 3), "delta epsilon zeta eta");
        // Inside a word: that word counts as the middle one.
        let mid = t.find("psilon").unwrap();
        assert_eq!(&t[words_around(t, &body, &(mid..mid + 3), 0)], "epsilon ");
    }

    #[test]
    fn names_after_articles_are_no_anchor() {
        assert!(after_article("Wir haben den kleinen "));
        assert!(!after_article("Heute war "));
        assert!(!after_article(""));
    }
}
