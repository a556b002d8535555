//! The engine: compiled once from validated rules, then applied to any number of drafts.
//!
//! Compilation puts every term list of every rule into one Aho-Corasick automaton
//! ([`prefilter`]), parses each distinct regex once (with size limits, and without Unicode
//! `\b`, which would force the slow engine; word edges are checked in Rust instead) and sorts
//! it: gated by literals in that automaton, a member of the regex set ([`set`]), or run only
//! on links, hashtags and mentions or as a rule's context. Checking a draft scans it once with
//! the automaton and once with the set; a regex runs only when a check asks for it and its
//! gate or the set says it can match. Then every rule's check runs over the shared hits.

pub mod prefilter;
mod set;

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::check::{
    Check, Context, CountCheck, Counted, Finding, Hits, ImageCheck, LengthCheck, Matcher,
    PatternCheck, PositionCheck, RegexId, RequiresCheck, TermsCheck, ValidateCheck,
};
use crate::diagnostic::Diagnostic;
use crate::draft::Draft;
use crate::platform::{Lang, Platform};
use crate::rule::{CheckDef, CountOf, MatcherDef, PackError, Rule, Scope};
use crate::text::{Positioner, word_bounded};
use prefilter::{TermIndex, TermIndexBuilder, gate_literals};

/// Compiled size limit of one rule regex.
const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;
/// Compiled size limit of the set of all regexes. When the set stays within it, so does every
/// regex in it; otherwise each regex is checked against [`REGEX_SIZE_LIMIT`] on its own.
const SET_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// Function words for telling German from English posts (when the front matter does not say).
/// Only words of three or more letters: one-letter words would hit inside every other word.
const STOP_DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "für", "ich", "wir", "eine", "den", "von",
    "auch", "sich", "auf", "dem", "heute", "unsere", "unser",
];
const STOP_EN: &[&str] = &[
    "the", "and", "not", "with", "for", "you", "this", "that", "are", "our", "today", "was",
    "have", "your",
];

#[derive(Debug)]
struct CompiledRegex {
    /// Used only in this scope (links, hashtags or mentions): run on those ranges alone.
    narrow: Option<Scope>,
    pattern: String,
    ignore_case: bool,
    /// Built on first use: the set tells which regexes can match a draft at all, so most
    /// drafts need only a few of them (keeps the CLI's start-up short).
    re: OnceLock<Regex>,
    whole_word: bool,
    /// Used as what a rule looks for (not only as context such as a rule's `unless`, or the
    /// marker a `requires` rule wants near its trigger).
    primary: bool,
}

/// Options for one check run.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Language of leitplanke's messages.
    pub lang: Lang,
    /// Platform to check for; overrides the draft's front matter when set.
    pub platform: Option<Platform>,
    /// Platform when neither the option nor the draft names one.
    pub default_platform: Platform,
    /// Values never reported (configuration `allow:`).
    pub allow: std::sync::Arc<crate::config::Allow>,
    /// "See more" folds that differ from the built-in ones.
    pub folds: Vec<(Platform, usize)>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            lang: Lang::De,
            platform: None,
            default_platform: Platform::Linkedin,
            allow: Default::default(),
            folds: Vec::new(),
        }
    }
}

impl CheckOptions {
    /// The fold of a platform, configured or built in.
    pub fn fold(&self, p: Platform) -> Option<usize> {
        self.folds
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, n)| *n)
            .or(p.fold())
    }
}

/// Compiled rules.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    checks: Vec<Box<dyn Check>>,
    terms: TermIndex,
    regexes: Vec<CompiledRegex>,
    /// The regexes without a gate, narrow scope or context-only use, in one set: one pass tells
    /// which of them match at all, and only those run on their own. `None` when the set would
    /// be too large (then they all run) or is empty.
    regex_set: Option<set::RegexSet>,
    /// The regex behind each member of the set.
    set_members: Vec<RegexId>,
    /// Per regex, what tells whether it can match a draft.
    filters: Vec<Filter>,
}

/// What tells whether a regex can match a draft, before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    /// Runs on links, hashtags or mentions only: always a candidate.
    Narrow,
    /// One of its literals must have been seen by the term automaton (this gate).
    Gate(usize),
    /// A member of the regex set.
    Set,
    /// Only context, looked up once its rule has found something (rarely): runs then.
    Unfiltered,
}

struct Compiler {
    terms: TermIndexBuilder,
    regexes: Vec<CompiledRegex>,
    regex_keys: HashMap<(String, bool, bool, Option<Scope>), RegexId>,
    /// For each regex: its pack and the pattern's range (for located errors).
    regex_rules: Vec<(
        std::sync::Arc<crate::rule::PackSource>,
        std::ops::Range<usize>,
    )>,
    errors: Vec<PackError>,
    /// Compiling the context of a rule (`unless`, `with`, a `requires` rule's marker): looked
    /// up only once the rule has found something.
    context: bool,
}

