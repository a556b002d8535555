//! Markdown for pasting a review into a ticket or an e-mail: per draft a heading and a list of
//! findings (severity, rule, position, message, what to do, legal basis), acknowledged findings
//! with the author's reason, and a summary per category at the end.

use std::io::{self, Write};

use super::{Render, RunInfo};
use crate::diagnostic::{FileReport, Summary};
use crate::platform::Lang;
use crate::rule::Severity;

pub struct Markdown {
    pub lang: Lang,
}

/// Escape characters that would start Markdown markup inside a line.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

impl Render for Markdown {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let de = self.lang == Lang::De;
        writeln!(w, "### {}\n", md(&r.path))?;
        for e in &r.errors {
            let pos = e
                .line
                .map(|l| format!(" ({} {l})", if de { "Zeile" } else { "line" }));
            writeln!(
                w,
                "- **{}**{}: {}",
                if de { "Fehler" } else { "Error" },
                pos.unwrap_or_default(),
                md(&e.message)
            )?;
        }
        for warn in &r.warnings {
            writeln!(
                w,
                "- **{}** ({} {}): {}",
                if de {
                    "Hinweis zum Kopf"
                } else {
                    "Front matter"
                },
                if de { "Zeile" } else { "line" },
                warn.line,
                md(&warn.message)
            )?;
        }
        if r.diagnostics.is_empty() && r.errors.is_empty() {
            writeln!(
                w,
                "{}",
                if de {
                    "Keine Hinweise."
                } else {
                    "No findings."
                }
            )?;
        }
        for d in &r.diagnostics {
            let sev = match (&d.acknowledged, d.severity, de) {
                (Some(_), _, true) => "Bestätigt",
                (Some(_), _, false) => "Acknowledged",
                (None, Severity::Warning, true) => "Warnung",
                (None, Severity::Warning, false) => "Warning",
                (None, Severity::Info, true) => "Hinweis",
                (None, Severity::Info, false) => "Note",
            };
            writeln!(
                w,
                "- **{sev}** `{}` ({} {}, {} {}): {}",
                d.rule,
                if de { "Zeile" } else { "line" },
                d.line,
                if de { "Spalte" } else { "column" },
                d.column,
                md(&d.message)
            )?;
            if let Some(reason) = &d.acknowledged {
                writeln!(
                    w,
                    "  - {}: {}",
                    if de { "Begründung" } else { "Reason" },
                    md(reason)
                )?;
            }
            if let Some(line) = crate::diagnostic::evidence_line(&d.evidence, self.lang) {
                writeln!(
                    w,
                    "  - {}: {}",
                    if de { "Weil" } else { "Because of" },
                    md(&line)
                )?;
            }
            writeln!(
                w,
                "  - {}: {}",
                if de { "Tipp" } else { "Tip" },
                md(&d.suggestion)
            )?;
            writeln!(
                w,
                "  - {}: {}",
                if de { "Grundlage" } else { "Basis" },
                md(&d.reference)
            )?;
        }
        writeln!(w)
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary, _info: &RunInfo) -> io::Result<()> {
        let de = self.lang == Lang::De;
        writeln!(
            w,
            "### {}\n",
            if de { "Zusammenfassung" } else { "Summary" }
        )?;
        writeln!(
            w,
            "{}: {} · {}: {} · {}: {} · {}: {}\n",
            if de { "Entwürfe" } else { "Drafts" },
            s.files,
            if de { "Warnungen" } else { "Warnings" },
            s.warnings,
            if de { "Hinweise" } else { "Notes" },
            s.infos,
            if de { "Bestätigt" } else { "Acknowledged" },
            s.acknowledged,
        )?;
        if !s.by_category.is_empty() {
            writeln!(
                w,
                "| {} | {} |\n|---|---|",
                if de { "Bereich" } else { "Area" },
                if de { "Funde" } else { "Findings" }
            )?;
            for (c, n) in &s.by_category {
                writeln!(w, "| {} | {n} |", c.title(self.lang))?;
            }
        }
        Ok(())
    }
}
