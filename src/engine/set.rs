//! The regex set: every regex that has neither a gate nor a narrow scope, in one lazy DFA that
//! tells which of them match a draft anywhere (overlapping, `MatchKind::All`). Built from the
//! syntax trees parsed once, forward only: finding out *which* regexes match needs neither the
//! reverse automaton, nor capture groups, nor a literal prefilter, which a general regex
//! engine would build too (together about a third of the build time).

use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternSet};
use regex_syntax::hir::Hir;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

pub struct RegexSet {
    dfa: DFA,
    /// One search cache per thread that uses the set at the same time.
    caches: CachePool,
}

impl std::fmt::Debug for RegexSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegexSet")
            .field("patterns", &self.dfa.pattern_len())
            .finish()
    }
}

impl RegexSet {
    /// `None` when the automaton would exceed `size_limit` bytes.
    pub fn build(patterns: &[Hir], size_limit: usize) -> Option<RegexSet> {
        Self::build_with_cache(patterns, size_limit, size_limit)
    }

    /// [`build`](Self::build) with the lazy DFA's cache limited to `cache_capacity` bytes.
    fn build_with_cache(
        patterns: &[Hir],
        size_limit: usize,
        cache_capacity: usize,
    ) -> Option<RegexSet> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(size_limit)),
            )
            .build_many_from_hir(patterns)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(cache_capacity),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let for_cache = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_cache.create_cache()));
        Some(RegexSet { dfa, caches })
    }

    /// The patterns that match somewhere in `text`; `None` if the search could not finish
    /// (then any of them may match).
    pub fn which(&self, text: &str) -> Option<PatternSet> {
        let mut m = PatternSet::new(self.dfa.pattern_len());
        let mut cache = self.caches.get();
        if text.len() >= SPLIT_MIN {
            if self
                .which_in_halves(&mut cache, text.as_bytes(), &mut m)
                .is_some()
            {
                return Some(m);
            }
            m.clear();
        }
        self.dfa
            .try_which_overlapping_matches(&mut cache, &Input::new(text), &mut m)
            .ok()?;
        Some(m)
    }

    /// [`which`](Self::which) with the text scanned as two halves at once: like the term
    /// automaton's scan, a lazy DFA's walk is a chain of dependent lookups, and two chains in
    /// one loop take little more time than one. A regex match has no bounded length, so the
    /// first chain goes on into the second half until it is in the state the second chain was
    /// in at the same place: from there on both would see the same, and the second chain has
    /// seen it (usually within a word). `None` when the cache was cleared during the walk, a
    /// state could not be built or a quit state was reached: the plain search then runs instead.
    ///
    /// Two chains keep two state IDs of one cache alive. regex-automata documents only the ID
    /// of the latest call as valid; in its implementation (0.4.19, pinned in `Cargo.toml` for
    /// this) an ID stays valid until the cache is cleared, which is why every step that may
    /// build a state checks the clear count before the other chain's ID is used again.
    fn which_in_halves(&self, cache: &mut Cache, hay: &[u8], m: &mut PatternSet) -> Option<()> {
        let dfa = &self.dfa;
        let mid = hay.len() / 2;
        let (first, second) = hay.split_at(mid);
        let mut a = dfa.start_state_forward(cache, &Input::new(hay)).ok()?;
        let clears = cache.clear_count();
        // A state the walk can go on from: no clear since the walk began, no quit.
        let usable = |cache: &Cache, sid: LazyStateID| {
            (cache.clear_count() == clears && !sid.is_quit()).then_some(sid)
        };
        let b = dfa
            .start_state_forward(cache, &Input::new(hay).range(mid..))
            .ok()?;
        let mut b = usable(cache, b)?;
        a = usable(cache, a)?;
        let seen = |cache: &Cache, sid: LazyStateID, m: &mut PatternSet| {
            if sid.is_match() {
                for i in 0..dfa.match_len(cache, sid) {
                    m.insert(dfa.match_pattern(cache, sid, i));
                }
            }
        };
        // A state reached on the general path: usable, and its patterns recorded.
        let arrive = |cache: &Cache, next: LazyStateID, m: &mut PatternSet| {
            let next = usable(cache, next)?;
            seen(cache, next, m);
            Some(next)
        };
        // One byte on by the general path, for what `fast_next` leaves (rare).
        let slow = |cache: &mut Cache, sid: LazyStateID, byte: u8, m: &mut PatternSet| {
            let next = dfa.next_state(cache, sid, byte).ok()?;
            arrive(cache, next, m)
        };
        // (An explicit branch: `Option::or_else` here was not inlined, a call per byte.)
        let step = |cache: &mut Cache, sid: LazyStateID, byte: u8, m: &mut PatternSet| {
            let fast = fast_next(dfa, cache, sid, byte);
            if fast.is_some() {
                fast
            } else {
                slow(cache, sid, byte, m)
            }
        };
        let end = |cache: &mut Cache, sid: LazyStateID, m: &mut PatternSet| {
            let next = dfa.next_eoi_state(cache, sid).ok()?;
            arrive(cache, next, m).map(drop)
        };
        // The second chain's states after its first bytes, for the first to meet.
        // (Halves are longer than SYNC: the first loop also records `b_at`, the second does
        // not.)
        let mut b_at = [b; SYNC];
        for (slot, (&x, &y)) in b_at.iter_mut().zip(first.iter().zip(second)) {
            a = step(cache, a, x, m)?;
            b = step(cache, b, y, m)?;
            *slot = b;
        }
        for (&x, &y) in first[SYNC..].iter().zip(&second[SYNC..]) {
            a = step(cache, a, x, m)?;
            b = step(cache, b, y, m)?;
        }
        for &byte in &second[mid..] {
            b = step(cache, b, byte, m)?;
        }
        end(cache, b, m)?;
        for (k, &byte) in second.iter().enumerate() {
            a = step(cache, a, byte, m)?;
            if k < SYNC && a == b_at[k] {
                return Some(());
            }
        }
        end(cache, a, m)?;
        Some(())
    }
}