impl Compiler {
    fn regex(
        &mut self,
        rule: &Rule,
        def: &MatcherDef,
        scope: &Scope,
    ) -> Option<(RegexId, Option<String>)> {
        let MatcherDef::Pattern {
            pattern,
            ignore_case,
            whole_word,
            validator,
            range,
        } = def
        else {
            return None;
        };
        // A regex used only on links, hashtags or mentions runs on those short pieces of text
        // instead of the whole post (and stays out of the set).
        let narrow = match scope {
            Scope::Links | Scope::Hashtags | Scope::Mentions => Some(scope.clone()),
            _ => None,
        };
        let key = (pattern.clone(), *ignore_case, *whole_word, narrow.clone());
        if let Some(&id) = self.regex_keys.get(&key) {
            self.regexes[id].primary |= !self.context;
            return Some((id, validator.clone()));
        }
        // Syntax and `\b` are checked by `parse_regex`, in parallel with building the
        // automaton; the compiled size with the set (and per regex only when the set is too
        // large).
        let id = self.regexes.len();
        self.regexes.push(CompiledRegex {
            narrow,
            pattern: pattern.clone(),
            ignore_case: *ignore_case,
            re: OnceLock::new(),
            whole_word: *whole_word,
            primary: !self.context,
        });
        self.regex_keys.insert(key, id);
        self.regex_rules.push((rule.source.clone(), range.clone()));
        Some((id, validator.clone()))
    }

    /// `Some(None)` without negative context, `None` on a compile error.
    fn unless(
        &mut self,
        rule: &Rule,
        unless: &Option<crate::rule::Unless>,
        scope: &Scope,
    ) -> Option<Option<(Matcher, usize)>> {
        match unless {
            None => Some(None),
            Some(u) => Some(Some((
                self.context_matcher(rule, &u.matcher, scope)?,
                u.within,
            ))),
        }
    }

    /// A matcher that is looked up only after the rule's own matcher found something.
    fn context_matcher(&mut self, rule: &Rule, def: &MatcherDef, scope: &Scope) -> Option<Matcher> {
        self.context = true;
        let m = self.matcher(rule, def, scope);
        self.context = false;
        m
    }

    /// The marker of a `requires` or `position` rule: context when the rule has a trigger
    /// (looked up only where the trigger is found), else what the rule looks for.
    fn marker_matcher(
        &mut self,
        rule: &Rule,
        def: &MatcherDef,
        scope: &Scope,
        triggered: bool,
    ) -> Option<Matcher> {
        if triggered {
            self.context_matcher(rule, def, scope)
        } else {
            self.matcher(rule, def, scope)
        }
    }

    fn matcher(&mut self, rule: &Rule, def: &MatcherDef, scope: &Scope) -> Option<Matcher> {
        match def {
            MatcherDef::Terms(t) => Some(Matcher::Terms(self.terms.add_list(t))),
            MatcherDef::Any(v) => Some(Matcher::Any(
                v.iter()
                    .map(|m| self.matcher(rule, m, scope))
                    .collect::<Option<Vec<_>>>()?,
            )),
            MatcherDef::Pattern { .. } => {
                let (id, v) = self.regex(rule, def, scope)?;
                Some(Matcher::Regex {
                    id,
                    validator: v.and_then(|n| crate::validate::by_name(&n)),
                })
            }
        }
    }

