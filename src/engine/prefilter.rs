//! One Aho-Corasick automaton for every term list of every rule. Terms are folded exactly like
//! the draft's folded view, deduplicated, and scanned in a single overlapping pass; each hit is
//! checked for whole-word edges and handed to every list that contains the term.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::check::TermListId;
use crate::draft::Draft;
use crate::text::{View, extend_word, extend_word_back, left_bounded, right_bounded};

#[derive(Debug, Clone)]
struct PatternInfo {
    lists: Vec<TermListId>,
    /// Written with a trailing `*`: matches as a word prefix, extended to the word's end.
    prefix: bool,
    /// Written with a leading `*`: matches as the end of a word (German compounds:
    /// `*hotline` finds "Ausbildungshotline"), extended back to the word's start.
    suffix: bool,
}

/// Collects term lists before the automaton is built.
#[derive(Debug, Default)]
pub struct TermIndexBuilder {
    patterns: Vec<String>,
    info: Vec<PatternInfo>,
    by_key: HashMap<(String, bool, bool), usize>,
    lists: usize,
}

impl TermIndexBuilder {
    /// Register a term list; returns its id.
    pub fn add_list<S: AsRef<str>>(&mut self, terms: &[S]) -> TermListId {
        let id = self.lists;
        self.lists += 1;
        for t in terms {
            let t = t.as_ref();
            let (body, prefix) = match t.strip_suffix('*') {
                Some(b) => (b, true),
                None => (t, false),
            };
            let (body, suffix) = match body.strip_prefix('*') {
                Some(b) => (b, true),
                None => (body, false),
            };
            let folded = View::fold_str(body);
            if folded.is_empty() {
                continue;
            }
            let idx = *self
                .by_key
                .entry((folded.clone(), prefix, suffix))
                .or_insert_with(|| {
                    self.patterns.push(folded);
                    self.info.push(PatternInfo {
                        lists: Vec::new(),
                        prefix,
                        suffix,
                    });
                    self.info.len() - 1
                });
            if !self.info[idx].lists.contains(&id) {
                self.info[idx].lists.push(id);
            }
        }
        id
    }

    pub fn build(self) -> Result<TermIndex, String> {
        let ac = if self.patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(&self.patterns)
                    .map_err(|e| format!("could not build the term automaton: {e}"))?,
            )
        };
        Ok(TermIndex {
            ac,
            info: self.info,
            lists: self.lists,
        })
    }
}

/// The compiled automaton.
#[derive(Debug, Clone)]
pub struct TermIndex {
    ac: Option<AhoCorasick>,
    info: Vec<PatternInfo>,
    lists: usize,
}

impl TermIndex {
    pub fn pattern_count(&self) -> usize {
        self.info.len()
    }

    /// Scan a draft once; returns, per term list, the matched byte ranges of the original text
    /// in text order.
    pub fn scan(&self, draft: &Draft) -> Vec<Vec<Range<usize>>> {
        let mut out = vec![Vec::new(); self.lists];
        let Some(ac) = &self.ac else { return out };
        let view = &draft.folded;
        let text = view.text.as_str();
        for m in ac.find_overlapping_iter(text) {
            let info = &self.info[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            let mut start = start;
            if !info.suffix && !left_bounded(text, start, end) {
                continue;
            }
            if info.prefix {
                end = extend_word(text, end);
            } else if !right_bounded(text, start, end) {
                continue;
            }
            if info.suffix {
                start = extend_word_back(text, start);
            }
            let orig = view.to_orig(start..end);
            for &l in &info.lists {
                out[l].push(orig.clone());
            }
        }
        for list in &mut out {
            // Longest match wins: "Google Bilder" hides the "Google" inside it.
            list.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            let mut kept: Vec<Range<usize>> = Vec::with_capacity(list.len());
            for r in list.drain(..) {
                if kept.last().is_none_or(|k| r.start >= k.end) {
                    kept.push(r);
                }
            }
            *list = kept;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(lists: &[&[&str]], text: &str) -> Vec<Vec<String>> {
        let mut b = TermIndexBuilder::default();
        for l in lists {
            b.add_list(l);
        }
        let idx = b.build().unwrap();
        let d = Draft::parse("t", text.to_string());
        idx.scan(&d)
            .into_iter()
            .map(|v| v.into_iter().map(|r| text[r].to_string()).collect())
            .collect()
    }

    #[test]
    fn overlapping_terms_of_different_lists_both_match() {
        let r = scan(
            &[&["in kooperation mit"], &["kooperation"]],
            "Heute in Kooperation mit @firma.",
        );
        assert_eq!(r[0], ["in Kooperation mit"]);
        assert_eq!(r[1], ["Kooperation"]);
    }

    #[test]
    fn whole_words_and_prefixes() {
        let r = scan(
            &[&["#ad"], &["gewinnspiel*"], &["werbung"]],
            "#adventskalender #ad Gewinnspiele! Werbungen Werbung",
        );
        assert_eq!(r[0], ["#ad"]);
        assert_eq!(r[1], ["Gewinnspiele"]);
        assert_eq!(r[2], ["Werbung"]);
    }

    #[test]
    fn suffix_terms_find_compounds() {
        let r = scan(
            &[&["*hotline"]],
            "Die Ausbildungshotline und die Hotline, nicht hotlines.",
        );
        assert_eq!(r[0], ["Ausbildungshotline", "Hotline"]);
    }

    #[test]
    fn folding_matches_case_and_unicode_variants() {
        let r = scan(
            &[&["straße"], &["anzeige"]],
            "STRASSE und A\u{0302}NZEIGE? Nein: ANZEIGE.",
        );
        assert_eq!(r[0], ["STRASSE"]);
        assert_eq!(r[1], ["ANZEIGE"]);
        let r = scan(&[&["mädchen"]], "Ma\u{0308}dchen");
        assert_eq!(r[0], ["Ma\u{0308}dchen"]);
    }
}
