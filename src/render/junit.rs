//! JUnit XML for CI dashboards: one `<testsuite>` per draft, one `<testcase>` per finding
//! (warnings are failures, infos pass with their text in `system-out`, acknowledged findings are
//! skipped with the author's reason), a passing `<testcase>` for a draft without findings, and an
//! `<error>` for a draft that could not be read. Written file by file.

use std::io::{self, Write};

use super::{Render, RunInfo};
use crate::diagnostic::{FileReport, Summary};
use crate::rule::Severity;

#[derive(Default)]
pub struct Junit {
    started: bool,
}

/// Escape text for XML attributes and content; characters XML 1.0 forbids are dropped.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Render for Junit {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
            writeln!(w, "<testsuites name=\"leitplanke\">")?;
        }
        let failures = r
            .diagnostics
            .iter()
            .filter(|d| d.acknowledged.is_none() && d.severity == Severity::Warning)
            .count();
        let skipped = r
            .diagnostics
            .iter()
            .filter(|d| d.acknowledged.is_some())
            .count();
        let tests = r.diagnostics.len().max(1) + r.errors.len();
        writeln!(
            w,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{skipped}\">",
            xml(&r.path),
            r.errors.len()
        )?;
        for e in &r.errors {
            writeln!(
                w,
                "    <testcase classname=\"{}\" name=\"read\"><error type=\"{}\" message=\"{}\"/></testcase>",
                xml(&r.path),
                e.kind,
                xml(&e.message)
            )?;
        }
        if r.diagnostics.is_empty() && r.errors.is_empty() {
            writeln!(
                w,
                "    <testcase classname=\"{}\" name=\"guidelines\"/>",
                xml(&r.path)
            )?;
        }
        for d in &r.diagnostics {
            let name = format!("{} at {}:{}", d.rule, d.line, d.column);
            write!(
                w,
                "    <testcase classname=\"{}\" name=\"{}\">",
                xml(&r.path),
                xml(&name)
            )?;
            let body = format!(
                "{}\n{}\n{}\n{}",
                d.message, d.suggestion, d.reason, d.reference
            );
            match (&d.acknowledged, d.severity) {
                (Some(reason), _) => write!(
                    w,
                    "<skipped message=\"acknowledged: {}\"/><system-out>{}</system-out>",
                    xml(reason),
                    xml(&body)
                )?,
                (None, Severity::Warning) => write!(
                    w,
                    "<failure type=\"{}\" message=\"{}\">{}</failure>",
                    xml(&d.rule),
                    xml(&d.message),
                    xml(&body)
                )?,
                (None, Severity::Info) => write!(w, "<system-out>{}</system-out>", xml(&body))?,
            }
            writeln!(w, "</testcase>")?;
        }
        writeln!(w, "  </testsuite>")
    }

    fn finish(&mut self, w: &mut dyn Write, _s: &Summary, _info: &RunInfo) -> io::Result<()> {
        if !self.started {
            writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
            writeln!(w, "<testsuites name=\"leitplanke\">")?;
        }
        writeln!(w, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_and_drops_forbidden_characters() {
        assert_eq!(xml("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
