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

use serde::Serialize;

use super::{Render, RunInfo};
use crate::diagnostic::{Diagnostic, FileError, FileReport, Summary, Warning};

#[derive(Default)]
pub struct Json {
    started: bool,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    diagnostics: &'a [Diagnostic],
    warnings: &'a [Warning],
    errors: &'a [FileError],
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
pub fn file_bytes(r: &FileReport) -> Vec<u8> {
    let out = FileOut {
        path: &r.path,
        diagnostics: &r.diagnostics,
        warnings: &r.warnings,
        errors: &r.errors,
    };
    let mut buf = Vec::with_capacity(512 + 700 * r.diagnostics.len());
    // Serialising plain structs into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut buf, &out);
    buf
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
