//! Check kinds: one file per kind, each implementing [`Check`]. A check never scans the text for
//! terms or regexes itself: the engine scans once and hands every check the shared [`Hits`]; a
//! check only filters them by scope and position and reports spans.

pub mod acknowledgement;
mod count;
mod image;
mod length;
pub mod near;
mod pattern;
mod person_name;
mod position;
mod requires;
mod terms;
mod validate;

use std::ops::Range;

pub use acknowledgement::AckCheck;
pub use count::{CountCheck, Counted};
pub use image::ImageCheck;
pub use length::LengthCheck;
pub use near::NearCheck;
pub use pattern::PatternCheck;
pub use person_name::PersonNameCheck;
pub use position::PositionCheck;
pub use requires::RequiresCheck;
pub use terms::TermsCheck;
pub use validate::ValidateCheck;

use crate::draft::Draft;
use crate::draft::structure::covers;
use crate::platform::Platform;
use crate::rule::Scope;
use crate::validate::Validator;

/// Index of a term list in the engine's single Aho-Corasick automaton.
pub type TermListId = usize;
/// Index of a compiled regex in the engine.
pub type RegexId = usize;

/// Everything found by the engine's single pass over a draft. Ranges are byte ranges of the
/// original text, sorted by start. Term hits come from the one automaton pass; the regex set
/// has told which regexes can match at all, and each of those runs the first time a check asks
/// for it (a regex used only as context, such as the source next to a quotation, runs only when
/// its rule has a trigger).
pub struct Hits<'a> {
    pub terms: Vec<Vec<Range<usize>>>,
    regexes: Vec<std::cell::OnceCell<Vec<Range<usize>>>>,
    run: &'a dyn Fn(RegexId) -> Vec<Range<usize>>,
}

impl<'a> Hits<'a> {
    pub fn new(
        terms: Vec<Vec<Range<usize>>>,
        regexes: usize,
        run: &'a dyn Fn(RegexId) -> Vec<Range<usize>>,
    ) -> Self {
        Hits {
            terms,
            regexes: (0..regexes).map(|_| std::cell::OnceCell::new()).collect(),
            run,
        }
    }

    /// The matches of regex `id`, found on first use.
    pub fn regex(&self, id: RegexId) -> &[Range<usize>] {
        self.regexes[id].get_or_init(|| (self.run)(id))
    }
}

impl std::fmt::Debug for Hits<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hits")
            .field("terms", &self.terms)
            .field("regexes", &self.regexes)
            .finish()
    }
}

/// What a check sees: the draft, the shared hits and the facts that rules depend on.
pub struct Context<'a> {
    pub draft: &'a Draft,
    pub hits: &'a Hits<'a>,
    pub platform: Platform,
    /// Language of the messages (for texts a check builds itself).
    pub lang: crate::platform::Lang,
    /// The platform's "see more" fold (configurable).
    pub fold: Option<usize>,
    /// The post's sentences, found on first use ([`Context::sentences`]).
    pub sentences: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl<'a> Context<'a> {
    pub fn new(
        draft: &'a Draft,
        hits: &'a Hits<'a>,
        platform: Platform,
        lang: crate::platform::Lang,
        fold: Option<usize>,
    ) -> Self {
        Context {
            draft,
            hits,
            platform,
            lang,
            fold,
            sentences: std::cell::OnceCell::new(),
        }
    }

    /// The post's sentences (byte ranges of the source, in order).
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| {
            crate::draft::sentences::split(&self.draft.source, self.draft.body.clone())
        })
    }
}

/// Why a finding was made: a word that matched one part of its rule (a concept's name, or
/// `person` for the person anchor), with its place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub label: String,
    pub range: Range<usize>,
    /// The person anchor (not one of the rule's parts).
    pub anchor: bool,
}

/// One finding of a check: where, plus values for the message placeholders (`{match}`,
/// `{count}`, `{max}`, `{platform}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub range: Range<usize>,
    pub vars: Vec<(&'static str, String)>,
    /// Index of the draft image the finding is about.
    pub image: Option<usize>,
    /// What made the finding (`near` checks): the matched words of each part.
    pub evidence: Vec<Evidence>,
}

impl Finding {
    pub fn at(range: Range<usize>) -> Finding {
        Finding {
            range,
            vars: Vec::new(),
            image: None,
            evidence: Vec::new(),
        }
    }

    pub fn var(mut self, name: &'static str, value: impl ToString) -> Finding {
        self.vars.push((name, value.to_string()));
        self
    }
}

/// A check kind.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>);
}

/// A compiled matcher: a term list or a regex (optionally confirmed by a validator).
#[derive(Debug, Clone)]
pub enum Matcher {
    Terms(TermListId),
    Regex {
        id: RegexId,
        validator: Option<Validator>,
    },
    /// Matches of any of several matchers, merged in text order.
    Any(Vec<Matcher>),
}

