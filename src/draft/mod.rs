//! Input stage: bytes of a file (or stdin) → [`Draft`]: the original text, its front matter,
//! the body range, normalised views for matching and the structure rules are scoped to. All
//! positions are byte offsets into the original text, so diagnostics point at the file as the
//! author sees it.

pub mod acks;
pub mod attachments;
pub mod front_matter;
pub mod sentences;
pub mod structure;

use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;

pub use front_matter::{Ack, Consent, FrontMatter, ImageRef};
pub use structure::Structure;

use crate::platform::Lang;
use crate::text::{LineIndex, View};

/// Default size limit for one draft (1 MiB).
pub const DEFAULT_MAX_SIZE: u64 = 1024 * 1024;

/// A draft ready for checking.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The path as given by the user (`-` for stdin).
    pub path: String,
    /// The original text, exactly as read.
    pub source: String,
    /// The post itself: everything after the front matter (and after a BOM).
    pub body: Range<usize>,
    pub front: FrontMatter,
    pub lines: LineIndex,
    /// NFC view of `source` (regexes run here).
    pub normalized: View,
    /// NFKC + case-folded view of `source` (the term automaton runs here).
    pub folded: View,
    pub structure: Structure,
    /// Acknowledgements: the front matter's (whole draft) and inline ones (next paragraph).
    pub acks: Vec<Ack>,
    /// Images named in the front matter, the body or on the command line.
    pub images: Vec<crate::images::Attachment>,
    /// A front-matter block that could not be parsed (the body is still checked).
    pub front_error: Option<InputError>,
}

impl Draft {
    /// Build a draft from text. Never fails: a broken front matter is recorded in
    /// `front_error` and the body is checked with defaults.
    pub fn parse(path: impl Into<String>, source: String) -> Draft {
        let bom = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
        let lines = LineIndex::new(&source);
        let mut front = FrontMatter::default();
        let mut front_error = None;
        let mut body = bom..source.len();
        if let Some((block, yaml)) = front_matter::split(&source, bom) {
            body = block.end..source.len();
            match front_matter::parse(&source[yaml.clone()], yaml.start) {
                Ok(fm) => front = fm,
                Err(e) => {
                    let (line, column) = lines.line_col(&source, e.offset);
                    front_error = Some(InputError {
                        kind: InputErrorKind::FrontMatter,
                        detail: e.message,
                        line: Some(line),
                        column: Some(column),
                    });
                }
            }
            front.block = Some(block);
        }
        let structure = Structure::parse(&source, body.clone());
        let (normalized, folded) = View::pair(&source);
        let path = path.into();
        let images = attachments::collect(&path, &source, body.clone(), &front);
        let mut acks = front.acknowledge.clone();
        if !structure.comments.is_empty() {
            acks.extend(acks::inline(
                &source,
                body.clone(),
                &structure.comments,
                &structure.paragraphs,
            ));
        }
        Draft {
            path,
            acks,
            images,
            normalized,
            folded,
            source,
            body,
            front,
            lines,
            structure,
            front_error,
        }
    }

    /// Read and inspect every attached image (in parallel).
    pub fn inspect_images(&mut self, opts: crate::images::ImageOptions) {
        use rayon::prelude::*;
        self.images.par_iter_mut().for_each(|a| a.inspect(opts));
    }

    pub fn body_text(&self) -> &str {
        &self.source[self.body.clone()]
    }

    /// 1-based (line, column) of a byte offset in the original text; columns count characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.source, offset)
    }
}

/// Why a file could not be checked (or was checked only in part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputErrorKind {
    NotFound,
    Unreadable,
    InvalidUtf8,
    Binary,
    Empty,
    TooLarge,
    FrontMatter,
}

impl InputErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            InputErrorKind::NotFound => "not-found",
            InputErrorKind::Unreadable => "unreadable",
            InputErrorKind::InvalidUtf8 => "invalid-utf8",
            InputErrorKind::Binary => "binary",
            InputErrorKind::Empty => "empty",
            InputErrorKind::TooLarge => "too-large",
            InputErrorKind::FrontMatter => "front-matter",
        }
    }
}

