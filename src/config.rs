//! `.leitplanke.yaml`: how an organisation adapts leitplanke without touching code. Found by
//! walking up from each draft's folder (the nearest file wins) or given with `--config`.
//!
//! ```yaml
//! rules: [org-rules.yaml]            # extra rule packs, relative to this file
//! disable: [platform.hashtag-limit, accessibility]   # rule ids or whole categories
//! severity: {privacy.phone: info}    # severity overrides
//! platform: instagram                # default platform (front matter and --platform win)
//! lang: de                           # language of the messages (--lang wins)
//! allow:                             # never reported
//!   domains: [muenchen.de]           # links and e-mail addresses on these domains
//!   emails: [presse@muenchen.de]     # public contact addresses
//!   phones: ["+49 89 233-0"]
//!   names: [Erika Mustermann]        # the author's own name, public officials
//!   partners: [Stadtwerke München]   # named partners (cooperations that are not advertising)
//!   hashtags: ["#muenchen"]
//! fold: {instagram: 125}             # the "see more" fold per platform, if it changes
//! ```
//!
//! Unknown keys, unknown rule ids and categories, platforms and severities are errors with
//! file, line and column.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::platform::{Lang, Platform};
use crate::rule::load::{PackError, yaml_error};
use crate::rule::{Category, PackSource, Rule, Severity};
use crate::yaml::span;

/// File names looked for, in this order, in each folder.
pub const FILE_NAMES: &[&str] = &[".leitplanke.yaml", ".leitplanke.yml"];
/// Largest configuration file that is read.
const MAX_CONFIG: usize = 1024 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    disable: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    severity: Option<BTreeMap<String, Spanned<String>>>,
    #[serde(default)]
    platform: Option<Spanned<String>>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
    #[serde(default)]
    allow: Option<RawAllow>,
    #[serde(default)]
    fold: Option<BTreeMap<String, Spanned<usize>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    domains: Vec<Spanned<String>>,
    #[serde(default)]
    emails: Vec<Spanned<String>>,
    #[serde(default)]
    phones: Vec<Spanned<String>>,
    #[serde(default)]
    names: Vec<Spanned<String>>,
    #[serde(default)]
    partners: Vec<Spanned<String>>,
    #[serde(default)]
    hashtags: Vec<Spanned<String>>,
}

/// Values that are never reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allow {
    /// Lower-case domains, without `www.`.
    pub domains: Vec<String>,
    /// Lower-case e-mail addresses.
    pub emails: Vec<String>,
    /// Phone numbers as digits only (a leading `+` kept).
    pub phones: Vec<String>,
    /// Case-folded names (the author, officials, partners).
    pub names: Vec<String>,
    /// Case-folded hashtags without `#`.
    pub hashtags: Vec<String>,
}

/// A setting and where its value came from (`file:line`), for `leitplanke config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A parsed configuration file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file (absent for the built-in defaults).
    pub path: Option<PathBuf>,
    pub source: Option<Arc<PackSource>>,
    /// Extra packs, resolved against the file's folder, with the span that named them.
    pub rules: Vec<(PathBuf, Range<usize>)>,
    pub disable: Vec<(String, Range<usize>)>,
    pub severity: Vec<(String, Severity, Range<usize>)>,
    pub platform: Option<Platform>,
    pub lang: Option<Lang>,
    pub allow: Allow,
    pub fold: Vec<(Platform, usize)>,
    pub origins: Vec<Origin>,
}