    fn check(&mut self, rule: &Rule) -> Option<Box<dyn Check>> {
        Some(match &rule.check {
            CheckDef::Terms { terms, scope } => Box::new(TermsCheck {
                list: self.terms.add_list(terms),
                scope: scope.clone(),
            }),
            CheckDef::Pattern {
                matcher,
                unless,
                with,
                scope,
            } => Box::new(PatternCheck {
                unless: self.unless(rule, unless, scope)?,
                with: self.unless(rule, with, scope)?,
                matcher: self.matcher(rule, matcher, scope)?,
                scope: scope.clone(),
            }),
            CheckDef::Validate {
                matcher,
                unless,
                scope,
            } => Box::new(ValidateCheck {
                unless: self.unless(rule, unless, scope)?,
                matcher: self.matcher(rule, matcher, scope)?,
                scope: scope.clone(),
            }),
            CheckDef::Requires {
                trigger,
                require,
                near,
                scope,
            } => Box::new(RequiresCheck {
                trigger: match trigger {
                    Some(t) => Some(self.matcher(rule, t, scope)?),
                    None => None,
                },
                require: self.marker_matcher(rule, require, scope, trigger.is_some())?,
                near: *near,
                scope: scope.clone(),
            }),
            CheckDef::Position {
                trigger,
                marker,
                within,
                outside_hashtag_block,
                scope,
            } => Box::new(PositionCheck {
                trigger: match trigger {
                    Some(t) => Some(self.matcher(rule, t, scope)?),
                    None => None,
                },
                marker: self.marker_matcher(rule, marker, scope, trigger.is_some())?,
                within: *within,
                outside_hashtag_block: *outside_hashtag_block,
                scope: scope.clone(),
            }),
            CheckDef::Count { of, max, scope } => Box::new(CountCheck {
                of: match of {
                    CountOf::Hashtags => Counted::Hashtags,
                    CountOf::Mentions => Counted::Mentions,
                    CountOf::Links => Counted::Links,
                    CountOf::Emoji => Counted::Emoji,
                    CountOf::Matches(m) => Counted::Matches(self.matcher(rule, m, scope)?),
                },
                max: max.clone(),
                scope: scope.clone(),
            }),
            CheckDef::Length { max } => Box::new(LengthCheck { max: max.clone() }),
            CheckDef::PersonName {
                list,
                exclude,
                unless,
                scope,
            } => match crate::rule::lists::by_name(list) {
                Some(list) => Box::new(crate::check::PersonNameCheck {
                    list,
                    exclude: exclude.clone(),
                    unless: self.unless(rule, unless, scope)?,
                    scope: scope.clone(),
                }),
                None => {
                    // The loader accepts only known lists; a rule built in code may not.
                    self.errors.push(PackError::new(
                        &rule.source,
                        rule.id_range.clone(),
                        format!("unknown list `{list}`"),
                    ));
                    return None;
                }
            },
            CheckDef::Acknowledgement { problem } => {
                Box::new(crate::check::AckCheck { problem: *problem })
            }
            CheckDef::Near {
                groups,
                window,
                unless_in,
                scope,
            } => Box::new(crate::check::NearCheck {
                unless_in: *unless_in,
                groups: groups
                    .iter()
                    .map(|g| {
                        Some(crate::check::near::Group {
                            parts: g
                                .parts
                                .iter()
                                .map(|p| {
                                    Some((self.matcher(rule, &p.matcher, scope)?, p.label.clone()))
                                })
                                .collect::<Option<Vec<_>>>()?,
                            person: match &g.person {
                                Some(p) => Some(self.context_matcher(rule, p, &Scope::Text)?),
                                None => None,
                            },
                            name: g.name,
                            window: g.window,
                            unless: match &g.unless {
                                Some(u) => Some(self.context_matcher(rule, u, scope)?),
                                None => None,
                            },
                            unless_wide: match &g.unless_wide {
                                Some(u) => Some(self.context_matcher(rule, u, scope)?),
                                None => None,
                            },
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
                names: crate::rule::lists::by_name("first-names")
                    .expect("the first-name list is built in"),
                window: *window,
                scope: scope.clone(),
            }),
            CheckDef::Image {
                facts,
                terms,
                pattern,
                above,
                below,
                missing,
                unless_recorded,
            } => Box::new(ImageCheck {
                facts: facts.clone(),
                terms: terms.clone(),
                pattern: pattern.clone(),
                compiled: std::sync::OnceLock::new(),
                above: *above,
                below: *below,
                missing: *missing,
                unless_recorded: unless_recorded.clone(),
            }),
        })
    }
}

/// Parse a rule regex once: its syntax tree (used to build the set), or a located error when
/// it does not parse or uses a Unicode word boundary.
fn parse_regex(
    cr: &CompiledRegex,
    at: &(
        std::sync::Arc<crate::rule::PackSource>,
        std::ops::Range<usize>,
    ),
) -> Result<Hir, PackError> {
    let msg = match regex_syntax::ParserBuilder::new()
        .case_insensitive(cr.ignore_case)
        .build()
        .parse(&cr.pattern)
    {
        Err(e) => format!("invalid regex: {}", one_line(&e.to_string())),
        Ok(hir) if has_unicode_word_boundary(&hir) => "the regex uses `\\b` or `\\B`: leave it out (whole words are checked on the match edges; `whole_word: false` turns that off) or write `(?-u:\\b)` for an ASCII boundary".into(),
        Ok(hir) => return Ok(hir),
    };
    Err(PackError::new(&at.0, at.1.clone(), msg))
}

/// Whether a regex that is built on first use stays within the size limit once compiled.
fn check_size(
    hir: &Hir,
    at: &(
        std::sync::Arc<crate::rule::PackSource>,
        std::ops::Range<usize>,
    ),
) -> Result<(), PackError> {
    use regex_automata::nfa::thompson;
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .which_captures(thompson::WhichCaptures::None)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT)),
        )
        .build_from_hir(hir)
        .map(drop)
        .map_err(|_| {
            PackError::new(
                &at.0,
                at.1.clone(),
                format!(
                    "regex is too large once compiled (limit {REGEX_SIZE_LIMIT} bytes); simplify it"
                ),
            )
        })
}

/// Build the regexes selected by `which` now; a located error for each that is too large or
/// invalid.
fn build_singles(
    regexes: &[CompiledRegex],
    regex_rules: &[(
        std::sync::Arc<crate::rule::PackSource>,
        std::ops::Range<usize>,
    )],
    which: impl Fn(&CompiledRegex) -> bool,
) -> Vec<PackError> {
    let mut errors = Vec::new();
    for (rule, cr) in regex_rules.iter().zip(regexes) {
        if !which(cr) {
            continue;
        }
        match single_regex(&cr.pattern, cr.ignore_case) {
            Ok(re) => {
                let _ = cr.re.set(re);
            }
            Err(e) => {
                let msg = match e {
                    regex::Error::CompiledTooBig(n) => {
                        format!("regex is too large once compiled (limit {n} bytes); simplify it")
                    }
                    e => format!("invalid regex: {}", one_line(&e.to_string())),
                };
                errors.push(PackError::new(&rule.0, rule.1.clone(), msg));
            }
        }
    }
    errors
}

fn single_regex(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

impl CompiledRegex {
    fn re(&self) -> &Regex {
        self.re.get_or_init(|| {
            // Checked at compile time; a regex that matches nothing is the only safe fallback.
            single_regex(&self.pattern, self.ignore_case)
                .or_else(|_| Regex::new("[^\\s\\S]"))
                .expect("the empty-class regex compiles")
        })
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has_unicode_word_boundary(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Look(l) => matches!(
            l,
            Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode
        ),
        HirKind::Repetition(r) => has_unicode_word_boundary(&r.sub),
        HirKind::Capture(c) => has_unicode_word_boundary(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_unicode_word_boundary),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
    }
}

impl Engine {
    /// Compile validated rules. Regex problems come back as located pack errors.
    pub fn compile(rules: Vec<Rule>) -> Result<Engine, Vec<PackError>> {
        Self::compile_with(rules, true)
    }

    /// Compile with every whole-text regex in the set, none gated by the automaton: the
    /// reference that tests compare the gates against.
    #[doc(hidden)]
    pub fn compile_ungated(rules: Vec<Rule>) -> Result<Engine, Vec<PackError>> {
        Self::compile_with(rules, false)
    }

    fn compile_with(rules: Vec<Rule>, gating: bool) -> Result<Engine, Vec<PackError>> {
        let mut c = Compiler {
            terms: TermIndexBuilder::default(),
            regexes: Vec::new(),
            regex_keys: HashMap::new(),
            regex_rules: Vec::new(),
            errors: Vec::new(),
            context: false,
        };
        let mut checks = Vec::with_capacity(rules.len());
        for r in &rules {
            if let Some(ch) = c.check(r) {
                checks.push(ch);
            }
        }

        if !c.errors.is_empty() {
            return Err(c.errors);
        }
        // Every regex is parsed once (syntax, `\b`) and sorted, on both cores: one that runs on
        // links, hashtags or mentions only is checked for size and built on first use; one whose
        // matches all start or end with a few selective literals is gated by the term
        // automaton; the rest go into the set.
        enum Parsed {
            Narrow,
            Unfiltered,
            Gated(Vec<String>),
            InSet(Hir),
        }
        let parsed: Vec<Result<Parsed, PackError>> = {
            use rayon::prelude::*;
            c.regexes
                .par_iter()
                .zip(&c.regex_rules)
                .map(|(cr, at)| {
                    let hir = parse_regex(cr, at)?;
                    if cr.narrow.is_some() {
                        return check_size(&hir, at).map(|()| Parsed::Narrow);
                    }
                    if gating && !cr.primary {
                        // Only context: not worth a place in the set.
                        return check_size(&hir, at).map(|()| Parsed::Unfiltered);
                    }
                    Ok(match gate_literals(&hir).filter(|_| gating) {
                        Some(lits) => Parsed::Gated(lits),
                        None => Parsed::InSet(hir),
                    })
                })
                .collect()
        };
        let mut filters = Vec::with_capacity(c.regexes.len());
        let mut set_members = Vec::new();
        let mut hirs = Vec::new();
        let mut errors = Vec::new();
        for (i, p) in parsed.into_iter().enumerate() {
            filters.push(match p {
                Err(e) => {
                    errors.push(e);
                    Filter::Unfiltered
                }
                Ok(Parsed::Narrow) => Filter::Narrow,
                Ok(Parsed::Unfiltered) => Filter::Unfiltered,
                Ok(Parsed::Gated(lits)) => Filter::Gate(c.terms.add_gate(&lits)),
                Ok(Parsed::InSet(h)) => {
                    set_members.push(i);
                    hirs.push(h);
                    Filter::Set
                }
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // The automaton and the set are independent: build them at the same time.
        let (terms, regex_set) = rayon::join(
            || c.terms.build(),
            || {
                (!hirs.is_empty())
                    .then(|| set::RegexSet::build(&hirs, SET_SIZE_LIMIT))
                    .flatten()
            },
        );
        let terms = terms.map_err(|e| {
            let src = rules.first().map(|r| r.source.clone());
            match src {
                Some(s) => vec![PackError::new(&s, 0..0, e)],
                None => Vec::new(),
            }
        })?;
        if regex_set.is_none() && !set_members.is_empty() {
            // The set is too large: find the regexes that are too large on their own, and
            // build the rest now.
            errors.extend(build_singles(&c.regexes, &c.regex_rules, |r| {
                r.narrow.is_none()
            }));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Engine {
            rules,
            checks,
            terms,
            regex_set,
            set_members,
            filters,
            regexes: c.regexes,
        })
    }

    /// Compile the built-in packs plus extra (path, text) packs.
    pub fn with_packs(extra: Vec<(String, String)>) -> Result<Engine, Vec<PackError>> {
        let mut sources = crate::rule::builtin::sources();
        sources.extend(extra);
        Engine::compile(crate::rule::load::load_all(sources)?)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Distinct terms in the automaton and distinct regexes (for benchmarks and `rules`).
    pub fn sizes(&self) -> (usize, usize) {
        (self.terms.pattern_count(), self.regexes.len())
    }

    /// The regexes that can match a draft at all: gated ones whose gate the automaton opened,
    /// the set's members by the set, the rest always (links, hashtags and mentions regexes run
    /// on those pieces only; context regexes only when their rule has found something).
    fn candidates(&self, draft: &Draft, open: &[bool]) -> Vec<bool> {
        let mut candidate: Vec<bool> = self
            .filters
            .iter()
            .map(|f| match f {
                Filter::Gate(g) => open[*g],
                Filter::Set => false,
                Filter::Narrow | Filter::Unfiltered => true,
            })
            .collect();
        match self
            .regex_set
            .as_ref()
            .map(|s| s.which(&draft.normalized.text))
        {
            Some(Some(m)) => {
                for k in m.iter() {
                    candidate[self.set_members[k.as_usize()]] = true;
                }
            }
            // Without a set (too large) or an answer from it, every member is a candidate.
            _ => {
                for &i in &self.set_members {
                    candidate[i] = true;
                }
            }
        }
        candidate
    }

    /// The matches of regex `i` in a draft (original byte ranges), if the set lets it match.
    fn run_regex(
        &self,
        i: RegexId,
        draft: &Draft,
        candidate: &[bool],
    ) -> Vec<std::ops::Range<usize>> {
        let cr = &self.regexes[i];
        if let Some(scope) = &cr.narrow {
            return Self::scan_pieces(cr, draft, scope);
        }
        if !candidate[i] {
            return Vec::new();
        }
        let view = &draft.normalized;
        cr.re()
            .find_iter(&view.text)
            .filter(|m| !cr.whole_word || word_bounded(&view.text, m.start(), m.end()))
            .map(|m| view.to_orig(m.range()))
            .collect()
    }

    /// Time of the whole scan over `drafts`: automaton, set and every regex the set lets match,
    /// as if every check asked for every regex (development aid).
    pub fn scan_timing(&self, drafts: &[Draft]) -> f64 {
        let t = std::time::Instant::now();
        for d in drafts {
            let scan = self.terms.scan(d);
            let candidate = self.candidates(d, &scan.gates);
            for i in 0..self.regexes.len() {
                std::hint::black_box(self.run_regex(i, d, &candidate));
            }
        }
        t.elapsed().as_secs_f64()
    }

    /// Time of the term automaton alone over `drafts` (development aid).
    pub fn term_timing(&self, drafts: &[Draft]) -> f64 {
        let t = std::time::Instant::now();
        for d in drafts {
            std::hint::black_box(self.terms.scan(d));
        }
        t.elapsed().as_secs_f64()
    }

    /// Time of a `RegexSet` of all regexes (development aid: set versus single regexes).
    pub fn regex_set_timing(&self, drafts: &[Draft]) -> f64 {
        let Some(set) = &self.regex_set else {
            return 0.0;
        };
        let t = std::time::Instant::now();
        for d in drafts {
            std::hint::black_box(set.which(&d.normalized.text));
        }
        t.elapsed().as_secs_f64()
    }

    /// Total time each regex takes over `drafts` (development aid for `examples/profile_stages`).
    pub fn regex_timings(&self, drafts: &[Draft]) -> Vec<(String, f64)> {
        self.regexes
            .iter()
            .map(|cr| {
                let t = std::time::Instant::now();
                for d in drafts {
                    std::hint::black_box(cr.re().find_iter(&d.normalized.text).count());
                }
                (cr.re().as_str().to_string(), t.elapsed().as_secs_f64())
            })
            .collect()
    }

    /// Run a regex on the links, hashtags or mentions of a draft only (original text).
    fn scan_pieces(
        cr: &CompiledRegex,
        draft: &Draft,
        scope: &Scope,
    ) -> Vec<std::ops::Range<usize>> {
        let pieces = match scope {
            Scope::Links => &draft.structure.links,
            Scope::Hashtags => &draft.structure.hashtags,
            Scope::Mentions => &draft.structure.mentions,
            _ => return Vec::new(),
        };
        let mut out = Vec::new();
        for p in pieces {
            let text = &draft.source[p.clone()];
            for m in cr.re().find_iter(text) {
                if !cr.whole_word || word_bounded(text, m.start(), m.end()) {
                    out.push(p.start + m.start()..p.start + m.end());
                }
            }
        }
        out
    }

    /// The language a post is written in: declared in the front matter, else guessed from
    /// function words (German when in doubt).
    /// Only needed for rules limited to one language, and then computed once per draft.
    pub fn draft_lang(draft: &Draft) -> Lang {
        if let Some(l) = draft.front.lang {
            return l;
        }
        let (mut de, mut en) = (0usize, 0usize);
        for word in draft
            .body_text()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| (3..=6).contains(&w.len()))
        {
            let w = word.to_lowercase();
            if STOP_DE.contains(&w.as_str()) {
                de += 1;
            } else if STOP_EN.contains(&w.as_str()) {
                en += 1;
            }
        }
        if en > de { Lang::En } else { Lang::De }
    }

    /// Check one of a rule's own examples. The example is read as if it were a draft lying next
    /// to the rule's pack, so image paths in examples are relative to the pack file.
    pub fn check_example(
        &self,
        rule: &Rule,
        example: &str,
        opts: &CheckOptions,
    ) -> Vec<Diagnostic> {
        let mut d = Draft::parse(rule.source.path.clone(), example.to_string());
        d.inspect_images(crate::images::ImageOptions::default());
        self.check(&d, opts)
    }

    /// Check one draft.
    pub fn check(&self, draft: &Draft, opts: &CheckOptions) -> Vec<Diagnostic> {
        self.with_hits(draft, |hits| self.check_with(draft, hits, opts))
    }

    /// The single scan of a draft (the automaton and the regex set), then `f` with the hits;
    /// each regex the set lets match runs when a check first asks for it.
    fn with_hits<R>(&self, draft: &Draft, f: impl FnOnce(&Hits) -> R) -> R {
        let scan = self.terms.scan(draft);
        let candidate = self.candidates(draft, &scan.gates);
        // Regexes are built on first use; when a draft needs several that are not built yet
        // (the first drafts of a run, or the only one), build them on all cores at once. Only
        // gated and set regexes the draft can match: narrow ones run only on drafts that have
        // links, hashtags or mentions, context ones only after their rule found something.
        let unbuilt: Vec<&CompiledRegex> = self
            .regexes
            .iter()
            .zip(&self.filters)
            .zip(&candidate)
            .filter(|((cr, f), c)| {
                **c && matches!(f, Filter::Gate(_) | Filter::Set) && cr.re.get().is_none()
            })
            .map(|((cr, _), _)| cr)
            .collect();
        if unbuilt.len() > 1 {
            use rayon::prelude::*;
            unbuilt.par_iter().for_each(|cr| {
                cr.re();
            });
        }
        let run = |i: RegexId| self.run_regex(i, draft, &candidate);
        f(&Hits::new(scan.lists, self.regexes.len(), &run))
    }

    fn check_with(&self, draft: &Draft, hits: &Hits, opts: &CheckOptions) -> Vec<Diagnostic> {
        let platform = opts
            .platform
            .or(draft.front.platform)
            .unwrap_or(opts.default_platform);
        let cx = Context::new(draft, hits, platform, opts.lang, opts.fold(platform));
        let lang = std::cell::OnceCell::new();
        let mut found: Vec<(&Rule, Finding)> = Vec::new();
        let mut findings = Vec::new();
        for (rule, check) in self.rules.iter().zip(&self.checks) {
            let w = &rule.when;
            if !w.applies_to_draft(cx.platform, draft.front.sponsored) {
                continue;
            }
            findings.clear();
            check.run(&cx, &mut findings);
            // Checks are pure, so a language condition can be tested after the fact, and the
            // language is only guessed for drafts where such a rule found something.
            if findings.is_empty()
                || (!w.langs.is_empty()
                    && !w
                        .langs
                        .contains(lang.get_or_init(|| Self::draft_lang(draft))))
            {
                continue;
            }
            found.extend(findings.drain(..).map(|f| {
                let range = crate::text::clamp_span(&draft.source, f.range.clone());
                (rule, Finding { range, ..f })
            }));
        }
        self.qr_links(draft, opts, &mut found);
        if !opts.allow.is_empty() {
            found.retain(|(_, f)| {
                let vars: Vec<&str> = f.vars.iter().map(|(_, v)| v.as_str()).collect();
                let text = draft.source.get(f.range.clone()).unwrap_or("");
                !opts.allow.allows(text, &vars)
            });
        }
        found.sort_by(|(ra, a), (rb, b)| {
            (a.range.start, a.range.end, a.image, &ra.id).cmp(&(
                b.range.start,
                b.range.end,
                b.image,
                &rb.id,
            ))
        });
        found.dedup_by(|(ra, a), (rb, b)| {
            ra.id == rb.id && a.range == b.range && a.image == b.image
        });
        // Acknowledgements: which findings they cover, and what is wrong with them.
        let review = crate::check::acknowledgement::review(
            &draft.acks,
            found.iter().map(|(r, f)| (r.id.as_str(), &f.range)),
            |id| self.rule(id).is_some(),
        );
        let mut all: Vec<(&Rule, Finding, Option<String>)> = found
            .into_iter()
            .zip(review.reasons)
            .map(|((r, f), why)| (r, f, why))
            .collect();
        for (problem, i) in review.problems {
            let Some(rule) = self.rules.iter().find(
                |r| matches!(r.check, CheckDef::Acknowledgement { problem: p } if p == problem),
            ) else {
                continue;
            };
            let ack = &draft.acks[i];
            let close =
                crate::rule::closest_ids(&ack.rule, self.rules.iter().map(|r| r.id.as_str()));
            let f = Finding::at(crate::text::clamp_span(&draft.source, ack.range.clone()))
                .var("match", &ack.rule)
                .var(
                    "closest",
                    if close.is_empty() {
                        "–".to_string()
                    } else {
                        close.join(", ")
                    },
                );
            all.push((rule, f, None));
        }
        all.sort_by_key(|(_, f, _)| (f.range.start, f.range.end));
        let mut starts = Positioner::new(&draft.source, &draft.lines);
        all.into_iter()
            .map(|(rule, f, why)| {
                let start = starts.line_col(f.range.start);
                let mut ends = Positioner::new(&draft.source, &draft.lines);
                ends.seed(f.range.start, start);
                let end = ends.line_col(f.range.end);
                let mut d = self.diagnostic(rule, draft, f, opts.lang, start, end);
                d.acknowledged = why;
                d
            })
            .collect()
    }

    /// Links in QR codes go through the link rules (shorteners, tracking parameters, plain
    /// http) like links in the text; the findings point at the image.
    fn qr_links<'r>(
        &'r self,
        draft: &Draft,
        opts: &CheckOptions,
        found: &mut Vec<(&'r Rule, Finding)>,
    ) {
        for (i, a) in draft.images.iter().enumerate() {
            let Some(Ok(p)) = a.facts().and_then(|f| f.pixels.as_ref()) else {
                continue;
            };
            for payload in &p.qr {
                let lower = payload.trim().to_ascii_lowercase();
                if !(lower.starts_with("http://")
                    || lower.starts_with("https://")
                    || lower.starts_with("www."))
                {
                    continue;
                }
                let mini = Draft::parse("qr", payload.trim().to_string());
                self.with_hits(&mini, |hits| {
                    let platform = opts
                        .platform
                        .or(draft.front.platform)
                        .unwrap_or(opts.default_platform);
                    let cx = Context::new(&mini, hits, platform, opts.lang, opts.fold(platform));
                    let mut out = Vec::new();
                    for (rule, check) in self.rules.iter().zip(&self.checks) {
                        if !rule.check.is_link_scoped() {
                            continue;
                        }
                        out.clear();
                        check.run(&cx, &mut out);
                        found.extend(out.drain(..).map(|f| {
                            let mut vars = f.vars;
                            vars.push(("image", a.written.clone()));
                            vars.push(("qr", payload.clone()));
                            (
                                rule,
                                Finding {
                                    range: a.range.clone(),
                                    vars,
                                    image: Some(i),
                                    evidence: Vec::new(),
                                },
                            )
                        }));
                    }
                });
            }
        }
    }

    fn diagnostic(
        &self,
        rule: &Rule,
        d: &Draft,
        f: Finding,
        lang: Lang,
        (line, column): (usize, usize),
        (end_line, end_column): (usize, usize),
    ) -> Diagnostic {
        let range = f.range.clone();
        let fill = |s: &str| fill(s, &f.vars);
        let acknowledged = None;
        let mut message = fill(rule.message.get(lang));
        if f.vars.iter().any(|(k, _)| *k == "qr") && rule.check.is_link_scoped() {
            message = match lang {
                Lang::De => format!("QR-Code im Bild: {message}"),
                Lang::En => format!("QR code in the image: {message}"),
            };
        }
        Diagnostic {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            message,
            reason: fill(rule.reason.get(lang)),
            reference: rule.reference.clone(),
            suggestion: fill(rule.suggestion.get(lang)),
            line,
            column,
            end_line,
            end_column,
            byte_start: range.start,
            byte_end: range.end,
            image: f
                .image
                .and_then(|i| d.images.get(i))
                .map(|a| a.written.clone()),
            regions: match (&rule.check, f.image.and_then(|i| d.images.get(i))) {
                (CheckDef::Image { facts, .. }, Some(a))
                    if facts.contains(&crate::images::Fact::Faces) =>
                {
                    a.facts().map(|x| x.faces().to_vec()).unwrap_or_default()
                }
                _ => Vec::new(),
            },
            acknowledged,
            evidence: f
                .evidence
                .iter()
                .map(|e| {
                    let (line, column) = d.lines.line_col(&d.source, e.range.start);
                    crate::diagnostic::EvidenceItem {
                        kind: if e.label == "person" {
                            "person"
                        } else {
                            "concept"
                        },
                        label: e.label.clone(),
                        text: d.source.get(e.range.clone()).unwrap_or("").to_string(),
                        line,
                        column,
                        byte_start: e.range.start,
                        byte_end: e.range.end,
                    }
                })
                .collect(),
        }
    }
}

/// A test text: `pieces` picked by a fixed pseudo-random sequence (`seed` advances) until it
/// is at least `len` bytes long.
#[cfg(test)]
pub(crate) fn pieced_text(pieces: &[&str], len: usize, seed: &mut u64) -> String {
    let mut text = String::new();
    while text.len() < len {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(pieces[(*seed >> 33) as usize % pieces.len()]);
    }
    text
}

/// `template` with each `{name}` replaced by the variable of that name, in one pass: a value is
/// not searched again (a draft's own text such as "{closest}" stays as it is), and braces
/// that name no variable are kept.
fn fill(template: &str, vars: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let var = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, v) = vars.iter().find(|(k, _)| *k == name)?;
            Some((v, close))
        });
        match var {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_variables_once() {
        let vars = vec![
            ("match", "{closest} €".to_string()),
            ("closest", "a, b".to_string()),
        ];
        assert_eq!(fill("»{match}« – {closest}", &vars), "»{closest} €« – a, b");
        assert_eq!(fill("{match}{match}", &vars), "{closest} €{closest} €");
        assert_eq!(fill("{other} {x {match", &vars), "{other} {x {match");
        assert_eq!(fill("ohne", &[]), "ohne");
        assert_eq!(fill("", &vars), "");
    }

    /// The NFA that a new engine scans with and the DFA that takes over report the same.
    #[test]
    fn both_tiers_of_the_term_automaton_find_the_same() {
        let rules = || crate::rule::load::load_all(crate::rule::builtin::sources()).unwrap();
        let nfa_only = Engine::compile(rules()).unwrap();
        nfa_only.terms.keep_nfa();
        let with_dfa = Engine::compile(rules()).unwrap();
        with_dfa.terms.build_dfa_now();
        let mut found = 0;
        for e in std::fs::read_dir("corpus").unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                let d = Draft::parse("t", std::fs::read_to_string(&p).unwrap());
                let (a, b) = (nfa_only.terms.scan(&d), with_dfa.terms.scan(&d));
                found += a.lists.iter().map(Vec::len).sum::<usize>();
                assert_eq!((a.lists, a.gates), (b.lists, b.gates), "{}", p.display());
            }
        }
        assert!(found > 100, "{found}");
    }
}
