//! YAML rule pack → validated [`Rule`]s. Strict: unknown keys, wrong types, unknown kinds,
//! scopes, validators or platforms, duplicate ids and missing texts are errors that carry the
//! pack's path and the byte range of the offending value, so they can be shown as
//! `file:line:col` with the line underlined.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::yaml::{plain_message, span};

use super::schema::{
    RawCheck, RawConcept, RawLimit, RawMatcher, RawPack, RawPart, RawRule, RawTexts, RawWithin,
};
use super::{
    Category, CheckDef, Concept, CountOf, Examples, MatcherDef, NearGroup, NearPart, PackSource,
    PerPlatform, Rule, Scope, Severity, Texts, Unless, UnlessIn, When, Window, Within,
};
use crate::platform::{Lang, Platform};
use crate::text::LineIndex;

/// Largest rule pack that is read (a pack is data written by people; bigger is a mistake or an
/// attack).
pub const MAX_PACK_SIZE: usize = 4 * 1024 * 1024;

/// A problem in a rule pack, located in its source.
#[derive(Debug, Clone)]
pub struct PackError {
    pub source: Arc<PackSource>,
    pub range: Range<usize>,
    pub message: String,
}

impl PackError {
    pub fn new(source: &Arc<PackSource>, range: Range<usize>, message: impl Into<String>) -> Self {
        PackError {
            source: source.clone(),
            range,
            message: message.into(),
        }
    }

    /// 1-based line and character column of the error.
    pub fn line_col(&self) -> (usize, usize) {
        LineIndex::new(&self.source.text).line_col(&self.source.text, self.range.start)
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, c) = self.line_col();
        write!(f, "{}:{l}:{c}: {}", self.source.path, self.message)
    }
}

/// Read rule packs from a file or a directory (every `.yaml`/`.yml` in it, sorted).
pub fn read_path(path: &Path) -> Result<Vec<(String, String)>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut files = Vec::new();
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                files.push(p);
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(format!(
                "{}: no .yaml rule packs in this folder",
                path.display()
            ));
        }
    } else {
        files.push(path.to_path_buf());
    }
    let mut out = Vec::new();
    for f in files {
        let len = std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        if len > MAX_PACK_SIZE as u64 {
            return Err(format!(
                "{}: rule pack is {len} bytes, larger than the limit of {MAX_PACK_SIZE} bytes",
                f.display()
            ));
        }
        let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| format!("{}: not valid UTF-8 ({e})", f.display()))?;
        out.push((f.display().to_string(), text));
    }
    Ok(out)
}