/// An input error for one file, with a position where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub kind: InputErrorKind,
    /// Specific detail (English; from the OS or the YAML parser).
    pub detail: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl InputError {
    fn new(kind: InputErrorKind, detail: impl Into<String>) -> Self {
        InputError {
            kind,
            detail: detail.into(),
            line: None,
            column: None,
        }
    }

    /// A complete, localised sentence for people.
    pub fn message(&self, lang: Lang) -> String {
        use InputErrorKind::*;
        let head = match (self.kind, lang) {
            (NotFound, Lang::De) => "Datei nicht gefunden",
            (NotFound, Lang::En) => "file not found",
            (Unreadable, Lang::De) => "Datei konnte nicht gelesen werden",
            (Unreadable, Lang::En) => "file could not be read",
            (InvalidUtf8, Lang::De) => "kein gültiger UTF-8-Text; bitte als UTF-8 speichern",
            (InvalidUtf8, Lang::En) => "not valid UTF-8 text; please save it as UTF-8",
            (Binary, Lang::De) => "sieht nach einer Binärdatei aus, nicht nach einem Textentwurf",
            (Binary, Lang::En) => "looks like a binary file, not a text draft",
            (Empty, Lang::De) => "der Entwurf ist leer",
            (Empty, Lang::En) => "the draft is empty",
            (TooLarge, Lang::De) => "Datei ist größer als das Limit und wurde nicht geprüft",
            (TooLarge, Lang::En) => "file is larger than the limit and was not checked",
            (FrontMatter, Lang::De) => {
                "Front Matter konnte nicht gelesen werden (der Text wurde trotzdem geprüft)"
            }
            (FrontMatter, Lang::En) => {
                "front matter could not be read (the text was still checked)"
            }
        };
        if self.detail.is_empty() {
            head.to_string()
        } else {
            format!("{head}: {}", self.detail)
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Read a draft file, enforcing the size limit before reading it whole.
pub fn read_file(path: &Path, max_size: u64) -> Result<String, InputError> {
    let mut file = std::fs::File::open(path).map_err(|e| io_error(&e))?;
    let len = match file.metadata() {
        Ok(meta) if meta.is_dir() => {
            return Err(InputError::new(
                InputErrorKind::Unreadable,
                "is a directory",
            ));
        }
        Ok(meta) if meta.len() > max_size => return Err(too_large(meta.len(), max_size)),
        Ok(meta) => meta.len() as usize,
        Err(_) => 0,
    };
    if len == 0 {
        // Size unknown (a pipe, a file in /proc) or an empty file: read until the end.
        return read_with_hint(file, max_size, 0);
    }
    // As many bytes as the file had when it was opened, without a second read that only
    // finds the end: a draft written while it is read is read as it was (and a file system
    // that reports a stale size, such as some network ones, gives a draft cut at that size).
    let mut bytes = vec![0; len];
    let mut got = 0;
    while got < len {
        match file.read(&mut bytes[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(&e)),
        }
    }
    bytes.truncate(got);
    decode(bytes)
}

/// Read from any reader (stdin) with the size limit.
pub fn read_limited(reader: impl Read, max_size: u64) -> Result<String, InputError> {
    read_with_hint(reader, max_size, 0)
}

/// Read at most `max_size + 1` bytes; `hint` (the file size, when known) sizes the buffer so
/// that a file is read with one call.
fn read_with_hint(reader: impl Read, max_size: u64, hint: usize) -> Result<String, InputError> {
    let mut bytes = Vec::with_capacity(hint.saturating_add(1));
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64, max_size));
    }
    decode(bytes)
}

fn too_large(size: u64, max: u64) -> InputError {
    InputError::new(
        InputErrorKind::TooLarge,
        format!(
            "{} > {} (raise it with --max-size)",
            human_size(size),
            human_size(max)
        ),
    )
}

