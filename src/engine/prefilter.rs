//! One Aho-Corasick automaton for every term list of every rule. Terms are folded exactly like
//! the draft's folded view, deduplicated, and scanned in a single overlapping pass; each hit is
//! checked for whole-word edges and handed to every list that contains the term.
//!
//! The same pass is the literal prefilter of the regexes: a regex whose every match starts (or
//! ends) with one of a few literals gets those literals, folded, into the automaton as a
//! *gate*; it can only match a draft in which one of them was seen (see [`gate_literals`]).

use std::collections::HashMap;
use std::ops::Range;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::automaton::{Automaton as Scan, StateID};
use aho_corasick::{Anchored, MatchKind, PatternID, nfa::contiguous};
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::check::TermListId;
use crate::draft::Draft;
use crate::rule::inflect::{self, Case, Side};
use crate::text::{View, extend_word, extend_word_back, left_bounded, right_bounded};

#[derive(Debug, Clone)]
struct PatternInfo {
    lists: Vec<TermListId>,
    /// Regex gates this literal opens (any occurrence, no word edges).
    gates: Vec<usize>,
    /// What may stand between the literal and its word's start and end (see
    /// [`crate::rule::inflect`]): nothing, any letters (compounds, `*`), or one of the endings
    /// of an inflected term (`~`). A hit is extended to the whole word.
    before: Side,
    after: Side,
    /// How the match must be written in the original text (German nouns, acronyms).
    case: Case,
}

/// The most bytes a term's affix (the rest of a compound, an ending) may have: a longer run of
/// letters is no word a term describes, and reading it for every hit would be quadratic.
const AFFIX_LIMIT: usize = 96;

/// The end of the word going on at `end`, if within `limit` bytes.
fn word_edge(text: &str, end: usize, limit: usize) -> Option<usize> {
    let edge = extend_word(
        &text[..text.floor_char_boundary((end + limit + 1).min(text.len()))],
        end,
    );
    let more = text[edge..]
        .chars()
        .next()
        .is_some_and(crate::text::is_word_char);
    (edge - end <= limit && !more).then_some(edge)
}

/// The start of the word going on before `start`, if within `limit` bytes.
fn word_edge_back(text: &str, start: usize, limit: usize) -> Option<usize> {
    let from = text.ceil_char_boundary(start.saturating_sub(limit + 1));
    let edge = from + extend_word_back(&text[from..start], start - from);
    let more = text[..edge]
        .chars()
        .next_back()
        .is_some_and(crate::text::is_word_char);
    (start - edge <= limit && !more).then_some(edge)
}

/// Collects term lists before the automaton is built.
#[derive(Debug, Default)]
pub struct TermIndexBuilder {
    patterns: Vec<String>,
    info: Vec<PatternInfo>,
    by_key: HashMap<(String, Side, Side, Case), usize>,
    /// Lists already registered (a concept used by several rules is scanned for once).
    by_terms: HashMap<Vec<String>, TermListId>,
    /// The patterns of each term seen so far (a concept's terms recur in several lists; their
    /// forms are worked out and folded once).
    by_term: HashMap<String, Vec<usize>>,
    lists: usize,
    gates: usize,
}

impl TermIndexBuilder {
    /// Register a term list; returns its id.
    pub fn add_list(&mut self, terms: &[String]) -> TermListId {
        if let Some(&id) = self.by_terms.get(terms) {
            return id;
        }
        let id = self.lists;
        self.lists += 1;
        self.by_terms.insert(terms.to_vec(), id);
        for t in terms {
            let patterns = match self.by_term.get(t) {
                Some(p) => p.clone(),
                None => {
                    let mut p = Vec::new();
                    for form in inflect::forms(t) {
                        let folded = View::fold_str(&form.core);
                        if !folded.is_empty() {
                            p.push(self.pattern(folded, form.before, form.after, form.case));
                        }
                    }
                    self.by_term.insert(t.to_string(), p.clone());
                    p
                }
            };
            for idx in patterns {
                if !self.info[idx].lists.contains(&id) {
                    self.info[idx].lists.push(id);
                }
            }
        }
        id
    }

