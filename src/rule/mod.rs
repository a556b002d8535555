//! Rules are data: YAML packs in `rules/` (embedded into the binary) and any packs the user adds
//! with `--rules`. This module holds the validated rule model; [`load`] turns YAML into it with
//! located errors, [`builtin`] embeds the shipped packs.

pub mod builtin;
pub mod inflect;
pub mod lists;
pub mod load;
pub mod schema;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::platform::{Lang, Platform};

pub use load::{PackError, load_pack};

/// The guideline area a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    AdDisclosure,
    DataProtection,
    PersonalityRights,
    Copyright,
    PublicService,
    Platform,
    Accessibility,
    /// The draft's own review notes (acknowledgements).
    Review,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::AdDisclosure,
        Category::DataProtection,
        Category::PersonalityRights,
        Category::Copyright,
        Category::PublicService,
        Category::Platform,
        Category::Accessibility,
        Category::Review,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::AdDisclosure => "ad-disclosure",
            Category::DataProtection => "data-protection",
            Category::PersonalityRights => "personality-rights",
            Category::Copyright => "copyright",
            Category::PublicService => "public-service",
            Category::Platform => "platform",
            Category::Accessibility => "accessibility",
            Category::Review => "review",
        }
    }

    /// A heading for people.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::AdDisclosure, Lang::De) => "Werbekennzeichnung",
            (Category::AdDisclosure, Lang::En) => "Ad disclosure",
            (Category::DataProtection, Lang::De) => "Datenschutz",
            (Category::DataProtection, Lang::En) => "Data protection",
            (Category::PersonalityRights, Lang::De) => "Persönlichkeitsrechte",
            (Category::PersonalityRights, Lang::En) => "Personality rights",
            (Category::Copyright, Lang::De) => "Urheberrecht",
            (Category::Copyright, Lang::En) => "Copyright",
            (Category::PublicService, Lang::De) => "Dienstpflichten",
            (Category::PublicService, Lang::En) => "Public-service duties",
            (Category::Platform, Lang::De) => "Plattform",
            (Category::Platform, Lang::En) => "Platform",
            (Category::Accessibility, Lang::De) => "Barrierefreiheit",
            (Category::Accessibility, Lang::En) => "Accessibility",
            (Category::Review, Lang::De) => "Prüfvermerke",
            (Category::Review, Lang::En) => "Review notes",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How important a finding is. Everything is advisory; `--deny` turns a level into exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            _ => Err(format!("unknown severity `{s}`, expected info or warning")),
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    pub de: String,
    pub en: String,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// Where a rule pack came from: its display path and full text (for located errors).
#[derive(Debug)]
pub struct PackSource {
    pub path: String,
    pub text: String,
}

/// Conditions on the draft under which a rule applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    pub platforms: Vec<Platform>,
    pub langs: Vec<Lang>,
    pub sponsored: Option<bool>,
}

impl When {
    /// The conditions on platform and declared sponsorship (the language is tested
    /// separately, only when needed).
    pub fn applies_to_draft(&self, platform: Platform, sponsored: Option<bool>) -> bool {
        (self.platforms.is_empty() || self.platforms.contains(&platform))
            && self.sponsored.is_none_or(|s| sponsored == Some(s))
    }
}

/// Which part of a draft a check looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The whole post (the body after the front matter).
    Text,
    /// The post without its blocks of three or more hashtags.
    Prose,
    FirstParagraph,
    Hashtags,
    Mentions,
    Links,
    /// String values of one front-matter field, e.g. `images.credit`.
    FrontMatter(String),
}

impl Scope {
    pub const NAMES: &[&str] = &[
        "text",
        "prose",
        "first-paragraph",
        "hashtags",
        "mentions",
        "links",
    ];
    pub const FRONT_MATTER_FIELDS: &[&str] = &[
        "platform",
        "lang",
        "images.path",
        "images.alt",
        "images.credit",
        "acknowledge",
    ];
}

/// What a check looks for: a term list or a regex (optionally confirmed by a validator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatcherDef {
    Terms(Vec<String>),
    Pattern {
        pattern: String,
        ignore_case: bool,
        whole_word: bool,
        validator: Option<String>,
        /// Byte range of the pattern in the pack, for located regex errors.
        range: Range<usize>,
    },
    /// Any of several matchers (a matcher block with both `terms` and `pattern`).
    Any(Vec<MatcherDef>),
}

/// A platform-dependent limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPlatform {
    pub default: Option<usize>,
    pub platforms: Vec<(Platform, usize)>,
}

impl PerPlatform {
    pub fn get(&self, p: Platform) -> Option<usize> {
        self.platforms
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, n)| *n)
            .or(self.default)
    }
}

