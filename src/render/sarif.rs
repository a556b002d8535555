//! SARIF 2.1.0 output (code-scanning dashboards, GitHub and Azure DevOps): one run with every
//! rule's metadata (id, short and full description, help with the legal reference, default
//! level), one result per finding with its region, acknowledged findings as suppressions with
//! the author's justification, input errors and front-matter warnings as tool notifications.
//! Columns are counted in Unicode code points (`columnKind: unicodeCodePoints`), like everywhere
//! else in leitplanke. Results are written file by file.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Render, RuleMeta, RunInfo};
use crate::diagnostic::{Diagnostic, FileReport, Summary};
use crate::rule::Severity;

pub struct Sarif {
    rules: Vec<RuleMeta>,
    version: &'static str,
    started: bool,
    first_result: bool,
    notifications: Vec<Value>,
}

impl Sarif {
    pub fn new(rules: Vec<RuleMeta>, version: &'static str) -> Sarif {
        Sarif {
            rules,
            version,
            started: false,
            first_result: true,
            notifications: Vec::new(),
        }
    }

    fn level(s: Severity) -> &'static str {
        match s {
            Severity::Warning => "warning",
            Severity::Info => "note",
        }
    }

    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": {"text": r.short},
                    "fullDescription": {"text": r.full},
                    "help": {
                        "text": format!("{}\n{}: {}", r.suggestion, r.basis_label, r.reference),
                        "markdown": format!("{}\n\n**{}:** {}", r.suggestion, r.basis_label, r.reference),
                    },
                    "defaultConfiguration": {"level": Self::level(r.severity)},
                    "properties": {"category": r.category, "tags": [r.category]},
                })
            })
            .collect();
        let driver = json!({
            "name": "leitplanke",
            "version": self.version,
            "semanticVersion": self.version,
            "informationUri": "https://github.com/leitplanke/leitplanke",
            "rules": rules,
        });
        w.write_all(
            b"{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":",
        )?;
        serde_json::to_writer(&mut *w, &driver).map_err(io::Error::other)?;
        w.write_all(b"},\"columnKind\":\"unicodeCodePoints\",\"results\":[\n")
    }

    fn result(&self, path: &str, d: &Diagnostic) -> Value {
        let rule_index = self.rules.iter().position(|r| r.id == d.rule);
        // An image checked on its own has no place in a text to point at.
        let region =
            (d.byte_end > 0 || d.line > 1 || d.column > 1 || d.image.is_none()).then(|| {
                json!({
                    "startLine": d.line,
                    "startColumn": d.column,
                    "endLine": d.end_line,
                    "endColumn": d.end_column,
                    "charOffset": d.byte_start,
                    "charLength": d.byte_end - d.byte_start,
                })
            });
        let mut physical = json!({"artifactLocation": {"uri": uri(path)}});
        if let Some(r) = region {
            physical["region"] = r;
        }
        let mut text = d.message.clone();
        if !d.suggestion.is_empty() {
            text.push(' ');
            text.push_str(&d.suggestion);
        }
        let mut v = json!({
            "ruleId": d.rule,
            "level": Self::level(d.severity),
            "message": {"text": text},
            "locations": [{"physicalLocation": physical}],
            "properties": {"category": d.category, "reference": d.reference},
        });
        if let Some(i) = rule_index {
            v["ruleIndex"] = json!(i);
        }
        if let Some(img) = &d.image {
            v["properties"]["image"] = json!(img);
            if img != path {
                v["relatedLocations"] = json!([{
                    "id": 1,
                    "physicalLocation": {"artifactLocation": {"uri": uri(img)}},
                    "message": {"text": "image"},
                }]);
            }
            if !d.regions.is_empty() {
                v["properties"]["regions"] = json!(d.regions);
            }
        }
        if let Some(reason) = &d.acknowledged {
            v["suppressions"] =
                json!([{"kind": "inSource", "status": "accepted", "justification": reason}]);
        }
        v
    }
}

/// A relative path as a URI reference (percent-encoding what URIs do not allow).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' | ':' => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

impl Render for Sarif {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        self.start(w)?;
        for d in &r.diagnostics {
            if !self.first_result {
                w.write_all(b",\n")?;
            }
            self.first_result = false;
            serde_json::to_writer(&mut *w, &self.result(&r.path, d)).map_err(io::Error::other)?;
        }
        for e in &r.errors {
            let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": uri(&r.path)}}});
            if let (Some(l), Some(c)) = (e.line, e.column) {
                loc["physicalLocation"]["region"] = json!({"startLine": l, "startColumn": c});
            }
            self.notifications.push(json!({
                "level": "error",
                "message": {"text": e.message},
                "descriptor": {"id": e.kind},
                "locations": [loc],
            }));
        }
        for warn in &r.warnings {
            self.notifications.push(json!({
                "level": "warning",
                "message": {"text": warn.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&r.path)},
                    "region": {"startLine": warn.line, "startColumn": warn.column},
                }}],
            }));
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary, _info: &RunInfo) -> io::Result<()> {
        self.start(w)?;
        let invocation = json!({
            "executionSuccessful": s.files_with_errors == 0,
            "toolExecutionNotifications": self.notifications,
        });
        w.write_all(b"\n],\"invocations\":[")?;
        serde_json::to_writer(&mut *w, &invocation).map_err(io::Error::other)?;
        w.write_all(b"]}]}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("posts/a b#1.md"), "posts/a%20b%231.md");
        assert_eq!(uri("fotos\\ä.jpg"), "fotos/%C3%A4.jpg");
    }
}