    /// Register the gate of a regex: literals already folded (from [`gate_literals`]).
    pub fn add_gate(&mut self, literals: &[String]) -> usize {
        let id = self.gates;
        self.gates += 1;
        for l in literals {
            let idx = self.pattern(l.clone(), Side::Edge, Side::Edge, Case::Any);
            self.info[idx].gates.push(id);
        }
        id
    }

    fn pattern(&mut self, folded: String, before: Side, after: Side, case: Case) -> usize {
        *self
            .by_key
            .entry((folded.clone(), before, after, case))
            .or_insert_with(|| {
                self.patterns.push(folded);
                self.info.push(PatternInfo {
                    lists: Vec::new(),
                    gates: Vec::new(),
                    before,
                    after,
                    case,
                });
                self.info.len() - 1
            })
    }

    pub fn build(self) -> Result<TermIndex, String> {
        let ac = if self.patterns.is_empty() {
            None
        } else {
            Some(Arc::new(Automaton {
                nfa: build_nfa(&self.patterns)?,
                patterns: self.patterns,
                dfa: OnceLock::new(),
                scans: AtomicUsize::new(0),
            }))
        };
        Ok(TermIndex {
            ac,
            info: self.info,
            lists: self.lists,
            gates: self.gates,
        })
    }
}

fn build_nfa(patterns: &[String]) -> Result<Tier<contiguous::NFA>, String> {
    Tier::new(
        contiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns),
    )
}

/// A scan over a text's bytes: a start state, a step per byte, and what to report at the
/// (rare) special states. [`each_match`] walks it.
trait Walk {
    type State: Copy;
    fn start(&self) -> Self::State;
    fn next(&self, s: Self::State, byte: u8) -> Self::State;
    /// A state that may be a match (cheap to test; [`Walk::report`] tells).
    fn special(&self, s: Self::State) -> bool;
    /// Hand `f` every pattern that ends at `end` in state `s`, if `end > from`.
    fn report(
        &self,
        s: Self::State,
        end: usize,
        from: usize,
        f: &mut impl FnMut(PatternID, Range<usize>),
    );
    fn longest(&self) -> usize;
}

/// One tier of the automaton with its unanchored start state.
#[derive(Debug)]
struct Tier<A> {
    a: A,
    start: StateID,
}

impl<A: Scan> Tier<A> {
    fn new(a: Result<A, aho_corasick::BuildError>) -> Result<Tier<A>, String> {
        let a = a.map_err(|e| format!("could not build the term automaton: {e}"))?;
        // An empty pattern would make the start state a match that the scan never reports;
        // terms and gate literals are never empty.
        if a.min_pattern_len() == 0 {
            return Err("could not build the term automaton: an empty pattern".into());
        }
        let start = a
            .start_state(Anchored::No)
            .map_err(|e| format!("could not build the term automaton: {e}"))?;
        Ok(Tier { a, start })
    }
}

impl<A: Scan> Walk for Tier<A> {
    type State = StateID;

    fn start(&self) -> StateID {
        self.start
    }

    #[inline(always)]
    fn next(&self, s: StateID, byte: u8) -> StateID {
        self.a.next_state(Anchored::No, s, byte)
    }

    #[inline(always)]
    fn special(&self, s: StateID) -> bool {
        self.a.is_special(s)
    }

    fn report(
        &self,
        s: StateID,
        end: usize,
        from: usize,
        f: &mut impl FnMut(PatternID, Range<usize>),
    ) {
        let a = &self.a;
        if a.is_match(s) && end > from {
            for k in 0..a.match_len(s) {
                let p = a.match_pattern(s, k);
                f(p, end - a.pattern_len(p)..end);
            }
        }
    }

    fn longest(&self) -> usize {
        self.a.max_pattern_len()
    }
}