fn human_size(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

fn io_error(e: &std::io::Error) -> InputError {
    let kind = if e.kind() == std::io::ErrorKind::NotFound {
        InputErrorKind::NotFound
    } else {
        InputErrorKind::Unreadable
    };
    InputError::new(
        kind,
        if kind == InputErrorKind::NotFound {
            String::new()
        } else {
            e.to_string()
        },
    )
}

/// Bytes → text, classifying binary files, invalid UTF-8 and empty drafts.
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = memchr::memchr_iter(0, head).count();
    let looks_binary = nuls > 0 && (nuls * 10 > head.len() || std::str::from_utf8(&bytes).is_err());
    if looks_binary || is_known_binary_magic(head) {
        return Err(InputError::new(InputErrorKind::Binary, ""));
    }
    match String::from_utf8(bytes) {
        Ok(s) => {
            if s.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
                .is_empty()
            {
                Err(InputError::new(InputErrorKind::Empty, ""))
            } else {
                Ok(s)
            }
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // The valid prefix is text, so line/column of the first bad byte can be given.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            let li = LineIndex::new(prefix);
            let (line, column) = li.line_col(prefix, prefix.len());
            Err(InputError {
                kind: InputErrorKind::InvalidUtf8,
                detail: format!(
                    "invalid byte 0x{:02X} at line {line}, column {column}",
                    bytes[valid]
                ),
                line: Some(line),
                column: Some(column),
            })
        }
    }
}

fn is_known_binary_magic(head: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x7FELF",
    ];
    MAGIC.iter().any(|m| head.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_starts_after_front_matter_and_bom() {
        let d = Draft::parse("t.md", "\u{FEFF}---\nlang: en\n---\nHello".into());
        assert_eq!(d.body_text(), "Hello");
        assert_eq!(d.front.lang, Some(Lang::En));
        let d = Draft::parse("t.md", "\u{FEFF}Hallo".into());
        assert_eq!(d.body_text(), "Hallo");
    }

    #[test]
    fn broken_front_matter_keeps_body() {
        let d = Draft::parse("t.md", "---\nplatform: [\n---\nText mit Werbung".into());
        let e = d.front_error.as_ref().unwrap();
        assert_eq!(e.kind, InputErrorKind::FrontMatter);
        assert!(e.line.unwrap() >= 2);
        assert_eq!(d.body_text(), "Text mit Werbung");
    }

    #[test]
    fn decode_classifies_bad_input() {
        assert_eq!(
            decode(b"".to_vec()).unwrap_err().kind,
            InputErrorKind::Empty
        );
        assert_eq!(
            decode(b" \n\t ".to_vec()).unwrap_err().kind,
            InputErrorKind::Empty
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err().kind,
            InputErrorKind::Binary
        );
        let e = decode(b"ok\nab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::InvalidUtf8);
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        // A stray NUL in otherwise valid text is still text.
        assert!(decode(b"Hallo\0 Welt, das ist ein ganz normaler Text".to_vec()).is_ok());
    }

    #[test]
    fn size_limit_is_enforced_while_reading() {
        let e = read_limited(&b"0123456789"[..], 5).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::TooLarge);
        assert_eq!(read_limited(&b"01234"[..], 5).unwrap(), "01234");
    }

    #[test]
    fn files_are_read_whole_and_bad_ones_are_told_apart() {
        let dir = std::env::temp_dir().join(format!("leitplanke-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = "Grüße aus dem Bürgerbüro. ".repeat(2000);
        let path = dir.join("big.md");
        std::fs::write(&path, &big).unwrap();
        assert_eq!(read_file(&path, 1 << 20).unwrap(), big);
        let e = read_file(&path, 1000).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::TooLarge);
        let empty = dir.join("empty.md");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(
            read_file(&empty, 1 << 20).unwrap_err().kind,
            InputErrorKind::Empty
        );
        let e = read_file(&dir, 1 << 20).unwrap_err();
        assert_eq!(
            (e.kind, e.detail.as_str()),
            (InputErrorKind::Unreadable, "is a directory")
        );
        let e = read_file(&dir.join("missing.md"), 1 << 20).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::NotFound);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
