//! YAML front matter: a `---` line at the very start of the file, YAML, and a closing `---` (or
//! `...`) line. Split by hand (exact offsets for `.txt` and `.md` alike), parsed with serde-saphyr
//! on that slice, every position shifted back into the original file.
//!
//! Schema (documented in the README):
//!
//! ```yaml
//! platform: linkedin        # linkedin | instagram | facebook | x | mastodon | tiktok
//! lang: de                  # de | en: the language the post is written in
//! sponsored: false          # true when there is a payment, free product or other consideration
//! images:
//!   - path: fotos/team.jpg  # relative to the draft
//!     alt: "Fünf Kolleginnen vor dem Feuerwehrauto"
//!     credit: "Foto: Max Muster"
//!     consent: true         # or a note: "schriftlich, 2026-03-01"
//! acknowledge:
//!   privacy.email: "Das ist die offizielle Adresse der Pressestelle."
//! ```
//!
//! Unknown keys are warnings naming the key; a broken block is a located input error, and the
//! body is still checked.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::platform::{Lang, Platform};

/// Largest front-matter block that is parsed (YAML cost grows with nesting; drafts never need
/// more).
pub const MAX_FRONT_MATTER: usize = 64 * 1024;

/// The keys leitplanke understands.
pub const KNOWN_KEYS: &[&str] = &["platform", "lang", "sponsored", "images", "acknowledge"];

/// An image attached to the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub path: String,
    pub alt: Option<String>,
    pub credit: Option<String>,
    pub consent: Option<Consent>,
    /// Byte range of the `path` value in the original file.
    pub range: Range<usize>,
}

/// Recorded consent of the people shown in an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consent {
    Given(bool),
    Note(String),
}

impl Consent {
    pub fn is_given(&self) -> bool {
        match self {
            Consent::Given(b) => *b,
            Consent::Note(s) => !s.trim().is_empty(),
        }
    }
}

/// An acknowledgement: the author says why a finding does not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub rule: String,
    pub reason: String,
    /// Byte range of the rule id key in the original file.
    pub range: Range<usize>,
    /// The part of the draft it covers (`None`: the whole draft).
    pub scope: Option<Range<usize>>,
}

/// A front-matter problem that is not fatal: the key or value is ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterWarning {
    pub message_de: String,
    pub message_en: String,
    pub range: Range<usize>,
}

/// Parsed front matter with source positions.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The whole block, including both `---` lines.
    pub block: Option<Range<usize>>,
    pub platform: Option<Platform>,
    pub lang: Option<Lang>,
    pub sponsored: Option<bool>,
    pub images: Vec<ImageRef>,
    pub acknowledge: Vec<Ack>,
    /// Positions of string values by field path (`platform`, `images.alt`, `images.credit`, …),
    /// for rules scoped to front-matter fields.
    pub fields: Vec<(String, Range<usize>)>,
    pub warnings: Vec<FrontMatterWarning>,
}

/// A front-matter block that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub message: String,
    pub offset: usize,
}

