//! Broken rule packs, shown like compiler errors: `file:line:col`, the line with the offending
//! value underlined, and what was expected.

use std::io::{self, Write};

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::rule::PackError;
use crate::text::clamp_span;

/// Render every error; each starts with a plain `path:line:col: message` line that editors and
/// CI logs can parse, followed by the annotated snippet.
pub fn render(w: &mut dyn Write, errors: &[PackError], color: bool) -> io::Result<()> {
    for e in errors.iter().take(MAX_SHOWN) {
        writeln!(w, "{e}")?;
        let text = &e.source.text;
        let span = clamp_span(text, e.range.clone());
        let path = e.source.path.as_str();
        let mut buf = Vec::new();
        Report::build(ReportKind::Error, (path, span.clone()))
            .with_config(
                Config::default()
                    .with_index_type(IndexType::Byte)
                    .with_color(color),
            )
            .with_message(
                if crate::config::FILE_NAMES.iter().any(|n| path.ends_with(n)) {
                    "broken configuration"
                } else {
                    "broken rule pack"
                },
            )
            .with_label(
                Label::new((path, span))
                    .with_message(&e.message)
                    .with_color(Color::Red),
            )
            .finish()
            .write((path, Source::from(text.as_str())), &mut buf)?;
        w.write_all(&buf)?;
    }
    if errors.len() > MAX_SHOWN {
        writeln!(
            w,
            "… and {} more errors in the rule packs (fix these first)",
            errors.len() - MAX_SHOWN
        )?;
    }
    Ok(())
}

/// Errors shown in full; a broken pack can produce thousands, and the first ones are what a
/// rule author fixes first.
const MAX_SHOWN: usize = 50;
