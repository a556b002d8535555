//! Human output: each finding with its span underlined in context (ariadne), the message, what
//! to do, why, and the legal reference; then a one-line summary. Colour only when asked for
//! (the CLI enables it on a terminal without `NO_COLOR`).

use std::io::{self, Write};

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

use super::{Render, RunInfo};
use crate::diagnostic::{Diagnostic, FileReport, Summary};
use crate::platform::Lang;
use crate::rule::Severity;
use crate::text::clamp_span;

/// Lines longer than this are shown as an excerpt around the finding.
const LONG_LINE: usize = 400;
/// Findings of one rule shown per file in human output (the JSON output has all of them).
const MAX_PER_RULE: usize = 20;

pub struct Human {
    pub lang: Lang,
    pub color: bool,
}

struct Words {
    tip: &'static str,
    because: &'static str,
    why: &'static str,
    basis: &'static str,
    acknowledged: &'static str,
    hint: &'static str,
    here: &'static str,
    warning: &'static str,
    error: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::De => Words {
            tip: "Tipp",
            because: "Weil",
            why: "Warum",
            basis: "Grundlage",
            acknowledged: "bestätigt",
            hint: "Hinweis",
            here: "hier",
            warning: "Warnung",
            error: "Fehler",
        },
        Lang::En => Words {
            tip: "Tip",
            because: "Because of",
            why: "Why",
            basis: "Basis",
            acknowledged: "acknowledged",
            hint: "info",
            here: "here",
            warning: "warning",
            error: "error",
        },
    }
}

impl Human {
    fn diagnostic<'a>(
        &self,
        w: &mut dyn Write,
        r: &'a FileReport,
        cache: &mut (&'a str, Source<&'a str>),
        d: &Diagnostic,
    ) -> io::Result<()> {
        let src: &str = cache.1.text();
        let wd = words(self.lang);
        let (title, color) = match (d.severity, &d.acknowledged) {
            (_, Some(_)) => (wd.acknowledged, Color::Green),
            (Severity::Warning, None) => (wd.warning, Color::Yellow),
            (Severity::Info, None) => (wd.hint, Color::Cyan),
        };
        let span = clamp_span(src, d.byte_start..d.byte_end);
        // ariadne prints whole lines; on a very long line show an excerpt instead.
        let line_start = src[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line_end = src[span.end..]
            .find(['\n', '\r'])
            .map_or(src.len(), |i| span.end + i);
        if span.is_empty() && d.image.is_some() && src.trim().is_empty() {
            // An image checked on its own: nothing to quote.
            writeln!(w, "[{}] {title}: {}", d.rule, d.message)?;
            writeln!(w, "   --> {}", d.image.as_deref().unwrap_or(&r.path))?;
        } else if line_end - line_start > LONG_LINE {
            let from = src.floor_char_boundary(span.start.saturating_sub(60).max(line_start));
            let to = src.ceil_char_boundary((span.end + 60).min(line_end).max(span.end));
            writeln!(w, "[{}] {title}: {}", d.rule, d.message)?;
            writeln!(w, "   --> {}:{}:{}", r.path, d.line, d.column)?;
            writeln!(w, "   | …{}…", src[from..to].replace(['\n', '\r'], " "))?;
        } else {
            self.snippet(
                w,
                r,
                cache,
                d,
                ReportKind::Custom(title, color),
                color,
                span,
            )?;
        }
        if let Some(reason) = &d.acknowledged {
            writeln!(w, "   = {}: {reason}", wd.acknowledged)?;
        }
        if let Some(line) = crate::diagnostic::evidence_line(&d.evidence, self.lang) {
            writeln!(w, "   = {}: {line}", wd.because)?;
        }
        writeln!(w, "   = {}: {}", wd.tip, d.suggestion)?;
        writeln!(w, "   = {}: {}", wd.why, d.reason)?;
        writeln!(w, "   = {}: {}", wd.basis, d.reference)?;
        writeln!(w)
    }

    #[allow(clippy::too_many_arguments)]
    fn snippet<'a>(
        &self,
        w: &mut dyn Write,
        r: &'a FileReport,
        cache: &mut (&'a str, Source<&'a str>),
        d: &Diagnostic,
        kind: ReportKind<'_>,
        color: Color,
        span: std::ops::Range<usize>,
    ) -> io::Result<()> {
        let wd = words(self.lang);
        let report = Report::build(kind, (r.path.as_str(), span.clone()))
            .with_config(
                Config::default()
                    .with_index_type(IndexType::Byte)
                    .with_color(self.color),
            )
            .with_code(&d.rule)
            .with_message(&d.message)
            .with_label(
                Label::new((r.path.as_str(), span))
                    .with_message(wd.here)
                    .with_color(color),
            );
        let mut buf = Vec::new();
        report.finish().write(&mut *cache, &mut buf)?;
        if !self.color {
            // ariadne colours custom report kinds even when colour is off.
            buf = strip_ansi(&buf);
        }
        w.write_all(&buf)
    }
}

