//! GitHub Actions workflow commands: one annotation per finding
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), shown on the
//! pull request's changed lines. Infos become `notice`, input errors `error`; acknowledged
//! findings are shown as notices with the author's reason.

use std::io::{self, Write};

use super::{Render, RunInfo};
use crate::diagnostic::{FileReport, Summary};
use crate::platform::Lang;
use crate::rule::Severity;

pub struct Github {
    pub lang: Lang,
}

/// Escape a message (`%`, CR, LF) as the runner expects.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (additionally `:` and `,`).
fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Render for Github {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        for e in &r.errors {
            let pos = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(",line={l},col={c}"),
                _ => String::new(),
            };
            writeln!(
                w,
                "::error file={}{pos}::{}",
                prop(&r.path),
                data(&e.message)
            )?;
        }
        for warn in &r.warnings {
            writeln!(
                w,
                "::warning file={},line={},col={},title=front matter::{}",
                prop(&r.path),
                warn.line,
                warn.column,
                data(&warn.message)
            )?;
        }
        for d in &r.diagnostics {
            let (cmd, title, extra) = match (&d.acknowledged, d.severity) {
                (Some(reason), _) => (
                    "notice",
                    format!(
                        "{} ({})",
                        d.rule,
                        if self.lang == Lang::De {
                            "bestätigt"
                        } else {
                            "acknowledged"
                        }
                    ),
                    format!(
                        " — {}: {reason}",
                        if self.lang == Lang::De {
                            "Begründung"
                        } else {
                            "reason"
                        }
                    ),
                ),
                (None, Severity::Warning) => ("warning", d.rule.clone(), String::new()),
                (None, Severity::Info) => ("notice", d.rule.clone(), String::new()),
            };
            writeln!(
                w,
                "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{} {}{extra}",
                prop(&r.path),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                prop(&title),
                data(&d.message),
                data(&d.suggestion),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _w: &mut dyn Write, _s: &Summary, _info: &RunInfo) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(prop("a:b,c"), "a%3Ab%2Cc");
    }
}
