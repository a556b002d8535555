//! Output formats: one file per format, all rendering the same [`FileReport`]s. A renderer is
//! fed file by file (so output streams) and finished with the run's summary.

mod github;
mod human;
mod json;
mod junit;
mod markdown;
pub mod pack_errors;
mod sarif;

use std::io::{self, Write};
use std::str::FromStr;

pub use github::Github;
pub use human::Human;
pub use json::{Json, file_bytes as json_file_bytes};
pub use junit::Junit;
pub use markdown::Markdown;
pub use sarif::Sarif;

use crate::diagnostic::{FileReport, Summary};
use crate::platform::Lang;
use crate::rule::{Rule, Severity};

/// A rule as formats that list rules (SARIF) show it, in the chosen language.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub category: &'static str,
    pub severity: Severity,
    /// The message with placeholders shortened to `…`.
    pub short: String,
    pub full: String,
    pub suggestion: String,
    pub reference: String,
    pub basis_label: &'static str,
}

impl RuleMeta {
    pub fn of(r: &Rule, lang: Lang) -> RuleMeta {
        let mut short = String::new();
        let mut rest = r.message.get(lang);
        while let Some(i) = rest.find('{') {
            short.push_str(&rest[..i]);
            short.push('…');
            rest = rest[i..].find('}').map_or("", |e| &rest[i + e + 1..]);
        }
        short.push_str(rest);
        RuleMeta {
            id: r.id.clone(),
            category: r.category.name(),
            severity: r.severity,
            short,
            full: r.reason.get(lang).to_string(),
            suggestion: r.suggestion.get(lang).replace(['{', '}'], ""),
            reference: r.reference.clone(),
            basis_label: match lang {
                Lang::De => "Grundlage",
                Lang::En => "Basis",
            },
        }
    }
}

/// Facts about the run that a format may print.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    pub tool_version: &'static str,
}

/// One output format.
pub trait Render {
    fn file(&mut self, w: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary, info: &RunInfo) -> io::Result<()>;
}

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Markdown,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            "junit" => Ok(Format::Junit),
            "markdown" => Ok(Format::Markdown),
            _ => Err(format!(
                "unknown format `{s}`, expected human, json, sarif, github, junit or markdown"
            )),
        }
    }
}

/// A renderer for a format (`rules`: the engine's rules, for formats that list them).
pub fn renderer(format: Format, lang: Lang, color: bool, rules: &[Rule]) -> Box<dyn Render> {
    match format {
        Format::Human => Box::new(Human { lang, color }),
        Format::Json => Box::new(Json::default()),
        Format::Sarif => Box::new(Sarif::new(
            rules.iter().map(|r| RuleMeta::of(r, lang)).collect(),
            env!("CARGO_PKG_VERSION"),
        )),
        Format::Github => Box::new(Github { lang }),
        Format::Junit => Box::new(Junit::default()),
        Format::Markdown => Box::new(Markdown { lang }),
    }
}
