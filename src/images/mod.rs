//! Images attached to a draft: what is known about each one (metadata read without decoding,
//! then faces and QR codes from the pixels) and the facts image rules test.
//!
//! Nothing here sends an image anywhere or writes it anywhere; files are read once into memory
//! (up to [`MAX_FILE`]) and every reader is bounded.

pub mod meta;
pub mod pixels;
pub mod scrub;

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use img_parts::Bytes;

pub use meta::{Field, Metadata};
pub use pixels::PixelFacts;

use crate::diagnostic::ImageRegion;

/// Largest image file that is read.
pub const MAX_FILE: u64 = 100 * 1024 * 1024;

/// Container formats recognised by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    Gif,
    Tiff,
    /// HEIC/HEIF/AVIF (ISO base media file format): metadata only.
    Heif,
}

impl Format {
    pub fn sniff(b: &[u8]) -> Option<Format> {
        Some(if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Format::Jpeg
        } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
            Format::Png
        } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
            Format::WebP
        } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
            Format::Gif
        } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
            Format::Tiff
        } else if b.len() >= 12
            && &b[4..8] == b"ftyp"
            && matches!(
                &b[8..12],
                b"heic"
                    | b"heix"
                    | b"hevc"
                    | b"hevx"
                    | b"heim"
                    | b"heis"
                    | b"mif1"
                    | b"msf1"
                    | b"avif"
                    | b"avis"
            )
        {
            Format::Heif
        } else {
            return None;
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::WebP => "webp",
            Format::Gif => "gif",
            Format::Tiff => "tiff",
            Format::Heif => "heif",
        }
    }
}

/// File name extensions that are treated as images when given as inputs.
pub const EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "heic", "heif", "avif",
];

pub fn has_image_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// How much of an image to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageOptions {
    /// Decode the pixels (faces, QR codes). Off: metadata only.
    pub pixels: bool,
}

impl Default for ImageOptions {
    fn default() -> Self {
        ImageOptions { pixels: true }
    }
}

/// What was learnt about one image file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageFacts {
    pub format: Format,
    /// Width and height as stored (before orientation), when the header could be read.
    pub dimensions: Option<(u32, u32)>,
    pub meta: Metadata,
    /// Pixel results; `Err` says why the pixels could not be looked at; `None` when not asked.
    pub pixels: Option<Result<PixelFacts, String>>,
}

impl ImageFacts {
    /// Width and height as the image is shown (EXIF orientation applied).
    pub fn upright(&self) -> Option<(u32, u32)> {
        let (w, h) = self.dimensions?;
        Some(if self.meta.orientation.is_some_and(|o| o >= 5) {
            (h, w)
        } else {
            (w, h)
        })
    }

    pub fn faces(&self) -> &[ImageRegion] {
        match &self.pixels {
            Some(Ok(p)) => &p.faces,
            _ => &[],
        }
    }
}

/// Why an image could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    NotFound,
    Io(String),
    TooLarge(u64),
    Empty,
    NotAnImage,
    Remote,
}

impl ImageError {
    pub fn message(&self, lang: crate::platform::Lang) -> String {
        use crate::platform::Lang::*;
        match (self, lang) {
            (ImageError::NotFound, De) => "Datei nicht gefunden".into(),
            (ImageError::NotFound, En) => "file not found".into(),
            (ImageError::Io(e), De) => format!("Datei nicht lesbar ({e})"),
            (ImageError::Io(e), En) => format!("file cannot be read ({e})"),
            (ImageError::TooLarge(n), De) => format!(
                "Datei ist {} MiB groß, mehr als {} MiB",
                n / (1024 * 1024),
                MAX_FILE / (1024 * 1024)
            ),
            (ImageError::TooLarge(n), En) => format!(
                "file is {} MiB, more than {} MiB",
                n / (1024 * 1024),
                MAX_FILE / (1024 * 1024)
            ),
            (ImageError::Empty, De) => "Datei ist leer".into(),
            (ImageError::Empty, En) => "file is empty".into(),
            (ImageError::NotAnImage, De) => {
                "kein Bild in einem bekannten Format (JPEG, PNG, WebP, GIF, TIFF, HEIC)".into()
            }
            (ImageError::NotAnImage, En) => {
                "not an image in a known format (JPEG, PNG, WebP, GIF, TIFF, HEIC)".into()
            }
            (ImageError::Remote, De) => {
                "Bild im Internet: leitplanke lädt nichts herunter, bitte die Datei lokal angeben"
                    .into()
            }
            (ImageError::Remote, En) => {
                "image on the web: leitplanke downloads nothing, give the local file instead".into()
            }
        }
    }
}