/// The nearest configuration file for a draft: in its folder or any folder above.
pub fn discover(draft: &Path) -> Option<PathBuf> {
    let start = if draft.as_os_str() == "-" || draft.as_os_str().is_empty() {
        std::env::current_dir().ok()?
    } else {
        let abs = if draft.is_absolute() {
            draft.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(draft)
        };
        if abs.is_dir() {
            abs
        } else {
            abs.parent()?.to_path_buf()
        }
    };
    let mut dir: Option<&Path> = Some(&start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

fn digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

fn fold(s: &str) -> String {
    caseless::default_case_fold_str(s.trim())
}

impl Config {
    /// Read and parse a configuration file (rule ids are checked later, against the rules).
    pub fn load(path: &Path) -> Result<Config, Vec<PackError>> {
        let shown = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(b) if b.len() > MAX_CONFIG => {
                let src = Arc::new(PackSource {
                    path: shown,
                    text: String::new(),
                });
                return Err(vec![PackError::new(
                    &src,
                    0..0,
                    format!("configuration is larger than {MAX_CONFIG} bytes"),
                )]);
            }
            Ok(b) => String::from_utf8(b).map_err(|_| {
                let src = Arc::new(PackSource {
                    path: shown.clone(),
                    text: String::new(),
                });
                vec![PackError::new(
                    &src,
                    0..0,
                    "configuration is not valid UTF-8",
                )]
            })?,
            Err(e) => {
                let src = Arc::new(PackSource {
                    path: shown,
                    text: String::new(),
                });
                return Err(vec![PackError::new(
                    &src,
                    0..0,
                    format!("cannot read: {e}"),
                )]);
            }
        };
        Self::parse(path, text)
    }

    pub fn parse(path: &Path, text: String) -> Result<Config, Vec<PackError>> {
        let source = Arc::new(PackSource {
            path: path.display().to_string(),
            text,
        });
        let raw: RawConfig = if source.text.trim().is_empty() {
            RawConfig {
                rules: None,
                disable: None,
                severity: None,
                platform: None,
                lang: None,
                allow: None,
                fold: None,
            }
        } else {
            serde_saphyr::from_str(&source.text).map_err(|e| vec![yaml_error(&source, &e)])?
        };
        let mut errors = Vec::new();
        let line = |r: &Range<usize>| {
            source.text[..r.start.min(source.text.len())]
                .lines()
                .count()
                .max(1)
        };
        let mut c = Config {
            path: Some(path.to_path_buf()),
            source: Some(source.clone()),
            ..Config::default()
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        for r in raw.rules.unwrap_or_default() {
            let p = dir.join(&r.value);
            c.origins.push(Origin {
                key: "rules".into(),
                value: r.value.clone(),
                line: line(&span(&r)),
            });
            c.rules.push((p, span(&r)));
        }
        for d in raw.disable.unwrap_or_default() {
            c.origins.push(Origin {
                key: "disable".into(),
                value: d.value.clone(),
                line: line(&span(&d)),
            });
            c.disable.push((d.value.clone(), span(&d)));
        }
        for (id, sev) in raw.severity.unwrap_or_default() {
            let r = span(&sev);
            match sev.value.as_str() {
                "info" => c.severity.push((id.clone(), Severity::Info, r.clone())),
                "warning" => c.severity.push((id.clone(), Severity::Warning, r.clone())),
                other => errors.push(PackError::new(
                    &source,
                    r.clone(),
                    format!("`severity.{id}: {other}`: expected info or warning"),
                )),
            }
            c.origins.push(Origin {
                key: format!("severity.{id}"),
                value: sev.value.clone(),
                line: line(&r),
            });
        }
        if let Some(p) = raw.platform {
            match p.value.parse::<Platform>() {
                Ok(x) => c.platform = Some(x),
                Err(e) => errors.push(PackError::new(
                    &source,
                    span(&p),
                    format!("`platform`: {e}"),
                )),
            }
            c.origins.push(Origin {
                key: "platform".into(),
                value: p.value.clone(),
                line: line(&span(&p)),
            });
        }
        if let Some(l) = raw.lang {
            match l.value.parse::<Lang>() {
                Ok(x) => c.lang = Some(x),
                Err(e) => errors.push(PackError::new(&source, span(&l), format!("`lang`: {e}"))),
            }
            c.origins.push(Origin {
                key: "lang".into(),
                value: l.value.clone(),
                line: line(&span(&l)),
            });
        }
        for (k, v) in raw.fold.unwrap_or_default() {
            match k.parse::<Platform>() {
                Ok(p) => c.fold.push((p, v.value)),
                Err(e) => errors.push(PackError::new(
                    &source,
                    span(&v),
                    format!("`fold.{k}`: {e}"),
                )),
            }
            c.origins.push(Origin {
                key: format!("fold.{k}"),
                value: v.value.to_string(),
                line: line(&span(&v)),
            });
        }
        let allow = raw.allow.unwrap_or_default();
        for (key, list) in [
            ("domains", &allow.domains),
            ("emails", &allow.emails),
            ("phones", &allow.phones),
            ("names", &allow.names),
            ("partners", &allow.partners),
            ("hashtags", &allow.hashtags),
        ] {
            for v in list {
                c.origins.push(Origin {
                    key: format!("allow.{key}"),
                    value: v.value.clone(),
                    line: line(&span(v)),
                });
            }
        }
        c.allow = Allow {
            domains: allow
                .domains
                .iter()
                .map(|d| {
                    let d = d.value.trim().to_ascii_lowercase();
                    d.strip_prefix("www.").unwrap_or(&d).to_string()
                })
                .filter(|d| !d.is_empty())
                .collect(),
            emails: allow
                .emails
                .iter()
                .map(|e| e.value.trim().to_ascii_lowercase())
                .filter(|e| !e.is_empty())
                .collect(),
            phones: allow
                .phones
                .iter()
                .map(|p| digits(&p.value))
                .filter(|p| p.len() >= 3)
                .collect(),
            names: allow
                .names
                .iter()
                .chain(&allow.partners)
                .map(|n| fold(&n.value))
                .filter(|n| n.chars().count() >= 2)
                .collect(),
            hashtags: allow
                .hashtags
                .iter()
                .map(|h| fold(h.value.trim_start_matches('#')))
                .filter(|h| !h.is_empty())
                .collect(),
        };
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }

    /// Errors for rule ids and categories that do not exist among `rules`.
    pub fn check_ids(&self, rules: &[Rule]) -> Vec<PackError> {
        let Some(source) = &self.source else {
            return Vec::new();
        };
        let known = |id: &str| rules.iter().any(|r| r.id == id);
        let is_category = |s: &str| Category::ALL.iter().any(|c| c.name() == s);
        let mut errors = Vec::new();
        let hint = |id: &str| {
            let close = crate::rule::closest_ids(id, rules.iter().map(|r| r.id.as_str()));
            if close.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", close.join(", "))
            }
        };
        for (id, r) in &self.disable {
            if !known(id) && !is_category(id) {
                errors.push(PackError::new(
                    source,
                    r.clone(),
                    format!("`disable`: unknown rule or category `{id}`{}", hint(id)),
                ));
            }
        }
        for (id, _, r) in &self.severity {
            if !known(id) {
                errors.push(PackError::new(
                    source,
                    r.clone(),
                    format!("`severity`: unknown rule `{id}`{}", hint(id)),
                ));
            }
        }
        errors
    }

    /// Apply `disable` and `severity` to a set of rules.
    pub fn apply(&self, rules: Vec<Rule>) -> Vec<Rule> {
        rules
            .into_iter()
            .filter(|r| {
                !self
                    .disable
                    .iter()
                    .any(|(d, _)| *d == r.id || *d == r.category.name())
            })
            .map(|mut r| {
                if let Some((_, s, _)) = self.severity.iter().find(|(id, _, _)| *id == r.id) {
                    r.severity = *s;
                }
                r
            })
            .collect()
    }
}

impl Allow {
    pub fn is_empty(&self) -> bool {
        self.domains.is_empty()
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.names.is_empty()
            && self.hashtags.is_empty()
    }

    /// Whether a finding whose matched text is `text` (and whose message values are `vars`) is
    /// about an allowed value.
    pub fn allows(&self, text: &str, vars: &[&str]) -> bool {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if self.emails.contains(&lower) {
            return true;
        }
        let host = host_of(&lower);
        if let Some(h) = host
            && self
                .domains
                .iter()
                .any(|d| h == d || h.ends_with(&format!(".{d}")))
        {
            return true;
        }
        if !self.phones.is_empty() {
            let d = digits(t);
            if d.len() >= 3 && self.phones.contains(&d) {
                return true;
            }
        }
        if let Some(tag) = t.strip_prefix('#')
            && self.hashtags.iter().any(|h| *h == fold(tag))
        {
            return true;
        }
        if !self.names.is_empty() {
            let folded = fold(t);
            let hit = |s: &str| self.names.iter().any(|n| s.contains(n.as_str()));
            if hit(&folded) || vars.iter().any(|v| hit(&fold(v))) {
                return true;
            }
        }
        false
    }
}

/// The host of an e-mail address or a link, lower case, without `www.`.
fn host_of(s: &str) -> Option<&str> {
    let h = if let Some((_, domain)) = s.rsplit_once('@') {
        domain
    } else {
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .or_else(|| s.strip_prefix("www.").map(|_| s))?;
        rest.split(['/', '?', '#', ':']).next()?
    };
    let h = h.trim_end_matches('.');
    Some(h.strip_prefix("www.").unwrap_or(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(yaml: &str) -> Result<Config, Vec<PackError>> {
        Config::parse(Path::new("/org/.leitplanke.yaml"), yaml.to_string())
    }

    #[test]
    fn parses_all_settings() {
        let c = cfg("rules: [org.yaml]\ndisable: [accessibility]\nseverity: {privacy.phone: info}\nplatform: instagram\nlang: en\nallow:\n  domains: [www.Muenchen.de]\n  emails: [Presse@muenchen.de]\n  phones: [\"+49 89 233-0\"]\n  names: [Erika Mustermann]\n  partners: [Stadtwerke München]\n  hashtags: [\"#WirSindMünchen\"]\nfold: {instagram: 100}\n").unwrap();
        assert_eq!(c.rules[0].0, PathBuf::from("/org/org.yaml"));
        assert_eq!(c.platform, Some(Platform::Instagram));
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.fold, vec![(Platform::Instagram, 100)]);
        assert_eq!(c.allow.domains, ["muenchen.de"]);
        assert_eq!(c.allow.phones, ["+49892330"]);
        assert_eq!(c.allow.names.len(), 2);
        assert!(c.origins.iter().any(|o| o.key == "platform" && o.line == 4));
    }

    #[test]
    fn unknown_keys_and_values_are_located_errors() {
        let e = cfg("platfrom: x\n").unwrap_err();
        assert!(e[0].message.contains("platfrom"), "{}", e[0].message);
        assert_eq!(e[0].line_col(), (1, 1));
        let e = cfg("platform: myspace\nseverity: {privacy.phone: loud}\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].line_col().0, 2);
        let e = cfg("allow: {friends: [a]}\n").unwrap_err();
        assert!(e[0].message.contains("friends"), "{}", e[0].message);
    }

    #[test]
    fn allowlist_matches_emails_domains_phones_names_hashtags() {
        let c = cfg("allow:\n  domains: [muenchen.de]\n  emails: [presse@stadt.de]\n  phones: [\"089 233-96000\"]\n  names: [Erika Mustermann]\n  hashtags: [\"#muenchen\"]\n").unwrap();
        let a = &c.allow;
        assert!(a.allows("Presse@Stadt.de", &[]));
        assert!(a.allows("https://www.muenchen.de/rathaus?utm_source=x", &[]));
        assert!(a.allows("info@kvr.muenchen.de", &[]));
        assert!(!a.allows("https://muenchen.de.evil.com/", &[]));
        assert!(!a.allows("max@gmail.com", &[]));
        assert!(a.allows("089 / 233 96000", &[]));
        assert!(a.allows("Erika Mustermann", &[]));
        assert!(a.allows("x.jpg", &["Artist: Erika Mustermann"]));
        assert!(a.allows("#Muenchen", &[]));
        assert!(!a.allows("#münchen2026", &[]));
    }
}