/// Negative context: a match with one of these within `within` characters is not reported
/// (e.g. a phone number right after "Hotline").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unless {
    pub matcher: MatcherDef,
    pub within: usize,
}

/// What `count` counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountOf {
    Hashtags,
    Mentions,
    Links,
    Emoji,
    Matches(MatcherDef),
}

/// Where a `position` marker must appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// Before the platform's "see more" fold.
    Fold,
    /// Within the first N characters of the post.
    Chars(usize),
}

/// The validated `check:` block of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckDef {
    Terms {
        terms: Vec<String>,
        scope: Scope,
    },
    Pattern {
        matcher: MatcherDef,
        unless: Option<Unless>,
        /// Positive context: only matches with this in the post (within `within` characters;
        /// `usize::MAX` for anywhere).
        with: Option<Unless>,
        scope: Scope,
    },
    Validate {
        matcher: MatcherDef,
        unless: Option<Unless>,
        scope: Scope,
    },
    Requires {
        trigger: Option<MatcherDef>,
        require: MatcherDef,
        near: Option<usize>,
        scope: Scope,
    },
    Position {
        /// Only look at the marker's position when this is present too.
        trigger: Option<MatcherDef>,
        marker: MatcherDef,
        within: Option<Within>,
        outside_hashtag_block: bool,
        scope: Scope,
    },
    Count {
        of: CountOf,
        max: PerPlatform,
        scope: Scope,
    },
    Length {
        max: PerPlatform,
    },
    /// A person's full name: a listed first name and a capitalised surname in the text, or a
    /// handle made of a listed first name and a surname (`@anna.huber`) among the mentions.
    PersonName {
        /// Name of a built-in list ([`lists::by_name`]).
        list: String,
        /// Lower case; a surname (or a hyphenated part of it) or the word after it in this list
        /// silences the finding ("Sophie Scholl Gymnasium", "Max Mustermann").
        exclude: Vec<String>,
        /// Negative context, e.g. a photo credit ("Foto: Lena Hartl").
        unless: Option<Unless>,
        scope: Scope,
    },
    /// Problems with the draft's acknowledgements (found by the engine after all other rules).
    Acknowledgement {
        problem: AckProblem,
    },
    /// Several parts (concepts or matchers) in one sentence, or within a number of words, in
    /// any order; optionally about an identifiable person, and not with `unless` in the window.
    Near {
        /// Alternatives: the rule fires where any group is found.
        groups: Vec<NearGroup>,
        window: Window,
        /// Where a group's `unless` silences it.
        unless_in: UnlessIn,
        scope: Scope,
    },
    /// A test over the attached images' facts (metadata, faces, QR codes, alt text, size).
    Image {
        facts: Vec<crate::images::Fact>,
        /// Text values must contain one of these (case-insensitive).
        terms: Option<Vec<String>>,
        /// Text values must match this regex.
        pattern: Option<(String, bool)>,
        /// Numbers: fires above / below (either, when both are given).
        above: Option<f64>,
        below: Option<f64>,
        /// Fires when the fact is absent instead of present.
        missing: bool,
        /// Silent when the draft records this for the image.
        unless_recorded: Vec<Recorded>,
    },
}

/// One alternative of a `near` check: every part in one window, about a person if asked, and
/// no `unless` in the window.
#[derive(Debug, Clone, PartialEq)]
pub struct NearGroup {
    pub parts: Vec<NearPart>,
    /// The person anchor: role nouns and honorifics (concept `person`); names from the
    /// first-name list count too. In the window or the sentence before it.
    pub person: Option<MatcherDef>,
    /// A first name from the built-in list (only) must be in the window or the sentence
    /// before it (pupils named in a class post).
    pub name: bool,
    /// The group's own window (`words: N`), else the check's.
    pub window: Option<Window>,
    /// The group's own `unless`, looked for in the window.
    pub unless: Option<MatcherDef>,
    /// The check's `unless`, looked for where `unless_in` says.
    pub unless_wide: Option<MatcherDef>,
}

/// One part of a `near` check, with the label its evidence carries (the concept's name, or
/// `terms`).
#[derive(Debug, Clone, PartialEq)]
pub struct NearPart {
    pub label: String,
    pub matcher: MatcherDef,
}

/// The window of a `near` check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// One sentence (see [`crate::draft::sentences`]).
    Sentence,
    /// One paragraph (text between blank lines).
    Paragraph,
    /// Anywhere in the post (a product code in a post that shows the author on duty).
    Post,
    /// The first part's word and this many words either side of it.
    Words(usize),
}

/// Where a `near` check's `unless` is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlessIn {
    /// The window itself.
    Window,
    /// The paragraph of the window.
    Paragraph,
    /// Anywhere in the post ("… and declined it" two sentences later).
    Post,
}