/// The DFA tier: every transition of the NFA tier (failure links followed) in one table, laid
/// out for a scan's lookups. aho-corasick's own DFA holds the same, but pads each row to a
/// power of two and tests for a match with a comparison; here the states are numbered
/// breadth-first from the start state, so the shallow states that most bytes of a text lead
/// to sit together in memory, a row has exactly one entry per byte class, and an entry is the
/// next state's row offset with the match flag in its top bit: a step is one lookup and the
/// match test one bit. With the built-in packs: 686 instead of 973 KB, built in 1.6–2.3
/// instead of 2.4 ms (from the NFA, without building aho-corasick's DFA), and the term scan
/// 4.5 → 4.1 µs per post (`examples/profile_stages`).
#[derive(Debug)]
struct Compact {
    classes: [u8; 256],
    /// Per state and byte class: the next state's row offset (state number × number of
    /// classes), `| MATCH` when the next state is a match state.
    trans: Vec<u32>,
    stride: usize,
    /// Per state number: its matches, a range of `matched`.
    match_at: Vec<Range<u32>>,
    /// Pattern and its length in bytes.
    matched: Vec<(PatternID, u32)>,
    longest: usize,
}

const MATCH: u32 = 1 << 31;

impl Compact {
    /// The automaton `tier` walks, for `patterns` (which it was built from), read state by
    /// state from its start. Bytes that occur in no pattern behave alike and share a class.
    fn from_tier<A: Scan>(tier: &Tier<A>, patterns: &[String]) -> Result<Compact, String> {
        let a = &tier.a;
        let mut used = [false; 256];
        for b in patterns.iter().flat_map(|p| p.bytes()) {
            used[b as usize] = true;
        }
        let mut classes = [0u8; 256];
        // A representative byte per class; class 0 is every byte no pattern has, if any.
        let mut reps: Vec<u8> = (0..=255u8).filter(|&b| !used[b as usize]).take(1).collect();
        for b in 0..=255u8 {
            if used[b as usize] {
                classes[b as usize] = reps.len() as u8;
                reps.push(b);
            }
        }
        let stride = reps.len();
        // State numbers by the tier's state ID (an index into its own memory).
        let mut number: Vec<u32> = Vec::new();
        let mut order = Vec::new();
        let mut numbered = |id: StateID, order: &mut Vec<StateID>| {
            let i = id.as_usize();
            if i >= number.len() {
                number.resize(i + 1, u32::MAX);
            }
            if number[i] == u32::MAX {
                number[i] = order.len() as u32;
                order.push(id);
            }
            number[i]
        };
        numbered(tier.start, &mut order);
        let mut trans = Vec::new();
        let mut i = 0;
        while i < order.len() {
            let s = order[i];
            for &r in &reps {
                let n = a.next_state(Anchored::No, s, r);
                let row = numbered(n, &mut order) as usize * stride;
                if row >= MATCH as usize {
                    return Err("could not build the term automaton: too many states".into());
                }
                trans.push(row as u32 | if a.is_match(n) { MATCH } else { 0 });
            }
            i += 1;
        }
        let mut match_at = Vec::with_capacity(order.len());
        let mut matched = Vec::new();
        for &s in &order {
            let from = matched.len() as u32;
            if a.is_match(s) {
                for k in 0..a.match_len(s) {
                    let p = a.match_pattern(s, k);
                    matched.push((p, a.pattern_len(p) as u32));
                }
            }
            match_at.push(from..matched.len() as u32);
        }
        Ok(Compact {
            classes,
            trans,
            stride,
            match_at,
            matched,
            longest: a.max_pattern_len(),
        })
    }
}

impl Walk for Compact {
    type State = u32;

    fn start(&self) -> u32 {
        0
    }

    #[inline(always)]
    fn next(&self, s: u32, byte: u8) -> u32 {
        self.trans[(s & !MATCH) as usize + self.classes[byte as usize] as usize]
    }

    #[inline(always)]
    fn special(&self, s: u32) -> bool {
        s & MATCH != 0
    }

    fn report(&self, s: u32, end: usize, from: usize, f: &mut impl FnMut(PatternID, Range<usize>)) {
        if s & MATCH == 0 || end <= from {
            return;
        }
        let at = &self.match_at[(s & !MATCH) as usize / self.stride];
        for &(p, len) in &self.matched[at.start as usize..at.end as usize] {
            f(p, end - len as usize..end);
        }
    }

