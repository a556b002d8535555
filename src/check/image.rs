//! `image`: a test over the facts of each attached image (metadata fields, GPS, faces, QR
//! codes, alt text, size). Fires once per image; `{value}` holds what was found (e.g.
//! `Artist: Erika Mustermann`, `48.14°N 11.58°E`, `3`), `{image}` the path as written.

use regex::Regex;

use super::{Check, Context, Finding};
use crate::images::{Attachment, Fact, Field, Origin, Value};
use crate::platform::Lang;
use crate::rule::Recorded;

#[derive(Debug)]
pub struct ImageCheck {
    pub facts: Vec<Fact>,
    /// Case-folded terms; a text value must contain one.
    pub terms: Option<Vec<String>>,
    /// The pattern and whether it ignores case; compiled on first use (most drafts have no
    /// images, so engine compilation does not pay for it).
    pub pattern: Option<(String, bool)>,
    pub compiled: std::sync::OnceLock<Option<Regex>>,
    pub above: Option<f64>,
    pub below: Option<f64>,
    pub missing: bool,
    pub unless_recorded: Vec<Recorded>,
}

/// Marks that credit a photo in the post's text.
const CREDIT_MARKS: &[&str] = &[
    "foto:",
    "fotos:",
    "foto ©",
    "bild:",
    "bilder:",
    "photo:",
    "photos:",
    "photo by",
    "foto von",
    "©",
    "(c)",
    "credit:",
    "quelle:",
    "source:",
    "bildquelle",
    "fotograf",
];

fn fold(s: &str) -> String {
    caseless::default_case_fold_str(s)
}

/// The holder's name from a metadata value: `© 2026 Max Fotograf. All rights reserved` →
/// `max fotograf`.
fn holder_name(v: &str) -> String {
    let v = fold(v);
    let v = v
        .replace("all rights reserved", "")
        .replace("alle rechte vorbehalten", "")
        .replace("copyright", "")
        .replace(['©', '.', ','], " ")
        .replace("(c)", " ");
    v.split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit() || c == '-'))
        .collect::<Vec<_>>()
        .join(" ")
}

fn credited(cx: &Context, a: &Attachment) -> bool {
    if a.credit.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        return true;
    }
    let text = fold(cx.draft.body_text());
    if CREDIT_MARKS.iter().any(|m| text.contains(m)) {
        return true;
    }
    let Some(f) = a.facts() else {
        return false;
    };
    [
        Field::Artist,
        Field::Creator,
        Field::Copyright,
        Field::Credit,
    ]
    .iter()
    .flat_map(|&field| f.meta.values(field))
    .map(holder_name)
    .any(|n| n.len() >= 3 && text.contains(&n))
}

fn recorded(cx: &Context, a: &Attachment, r: Recorded) -> bool {
    match r {
        Recorded::Consent => a.consent,
        Recorded::Alt => a.alt.as_deref().is_some_and(|s| !s.trim().is_empty()),
        Recorded::Credit => credited(cx, a),
    }
}

fn label(f: Fact, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match f {
        Fact::Meta(m) => m.label(lang),
        Fact::Gps => "GPS",
        Fact::Faces => {
            if de {
                "Gesichter"
            } else {
                "faces"
            }
        }
        Fact::Qr => "QR",
        Fact::Alt | Fact::AltLength => {
            if de {
                "Alternativtext"
            } else {
                "alt text"
            }
        }
        Fact::Credit => {
            if de {
                "Bildnachweis"
            } else {
                "credit"
            }
        }
        Fact::Width => {
            if de {
                "Breite"
            } else {
                "width"
            }
        }
        Fact::Height => {
            if de {
                "Höhe"
            } else {
                "height"
            }
        }
        Fact::AspectRatio => {
            if de {
                "Seitenverhältnis"
            } else {
                "aspect ratio"
            }
        }
        Fact::FileName => {
            if de {
                "Dateiname"
            } else {
                "file name"
            }
        }
        Fact::Format => "Format",
        Fact::Unreadable | Fact::PixelsUnchecked => {
            if de {
                "Grund"
            } else {
                "reason"
            }
        }
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:.2}")
    }
}

impl ImageCheck {
    fn text_matches(&self, v: &str) -> bool {
        let terms_ok = self.terms.as_ref().is_none_or(|t| {
            let f = fold(v);
            t.iter().any(|t| f.contains(t.as_str()))
        });
        let pattern_ok = match &self.pattern {
            None => true,
            Some((p, ci)) => self
                .compiled
                .get_or_init(|| {
                    // Validated when the pack was loaded.
                    regex::RegexBuilder::new(p)
                        .case_insensitive(*ci)
                        .size_limit(1 << 20)
                        .build()
                        .ok()
                })
                .as_ref()
                .is_some_and(|re| re.is_match(v)),
        };
        terms_ok && pattern_ok
    }

    fn number_fires(&self, n: f64) -> bool {
        self.above.is_some_and(|a| n > a) || self.below.is_some_and(|b| n < b)
    }
}

impl Check for ImageCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (i, a) in cx.draft.images.iter().enumerate() {
            if self.unless_recorded.iter().any(|&r| recorded(cx, a, r)) {
                continue;
            }
            let values: Vec<(Fact, Value)> = self
                .facts
                .iter()
                .map(|&f| (f, f.value(a, cx.lang)))
                .collect();
            // Images given on the command line have no alt text or credit to look at.
            if a.origin == Origin::CommandLine
                && self
                    .facts
                    .iter()
                    .all(|f| matches!(f, Fact::Alt | Fact::AltLength | Fact::Credit))
            {
                continue;
            }
            let found: Vec<String> = if self.missing {
                // Missing facts of a file that could not be read are not news.
                let needs_file = self.facts.iter().any(|f| {
                    !matches!(
                        f,
                        Fact::Alt | Fact::AltLength | Fact::Credit | Fact::FileName
                    )
                });
                if needs_file && a.facts().is_none() {
                    continue;
                }
                if values.iter().all(|(_, v)| *v == Value::Absent) {
                    vec![String::new()]
                } else {
                    Vec::new()
                }
            } else {
                let several = self.facts.len() > 1;
                let mut found = Vec::new();
                for (f, v) in &values {
                    match v {
                        Value::Absent => {}
                        Value::Number(n) => {
                            if self.number_fires(*n) {
                                found.push(number(*n));
                            }
                        }
                        Value::Text(items) => {
                            for t in items.iter().filter(|t| self.text_matches(t)) {
                                found.push(if several {
                                    format!("{}: {t}", label(*f, cx.lang))
                                } else {
                                    t.to_string()
                                });
                            }
                        }
                    }
                }
                found
            };
            if found.is_empty() {
                continue;
            }
            out.push(Finding {
                range: a.range.clone(),
                vars: vec![("value", found.join("; ")), ("image", a.written.clone())],
                image: Some(i),
                evidence: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holder_names() {
        assert_eq!(
            holder_name("© 2026 Max Fotograf. All rights reserved"),
            "max fotograf"
        );
        assert_eq!(holder_name("(c) Stadt München"), "stadt münchen");
        assert_eq!(holder_name("Copyright 2019-2024"), "");
    }
}