/// Read an image file (bounded) and inspect it.
pub fn inspect_file(path: &Path, opts: ImageOptions) -> Result<ImageFacts, ImageError> {
    let mut f = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImageError::NotFound,
        _ => ImageError::Io(e.to_string()),
    })?;
    let meta = f.metadata().map_err(|e| ImageError::Io(e.to_string()))?;
    if meta.is_dir() {
        return Err(ImageError::Io("is a directory".into()));
    }
    if meta.len() > MAX_FILE {
        return Err(ImageError::TooLarge(meta.len()));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.by_ref()
        .take(MAX_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ImageError::Io(e.to_string()))?;
    if buf.len() as u64 > MAX_FILE {
        return Err(ImageError::TooLarge(buf.len() as u64));
    }
    inspect_bytes(buf, opts)
}

/// Inspect an image held in memory.
pub fn inspect_bytes(buf: Vec<u8>, opts: ImageOptions) -> Result<ImageFacts, ImageError> {
    if buf.is_empty() {
        return Err(ImageError::Empty);
    }
    let format = Format::sniff(&buf).ok_or(ImageError::NotAnImage)?;
    let bytes = Bytes::from(buf);
    let meta = meta::read(&bytes, format);
    let dimensions = header_dimensions(&bytes, format);
    let pixels = if !opts.pixels {
        None
    } else if format == Format::Heif {
        Some(Err("HEIC/HEIF".to_string()))
    } else {
        Some(pixels::inspect(&bytes, format, meta.orientation))
    };
    Ok(ImageFacts {
        format,
        dimensions,
        meta,
        pixels,
    })
}

fn header_dimensions(bytes: &[u8], format: Format) -> Option<(u32, u32)> {
    let fmt = match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::WebP => image::ImageFormat::WebP,
        Format::Gif => image::ImageFormat::Gif,
        Format::Tiff => image::ImageFormat::Tiff,
        Format::Heif => return None,
    };
    image::ImageReader::with_format(std::io::Cursor::new(bytes), fmt)
        .into_dimensions()
        .ok()
        .filter(|&(w, h)| w > 0 && h > 0)
}

/// Where an attachment was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    FrontMatter,
    Markdown,
    CommandLine,
}

/// An image attached to a draft, with what the draft says about it and (once inspected) what
/// the file shows.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The path as written (or as given on the command line).
    pub written: String,
    /// The file to read: relative paths are taken from the draft's folder.
    pub resolved: PathBuf,
    pub alt: Option<String>,
    pub credit: Option<String>,
    pub consent: bool,
    pub origin: Origin,
    /// Where the draft names the image (empty for command-line images).
    pub range: Range<usize>,
    pub facts: Option<Result<ImageFacts, ImageError>>,
}

impl Attachment {
    pub fn is_remote(&self) -> bool {
        let w = self.written.to_ascii_lowercase();
        w.starts_with("http://") || w.starts_with("https://") || w.starts_with("//")
    }

    /// Read and inspect the file (remote images are not fetched).
    pub fn inspect(&mut self, opts: ImageOptions) {
        self.facts = Some(if self.is_remote() {
            Err(ImageError::Remote)
        } else {
            inspect_file(&self.resolved, opts)
        });
    }

    pub fn facts(&self) -> Option<&ImageFacts> {
        self.facts.as_ref().and_then(|f| f.as_ref().ok())
    }

    pub fn file_name(&self) -> &str {
        self.written
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&self.written)
    }
}

/// The facts an image rule can test (`field:` in YAML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Meta(Field),
    Gps,
    Faces,
    Qr,
    Alt,
    AltLength,
    Credit,
    Width,
    Height,
    AspectRatio,
    FileName,
    Format,
    Unreadable,
    PixelsUnchecked,
}

/// A fact's value for one image.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Absent,
    Text(Vec<Cow<'a, str>>),
    Number(f64),
}

impl Fact {
    pub const OTHER_NAMES: &[&str] = &[
        "gps",
        "faces",
        "qr",
        "alt",
        "alt-length",
        "credit-in-draft",
        "width",
        "height",
        "aspect-ratio",
        "file-name",
        "format",
        "unreadable",
        "pixels-unchecked",
    ];