    fn longest(&self) -> usize {
        self.longest
    }
}

/// Every occurrence of every pattern (overlapping), as pattern and byte range, in no
/// particular order.
///
/// A scan is a chain of dependent table lookups, each waiting for the one before: the
/// time goes into memory latency, not work. So a text of some length is scanned as two
/// halves at once, two independent chains in one loop, which takes little more than half
/// the time. The second half starts `longest pattern - 1` bytes early, so that it sees
/// every match that ends in it, and reports only those; the first reports the rest.
fn each_match<W: Walk>(w: &W, text: &[u8], mut f: impl FnMut(PatternID, Range<usize>)) {
    let longest = w.longest();
    let mid = text.len() / 2;
    if mid < 2 * longest.max(16) {
        let mut sid = w.start();
        for (i, &b) in text.iter().enumerate() {
            sid = w.next(sid, b);
            if w.special(sid) {
                w.report(sid, i + 1, 0, &mut f);
            }
        }
        return;
    }
    let (first, second) = (&text[..mid], &text[mid + 1 - longest..]);
    let offset = mid + 1 - longest;
    let (mut s1, mut s2) = (w.start(), w.start());
    // The second half is the longer one (it starts early), so only it has bytes left after
    // the first ends.
    for (j, (&x, &y)) in first.iter().zip(second).enumerate() {
        s1 = w.next(s1, x);
        s2 = w.next(s2, y);
        if w.special(s1) {
            w.report(s1, j + 1, 0, &mut f);
        }
        if w.special(s2) {
            w.report(s2, offset + j + 1, mid, &mut f);
        }
    }
    for (j, &b) in second.iter().enumerate().skip(first.len()) {
        s2 = w.next(s2, b);
        if w.special(s2) {
            w.report(s2, offset + j + 1, mid, &mut f);
        }
    }
}

/// The automaton in two tiers. An NFA is built with the engine (a fraction of a millisecond);
/// from the second draft on, a DFA of the same patterns ([`Compact`]) is built from it in the
/// background (about 2 ms) and takes over once it is there, scanning about twice as fast.
/// Both report exactly the same matches, so checking one draft, as a user at the command
/// line does, never waits for the DFA, and checking many soon runs on it.
#[derive(Debug)]
struct Automaton {
    nfa: Tier<contiguous::NFA>,
    patterns: Vec<String>,
    dfa: OnceLock<Compact>,
    scans: AtomicUsize,
}

impl Automaton {
    /// Every match in `text` (see [`each_match`]), with the DFA once it is built.
    fn each_match(self: &Arc<Self>, text: &[u8], f: impl FnMut(PatternID, Range<usize>)) {
        if let Some(dfa) = self.dfa.get() {
            return each_match(dfa, text, f);
        }
        if self.scans.fetch_add(1, Ordering::Relaxed) == 1 {
            let me = Arc::clone(self);
            rayon::spawn(move || {
                if let Ok(dfa) = Compact::from_tier(&me.nfa, &me.patterns) {
                    let _ = me.dfa.set(dfa);
                }
            });
        }
        each_match(&self.nfa, text, f)
    }
}

/// The compiled automaton.
#[derive(Debug, Clone)]
pub struct TermIndex {
    ac: Option<Arc<Automaton>>,
    info: Vec<PatternInfo>,
    lists: usize,
    gates: usize,
}

/// What one pass of the automaton found in a draft.
#[derive(Debug, Default)]
pub struct TermScan {
    /// Per term list, the matched byte ranges of the original text in text order.
    pub lists: Vec<Vec<Range<usize>>>,
    /// Per regex gate, whether one of its literals occurs.
    pub gates: Vec<bool>,
}

impl TermIndex {
    /// Build the DFA now instead of in the background (for tests).
    #[cfg(test)]
    pub fn build_dfa_now(&self) {
        if let Some(a) = &self.ac {
            let _ = a.dfa.set(Compact::from_tier(&a.nfa, &a.patterns).unwrap());
        }
    }