impl Matcher {
    /// All matches of this matcher inside `scope`, in text order.
    pub fn matches(&self, cx: &Context, scope: &Scope) -> Vec<Range<usize>> {
        let (list, validator) = match self {
            Matcher::Terms(id) => (cx.hits.terms[*id].as_slice(), None),
            Matcher::Regex { id, validator } => (cx.hits.regex(*id), *validator),
            Matcher::Any(all) => {
                let mut v: Vec<Range<usize>> =
                    all.iter().flat_map(|m| m.matches(cx, scope)).collect();
                v.sort_by_key(|r| (r.start, r.end));
                // Overlapping matches of different matchers are one finding ("mit dem Code"
                // and "Code FEUER15").
                let mut merged: Vec<Range<usize>> = Vec::with_capacity(v.len());
                for r in v {
                    match merged.last_mut() {
                        Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                        _ => merged.push(r),
                    }
                }
                return merged;
            }
        };
        list.iter()
            .filter(|r| in_scope(cx.draft, scope, r))
            .filter(|r| validator.is_none_or(|v| v(&cx.draft.source[(*r).clone()])))
            .cloned()
            .collect()
    }
}

/// Whether the gap between two ranges is at most `max` characters; counts no further than
/// `max + 1`, so a far-away match costs nothing.
pub fn gap_at_most(text: &str, a: &Range<usize>, b: &Range<usize>, max: usize) -> bool {
    let (lo, hi) = if a.end <= b.start {
        (a.end, b.start)
    } else if b.end <= a.start {
        (b.end, a.start)
    } else {
        return true;
    };
    if hi - lo <= max {
        return true;
    }
    text[lo..hi].chars().take(max + 1).count() <= max
}

/// Whether one of `sorted` (ranges in text order) lies within `within` characters of `r`.
/// Only the neighbours of `r` in the order are measured, so many matches stay cheap.
pub fn near_any(text: &str, sorted: &[Range<usize>], r: &Range<usize>, within: usize) -> bool {
    let i = sorted.partition_point(|s| s.start < r.start);
    let lo = i.saturating_sub(2);
    let hi = (i + 2).min(sorted.len());
    sorted[lo..hi]
        .iter()
        .any(|s| gap_at_most(text, r, s, within))
}

/// Keep the matches `found` that have (`near: true`) or have not (`near: false`) a match of
/// the context matcher within its distance in characters; `usize::MAX` means anywhere in the
/// post. The context is looked up only when there is something to filter.
pub fn filter_by_context(
    cx: &Context,
    found: &mut Vec<Range<usize>>,
    context: &Option<(Matcher, usize)>,
    near: bool,
) {
    let Some((ctx, within)) = context else {
        return;
    };
    if found.is_empty() {
        return;
    }
    let hits = ctx.matches(cx, &Scope::Text);
    if *within == usize::MAX {
        if hits.is_empty() == near {
            found.clear();
        }
        return;
    }
    found.retain(|r| near_any(&cx.draft.source, &hits, r, *within) == near);
}

/// Matches of `matcher` without a match of the negative context within its distance.
pub fn without_context(
    cx: &Context,
    matcher: &Matcher,
    unless: &Option<(Matcher, usize)>,
    scope: &Scope,
) -> Vec<Range<usize>> {
    let mut found = matcher.matches(cx, scope);
    filter_by_context(cx, &mut found, unless, false);
    found
}

/// Whether a match lies inside a scope of the draft.
pub fn in_scope(d: &Draft, scope: &Scope, r: &Range<usize>) -> bool {
    let within = |s: &Range<usize>| s.start <= r.start && r.end <= s.end;
    if !matches!(scope, Scope::FrontMatter(_)) && d.structure.in_comment(r) {
        return false;
    }
    match scope {
        Scope::Text => within(&d.body),
        Scope::Prose => within(&d.body) && !d.structure.in_hashtag_block(r),
        Scope::FirstParagraph => d.structure.first_paragraph().is_some_and(|p| within(&p)),
        Scope::Hashtags => covers(&d.structure.hashtags, r),
        Scope::Mentions => covers(&d.structure.mentions, r),
        Scope::Links => covers(&d.structure.links, r),
        Scope::FrontMatter(field) => d.front.fields.iter().any(|(f, s)| f == field && within(s)),
    }
}

/// Number of grapheme clusters in the post before byte offset `pos`, not counting leading
/// whitespace: what a reader sees before that point.
pub fn visible_offset(d: &Draft, pos: usize) -> usize {
    let pos = pos.clamp(d.body.start, d.body.end);
    visible_len(d.source[d.body.start..pos].trim_start())
}

/// Grapheme clusters in `s` (what a reader counts as characters); ASCII without segmenting.
pub fn visible_len(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if s.is_ascii() {
        s.len()
    } else {
        s.graphemes(true).count()
    }
}
