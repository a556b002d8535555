//! JSON output: one document per run, a stable contract for CI hooks and the review page.
//!
//! ```json
//! {"version": 1,
//!  "files": [{"path": "corpus/x.md",
//!             "diagnostics": [{"rule": "ad.missing-label", "category": "ad-disclosure",
//!                              "severity": "warning", "message": "…", "reason": "…",
//!                              "reference": "§ 5a Abs. 4 UWG", "suggestion": "…",
//!                              "line": 3, "column": 5, "end_line": 3, "end_column": 12,
//!                              "byte_start": 40, "byte_end": 47,
//!                              "image": null, "acknowledged": null}],
//!             "warnings": [{"message": "…", "line": 2, "column": 1}],
//!             "errors": [{"kind": "invalid-utf8", "message": "…", "line": 1, "column": 4}]}],
//!  "summary": {"files": 1, "files_with_errors": 0, "warnings": 1, "infos": 0, "acknowledged": 0}}
//! ```
//!
//! Lines and columns are 1-based, columns count Unicode characters, `end_*` is exclusive.
//! Fields are only ever added, never renamed or removed, within `version` 1. The document is
//! written file by file, so memory does not grow with the number of drafts.

use std::io::{self, Write};

use super::{Render, RunInfo};
use crate::diagnostic::{Diagnostic, FileReport, Summary};
use crate::text::{HIGH_BITS, bytes_in_range, first_by_words};

#[derive(Default)]
pub struct Json {
    started: bool,
}

fn io_err(e: serde_json::Error) -> io::Error {
    // Keep the kind (a closed pipe is not an error of ours).
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

impl Json {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            w.write_all(b"{\"version\":1,\"files\":[\n")?;
            Ok(())
        } else {
            w.write_all(b",\n")
        }
    }
}

/// One file's JSON object as bytes (called on worker threads; see [`FileReport::rendered`]).
///
/// Written by hand rather than derived: a diagnostic's texts (reason, suggestion) are most of
/// the output, and [`json_str`] escapes them eight bytes at a time where serde_json looks at
/// every byte. The bytes are the same as serde_json's compact output of the derived
/// `Serialize` (a test compares them).
pub fn file_bytes(r: &FileReport) -> Vec<u8> {
    let mut buf = Vec::with_capacity(512 + 1200 * r.diagnostics.len());
    buf.extend_from_slice(b"{\"path\":");
    json_str(&mut buf, &r.path);
    buf.extend_from_slice(b",\"diagnostics\":[");
    for (i, d) in r.diagnostics.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        diagnostic(&mut buf, d);
    }
    buf.extend_from_slice(b"],\"warnings\":");
    // Serialising plain structs into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut buf, &r.warnings);
    buf.extend_from_slice(b",\"errors\":");
    let _ = serde_json::to_writer(&mut buf, &r.errors);
    buf.push(b'}');
    buf
}

/// A [`Diagnostic`] as JSON, its fields in declaration order like the derived `Serialize`.
fn diagnostic(buf: &mut Vec<u8>, d: &Diagnostic) {
    let text = |buf: &mut Vec<u8>, key: &str, value: &str| {
        buf.extend_from_slice(key.as_bytes());
        json_str(buf, value);
    };
    let number = |buf: &mut Vec<u8>, key: &str, n: usize| {
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    };
    let optional = |buf: &mut Vec<u8>, key: &str, value: &Option<String>| match value {
        Some(v) => text(buf, key, v),
        None => {
            buf.extend_from_slice(key.as_bytes());
            buf.extend_from_slice(b"null");
        }
    };
    text(buf, "{\"rule\":", &d.rule);
    text(buf, ",\"category\":", d.category.name());
    text(buf, ",\"severity\":", d.severity.name());
    text(buf, ",\"message\":", &d.message);
    text(buf, ",\"reason\":", &d.reason);
    text(buf, ",\"reference\":", &d.reference);
    text(buf, ",\"suggestion\":", &d.suggestion);
    number(buf, ",\"line\":", d.line);
    number(buf, ",\"column\":", d.column);
    number(buf, ",\"end_line\":", d.end_line);
    number(buf, ",\"end_column\":", d.end_column);
    number(buf, ",\"byte_start\":", d.byte_start);
    number(buf, ",\"byte_end\":", d.byte_end);
    optional(buf, ",\"image\":", &d.image);
    if !d.regions.is_empty() {
        buf.extend_from_slice(b",\"regions\":");
        let _ = serde_json::to_writer(&mut *buf, &d.regions);
    }
    optional(buf, ",\"acknowledged\":", &d.acknowledged);
    if !d.evidence.is_empty() {
        buf.extend_from_slice(b",\"evidence\":");
        let _ = serde_json::to_writer(&mut *buf, &d.evidence);
    }
    buf.push(b'}');
}