    /// Never build the DFA (for tests).
    #[cfg(test)]
    pub fn keep_nfa(&self) {
        if let Some(a) = &self.ac {
            a.scans.store(usize::MAX / 2, Ordering::Relaxed);
        }
    }

    pub fn pattern_count(&self) -> usize {
        self.info.len()
    }

    /// Scan a draft once: the term lists' matches and the regex gates that are open.
    pub fn scan(&self, draft: &Draft) -> TermScan {
        let mut out = vec![Vec::new(); self.lists];
        let mut gates = vec![false; self.gates];
        let Some(ac) = &self.ac else {
            return TermScan { lists: out, gates };
        };
        let view = &draft.folded;
        let text = view.text.as_str();
        ac.each_match(text.as_bytes(), |p, m| {
            let info = &self.info[p.as_usize()];
            for &g in &info.gates {
                gates[g] = true;
            }
            if info.lists.is_empty() {
                return;
            }
            let (start, mut end) = (m.start, m.end);
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return;
            }
            let mut start = start;
            match info.before {
                Side::Edge if !left_bounded(text, start, end) => return,
                Side::Edge => {}
                side => {
                    // Bounded: a compound's other part, an ending, is short; a "word" of
                    // thousands of letters is not read again for every hit inside it.
                    let Some(word_start) = word_edge_back(text, start, AFFIX_LIMIT) else {
                        return;
                    };
                    if !side.allows(&text[word_start..start]) {
                        return;
                    }
                    start = word_start;
                }
            }
            match info.after {
                Side::Edge if !right_bounded(text, start, end) => return,
                Side::Edge => {}
                side => {
                    let Some(word_end) = word_edge(text, end, AFFIX_LIMIT) else {
                        return;
                    };
                    if !side.allows(&text[end..word_end]) {
                        return;
                    }
                    end = word_end;
                }
            }
            let orig = view.to_orig(start..end);
            if info.case != Case::Any
                && !draft
                    .source
                    .get(orig.clone())
                    .is_some_and(|w| info.case.allows(w))
            {
                return;
            }
            for &l in &info.lists {
                out[l].push(orig.clone());
            }
        });
        for list in out.iter_mut().filter(|l| l.len() > 1) {
            // Longest match wins: "Google Bilder" hides the "Google" inside it.
            list.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            let mut end = 0;
            list.retain(|r| {
                let keep = r.start >= end;
                if keep {
                    end = r.end;
                }
                keep
            });
        }
        TermScan { lists: out, gates }
    }
}

/// The literals, folded like the draft's folded view, one of which every match of a regex
/// starts or ends with, when they make a selective gate: a finite list of at most 64 literals,
/// each at least three bytes long once folded (two when one is punctuation or a symbol, such
/// as `![` or `®`). `None` when the regex has no such literals (it then goes into the regex
/// set).
///
/// Sound because the regexes run on the NFC view and the automaton on the folded view, which
/// is the NFC view's text folded chunk by chunk: a literal in a match of the one is, folded, in
/// the other. Literals are cut to [`GATE_LEN`] bytes, and one that contains another is dropped
/// (the shorter one is in the text wherever the longer one is), which keeps the automaton small.
pub fn gate_literals(hir: &Hir) -> Option<Vec<String>> {
    let hir = fold_case_classes(hir);
    // Prefixes are tried first and almost always enough; suffixes only when not.
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| gate_of_kind(&hir, kind))
}