impl Render for Human {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let wd = words(self.lang);
        for e in &r.errors {
            let pos = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                _ => String::new(),
            };
            writeln!(
                w,
                "{}{}{pos}: {}: {}",
                paint(self.color, "\x1b[1;31m"),
                r.path,
                wd.error,
                e.message
            )?;
            if self.color {
                write!(w, "\x1b[0m")?;
            }
        }
        for warn in &r.warnings {
            writeln!(
                w,
                "{}:{}:{}: {}: {}",
                r.path, warn.line, warn.column, wd.hint, warn.message
            )?;
        }
        if let Some(src) = &r.source {
            // One line table per file, shared by all its findings.
            let mut cache = (r.path.as_str(), Source::from(src.as_str()));
            let mut per_rule: std::collections::BTreeMap<&str, usize> = Default::default();
            for d in &r.diagnostics {
                let n = per_rule.entry(d.rule.as_str()).or_default();
                *n += 1;
                if *n <= MAX_PER_RULE {
                    self.diagnostic(w, r, &mut cache, d)?;
                }
            }
            for (rule, n) in per_rule.into_iter().filter(|(_, n)| *n > MAX_PER_RULE) {
                let more = n - MAX_PER_RULE;
                match self.lang {
                    Lang::De => writeln!(
                        w,
                        "{}: … und {more} weitere Funde von [{rule}] (alle mit --format json)",
                        r.path
                    )?,
                    Lang::En => writeln!(
                        w,
                        "{}: … and {more} more findings of [{rule}] (all of them with --format json)",
                        r.path
                    )?,
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary, _info: &RunInfo) -> io::Result<()> {
        let line = match self.lang {
            Lang::De => format!(
                "{} {} geprüft: {} {}, {} {}{}{}",
                s.files,
                if s.files == 1 { "Datei" } else { "Dateien" },
                s.warnings,
                if s.warnings == 1 {
                    "Warnung"
                } else {
                    "Warnungen"
                },
                s.infos,
                if s.infos == 1 { "Hinweis" } else { "Hinweise" },
                if s.acknowledged > 0 {
                    format!(", {} bestätigt", s.acknowledged)
                } else {
                    String::new()
                },
                if s.files_with_errors > 0 {
                    format!(", {} nicht lesbar", s.files_with_errors)
                } else {
                    String::new()
                },
            ),
            Lang::En => format!(
                "{} {} checked: {} {}, {} {}{}{}",
                s.files,
                if s.files == 1 { "file" } else { "files" },
                s.warnings,
                if s.warnings == 1 {
                    "warning"
                } else {
                    "warnings"
                },
                s.infos,
                if s.infos == 1 { "info" } else { "infos" },
                if s.acknowledged > 0 {
                    format!(", {} acknowledged", s.acknowledged)
                } else {
                    String::new()
                },
                if s.files_with_errors > 0 {
                    format!(", {} with errors", s.files_with_errors)
                } else {
                    String::new()
                },
            ),
        };
        writeln!(
            w,
            "{}{line}{}",
            paint(self.color, "\x1b[1m"),
            paint(self.color, "\x1b[0m")
        )?;
        // For batch runs, the findings per category.
        if s.files > 1 && !s.by_category.is_empty() {
            let parts: Vec<String> = s
                .by_category
                .iter()
                .map(|(c, n)| format!("{} {n}", c.title(self.lang)))
                .collect();
            writeln!(w, "  {}", parts.join(" · "))?;
        }
        Ok(())
    }
}

/// Remove ANSI SGR sequences (`ESC [ … m`).
fn strip_ansi(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0x1b && b.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b';') {
                j += 1;
            }
            if b.get(j) == Some(&b'm') {
                i = j + 1;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn paint(on: bool, code: &'static str) -> &'static str {
    if on { code } else { "" }
}