    pub fn names() -> Vec<&'static str> {
        Field::ALL
            .iter()
            .map(|f| f.name())
            .chain(Self::OTHER_NAMES.iter().copied())
            .collect()
    }

    pub fn parse(s: &str) -> Option<Fact> {
        if let Some(f) = Field::ALL.iter().find(|f| f.name() == s) {
            return Some(Fact::Meta(*f));
        }
        Some(match s {
            "gps" => Fact::Gps,
            "faces" => Fact::Faces,
            "qr" => Fact::Qr,
            "alt" => Fact::Alt,
            "alt-length" => Fact::AltLength,
            "credit-in-draft" => Fact::Credit,
            "width" => Fact::Width,
            "height" => Fact::Height,
            "aspect-ratio" => Fact::AspectRatio,
            "file-name" => Fact::FileName,
            "format" => Fact::Format,
            "unreadable" => Fact::Unreadable,
            "pixels-unchecked" => Fact::PixelsUnchecked,
            _ => return None,
        })
    }

    /// Whether the fact needs the pixels (so it is silent when only metadata was read).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Fact::Faces | Fact::AltLength | Fact::Width | Fact::Height | Fact::AspectRatio
        )
    }

    /// The value for one attachment, in the language of the messages.
    pub fn value<'a>(self, a: &'a Attachment, lang: crate::platform::Lang) -> Value<'a> {
        let text1 = |s: Option<&'a str>| match s.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Value::Text(vec![Cow::Borrowed(s)]),
            None => Value::Absent,
        };
        match self {
            Fact::Alt => return text1(a.alt.as_deref()),
            Fact::AltLength => {
                return match a.alt.as_deref() {
                    Some(s) => Value::Number(
                        unicode_segmentation::UnicodeSegmentation::graphemes(s.trim(), true).count()
                            as f64,
                    ),
                    None => Value::Absent,
                };
            }
            Fact::Credit => return text1(a.credit.as_deref()),
            Fact::FileName => return text1(Some(a.file_name())),
            Fact::Unreadable => {
                return match &a.facts {
                    Some(Err(e)) => Value::Text(vec![Cow::Owned(e.message(lang))]),
                    Some(Ok(f)) => match &f.pixels {
                        Some(Err(e)) if f.format != Format::Heif => {
                            Value::Text(vec![Cow::Owned(e.clone())])
                        }
                        _ => Value::Absent,
                    },
                    None => Value::Absent,
                };
            }
            _ => {}
        }
        let Some(f) = a.facts() else {
            return Value::Absent;
        };
        match self {
            Fact::Meta(field) => {
                let v: Vec<Cow<str>> = f.meta.values(field).map(Cow::Borrowed).collect();
                if v.is_empty() {
                    Value::Absent
                } else {
                    Value::Text(v)
                }
            }
            Fact::Gps => match f.meta.gps {
                Some((lat, lon)) => Value::Text(vec![Cow::Owned(format_position(lat, lon))]),
                None => Value::Absent,
            },
            Fact::Faces => match &f.pixels {
                Some(Ok(p)) => Value::Number(p.faces.len() as f64),
                _ => Value::Absent,
            },
            Fact::Qr => match &f.pixels {
                Some(Ok(p)) if !p.qr.is_empty() => {
                    Value::Text(p.qr.iter().map(|s| Cow::Borrowed(s.as_str())).collect())
                }
                _ => Value::Absent,
            },
            Fact::Width => f
                .upright()
                .map_or(Value::Absent, |d| Value::Number(d.0 as f64)),
            Fact::Height => f
                .upright()
                .map_or(Value::Absent, |d| Value::Number(d.1 as f64)),
            Fact::AspectRatio => f
                .upright()
                .map_or(Value::Absent, |(w, h)| Value::Number(w as f64 / h as f64)),
            Fact::Format => Value::Text(vec![Cow::Borrowed(f.format.name())]),
            Fact::PixelsUnchecked => match &f.pixels {
                Some(Err(e)) if f.format == Format::Heif => {
                    Value::Text(vec![Cow::Owned(e.clone())])
                }
                _ => Value::Absent,
            },
            Fact::Alt | Fact::AltLength | Fact::Credit | Fact::FileName | Fact::Unreadable => {
                Value::Absent
            }
        }
    }
}

/// A position rounded to two decimals (about 1 km), e.g. `48.14°N 11.58°E`.
pub fn format_position(lat: f64, lon: f64) -> String {
    format!(
        "{:.2}°{} {:.2}°{}",
        lat.abs(),
        if lat < 0.0 { 'S' } else { 'N' },
        lon.abs(),
        if lon < 0.0 { 'W' } else { 'E' }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(Format::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Format::Jpeg));
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\n...."), Some(Format::Png));
        assert_eq!(Format::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::WebP));
        assert_eq!(Format::sniff(b"\0\0\0\x18ftypheic"), Some(Format::Heif));
        assert_eq!(Format::sniff(b"GIF89a"), Some(Format::Gif));
        assert_eq!(Format::sniff(b"hello"), None);
        assert_eq!(Format::sniff(b""), None);
    }

    #[test]
    fn positions_are_rounded() {
        assert_eq!(format_position(48.137154, 11.576124), "48.14°N 11.58°E");
        assert_eq!(format_position(-33.8688, -70.1), "33.87°S 70.10°W");
    }

    #[test]
    fn every_fact_name_parses() {
        for n in Fact::names() {
            assert!(Fact::parse(n).is_some(), "{n}");
        }
        assert_eq!(Fact::parse("nope"), None);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        assert_eq!(
            inspect_bytes(Vec::new(), ImageOptions::default()),
            Err(ImageError::Empty)
        );
        assert_eq!(
            inspect_bytes(b"just text".to_vec(), ImageOptions::default()),
            Err(ImageError::NotAnImage)
        );
        // A JPEG signature with nothing after it: metadata empty, pixels fail with a reason.
        let f = inspect_bytes(vec![0xFF, 0xD8, 0xFF], ImageOptions::default()).unwrap();
        assert!(matches!(f.pixels, Some(Err(_))));
    }
}