/// [`gate_literals`] from the prefixes or the suffixes of the (case-folded) syntax tree.
fn gate_of_kind(hir: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    // Two bytes are enough for punctuation or a symbol, not for two letters ("de") or one ("ä").
    let selective =
        |f: &str| f.len() >= 3 || (f.len() == 2 && f.chars().any(|c| !c.is_alphanumeric()));
    let seq = Extractor::new()
        .kind(kind.clone())
        .limit_class(4)
        .limit_total(64)
        .limit_literal_len(GATE_LEN)
        .extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > 64 {
        return None;
    }
    let mut folded = lits
        .iter()
        .map(|l| {
            let f = View::fold_str(std::str::from_utf8(l.as_bytes()).ok()?);
            let f = cut(&f, kind.is_prefix());
            // Any part of a literal every match contains is one too: without the blanks and
            // punctuation around it, when it stays selective ("sohn" for "sohn(" and "sohn ",
            // "utm" for "?utm_"), the automaton gets fewer patterns and fewer byte classes.
            let bare = f.trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ');
            [bare, f.trim_matches(' '), f]
                .into_iter()
                .find(|f| selective(f))
                .map(str::to_string)
        })
        .collect::<Option<Vec<String>>>()?;
    // A function word is in nearly every post ("mit", "with"): such a gate never closes.
    let common =
        |f: &String| super::STOP_DE.contains(&f.as_str()) || super::STOP_EN.contains(&f.as_str());
    if folded.iter().any(common) {
        return None;
    }
    folded.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    folded.dedup();
    let mut kept: Vec<String> = Vec::with_capacity(folded.len());
    for f in folded {
        if !kept.iter().any(|k| f.contains(k.as_str())) {
            kept.push(f);
        }
    }
    Some(kept)
}

/// Longest gate literal in bytes.
const GATE_LEN: usize = 8;

/// A literal cut to [`GATE_LEN`] bytes at a character boundary: its start for a prefix, its end
/// for a suffix.
fn cut(f: &str, prefix: bool) -> &str {
    if f.len() <= GATE_LEN {
        f
    } else if prefix {
        &f[..f.floor_char_boundary(GATE_LEN)]
    } else {
        &f[f.ceil_char_boundary(f.len() - GATE_LEN)..]
    }
}