/// The next state when it is a plain table lookup: an untagged state's known successor that
/// is untagged too is neither a match nor a quit, and looking it up cannot clear the cache.
/// `None` for anything else (a state still to be built, a match, quit or dead state).
#[inline(always)]
fn fast_next(dfa: &DFA, cache: &Cache, sid: LazyStateID, byte: u8) -> Option<LazyStateID> {
    if sid.is_tagged() {
        return None;
    }
    let next = dfa.next_state_untagged(cache, sid, byte);
    (!next.is_tagged()).then_some(next)
}

/// Texts shorter than this are scanned in one piece (and a split text's halves are longer than
/// [`SYNC`]).
const SPLIT_MIN: usize = 256;

// A split text's halves must be longer than SYNC (`which_in_halves` slices at SYNC).
const _: () = assert!(SPLIT_MIN / 2 > SYNC);

/// How many bytes into the second half the first chain may look for the second chain's state
/// before it simply reads on to the end.
const SYNC: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_which_patterns_match_anywhere() {
        let hirs: Vec<Hir> = ["[0-9]{4}", "\\p{L}®", "x+y", "never[^\\s\\S]"]
            .iter()
            .map(|p| regex_syntax::parse(p).unwrap())
            .collect();
        let set = RegexSet::build(&hirs, 1 << 22).unwrap();
        let which = |t: &str| -> Vec<usize> {
            set.which(t).unwrap().iter().map(|p| p.as_usize()).collect()
        };
        assert_eq!(which("Seit 2019 Müller® und xxxy"), [0, 1, 2]);
        assert_eq!(which("overlapping: 12345xy"), [0, 2]);
        assert_eq!(which(""), Vec::<usize>::new());
        assert!(RegexSet::build(&hirs, 64).is_none(), "over the size limit");
    }

    /// Scanned in halves, the set finds the same patterns as the plain search, wherever the
    /// matches sit: in either half, across the middle (long ones too), at the very ends.
    #[test]
    fn halves_find_what_the_plain_search_finds() {
        let pats = [
            "[0-9]{4}",
            "\\p{L}®",
            "x+y",
            "\"[^\"\n]+\"",
            "[a-z]+@[a-z]+\\.de",
            "(?:Code|code)[: ]+[A-Z]{2,}[0-9]+",
            "^Start",
            "Ende$",
        ];
        let hirs: Vec<Hir> = pats
            .iter()
            .map(|p| regex_syntax::parse(p).unwrap())
            .collect();
        let set = RegexSet::build(&hirs, 1 << 22).unwrap();
        let plain = |t: &str| -> Vec<usize> {
            let mut m = PatternSet::new(set.dfa.pattern_len());
            let mut cache = set.dfa.create_cache();
            set.dfa
                .try_which_overlapping_matches(&mut cache, &Input::new(t), &mut m)
                .unwrap();
            m.iter().map(|p| p.as_usize()).collect()
        };
        let which = |s: &RegexSet, t: &str| -> Vec<usize> {
            s.which(t).unwrap().iter().map(|p| p.as_usize()).collect()
        };
        let pieces = [
            "Start ",
            "Wort ",
            "2024 ",
            "Müller® ",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy ",
            "\"ein Zitat, das lang ist und lange dauert\" ",
            "anna@example.de ",
            "Code: ABC12 ",
            "xx ",
            "\" ",
            "\n",
            "Ende",
        ];
        let mut seed = 11u64;
        let mut halves = 0;
        for round in 0..3000 {
            let text = super::super::pieced_text(&pieces, 200 + round % 500, &mut seed);
            assert_eq!(which(&set, &text), plain(&text), "{text:?}");
            if text.len() >= SPLIT_MIN {
                let mut m = PatternSet::new(set.dfa.pattern_len());
                let mut cache = set.dfa.create_cache();
                halves += usize::from(
                    set.which_in_halves(&mut cache, text.as_bytes(), &mut m)
                        .is_some(),
                );
            }
        }
        assert!(halves > 2000, "the split path ran ({halves} times)");

        // With a cache so small that it is cleared again and again, the split walk gives up
        // whenever that happens (a chain's state would be stale), and the answers stay right.
        let small = (1..64)
            .find_map(|k| RegexSet::build_with_cache(&hirs, 1 << 22, k * 4096))
            .unwrap();
        let mut cache = small.dfa.create_cache();
        let (mut gave_up, mut walked) = (0, 0);
        seed = 11;
        for round in 0..600 {
            let text = super::super::pieced_text(&pieces, 300 + round % 400, &mut seed);
            assert_eq!(which(&small, &text), plain(&text), "{text:?}");
            let mut m = PatternSet::new(small.dfa.pattern_len());
            match small.which_in_halves(&mut cache, text.as_bytes(), &mut m) {
                Some(()) => walked += 1,
                None => gave_up += 1,
            }
        }
        assert!(cache.clear_count() > 0 && gave_up > 0, "{gave_up} {walked}");
    }
}