/// `s` as a JSON string, escaped as serde_json escapes: `"`, `\` and the control characters
/// below U+0020 (`\b \t \n \f \r` by name, the others as `\u00XX`); everything else as is.
/// The bytes that need no escape, nearly all of a text, are found eight at a time.
fn json_str(buf: &mut Vec<u8>, s: &str) {
    // Escaped: a control character, `"` or `\` (all ASCII: high bit of `x` clear).
    let hits = |x: u64| {
        let low = x & !HIGH_BITS;
        (bytes_in_range(low, 0, 0x20)
            | bytes_in_range(low, b'"', b'"' + 1)
            | bytes_in_range(low, b'\\', b'\\' + 1))
            & !x
    };
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let bytes = s.as_bytes();
    buf.push(b'"');
    let mut from = 0;
    while let Some(k) = first_by_words(&bytes[from..], hits, escaped) {
        let at = from + k;
        buf.extend_from_slice(&bytes[from..at]);
        let b = bytes[at];
        let short = match b {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            0x08 => Some(b'b'),
            b'\t' => Some(b't'),
            b'\n' => Some(b'n'),
            0x0C => Some(b'f'),
            b'\r' => Some(b'r'),
            _ => None,
        };
        match short {
            Some(c) => buf.extend_from_slice(&[b'\\', c]),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
            }
        }
        from = at + 1;
    }
    buf.extend_from_slice(&bytes[from..]);
    buf.push(b'"');
}

impl Render for Json {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        self.start(w)?;
        match &r.rendered {
            Some(bytes) => w.write_all(bytes),
            None => w.write_all(&file_bytes(r)),
        }
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary, _info: &RunInfo) -> io::Result<()> {
        if !self.started {
            w.write_all(b"{\"version\":1,\"files\":[")?;
        }
        w.write_all(b"\n],\"summary\":")?;
        serde_json::to_writer(&mut *w, s).map_err(io_err)?;
        w.write_all(b"}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{EvidenceItem, FileError, ImageRegion, Warning};
    use crate::rule::{Category, Severity};
    use serde::Serialize;

    /// What serde_json makes of the same report through the derived `Serialize`.
    #[derive(Serialize)]
    struct FileOut<'a> {
        path: &'a str,
        diagnostics: &'a [Diagnostic],
        warnings: &'a [Warning],
        errors: &'a [FileError],
    }

    fn reference(r: &FileReport) -> Vec<u8> {
        serde_json::to_vec(&FileOut {
            path: &r.path,
            diagnostics: &r.diagnostics,
            warnings: &r.warnings,
            errors: &r.errors,
        })
        .unwrap()
    }

    fn diag(text: &str, with_extras: bool, k: usize) -> Diagnostic {
        Diagnostic {
            rule: format!("x.{text}"),
            category: Category::ALL[k % Category::ALL.len()],
            severity: [Severity::Info, Severity::Warning][k % 2],
            message: format!("»{text}«"),
            reason: text.repeat(3),
            reference: "§ 5a Abs. 4 UWG".into(),
            suggestion: format!("{text}\\{text}\""),
            line: 1,
            column: 12,
            end_line: 345,
            end_column: 6789,
            byte_start: 0,
            byte_end: usize::MAX,
            image: with_extras.then(|| format!("bild {text}.jpg")),
            regions: if with_extras {
                vec![ImageRegion {
                    x: 1,
                    y: 2,
                    width: 30,
                    height: 40,
                }]
            } else {
                Vec::new()
            },
            acknowledged: with_extras.then(|| text.to_string()),
            evidence: if with_extras {
                vec![EvidenceItem {
                    kind: "concept",
                    label: "health".into(),
                    text: format!("{text}\n"),
                    line: 2,
                    column: 3,
                    byte_start: 4,
                    byte_end: 5,
                }]
            } else {
                Vec::new()
            },
        }
    }

    /// Byte for byte what serde_json writes: every control character, quotes and backslashes
    /// at every position of an eight-byte word, non-ASCII text, optional fields set and unset,
    /// every category and severity.
    #[test]
    fn writes_what_serde_json_writes() {
        let mut texts: Vec<String> = (0u8..0x20)
            .chain([b'"', b'\\', 0x7F, b'a'])
            .flat_map(|b| {
                (0..10).map(move |at| format!("{}{}{}", "ab".repeat(at), b as char, "Müller 🚒 "))
            })
            .collect();
        texts.extend(["".to_string(), "Straße, „Zitat“ und € – ok".to_string()]);
        for (k, t) in texts.iter().enumerate() {
            let r = FileReport {
                path: format!("drafts/{t}.md"),
                source: None,
                diagnostics: vec![diag(t, k % 2 == 0, k), diag(t, k % 2 == 1, k + 1)],
                warnings: vec![Warning {
                    message: t.clone(),
                    line: 2,
                    column: 3,
                }],
                errors: vec![FileError {
                    kind: "invalid-utf8",
                    message: t.clone(),
                    line: None,
                    column: Some(4),
                }],
                rendered: None,
            };
            assert_eq!(
                String::from_utf8(file_bytes(&r)).unwrap(),
                String::from_utf8(reference(&r)).unwrap()
            );
        }
        let empty = FileReport {
            path: "a.md".into(),
            source: None,
            diagnostics: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            rendered: None,
        };
        assert_eq!(file_bytes(&empty), reference(&empty));
    }
}