/// The syntax tree with every small class of case variants (`[Ww]`, or `w` under `(?i)`)
/// replaced by its folded letter, so that case-insensitive regexes yield a few folded literals
/// instead of every mix of upper and lower case.
fn fold_case_classes(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Class, HirKind, Repetition};
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut chars = c.iter().flat_map(|r| r.start()..=r.end());
            let small = c
                .iter()
                .map(|r| r.end() as usize - r.start() as usize + 1)
                .sum::<usize>()
                <= 4;
            let first = chars
                .next()
                .map(|ch| View::fold_str(ch.encode_utf8(&mut [0; 4])));
            match first {
                Some(f)
                    if small
                        && !f.is_empty()
                        && chars.all(|ch| View::fold_str(ch.encode_utf8(&mut [0; 4])) == f) =>
                {
                    Hir::literal(f.into_bytes())
                }
                _ => hir.clone(),
            }
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(fold_case_classes(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => fold_case_classes(&c.sub),
        HirKind::Concat(v) => Hir::concat(v.iter().map(fold_case_classes).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(fold_case_classes).collect()),
        _ => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_terms_nouns_and_acronyms() {
        let found = scan(
            &[&["~Sucht", "=MS", "~schenken", "~*krankheit"]],
            "Die Sucht. Der Dienst sucht. MS und Ms. Er schenkte, geschenkt, Geschenk. Lungenkrankheiten, krankheitsbedingt.",
        );
        assert_eq!(
            found[0],
            ["Sucht", "MS", "schenkte", "geschenkt", "Lungenkrankheiten"]
        );
    }

    fn scan(lists: &[&[&str]], text: &str) -> Vec<Vec<String>> {
        let mut b = TermIndexBuilder::default();
        for l in lists {
            b.add_list(&l.iter().map(|t| t.to_string()).collect::<Vec<_>>());
        }
        let idx = b.build().unwrap();
        let d = Draft::parse("t", text.to_string());
        idx.scan(&d)
            .lists
            .into_iter()
            .map(|v| v.into_iter().map(|r| text[r].to_string()).collect())
            .collect()
    }

    /// Both tiers, scanning in two halves, find exactly what a plain overlapping search finds,
    /// wherever a match sits: before, across and after the middle, at the ends, in texts of
    /// every length around the point where the split starts.
    #[test]
    fn split_scan_finds_every_overlapping_match() {
        let patterns: Vec<String> = [
            "kooperation",
            "in kooperation mit",
            "rabattcode",
            "code",
            "ab",
            "b",
            "ä",
            "€",
            "straße",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let reference = aho_corasick::AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap();
        let nfa = build_nfa(&patterns).unwrap();
        let dfa = Compact::from_tier(&nfa, &patterns).unwrap();
        let words = [
            "in kooperation mit",
            "rabattcode",
            "x",
            "abab",
            "straße",
            "€",
            " ",
            "ä",
        ];
        let mut seed = 7u64;
        for len in 0..220 {
            let text = super::super::pieced_text(&words, len, &mut seed);
            let mut want: Vec<(usize, usize, usize)> = reference
                .find_overlapping_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            want.sort();
            assert_eq!(sorted(&nfa, &text), want, "{text:?}");
            assert_eq!(sorted(&dfa, &text), want, "{text:?}");
        }
    }

    fn sorted<W: Walk>(w: &W, text: &str) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        each_match(w, text.as_bytes(), |p, r| {
            v.push((r.start, r.end, p.as_usize()))
        });
        v.sort();
        v
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

    fn gate(pattern: &str) -> Option<Vec<String>> {
        gate_literals(&regex_syntax::parse(pattern).unwrap())
    }

    #[test]
    fn gates_are_folded_literals_every_match_contains() {
        // Case variants fold before extraction; literals are cut to eight bytes, blanks and
        // punctuation around them go when the rest is long enough, and a literal that contains
        // another is left out.
        assert_eq!(
            gate("(?i:wählt|wählen sie)[ \\t]+\\w+").unwrap(),
            ["wählt", "wählen"]
        );
        assert_eq!(gate("https?://\\S+").unwrap(), ["http"]);
        assert_eq!(
            gate("(?i:geburtsdatum|geboren am|geb\\.)").unwrap(),
            ["geb"]
        );
        assert_eq!(gate("[Aa]ktenzeichen:?|[Aa]ktenz").unwrap(), ["aktenz"]);
        assert_eq!(gate("(?:Fr|Hr)\\. [A-Z]").unwrap(), ["fr.", "hr."]);
        assert_eq!(gate("STRASSE|Straße").unwrap(), ["strasse"]);
        // Suffixes when the start is open: a letter before a registered sign.
        assert_eq!(gate("\\p{L}®").unwrap(), ["®"]);
        // Two bytes are enough with punctuation.
        assert_eq!(gate("!\\[[^\\]]*\\]").unwrap(), ["!["]);
        // Too short, too many or no literals: these go into the set.
        assert_eq!(
            gate("(?:AD|AT|DE)[0-9]{2}"),
            None,
            "two letters fold to common bigrams"
        );
        assert_eq!(gate("[0-9]{4}-[0-9]{4}"), None);
        assert_eq!(gate("[A-ZÄÖÜ]{3,}"), None);
        assert_eq!(gate("\\p{Extended_Pictographic}"), None);
        assert_eq!(gate("\\p{L}[®™]"), None, "™ folds to `tm`, two letters");
        assert_eq!(
            gate("(?:foo)?[0-9]+"),
            None,
            "an optional literal gates nothing"
        );
    }

    #[test]
    fn gates_open_on_their_literals_in_any_case_or_form() {
        let mut b = TermIndexBuilder::default();
        b.add_list(&["werbung".to_string()]);
        let g = b.add_gate(&gate("Aktenzeichen|Az\\.").unwrap());
        let w = b.add_gate(&gate("werbung[0-9]").unwrap());
        let idx = b.build().unwrap();
        let open = |t: &str| idx.scan(&Draft::parse("t", t.to_string())).gates;
        assert_eq!(open("Unser AKTENZEICHEN lautet"), [true, false]);
        assert_eq!(open("az. 12"), [true, false]);
        assert_eq!(
            open("Werbung2 und Werbung"),
            [false, true],
            "inside a word too"
        );
        assert_eq!(open("nichts"), [false, false]);
        assert_eq!((g, w), (0, 1));
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
