//! The YAML shape of a rule pack, exactly as written (serde types). Every struct denies unknown
//! fields; values that need checking after parsing carry their source span (`Spanned`).
//! [`super::load`] validates these into [`super::Rule`]s.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    /// Optional human name of the pack.
    #[serde(default)]
    pub pack: Option<String>,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
    /// Named word groups that rules of any pack use as `@name` in their term lists.
    #[serde(default)]
    pub concepts: BTreeMap<String, Spanned<RawConcept>>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
}

/// A concept: a named word group, defined once and used by several rules (`@health`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcept {
    /// For people (`explain`).
    #[serde(default)]
    pub description: Option<String>,
    /// German (or language-neutral) terms, inflected unless `inflect: false` or written `=…`.
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
    /// English terms, inflected the English way.
    #[serde(default)]
    pub en: Vec<Spanned<String>>,
    #[serde(default)]
    pub inflect: Option<bool>,
    /// Adds to a concept of the same name defined in an earlier pack (a built-in one).
    #[serde(default)]
    pub extend: Option<bool>,
}

/// One part of a `near` check: a concept (`"@health"`) or a matcher block.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawPart {
    Concept(String),
    Matcher(RawMatcher),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub category: Spanned<String>,
    pub severity: Spanned<String>,
    pub message: RawTexts,
    pub reason: RawTexts,
    pub reference: Spanned<String>,
    pub suggestion: RawTexts,
    #[serde(default)]
    pub when: Option<RawWhen>,
    pub check: Spanned<RawCheck>,
    pub examples: Spanned<RawExamples>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTexts {
    pub de: Spanned<String>,
    pub en: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    #[serde(default)]
    pub platform: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub lang: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub sponsored: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
}

/// A term list or a regex, as used inside `requires`, `position` and `count`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatcher {
    #[serde(default)]
    pub terms: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub ignore_case: Option<bool>,
    #[serde(default)]
    pub whole_word: Option<bool>,
    #[serde(default)]
    pub validator: Option<Spanned<String>>,
}

/// A number, or a map from platform (or `default`) to number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawLimit {
    One(usize),
    PerPlatform(BTreeMap<String, usize>),
}

/// `within:` is a number of characters or the word `fold`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawWithin {
    Chars(usize),
    Word(String),
}

/// The flat `check:` block. Which keys a kind allows is checked in `load` (with positions), so
/// that "`near` is not allowed for kind `terms`" points at `near`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub kind: Spanned<String>,
    #[serde(default)]
    pub terms: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub ignore_case: Option<Spanned<bool>>,
    #[serde(default)]
    pub whole_word: Option<Spanned<bool>>,
    #[serde(default)]
    pub validator: Option<Spanned<String>>,
    #[serde(default)]
    pub scope: Option<Spanned<String>>,
    #[serde(default)]
    pub trigger: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub require: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub near: Option<Spanned<usize>>,
    #[serde(default)]
    pub marker: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub within: Option<Spanned<RawWithin>>,
    #[serde(default)]
    pub outside: Option<Spanned<String>>,
    #[serde(default)]
    pub of: Option<Spanned<String>>,
    #[serde(default)]
    pub matcher: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub max: Option<Spanned<RawLimit>>,
    /// Negative context: matches with this nearby are not reported (`pattern`, `validate`).
    #[serde(default)]
    pub unless: Option<Spanned<RawMatcher>>,
    /// How near (in characters, before or after) `unless` must be; default 40.
    #[serde(default)]
    pub unless_within: Option<Spanned<usize>>,
    /// Positive context: matches are reported only with this in the post too (`pattern`).
    #[serde(default)]
    pub with: Option<Spanned<RawMatcher>>,
    /// How near (in characters) `with` must be; anywhere in the post when absent.
    #[serde(default)]
    pub with_within: Option<Spanned<usize>>,
    /// `image`: the image fact(s) tested.
    #[serde(default)]
    pub field: Option<Spanned<RawOneOrMany>>,
    #[serde(default)]
    pub above: Option<Spanned<f64>>,
    #[serde(default)]
    pub below: Option<Spanned<f64>>,
    #[serde(default)]
    pub missing: Option<Spanned<bool>>,
    #[serde(default)]
    pub unless_recorded: Option<Spanned<RawOneOrMany>>,
    /// `person-name`: the built-in list of first names (`first-names`).
    #[serde(default)]
    pub list: Option<Spanned<String>>,
    /// `person-name`: surnames, and words right after a name, that make it no person (places
    /// and institutions named after people, sample names).
    #[serde(default)]
    pub exclude: Option<Spanned<Vec<Spanned<String>>>>,
    /// `acknowledgement`: which problem the rule reports.
    #[serde(default)]
    pub problem: Option<Spanned<String>>,
    /// `near`: the parts that must all occur in one window.
    #[serde(default)]
    pub all: Option<Spanned<Vec<Spanned<RawPart>>>>,
    /// `near`: the window must also be about an identifiable person (a name or a role noun of
    /// the concept `person`, in the window or the sentence before).
    #[serde(default)]
    pub person: Option<Spanned<bool>>,
    /// `near`: the window is the first part's word and this many words either side, instead
    /// of a sentence.
    #[serde(default)]
    pub words: Option<Spanned<usize>>,
    /// `near`: where `unless` is looked for: `sentence` (the window, default), `paragraph` or
    /// `post`.
    #[serde(default)]
    pub unless_in: Option<Spanned<String>>,
    /// `near`: alternative groups, each with its own `all`, `person` and `unless`; the rule
    /// fires where any of them (or the top-level `all`) is found.
    #[serde(default)]
    pub any: Option<Spanned<Vec<Spanned<RawGroup>>>>,
}

/// One alternative of a `near` check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub all: Spanned<Vec<Spanned<RawPart>>>,
    #[serde(default)]
    pub person: Option<Spanned<bool>>,
    /// A first name from the built-in list in the window or the sentence before.
    #[serde(default)]
    pub name: Option<Spanned<bool>>,
    /// This group's window is the first part's word and this many words either side (instead
    /// of the check's window); a
    /// person anchor must then be inside it too.
    #[serde(default)]
    pub words: Option<Spanned<usize>>,
    #[serde(default)]
    pub unless: Option<Spanned<RawMatcher>>,
}

/// A single name or a list of names.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawOneOrMany {
    One(Spanned<String>),
    Many(Vec<Spanned<String>>),
}

impl RawOneOrMany {
    pub fn items(&self) -> Vec<&Spanned<String>> {
        match self {
            RawOneOrMany::One(s) => vec![s],
            RawOneOrMany::Many(v) => v.iter().collect(),
        }
    }
}
