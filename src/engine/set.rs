//! The regex set: every regex that has neither a gate nor a narrow scope, in one lazy DFA that
//! tells which of them match a draft anywhere (overlapping, `MatchKind::All`). Built from the
//! syntax trees parsed once, forward only: finding out *which* regexes match needs neither the
//! reverse automaton, nor capture groups, nor a literal prefilter, which a general regex
//! engine would build too (together about a third of the build time).

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
                    .cache_capacity(size_limit),
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
        self.dfa
            .try_which_overlapping_matches(&mut cache, &Input::new(text), &mut m)
            .ok()?;
        Some(m)
    }
}

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
}
