//! The output of checking: [`Diagnostic`]s (one finding of one rule) and the per-file
//! [`FileReport`] every renderer works from.

use serde::Serialize;

use crate::draft::{Draft, InputError};
use crate::platform::Lang;
use crate::rule::{Category, Severity};

/// Face box or other image detail (filled by image checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRegion {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// One finding, fully resolved: the rule's texts in the chosen language and exact positions.
/// Lines and columns are 1-based; columns count Unicode characters; `end_*` is exclusive;
/// `byte_start`/`byte_end` are offsets into the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub reason: String,
    pub reference: String,
    pub suggestion: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// The image a finding is about (image checks), as written in the draft.
    pub image: Option<String>,
    /// Regions of the image the finding is about (face boxes, in pixels of the upright image).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<ImageRegion>,
    /// The author's reason when they acknowledged this finding.
    pub acknowledged: Option<String>,
    /// Why the rule fired: the words that matched each part of it (only for rules that
    /// combine several parts, such as `near`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceItem>,
}

/// One piece of a finding's evidence: a word that matched a part of the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceItem {
    /// `concept` (a word of a concept or term list) or `person` (the person anchor).
    pub kind: &'static str,
    /// The concept's name (`health`), `terms` for an inline list, or `person`.
    pub label: String,
    /// The words as written in the draft.
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl Diagnostic {
    /// Still counts for `--deny` (not acknowledged).
    pub fn is_open(&self) -> bool {
        self.acknowledged.is_none()
    }

    /// Free the texts (once the report is rendered) on the thread that made them, keeping
    /// what a run's summary counts: rule, category, severity and whether it was acknowledged.
    pub fn shed_text(&mut self) {
        for s in [
            &mut self.message,
            &mut self.reason,
            &mut self.reference,
            &mut self.suggestion,
        ] {
            *s = String::new();
        }
        self.image = None;
        self.regions = Vec::new();
        self.evidence = Vec::new();
    }
}

/// The evidence in one short line for people: the matched words in text order, quoted
/// (»Kollegin« … »Depression«), or `None` without evidence.
pub fn evidence_line(items: &[EvidenceItem], lang: Lang) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let quote = |t: &str| match lang {
        Lang::De => format!("»{t}«"),
        Lang::En => format!("“{t}”"),
    };
    let words: Vec<String> = items.iter().map(|e| quote(e.text.trim())).collect();
    Some(words.join(" … "))
}

/// A non-fatal note about the input (e.g. an unknown front-matter key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// An input error as it appears in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub kind: &'static str,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl FileError {
    pub fn from_input(e: &InputError, lang: Lang) -> FileError {
        FileError {
            kind: e.kind.code(),
            message: e.message(lang),
            line: e.line,
            column: e.column,
        }
    }
}

/// Everything known about one input file after checking.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// The draft's text (absent when it could not be read); renderers quote from it.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub warnings: Vec<Warning>,
    pub errors: Vec<FileError>,
    /// The report already rendered by the format (done on the worker thread that checked the
    /// file, so that formatting runs in parallel too); the renderer writes it as is.
    pub rendered: Option<Vec<u8>>,
}

impl FileReport {
    pub fn failed(path: impl Into<String>, e: &InputError, lang: Lang) -> FileReport {
        FileReport {
            path: path.into(),
            source: None,
            diagnostics: Vec::new(),
            warnings: Vec::new(),
            errors: vec![FileError::from_input(e, lang)],
            rendered: None,
        }
    }

    /// Report of a checked draft: diagnostics plus its front-matter warnings and errors.
    pub fn checked(draft: Draft, diagnostics: Vec<Diagnostic>, lang: Lang) -> FileReport {
        let warnings = draft
            .front
            .warnings
            .iter()
            .map(|w| {
                let (line, column) = draft.line_col(w.range.start);
                Warning {
                    message: match lang {
                        Lang::De => w.message_de.clone(),
                        Lang::En => w.message_en.clone(),
                    },
                    line,
                    column,
                }
            })
            .collect();
        let errors = draft
            .front_error
            .iter()
            .map(|e| FileError::from_input(e, lang))
            .collect();
        FileReport {
            path: draft.path,
            source: Some(draft.source),
            diagnostics,
            warnings,
            errors,
            rendered: None,
        }
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub acknowledged: usize,
    /// Findings (acknowledged ones included) per category.
    pub by_category: std::collections::BTreeMap<Category, usize>,
}

impl Summary {
    pub fn add(&mut self, r: &FileReport) {
        self.files += 1;
        if !r.errors.is_empty() {
            self.files_with_errors += 1;
        }
        for d in &r.diagnostics {
            *self.by_category.entry(d.category).or_default() += 1;
            if d.acknowledged.is_some() {
                self.acknowledged += 1;
            } else if d.severity == Severity::Warning {
                self.warnings += 1;
            } else {
                self.infos += 1;
            }
        }
    }
}