/// A named word group defined in a pack (`concepts:`), used by rules as `@name`.
#[derive(Debug, Clone)]
pub struct Concept {
    pub name: String,
    pub description: Option<String>,
    /// Terms in the term syntax of [`inflect`] (inflection already marked with `~`).
    pub terms: Vec<String>,
    /// Where it was defined (and extended).
    pub defined: Vec<(Arc<PackSource>, Range<usize>)>,
}

/// What can be wrong with an acknowledgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckProblem {
    /// No reason given.
    MissingReason,
    /// The rule id does not exist.
    UnknownRule,
    /// Nothing it could acknowledge was found (any more).
    Stale,
}

/// What a draft can record about an image that makes an image finding unnecessary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// `consent:` given for the image.
    Consent,
    /// `credit:` given, or the draft's text names the holder or carries a photo credit.
    Credit,
    /// Alt text given.
    Alt,
}

impl CheckDef {
    /// Call `f` on every term list of the check (to expand concept references in place).
    pub fn for_each_term_list(&mut self, f: &mut impl FnMut(&mut Vec<String>)) {
        fn of(m: &mut MatcherDef, f: &mut impl FnMut(&mut Vec<String>)) {
            match m {
                MatcherDef::Terms(t) => f(t),
                MatcherDef::Pattern { .. } => {}
                MatcherDef::Any(all) => all.iter_mut().for_each(|m| of(m, f)),
            }
        }
        match self {
            CheckDef::Terms { terms, .. } => f(terms),
            CheckDef::Pattern {
                matcher,
                unless,
                with,
                ..
            } => {
                of(matcher, f);
                for u in [unless, with].into_iter().flatten() {
                    of(&mut u.matcher, f);
                }
            }
            CheckDef::Validate {
                matcher, unless, ..
            } => {
                of(matcher, f);
                if let Some(u) = unless {
                    of(&mut u.matcher, f);
                }
            }
            CheckDef::Requires {
                trigger, require, ..
            }
            | CheckDef::Position {
                trigger,
                marker: require,
                ..
            } => {
                if let Some(t) = trigger {
                    of(t, f);
                }
                of(require, f);
            }
            CheckDef::Count {
                of: CountOf::Matches(m),
                ..
            } => of(m, f),
            CheckDef::PersonName {
                unless: Some(u), ..
            } => of(&mut u.matcher, f),
            CheckDef::Near { groups, .. } => {
                for g in groups {
                    for p in &mut g.parts {
                        of(&mut p.matcher, f);
                    }
                    for m in [&mut g.person, &mut g.unless, &mut g.unless_wide]
                        .into_iter()
                        .flatten()
                    {
                        of(m, f);
                    }
                }
            }
            _ => {}
        }
    }

    /// Rules that only look at links (they also run on links found in QR codes).
    pub fn is_link_scoped(&self) -> bool {
        matches!(
            self,
            CheckDef::Terms {
                scope: Scope::Links,
                ..
            } | CheckDef::Pattern {
                scope: Scope::Links,
                ..
            } | CheckDef::Validate {
                scope: Scope::Links,
                ..
            }
        )
    }

    pub fn kind(&self) -> &'static str {
        match self {
            CheckDef::Terms { .. } => "terms",
            CheckDef::Pattern { .. } => "pattern",
            CheckDef::Validate { .. } => "validate",
            CheckDef::Requires { .. } => "requires",
            CheckDef::Position { .. } => "position",
            CheckDef::Count { .. } => "count",
            CheckDef::Length { .. } => "length",
            CheckDef::Image { .. } => "image",
            CheckDef::PersonName { .. } => "person-name",
            CheckDef::Near { .. } => "near",
            CheckDef::Acknowledgement { .. } => "acknowledgement",
        }
    }
}

/// A rule's own test cases: each `bad` draft must raise it, each `good` draft must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    pub bad: Vec<String>,
    pub good: Vec<String>,
}

/// A validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub message: Texts,
    pub reason: Texts,
    pub reference: String,
    pub suggestion: Texts,
    pub when: When,
    pub check: CheckDef,
    pub examples: Examples,
    pub source: Arc<PackSource>,
    /// Byte range of the rule's id in its pack.
    pub id_range: Range<usize>,
    /// Concepts the rule uses (`@name` in a term list), with where each is named; resolved
    /// and expanded when all packs are loaded ([`load::load_all`]).
    pub concept_refs: Vec<(String, Range<usize>)>,
    /// The concepts themselves, once resolved (for `explain`).
    pub concepts: Vec<Arc<Concept>>,
}

/// Rule ids closest to a misspelt one.
pub fn closest_ids<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = ids
        .map(|c| (strsim::jaro_winkler(id, c), c))
        .filter(|(s, c)| *s > 0.75 || c.contains(id) || id.contains(*c))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}
