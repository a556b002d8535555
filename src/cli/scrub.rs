//! `leitplanke scrub`: remove EXIF, XMP and IPTC from photos without re-encoding them.
//! Writes new files (`photo.clean.jpg` by default) and only replaces an original with
//! `--in-place`; an existing output file is never overwritten.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::images::scrub::scrub;
use crate::platform::Lang;

#[derive(Debug, Args)]
pub struct ScrubArgs {
    /// Photos to clean (JPEG, PNG, WebP).
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<PathBuf>,
    /// Output file (one image) or existing folder (several images).
    #[arg(short = 'o', long = "output", value_name = "PATH", conflicts_with_all = ["suffix", "in_place"])]
    pub output: Option<PathBuf>,
    /// Write the result next to the original, with this suffix before the extension.
    #[arg(
        long,
        value_name = "SUFFIX",
        default_value = ".clean",
        conflicts_with = "in_place"
    )]
    pub suffix: String,
    /// Replace the original file (written to a temporary file first, then renamed).
    #[arg(long)]
    pub in_place: bool,
    /// Language of the messages.
    #[arg(long, value_parser = |s: &str| s.parse::<Lang>())]
    pub lang: Option<Lang>,
}

/// Where the cleaned copy of `input` goes.
fn target(a: &ScrubArgs, input: &Path) -> Result<PathBuf, String> {
    if a.in_place {
        return Ok(input.to_path_buf());
    }
    if let Some(o) = &a.output {
        if a.images.len() == 1 && !o.is_dir() {
            return Ok(o.clone());
        }
        if !o.is_dir() {
            return Err(format!(
                "{}: with several images, -o must be an existing folder",
                o.display()
            ));
        }
        return Ok(o.join(input.file_name().unwrap_or_default()));
    }
    let stem = input.file_stem().unwrap_or_default().to_string_lossy();
    let name = match input.extension() {
        Some(ext) => format!("{stem}{}.{}", a.suffix, ext.to_string_lossy()),
        None => format!("{stem}{}", a.suffix),
    };
    Ok(input.with_file_name(name))
}

/// Write `bytes` to `to` through a temporary file in the same folder, so that a crash never
/// leaves half a file.
fn write_atomically(to: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    if !replace && to.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "exists already; not overwritten",
        ));
    }
    let dir = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.leitplanke-{}.tmp",
        to.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let res = fs::write(&tmp, bytes).and_then(|_| {
        if !replace && to.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "exists already; not overwritten",
            ));
        }
        fs::rename(&tmp, to)
    });
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res
}

pub fn run(a: ScrubArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let de = a.lang.unwrap_or_else(Lang::from_env) == Lang::De;
    let mut failed = false;
    for input in &a.images {
        let result = (|| -> Result<String, String> {
            let to = target(&a, input)?;
            let bytes = fs::read(input).map_err(|e| e.to_string())?;
            if bytes.len() as u64 > crate::images::MAX_FILE {
                return Err("file too large".into());
            }
            let s = scrub(bytes).map_err(|e| e.to_string())?;
            write_atomically(&to, &s.bytes, a.in_place)
                .map_err(|e| format!("{}: {e}", to.display()))?;
            let removed = if s.removed.is_empty() {
                if de {
                    "keine Metadaten gefunden".to_string()
                } else {
                    "no metadata found".to_string()
                }
            } else if de {
                format!("entfernt: {}", s.removed.join(", "))
            } else {
                format!("removed {}", s.removed.join(", "))
            };
            let kept = match (s.orientation, de) {
                (Some(o), true) => format!(" (Ausrichtung {o} behalten)"),
                (Some(o), false) => format!(" (orientation {o} kept)"),
                (None, _) => String::new(),
            };
            Ok(format!(
                "{} → {}: {removed}{kept}",
                input.display(),
                to.display()
            ))
        })();
        match result {
            Ok(line) => writeln!(out, "{line}")?,
            Err(e) => {
                failed = true;
                writeln!(
                    err,
                    "{}: {}: {e}",
                    input.display(),
                    if de { "Fehler" } else { "error" }
                )?;
            }
        }
    }
    Ok(if failed { 2 } else { 0 })
}
