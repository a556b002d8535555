//! Output formats: one file per format, all rendering the same [`FileReport`]s. A renderer is
//! fed file by file (so output streams) and finished with the run's summary.

mod human;
mod json;
pub mod pack_errors;

use std::io::{self, Write};
use std::str::FromStr;

pub use human::Human;
pub use json::{Json, file_bytes as json_file_bytes};

use crate::diagnostic::{FileReport, Summary};
use crate::platform::Lang;

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
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            _ => Err(format!("unknown format `{s}`, expected human or json")),
        }
    }
}

/// A renderer for a format.
pub fn renderer(format: Format, lang: Lang, color: bool) -> Box<dyn Render> {
    match format {
        Format::Human => Box::new(Human { lang, color }),
        Format::Json => Box::new(Json::default()),
    }
}