/// Parse and validate several packs; rule ids must be unique across all of them.
pub fn load_all(packs: Vec<(String, String)>) -> Result<Vec<Rule>, Vec<PackError>> {
    use rayon::prelude::*;
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    // Packs are independent: parse them in parallel, keep their order.
    let loaded: Vec<_> = packs
        .into_par_iter()
        .map(|(path, text)| load_one(&path, text, true))
        .collect();
    let mut concepts = Vec::new();
    for l in loaded {
        match l {
            Ok((r, c)) => {
                rules.extend(r);
                concepts.extend(c);
            }
            Err(e) => errors.extend(e),
        }
    }
    resolve_concepts(&mut rules, concepts, &mut errors);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, r) in rules.iter().enumerate() {
        if let Some(&first) = seen.get(&r.id) {
            let (l, c) = LineIndex::new(&rules[first].source.text)
                .line_col(&rules[first].source.text, rules[first].id_range.start);
            errors.push(PackError::new(
                &r.source,
                r.id_range.clone(),
                format!(
                    "duplicate rule id `{}`: already defined at {}:{l}:{c}",
                    r.id, rules[first].source.path
                ),
            ));
        } else {
            seen.insert(r.id.clone(), i);
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Parse and validate one pack.
/// A YAML parse error, located (some scanner errors carry only line and column).
pub fn yaml_error(source: &Arc<PackSource>, e: &serde_saphyr::Error) -> PackError {
    let range = e
        .location()
        .and_then(|l| {
            let sp = l.span();
            let start = sp.byte_offset()? as usize;
            Some(start..start + sp.byte_len().unwrap_or(1) as usize)
        })
        .or_else(|| {
            let l = e.location()?;
            let li = LineIndex::new(&source.text);
            let start = li.line_start(l.line() as usize)?;
            let off: usize = source.text[start..]
                .chars()
                .take(l.column().saturating_sub(1) as usize)
                .map(char::len_utf8)
                .sum();
            Some(start + off..start + off + 1)
        })
        .unwrap_or(0..0);
    PackError::new(source, range, plain_message(e))
}

pub fn load_pack(path: &str, text: String) -> Result<Vec<Rule>, Vec<PackError>> {
    load_pack_from(path, text, true)
}

/// [`load_pack`], optionally without the pre-converted JSON of a built-in pack.
fn load_pack_from(path: &str, text: String, prebuilt: bool) -> Result<Vec<Rule>, Vec<PackError>> {
    load_one(path, text, prebuilt).map(|(rules, _)| rules)
}

/// A concept as one pack defines it, before packs are merged.
#[derive(Debug)]
struct PackConcept {
    concept: Concept,
    extend: bool,
}

/// Merge the packs' concepts (a later pack may `extend` an earlier one's), check that every
/// `@name` a rule uses exists, and expand the references in place.
fn resolve_concepts(rules: &mut [Rule], concepts: Vec<PackConcept>, errors: &mut Vec<PackError>) {
    let at = |(src, r): &(Arc<PackSource>, Range<usize>)| {
        let (l, c) = LineIndex::new(&src.text).line_col(&src.text, r.start);
        format!("{}:{l}:{c}", src.path)
    };
    let mut table: HashMap<String, Concept> = HashMap::new();
    for PackConcept { concept, extend } in concepts {
        let here = concept.defined[0].clone();
        match (table.get_mut(&concept.name), extend) {
            (Some(c), true) => {
                c.terms.extend(concept.terms);
                c.defined.push(here);
            }
            (Some(c), false) => errors.push(PackError::new(
                &here.0,
                here.1.clone(),
                format!(
                    "concept `{}` is already defined at {}; write `extend: true` to add to it",
                    concept.name,
                    at(&c.defined[0])
                ),
            )),
            (None, true) => errors.push(PackError::new(
                &here.0,
                here.1.clone(),
                format!(
                    "`extend: true`, but no earlier pack defines concept `{}`",
                    concept.name
                ),
            )),
            (None, false) => {
                table.insert(concept.name.clone(), concept);
            }
        }
    }
    let table: HashMap<String, Arc<Concept>> =
        table.into_iter().map(|(k, v)| (k, Arc::new(v))).collect();
    for rule in rules.iter_mut() {
        let mut used: Vec<Arc<Concept>> = Vec::new();
        for (name, range) in &rule.concept_refs {
            match table.get(name) {
                Some(c) => {
                    if !used.iter().any(|u| u.name == *name) {
                        used.push(c.clone());
                    }
                }
                None => {
                    let mut known: Vec<&str> = table.keys().map(String::as_str).collect();
                    known.sort_unstable();
                    errors.push(PackError::new(
                        &rule.source,
                        range.clone(),
                        format!(
                            "unknown concept `@{name}`; defined: {}",
                            if known.is_empty() {
                                "none".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                    ));
                }
            }
        }
        if used.is_empty() {
            continue;
        }
        rule.check
            .for_each_term_list(&mut |terms: &mut Vec<String>| {
                if !terms.iter().any(|t| t.starts_with('@')) {
                    return;
                }
                let mut out = Vec::with_capacity(terms.len());
                for t in terms.drain(..) {
                    match t.strip_prefix('@').and_then(|n| table.get(n)) {
                        Some(c) => out.extend(c.terms.iter().cloned()),
                        None => out.push(t),
                    }
                }
                *terms = out;
            });
        rule.concepts = used;
    }
}

/// One pack's rules and concepts.
fn load_one(
    path: &str,
    text: String,
    prebuilt: bool,
) -> Result<(Vec<Rule>, Vec<PackConcept>), Vec<PackError>> {
    let source = Arc::new(PackSource {
        path: path.to_string(),
        text,
    });
    if source.text.len() > MAX_PACK_SIZE {
        return Err(vec![PackError::new(
            &source,
            0..0,
            format!("rule pack is larger than the limit of {MAX_PACK_SIZE} bytes"),
        )]);
    }
    // A built-in pack comes pre-converted to JSON (its values then carry no source spans,
    // which only errors use, and the built-in packs have none; a test loads them both ways).
    let json = super::builtin::json_for(path, &source.text).filter(|_| prebuilt);
    let raw: RawPack = match json.and_then(|j| serde_json::from_str::<RawPack>(j).ok()) {
        Some(r) => r,
        None => match serde_saphyr::from_str(&source.text) {
            Ok(r) => r,
            Err(e) => return Err(vec![yaml_error(&source, &e)]),
        },
    };
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let mut concepts = Vec::new();
    for (name, c) in raw.concepts {
        let mut cx = Cx {
            source: &source,
            errors: Vec::new(),
            refs: Vec::new(),
        };
        if let Some(c) = cx.concept(name, c) {
            concepts.push(c);
        }
        errors.extend(cx.errors);
    }
    for r in raw.rules {
        let mut cx = Cx {
            source: &source,
            errors: Vec::new(),
            refs: Vec::new(),
        };
        if let Some(rule) = cx.rule(r) {
            rules.push(rule);
        }
        errors.extend(cx.errors);
    }
    if errors.is_empty() {
        Ok((rules, concepts))
    } else {
        Err(errors)
    }
}

struct Cx<'a> {
    source: &'a Arc<PackSource>,
    errors: Vec<PackError>,
    /// Concepts used by the rule being read (`@name`), with where.
    refs: Vec<(String, Range<usize>)>,
}

const KINDS: &[&str] = &[
    "terms",
    "pattern",
    "validate",
    "requires",
    "position",
    "count",
    "length",
    "image",
    "acknowledgement",
    "person-name",
    "near",
];

impl Cx<'_> {
    fn err(&mut self, range: Range<usize>, msg: impl Into<String>) {
        self.errors.push(PackError::new(self.source, range, msg));
    }

    fn texts(&mut self, t: RawTexts, field: &str) -> Texts {
        for (s, lang) in [(&t.de, "de"), (&t.en, "en")] {
            if s.value.trim().is_empty() {
                self.err(
                    span(s),
                    format!("`{field}.{lang}` is empty; write the text"),
                );
            }
        }
        Texts {
            de: t.de.value,
            en: t.en.value,
        }
    }

    fn rule(&mut self, r: RawRule) -> Option<Rule> {
        let id = r.id.value.clone();
        if !valid_id(&id) {
            self.err(
                span(&r.id),
                format!(
                    "invalid rule id `{id}`: expected lowercase words joined by dots, e.g. `ad.missing-label`"
                ),
            );
        }
        let category = match Category::ALL.iter().find(|c| c.name() == r.category.value) {
            Some(c) => *c,
            None => {
                let names: Vec<_> = Category::ALL.iter().map(|c| c.name()).collect();
                self.err(
                    span(&r.category),
                    format!(
                        "unknown category `{}`, expected one of {}",
                        r.category.value,
                        names.join(", ")
                    ),
                );
                Category::Platform
            }
        };
        let severity = match r.severity.value.parse::<Severity>() {
            Ok(s) => s,
            Err(e) => {
                self.err(span(&r.severity), e);
                Severity::Info
            }
        };
        let message = self.texts(r.message, "message");
        let reason = self.texts(r.reason, "reason");
        let suggestion = self.texts(r.suggestion, "suggestion");
        if r.reference.value.trim().is_empty() {
            self.err(
                span(&r.reference),
                "`reference` is empty; name the legal basis or guideline",
            );
        }
        let when = r.when.map(|w| self.when(w)).unwrap_or_default();
        let check = self.check(r.check);
        let ex_span = span(&r.examples);
        let examples = Examples {
            bad: r.examples.value.bad,
            good: r.examples.value.good,
        };
        if examples.bad.is_empty() || examples.good.is_empty() {
            self.err(
                ex_span,
                "`examples` needs at least one `bad` and one `good` draft (they are the rule's tests)",
            );
        }
        let check = check?;
        Some(Rule {
            id,
            category,
            severity,
            message,
            reason,
            reference: r.reference.value,
            suggestion,
            when,
            check,
            examples,
            source: self.source.clone(),
            id_range: span(&r.id),
            concept_refs: std::mem::take(&mut self.refs),
            concepts: Vec::new(),
        })
    }

    /// A concept: its terms marked for inflection (unless `inflect: false` or written `=…`).
    fn concept(&mut self, name: String, c: Spanned<RawConcept>) -> Option<PackConcept> {
        let at = span(&c);
        let c = c.value;
        if !valid_concept_name(&name) {
            self.err(
                at.clone(),
                format!(
                    "invalid concept name `{name}`: expected lowercase letters, digits and `-`"
                ),
            );
            return None;
        }
        if c.terms.is_empty() && c.en.is_empty() {
            self.err(at, format!("concept `{name}` needs `terms` or `en`"));
            return None;
        }
        let inflect = c.inflect.unwrap_or(true);
        let mut terms = Vec::new();
        for (list, marker) in [(&c.terms, "~"), (&c.en, "~en:")] {
            if list.is_empty() {
                continue;
            }
            for t in self.terms(list, at.clone())? {
                if t.starts_with('@') {
                    self.err(
                        at.clone(),
                        format!("`{t}`: a concept cannot use another concept"),
                    );
                    return None;
                }
                terms.push(match t.strip_prefix('=') {
                    Some(plain) => plain.to_string(),
                    None if inflect && !t.starts_with('~') => format!("{marker}{t}"),
                    None => t,
                });
            }
        }
        Some(PackConcept {
            concept: Concept {
                name,
                description: c.description,
                terms,
                defined: vec![(self.source.clone(), at)],
            },
            extend: c.extend.unwrap_or(false),
        })
    }

    fn when(&mut self, w: super::schema::RawWhen) -> When {
        let mut out = When {
            sponsored: w.sponsored,
            ..When::default()
        };
        for p in w.platform.unwrap_or_default() {
            match p.value.parse::<Platform>() {
                Ok(v) => out.platforms.push(v),
                Err(e) => self.err(span(&p), e),
            }
        }
        for l in w.lang.unwrap_or_default() {
            match l.value.parse::<Lang>() {
                Ok(v) => out.langs.push(v),
                Err(e) => self.err(span(&l), e),
            }
        }
        out
    }

    fn scope(&mut self, s: &Option<Spanned<String>>) -> Scope {
        let Some(s) = s else { return Scope::Text };
        match s.value.as_str() {
            "text" => Scope::Text,
            "prose" => Scope::Prose,
            "first-paragraph" => Scope::FirstParagraph,
            "hashtags" => Scope::Hashtags,
            "mentions" => Scope::Mentions,
            "links" => Scope::Links,
            other => {
                if let Some(field) = other.strip_prefix("front-matter.")
                    && Scope::FRONT_MATTER_FIELDS.contains(&field)
                {
                    return Scope::FrontMatter(field.to_string());
                }
                let fm: Vec<String> = Scope::FRONT_MATTER_FIELDS
                    .iter()
                    .map(|f| format!("front-matter.{f}"))
                    .collect();
                self.err(
                    span(s),
                    format!(
                        "unknown scope `{other}`, expected one of {}, {}",
                        Scope::NAMES.join(", "),
                        fm.join(", ")
                    ),
                );
                Scope::Text
            }
        }
    }

    fn terms(&mut self, t: &[Spanned<String>], at: Range<usize>) -> Option<Vec<String>> {
        if t.is_empty() {
            self.err(at, "`terms` is empty; list at least one term");
            return None;
        }
        let mut out = Vec::with_capacity(t.len());
        for term in t {
            let v = term.value.trim();
            if let Some(name) = v.strip_prefix('@') {
                if !valid_concept_name(name) {
                    self.err(
                        span(term),
                        format!("`{v}`: a concept name is lowercase letters, digits and `-`"),
                    );
                    return None;
                }
                self.refs.push((name.to_string(), span(term)));
                out.push(v.to_string());
                continue;
            }
            let body = super::inflect::parse(v.strip_prefix('=').unwrap_or(v)).body;
            if body.trim().is_empty() {
                self.err(span(term), "empty term");
                return None;
            }
            if body.contains(['*', '~']) {
                self.err(
                    span(term),
                    format!(
                        "`{v}`: `*` is allowed only at the start (end of a word) and at the end (start of a word) of a term, `~` (inflected forms) only before it"
                    ),
                );
                return None;
            }
            out.push(v.to_string());
        }
        Some(out)
    }

    fn validator(&mut self, v: &Spanned<String>) -> Option<String> {
        if crate::validate::by_name(&v.value).is_some() {
            Some(v.value.clone())
        } else {
            self.err(
                span(v),
                format!(
                    "unknown validator `{}`, expected one of {}",
                    v.value,
                    crate::validate::NAMES.join(", ")
                ),
            );
            None
        }
    }

    fn matcher(&mut self, m: &Spanned<RawMatcher>, what: &str) -> Option<MatcherDef> {
        self.matcher_at(&m.value, span(m), what)
    }

    /// A matcher block whose place in the pack is `at`.
    fn matcher_at(&mut self, m: &RawMatcher, at: Range<usize>, what: &str) -> Option<MatcherDef> {
        if m.pattern.is_none()
            && (m.validator.is_some() || m.ignore_case.is_some() || m.whole_word.is_some())
        {
            self.err(
                at,
                format!("`{what}`: `validator`, `ignore_case` and `whole_word` go with `pattern`, not `terms`"),
            );
            return None;
        }
        let terms = match &m.terms {
            Some(t) => Some(MatcherDef::Terms(self.terms(t, at.clone())?)),
            None => None,
        };
        let pattern = match &m.pattern {
            Some(p) => {
                let validator = match &m.validator {
                    Some(v) => Some(self.validator(v)?),
                    None => None,
                };
                Some(MatcherDef::Pattern {
                    pattern: p.value.clone(),
                    ignore_case: m.ignore_case.unwrap_or(false),
                    whole_word: m.whole_word.unwrap_or(true),
                    validator,
                    range: span(p),
                })
            }
            None => None,
        };
        match (terms, pattern) {
            (Some(t), Some(p)) => Some(MatcherDef::Any(vec![t, p])),
            (Some(one), None) | (None, Some(one)) => Some(one),
            (None, None) => {
                self.err(at, format!("`{what}` needs `terms` or `pattern` (or both)"));
                None
            }
        }
    }

    /// `unless` + `unless_within` (default 40 characters); `Some(None)` when absent, `None` on
    /// an error.
    fn unless(&mut self, c: &RawCheck) -> Option<Option<Unless>> {
        self.context(&c.unless, &c.unless_within, "unless", 40)
    }

    /// A context matcher and its distance: `unless`/`unless_within` or `with`/`with_within`.
    fn context(
        &mut self,
        m: &Option<Spanned<RawMatcher>>,
        within: &Option<Spanned<usize>>,
        key: &str,
        default: usize,
    ) -> Option<Option<Unless>> {
        match (m, within) {
            (None, None) => Some(None),
            (None, Some(w)) => {
                self.err(span(w), format!("`{key}_within` needs `{key}`"));
                None
            }
            (Some(m), w) => Some(Some(Unless {
                matcher: self.matcher(m, key)?,
                within: w.as_ref().map_or(default, |w| w.value),
            })),
        }
    }

    fn limit(&mut self, l: &Spanned<RawLimit>) -> Option<PerPlatform> {
        match &l.value {
            RawLimit::One(n) => Some(PerPlatform {
                default: Some(*n),
                platforms: Vec::new(),
            }),
            RawLimit::PerPlatform(map) => {
                let mut out = PerPlatform {
                    default: None,
                    platforms: Vec::new(),
                };
                for (k, v) in map {
                    if k == "default" {
                        out.default = Some(*v);
                    } else {
                        match k.parse::<Platform>() {
                            Ok(p) => out.platforms.push((p, *v)),
                            Err(e) => {
                                self.err(span(l), format!("in `max`: {e} (or `default`)"));
                                return None;
                            }
                        }
                    }
                }
                Some(out)
            }
        }
    }

    fn check(&mut self, c: Spanned<RawCheck>) -> Option<CheckDef> {
        let at = span(&c);
        let c = c.value;
        let kind = c.kind.value.as_str();
        let allowed: &[&str] = match kind {
            "terms" => &["terms", "scope"],
            "pattern" => &[
                "pattern",
                "terms",
                "ignore_case",
                "whole_word",
                "scope",
                "unless",
                "unless_within",
                "with",
                "with_within",
            ],
            "validate" => &[
                "pattern",
                "ignore_case",
                "whole_word",
                "validator",
                "scope",
                "unless",
                "unless_within",
            ],
            "requires" => &["trigger", "require", "near", "scope"],
            "position" => &["trigger", "marker", "within", "outside", "scope"],
            "count" => &["of", "matcher", "max", "scope"],
            "length" => &["max"],
            "acknowledgement" => &["problem"],
            "person-name" => &["list", "exclude", "scope", "unless", "unless_within"],
            "near" => &[
                "all",
                "any",
                "person",
                "within",
                "words",
                "unless",
                "unless_in",
                "scope",
            ],
            "image" => &[
                "field",
                "terms",
                "pattern",
                "ignore_case",
                "above",
                "below",
                "missing",
                "unless_recorded",
            ],
            other => {
                self.err(
                    span(&c.kind),
                    format!(
                        "unknown check kind `{other}`, expected one of {}",
                        KINDS.join(", ")
                    ),
                );
                return None;
            }
        };
        let present: [(&str, Option<Range<usize>>); 32] = [
            ("unless_in", c.unless_in.as_ref().map(span)),
            ("any", c.any.as_ref().map(span)),
            ("all", c.all.as_ref().map(span)),
            ("person", c.person.as_ref().map(span)),
            ("words", c.words.as_ref().map(span)),
            ("with", c.with.as_ref().map(span)),
            ("with_within", c.with_within.as_ref().map(span)),
            ("list", c.list.as_ref().map(span)),
            ("exclude", c.exclude.as_ref().map(span)),
            ("problem", c.problem.as_ref().map(span)),
            ("field", c.field.as_ref().map(span)),
            ("above", c.above.as_ref().map(span)),
            ("below", c.below.as_ref().map(span)),
            ("missing", c.missing.as_ref().map(span)),
            ("unless_recorded", c.unless_recorded.as_ref().map(span)),
            ("unless", c.unless.as_ref().map(span)),
            ("unless_within", c.unless_within.as_ref().map(span)),
            ("terms", c.terms.as_ref().map(span)),
            ("pattern", c.pattern.as_ref().map(span)),
            ("ignore_case", c.ignore_case.as_ref().map(span)),
            ("whole_word", c.whole_word.as_ref().map(span)),
            ("validator", c.validator.as_ref().map(span)),
            ("scope", c.scope.as_ref().map(span)),
            ("trigger", c.trigger.as_ref().map(span)),
            ("require", c.require.as_ref().map(span)),
            ("near", c.near.as_ref().map(span)),
            ("marker", c.marker.as_ref().map(span)),
            ("within", c.within.as_ref().map(span)),
            ("outside", c.outside.as_ref().map(span)),
            ("of", c.of.as_ref().map(span)),
            ("matcher", c.matcher.as_ref().map(span)),
            ("max", c.max.as_ref().map(span)),
        ];
        let before = self.errors.len();
        for (name, r) in &present {
            if let Some(r) = r
                && !allowed.contains(name)
            {
                self.err(
                    r.clone(),
                    format!(
                        "`{name}` is not allowed for kind `{kind}`; allowed: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        let missing = |this: &mut Self, field: &str| {
            this.err(at.clone(), format!("kind `{kind}` needs `{field}`"));
        };
        let scope = self.scope(&c.scope);
        let pattern_matcher = |this: &mut Self, need_validator: bool| -> Option<MatcherDef> {
            let Some(p) = &c.pattern else {
                missing(this, "pattern");
                return None;
            };
            let validator = match (&c.validator, need_validator) {
                (Some(v), _) => Some(this.validator(v)?),
                (None, true) => {
                    missing(this, "validator");
                    return None;
                }
                (None, false) => None,
            };
            Some(MatcherDef::Pattern {
                pattern: p.value.clone(),
                ignore_case: c.ignore_case.as_ref().is_some_and(|b| b.value),
                whole_word: c.whole_word.as_ref().is_none_or(|b| b.value),
                validator,
                range: span(p),
            })
        };
        let def = match kind {
            "terms" => {
                let Some(t) = &c.terms else {
                    missing(self, "terms");
                    return None;
                };
                let terms = self.terms(&t.value, span(t))?;
                CheckDef::Terms { terms, scope }
            }
            "pattern" => CheckDef::Pattern {
                matcher: {
                    let p = pattern_matcher(self, false)?;
                    match &c.terms {
                        // Terms and a pattern: matches of either.
                        Some(t) => MatcherDef::Any(vec![
                            MatcherDef::Terms(self.terms(&t.value, span(t))?),
                            p,
                        ]),
                        None => p,
                    }
                },
                unless: self.unless(&c)?,
                // Anywhere in the post unless a distance is given.
                with: self.context(&c.with, &c.with_within, "with", usize::MAX)?,
                scope,
            },
            "validate" => CheckDef::Validate {
                matcher: pattern_matcher(self, true)?,
                unless: self.unless(&c)?,
                scope,
            },
            "requires" => {
                let trigger = match &c.trigger {
                    Some(t) => Some(self.matcher(t, "trigger")?),
                    None => None,
                };
                let Some(req) = &c.require else {
                    missing(self, "require");
                    return None;
                };
                let require = self.matcher(req, "require")?;
                CheckDef::Requires {
                    trigger,
                    require,
                    near: c.near.as_ref().map(|n| n.value),
                    scope,
                }
            }
            "position" => {
                let Some(m) = &c.marker else {
                    missing(self, "marker");
                    return None;
                };
                let marker = self.matcher(m, "marker")?;
                let within = match &c.within {
                    None => None,
                    Some(w) => match &w.value {
                        RawWithin::Chars(n) => Some(Within::Chars(*n)),
                        RawWithin::Word(s) if s == "fold" => Some(Within::Fold),
                        RawWithin::Word(s) => {
                            self.err(
                                span(w),
                                format!("`within: {s}`: expected a number of characters or `fold`"),
                            );
                            return None;
                        }
                    },
                };
                let outside_hashtag_block = match &c.outside {
                    None => false,
                    Some(o) if o.value == "hashtag-block" => true,
                    Some(o) => {
                        self.err(
                            span(o),
                            format!("`outside: {}`: expected `hashtag-block`", o.value),
                        );
                        return None;
                    }
                };
                if within.is_none() && !outside_hashtag_block {
                    self.err(at, "kind `position` needs `within` or `outside` (or both)");
                    return None;
                }
                let trigger = match &c.trigger {
                    Some(t) => Some(self.matcher(t, "trigger")?),
                    None => None,
                };
                CheckDef::Position {
                    trigger,
                    marker,
                    within,
                    outside_hashtag_block,
                    scope,
                }
            }
            "count" => {
                let of = match (&c.of, &c.matcher) {
                    (Some(o), None) => match o.value.as_str() {
                        "hashtags" => CountOf::Hashtags,
                        "mentions" => CountOf::Mentions,
                        "links" => CountOf::Links,
                        "emoji" => CountOf::Emoji,
                        other => {
                            self.err(
                                span(o),
                                format!("`of: {other}`: expected hashtags, mentions, links or emoji (or use `matcher`)"),
                            );
                            return None;
                        }
                    },
                    (None, Some(m)) => CountOf::Matches(self.matcher(m, "matcher")?),
                    _ => {
                        self.err(at, "kind `count` needs exactly one of `of` and `matcher`");
                        return None;
                    }
                };
                let Some(max) = &c.max else {
                    missing(self, "max");
                    return None;
                };
                CheckDef::Count {
                    of,
                    max: self.limit(max)?,
                    scope,
                }
            }
            "length" => {
                let Some(max) = &c.max else {
                    missing(self, "max");
                    return None;
                };
                CheckDef::Length {
                    max: self.limit(max)?,
                }
            }
            "image" => self.image_check(&c, at)?,
            "person-name" => {
                let Some(l) = &c.list else {
                    missing(self, "list");
                    return None;
                };
                if !crate::rule::lists::NAMES.contains(&l.value.as_str()) {
                    self.err(
                        span(l),
                        format!(
                            "unknown list `{}`, expected one of {}",
                            l.value,
                            crate::rule::lists::NAMES.join(", ")
                        ),
                    );
                    return None;
                }
                let exclude = match &c.exclude {
                    Some(e) => self
                        .terms(&e.value, span(e))?
                        .into_iter()
                        .map(|t| t.to_lowercase())
                        .collect(),
                    None => Vec::new(),
                };
                CheckDef::PersonName {
                    list: l.value.clone(),
                    exclude,
                    unless: self.unless(&c)?,
                    scope,
                }
            }
            "near" => self.near(&c, at)?,
            "acknowledgement" => {
                use crate::rule::AckProblem;
                let Some(p) = &c.problem else {
                    missing(self, "problem");
                    return None;
                };
                let problem = match p.value.as_str() {
                    "missing-reason" => AckProblem::MissingReason,
                    "unknown-rule" => AckProblem::UnknownRule,
                    "stale" => AckProblem::Stale,
                    other => {
                        self.err(
                            span(p),
                            format!(
                                "`problem: {other}`: expected missing-reason, unknown-rule or stale"
                            ),
                        );
                        return None;
                    }
                };
                CheckDef::Acknowledgement { problem }
            }
            _ => unreachable!("kind checked above"),
        };
        if self.errors.len() > before {
            return None;
        }
        Some(def)
    }
}

impl Cx<'_> {
    /// `near`: groups of parts (`@concept` or a matcher block) in one window, in any order.
    fn near(&mut self, c: &RawCheck, at: Range<usize>) -> Option<CheckDef> {
        let top_unless = match &c.unless {
            Some(u) => Some(self.matcher(u, "unless")?),
            None => None,
        };
        let mut groups = Vec::new();
        if let Some(all) = &c.all {
            groups.push(self.group(all, c.person.as_ref(), None, None, None, &top_unless)?);
        } else if let Some(p) = &c.person {
            self.err(
                span(p),
                "`person` goes with `all` (or inside a group of `any`)",
            );
            return None;
        }
        if let Some(any) = &c.any {
            if any.value.is_empty() {
                self.err(
                    span(any),
                    "`any` is empty; give at least one group with `all`",
                );
                return None;
            }
            for g in &any.value {
                let g = &g.value;
                groups.push(self.group(
                    &g.all,
                    g.person.as_ref(),
                    g.name.as_ref(),
                    g.words.as_ref(),
                    g.unless.as_ref(),
                    &top_unless,
                )?);
            }
        }
        if groups.is_empty() {
            self.err(
                at,
                "kind `near` needs `all` (the concepts that must occur together) or `any`",
            );
            return None;
        }
        let window = match (&c.within, &c.words) {
            (Some(_), Some(w)) => {
                self.err(
                    span(w),
                    "give either `within: sentence` or `words: N`, not both",
                );
                return None;
            }
            (None, Some(w)) if w.value == 0 => {
                self.err(span(w), "`words` must be at least 1");
                return None;
            }
            (None, Some(w)) => Window::Words(w.value),
            (Some(w), None) => match &w.value {
                RawWithin::Word(s) if s == "sentence" => Window::Sentence,
                RawWithin::Word(s) if s == "paragraph" => Window::Paragraph,
                RawWithin::Word(s) if s == "post" => Window::Post,
                _ => {
                    self.err(
                        span(w),
                        "`within`: for kind `near` expected `sentence`, `paragraph` or `post` (or use `words: N`)",
                    );
                    return None;
                }
            },
            (None, None) => Window::Sentence,
        };
        let unless_in = match c.unless_in.as_ref().map(|u| (u.value.as_str(), span(u))) {
            None | Some(("sentence", _)) => UnlessIn::Window,
            Some(("paragraph", _)) => UnlessIn::Paragraph,
            Some(("post", _)) => UnlessIn::Post,
            Some((other, at)) => {
                self.err(
                    at,
                    format!("`unless_in: {other}`: expected sentence, paragraph or post"),
                );
                return None;
            }
        };
        Some(CheckDef::Near {
            groups,
            window,
            unless_in,
            scope: self.scope(&c.scope),
        })
    }

    /// One group of a `near` check; `top_unless` (the check's own `unless`) applies to it too.
    fn group(
        &mut self,
        all: &Spanned<Vec<Spanned<RawPart>>>,
        person: Option<&Spanned<bool>>,
        name: Option<&Spanned<bool>>,
        words: Option<&Spanned<usize>>,
        unless: Option<&Spanned<RawMatcher>>,
        top_unless: &Option<MatcherDef>,
    ) -> Option<NearGroup> {
        let window = match words {
            Some(w) if w.value == 0 => {
                self.err(span(w), "`words` must be at least 1");
                return None;
            }
            Some(w) => Some(Window::Words(w.value)),
            None => None,
        };
        let mut parts = Vec::new();
        for p in &all.value {
            let here = span(p);
            match &p.value {
                RawPart::Concept(name) => {
                    let Some(n) = name.strip_prefix('@').filter(|n| valid_concept_name(n)) else {
                        self.err(
                            here,
                            format!("`{name}`: expected a concept such as `@health`, or a block with `terms` or `pattern`"),
                        );
                        return None;
                    };
                    self.refs.push((n.to_string(), here));
                    parts.push(NearPart {
                        label: n.to_string(),
                        matcher: MatcherDef::Terms(vec![name.clone()]),
                    });
                }
                RawPart::Matcher(m) => {
                    parts.push(NearPart {
                        label: "terms".to_string(),
                        matcher: self.matcher_at(m, here, "all")?,
                    });
                }
            }
        }
        if parts.is_empty() {
            self.err(span(all), "`all` is empty; name at least one concept");
            return None;
        }
        let person = match person {
            Some(p) if p.value => {
                self.refs.push(("person".to_string(), span(p)));
                Some(MatcherDef::Terms(vec!["@person".to_string()]))
            }
            _ => None,
        };
        let unless = match unless {
            Some(u) => Some(self.matcher(u, "unless")?),
            None => None,
        };
        Some(NearGroup {
            parts,
            person,
            name: name.is_some_and(|n| n.value),
            window,
            unless,
            unless_wide: top_unless.clone(),
        })
    }

    fn image_check(&mut self, c: &RawCheck, at: Range<usize>) -> Option<CheckDef> {
        use crate::images::Fact;
        use crate::rule::Recorded;
        let Some(field) = &c.field else {
            self.err(at, "kind `image` needs `field`");
            return None;
        };
        let mut facts = Vec::new();
        for f in field.value.items() {
            match Fact::parse(&f.value) {
                Some(x) => facts.push(x),
                None => {
                    self.err(
                        span(f),
                        format!(
                            "unknown image field `{}`, expected one of {}",
                            f.value,
                            Fact::names().join(", ")
                        ),
                    );
                    return None;
                }
            }
        }
        if facts.is_empty() {
            self.err(
                span(field),
                "`field` is empty; name at least one image field",
            );
            return None;
        }
        let numeric = facts.iter().filter(|f| f.is_numeric()).count();
        let bounds = c.above.is_some() || c.below.is_some();
        if bounds && numeric != facts.len() {
            self.err(
                span(field),
                "`above`/`below` need numeric fields (faces, width, height, aspect-ratio, alt-length)",
            );
            return None;
        }
        if !bounds && numeric > 0 && !c.missing.as_ref().is_some_and(|m| m.value) {
            self.err(
                span(field),
                "numeric fields need `above` or `below` (e.g. `faces` with `above: 0`)",
            );
            return None;
        }
        if (c.terms.is_some() || c.pattern.is_some()) && numeric > 0 {
            self.err(
                span(field),
                "`terms`/`pattern` test text fields, not numbers",
            );
            return None;
        }
        let terms = match &c.terms {
            Some(t) => Some(
                self.terms(&t.value, span(t))?
                    .into_iter()
                    .map(|t| caseless::default_case_fold_str(t.trim_matches('*')))
                    .collect(),
            ),
            None => None,
        };
        let pattern = match &c.pattern {
            Some(p) => {
                let ci = c.ignore_case.as_ref().is_some_and(|b| b.value);
                if let Err(e) = regex::RegexBuilder::new(&p.value)
                    .case_insensitive(ci)
                    .size_limit(1 << 20)
                    .build()
                {
                    self.err(span(p), format!("invalid regex: {e}"));
                    return None;
                }
                Some((p.value.clone(), ci))
            }
            None => None,
        };
        let mut unless_recorded = Vec::new();
        if let Some(u) = &c.unless_recorded {
            for r in u.value.items() {
                unless_recorded.push(match r.value.as_str() {
                    "consent" => Recorded::Consent,
                    "credit" => Recorded::Credit,
                    "alt" => Recorded::Alt,
                    other => {
                        self.err(
                            span(r),
                            format!("`unless_recorded: {other}`: expected consent, credit or alt"),
                        );
                        return None;
                    }
                });
            }
        }
        Some(CheckDef::Image {
            facts,
            terms,
            pattern,
            above: c.above.as_ref().map(|a| a.value),
            below: c.below.as_ref().map(|b| b.value),
            missing: c.missing.as_ref().is_some_and(|m| m.value),
            unless_recorded,
        })
    }
}

/// A concept's name: lowercase ASCII letters, digits and hyphens.
fn valid_concept_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `area.name` with lowercase ASCII letters, digits and hyphens; at least one dot.
pub fn valid_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && !p.starts_with('-')
                && !p.ends_with('-')
                && !p.contains("--")
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_yaml(check: &str) -> String {
        format!(
            "rules:\n  - id: test.rule\n    category: ad-disclosure\n    severity: warning\n    message: {{de: M, en: M}}\n    reason: {{de: R, en: R}}\n    reference: \"§ 5a UWG\"\n    suggestion: {{de: S, en: S}}\n    check: {check}\n    examples: {{bad: [a], good: [b]}}\n"
        )
    }

    fn err(yaml: &str) -> String {
        let e = load_pack("p.yaml", yaml.to_string()).unwrap_err();
        e[0].to_string()
    }

    /// The built-in packs load from their build-time JSON exactly as from their YAML (only the
    /// source spans, which errors use, are unknown in JSON).
    #[test]
    fn built_in_packs_load_the_same_from_json_and_yaml() {
        let spans = |s: String| {
            let mut out = String::with_capacity(s.len());
            let mut rest = s.as_str();
            // Blank out every `a..b` byte range.
            while let Some(i) = rest.find("..") {
                let head = rest[..i].trim_end_matches(|c: char| c.is_ascii_digit());
                out.push_str(head);
                out.push('_');
                rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_digit());
            }
            out.push_str(rest);
            out
        };
        for (path, yaml) in crate::rule::builtin::PACKS {
            assert!(
                crate::rule::builtin::json_for(path, yaml).is_some(),
                "{path} was not converted at build time"
            );
            let json = serde_json::from_str::<RawPack>(
                crate::rule::builtin::json_for(path, yaml).unwrap_or(""),
            );
            assert!(json.is_ok(), "{path}: {json:?}");
            let a = load_one(path, yaml.to_string(), true).expect("loads");
            let b = load_one(path, yaml.to_string(), false).expect("loads");
            // Every pack has rules, or is the concepts pack.
            assert!(a.0.len() > 2 || a.1.len() > 20, "{path}");
            assert_eq!(spans(format!("{a:?}")), spans(format!("{b:?}")), "{path}");
        }
    }

    #[test]
    fn valid_rule_loads() {
        let r = load_pack(
            "p.yaml",
            rule_yaml("{kind: terms, terms: [werbung, 'anzeige*']}"),
        )
        .unwrap();
        assert_eq!(r[0].id, "test.rule");
        assert_eq!(
            r[0].check,
            CheckDef::Terms {
                terms: vec!["werbung".into(), "anzeige*".into()],
                scope: Scope::Text
            }
        );
    }

    #[test]
    fn errors_are_located() {
        let e = err(&rule_yaml("{kind: terms, terms: [x], near: 5}"));
        assert!(
            e.starts_with("p.yaml:9:44: `near` is not allowed for kind `terms`"),
            "{e}"
        );
        let e = err(&rule_yaml("{kind: termz, terms: [x]}"));
        assert!(
            e.starts_with("p.yaml:9:19: unknown check kind `termz`, expected one of terms"),
            "{e}"
        );
        let e = err(&rule_yaml(
            "{kind: validate, pattern: 'x', validator: ibam}",
        ));
        assert!(
            e.contains("unknown validator `ibam`, expected one of"),
            "{e}"
        );
        let e = err(&rule_yaml("{kind: terms, terms: [x], scope: body}"));
        assert!(e.contains("unknown scope `body`"), "{e}");
        let e = err(&rule_yaml("{kind: terms, tems: [x]}"));
        assert!(e.starts_with("p.yaml:9:26: unknown field `tems`"), "{e}");
    }

    #[test]
    fn yaml_syntax_errors_are_located() {
        let e = err("rules:\n  - id: 'a.b\n");
        assert!(e.starts_with("p.yaml:2:9:"), "{e}");
        assert!(e.contains("quote"), "{e}");
        let e = err("rules:\n  - id: a.b\n    severity: warning\n    category: copyright\n");
        assert!(e.contains("missing field"), "{e}");
    }

    #[test]
    fn missing_translation_and_bad_severity_are_errors() {
        let y = rule_yaml("{kind: terms, terms: [x]}")
            .replace("message: {de: M, en: M}", "message: {de: M}");
        assert!(err(&y).contains("missing field `en`"));
        let y =
            rule_yaml("{kind: terms, terms: [x]}").replace("severity: warning", "severity: error");
        assert!(err(&y).contains("unknown severity `error`, expected info or warning"));
    }

    #[test]
    fn duplicate_ids_across_packs() {
        let y = rule_yaml("{kind: terms, terms: [x]}");
        let e = load_all(vec![("a.yaml".into(), y.clone()), ("b.yaml".into(), y)]).unwrap_err();
        assert!(
            e[0].to_string().starts_with(
                "b.yaml:2:9: duplicate rule id `test.rule`: already defined at a.yaml:2:9"
            ),
            "{}",
            e[0]
        );
    }

    #[test]
    fn ids_must_be_dotted_lowercase() {
        assert!(valid_id("ad.missing-label"));
        assert!(valid_id("privacy.iban"));
        assert!(!valid_id("Ad.Missing"));
        assert!(!valid_id("nodot"));
        assert!(!valid_id("a..b"));
        assert!(!valid_id("a.-b"));
    }
}