/// Locate the front-matter block: returns (block range, YAML content range). `start` skips a BOM.
pub fn split(src: &str, start: usize) -> Option<(Range<usize>, Range<usize>)> {
    let rest = &src[start..];
    // Most drafts have none: settled without looking for the end of the first line.
    if !rest.starts_with("---") {
        return None;
    }
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_end;
    let mut pos = yaml_start;
    while pos < src.len() {
        let line_end = src[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(src.len());
        let line = src[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            return Some((start..line_end, yaml_start..pos));
        }
        pos = line_end;
    }
    None
}

/// Byte range of a value in the original file (the YAML starts at `base`).
fn span_of<T>(s: &Spanned<T>, base: usize) -> Range<usize> {
    let r = crate::yaml::span(s);
    base + r.start..base + r.end
}

/// Parse the YAML content of a block that starts at byte `base` of the original file.
pub fn parse(yaml: &str, base: usize) -> Result<FrontMatter, FrontMatterError> {
    let mut fm = FrontMatter::default();
    if yaml.len() > MAX_FRONT_MATTER {
        return Err(FrontMatterError {
            message: format!(
                "front matter is larger than {} KiB; it was not read",
                MAX_FRONT_MATTER / 1024
            ),
            offset: base,
        });
    }
    if yaml.trim().is_empty() {
        return Ok(fm);
    }
    let raw: RawFront = serde_saphyr::from_str(yaml).map_err(|e| {
        let offset = e
            .location()
            .and_then(|l| l.span().byte_offset())
            .map(|o| base + (o as usize).min(yaml.len()))
            .unwrap_or(base);
        FrontMatterError {
            message: crate::yaml::plain_message(&e),
            offset,
        }
    })?;

    for key in &raw.unknown {
        let known = KNOWN_KEYS.join(", ");
        // Image fields written at the top level belong into the `images:` list.
        let hint = match key.value.as_str() {
            "image" | "img" | "bild" | "foto" | "photo" | "alt" | "credit" | "consent" => {
                " – did you mean `images: [{path, alt, credit, consent}]`?"
            }
            _ => "",
        };
        fm.warnings.push(FrontMatterWarning {
            message_de: format!(
                "Unbekannter Schlüssel `{}` im Front Matter wird ignoriert (bekannt: {known}){}",
                key.value,
                hint.replace("did you mean", "gemeint ist vielleicht")
            ),
            message_en: format!(
                "unknown front-matter key `{}` is ignored (known keys: {known}){hint}",
                key.value
            ),
            range: span_of(key, base),
        });
    }
    if let Some(p) = &raw.platform {
        fm.fields.push(("platform".into(), span_of(p, base)));
        match p.value.parse::<Platform>() {
            Ok(v) => fm.platform = Some(v),
            Err(e) => fm.warnings.push(FrontMatterWarning {
                message_de: format!("Unbekannte Plattform `{}`: {e}", p.value),
                message_en: e,
                range: span_of(p, base),
            }),
        }
    }
    if let Some(l) = &raw.lang {
        fm.fields.push(("lang".into(), span_of(l, base)));
        match l.value.parse::<Lang>() {
            Ok(v) => fm.lang = Some(v),
            Err(e) => fm.warnings.push(FrontMatterWarning {
                message_de: format!("Unbekannte Sprache `{}`, erwartet: de oder en", l.value),
                message_en: e,
                range: span_of(l, base),
            }),
        }
    }
    fm.sponsored = raw.sponsored.map(|s| s.value);
    for img in raw.images.unwrap_or_default() {
        let range = span_of(&img.path, base);
        fm.fields.push(("images.path".into(), range.clone()));
        if let Some(a) = &img.alt {
            fm.fields.push(("images.alt".into(), span_of(a, base)));
        }
        if let Some(c) = &img.credit {
            fm.fields.push(("images.credit".into(), span_of(c, base)));
        }
        fm.images.push(ImageRef {
            path: img.path.value,
            alt: img.alt.map(|a| a.value),
            credit: img.credit.map(|c| c.value),
            consent: img.consent.map(|c| match c {
                RawConsent::Flag(b) => Consent::Given(b),
                RawConsent::Note(s) => Consent::Note(s),
            }),
            range,
        });
    }
    for (rule, reason) in raw.acknowledge.map(|a| a.0).unwrap_or_default() {
        fm.fields
            .push(("acknowledge".into(), span_of(&reason, base)));
        fm.acknowledge.push(Ack {
            scope: None,
            range: span_of(&rule, base),
            rule: rule.value,
            reason: reason.value,
        });
    }
    Ok(fm)
}

#[derive(Default)]
struct RawFront {
    platform: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    sponsored: Option<Spanned<bool>>,
    images: Option<Vec<RawImage>>,
    acknowledge: Option<AckMap>,
    unknown: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImage {
    path: Spanned<String>,
    alt: Option<Spanned<String>>,
    credit: Option<Spanned<String>>,
    consent: Option<RawConsent>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawConsent {
    Flag(bool),
    Note(String),
}

/// `acknowledge:` as an ordered list of (rule id, reason) pairs with positions.
struct AckMap(Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for AckMap {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AckMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a map of rule id to reason, e.g. `privacy.email: \"offizielle Adresse\"`",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AckMap, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    let v = map.next_value::<Spanned<String>>()?;
                    out.push((k, v));
                }
                Ok(AckMap(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<AckMap, A::Error> {
                Err(de::Error::custom(
                    "acknowledge must be a map of rule id to reason, not a list",
                ))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for RawFront {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFront;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a map of front-matter keys (platform, lang, sponsored, images, acknowledge)",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFront, A::Error> {
                let mut raw = RawFront::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.value.as_str() {
                        "platform" => raw.platform = Some(map.next_value()?),
                        "lang" => raw.lang = Some(map.next_value()?),
                        "sponsored" => raw.sponsored = Some(map.next_value()?),
                        "images" => raw.images = Some(map.next_value()?),
                        "acknowledge" => raw.acknowledge = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            raw.unknown.push(key);
                        }
                    }
                }
                Ok(raw)
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_block_and_content() {
        let src = "---\nplatform: x\n---\nText";
        let (block, yaml) = split(src, 0).unwrap();
        assert_eq!(&src[block.clone()], "---\nplatform: x\n---\n");
        assert_eq!(&src[yaml], "platform: x\n");
        assert_eq!(&src[block.end..], "Text");
    }

    #[test]
    fn split_handles_crlf_and_requires_closing_line() {
        let src = "---\r\nlang: en\r\n...\r\nBody";
        let (block, _) = split(src, 0).unwrap();
        assert_eq!(&src[block.end..], "Body");
        assert!(split("---\nnot closed", 0).is_none());
        assert!(split("Text\n---\n", 0).is_none());
    }

    #[test]
    fn parse_reads_known_keys_with_positions() {
        let yaml = "platform: instagram\nlang: en\nsponsored: true\nimages:\n  - path: a.jpg\n    alt: Team\n    consent: schriftlich\nacknowledge:\n  privacy.email: Pressestelle\n";
        let fm = parse(yaml, 4).unwrap();
        assert_eq!(fm.platform, Some(Platform::Instagram));
        assert_eq!(fm.lang, Some(Lang::En));
        assert_eq!(fm.sponsored, Some(true));
        assert_eq!(fm.images.len(), 1);
        assert_eq!(fm.images[0].alt.as_deref(), Some("Team"));
        assert!(fm.images[0].consent.as_ref().unwrap().is_given());
        assert_eq!(fm.acknowledge[0].rule, "privacy.email");
        let r = fm.acknowledge[0].range.clone();
        assert_eq!(&yaml[r.start - 4..r.end - 4], "privacy.email");
        assert!(fm.warnings.is_empty());
    }

    #[test]
    fn unknown_keys_and_values_are_warnings() {
        let fm = parse("titel: Hallo\nplatform: myspace\n", 0).unwrap();
        assert_eq!(fm.warnings.len(), 2);
        assert!(fm.warnings[0].message_en.contains("`titel`"));
        assert!(fm.warnings[1].message_en.contains("myspace"));
        assert_eq!(fm.platform, None);
    }

    #[test]
    fn top_level_image_keys_get_a_hint() {
        let fm = parse("image: a.jpg\ncredit: Google\n", 0).unwrap();
        assert_eq!(fm.warnings.len(), 2);
        assert!(
            fm.warnings[0].message_en.contains("did you mean `images:"),
            "{:?}",
            fm.warnings
        );
        assert!(fm.images.is_empty());
    }

    #[test]
    fn broken_yaml_is_a_located_error() {
        let e = parse("platform: 'x\n", 10).unwrap_err();
        assert!(e.message.contains("quote"), "{}", e.message);
        assert!(e.offset >= 10);
        let e = parse("sponsored: vielleicht\n", 0).unwrap_err();
        assert!(!e.message.is_empty());
    }
}
