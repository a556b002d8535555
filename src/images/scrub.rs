//! Lossless metadata removal (`leitplanke scrub`): EXIF, XMP, IPTC and comments are dropped from
//! JPEG, PNG and WebP files without touching the compressed pixel data.
//!
//! Orientation is **kept**: if the photo had an EXIF orientation other than 1, a minimal EXIF
//! block with only that one tag is written back, so viewers still show it upright and no pixel
//! has to be re-encoded. JPEG files from phones often carry extra images after the main one
//! (MPF previews, depth or gain maps, each with its own EXIF); those are dropped too.

use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

use super::Format;

/// The result of scrubbing one file.
#[derive(Debug, Clone)]
pub struct Scrubbed {
    pub bytes: Vec<u8>,
    /// What was removed, in words (`EXIF`, `XMP`, `IPTC`, …), without duplicates.
    pub removed: Vec<&'static str>,
    /// The orientation written back, if any.
    pub orientation: Option<u16>,
}

/// Why a file could not be scrubbed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScrubError {
    Unsupported(&'static str),
    NotAnImage,
    Corrupt(String),
}

impl std::fmt::Display for ScrubError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScrubError::Unsupported(fmt) => write!(
                f,
                "{fmt} is not supported (lossless removal works for JPEG, PNG and WebP)"
            ),
            ScrubError::NotAnImage => write!(f, "not an image in a known format"),
            ScrubError::Corrupt(e) => write!(f, "file is damaged: {e}"),
        }
    }
}

/// A minimal big-endian TIFF/EXIF block with only the Orientation tag.
pub fn orientation_exif(o: u16) -> Vec<u8> {
    let mut v = Vec::with_capacity(26);
    v.extend(b"MM\0*");
    v.extend(8u32.to_be_bytes()); // first IFD right after the header
    v.extend(1u16.to_be_bytes()); // one entry
    v.extend(0x0112u16.to_be_bytes()); // Orientation
    v.extend(3u16.to_be_bytes()); // SHORT
    v.extend(1u32.to_be_bytes()); // count
    v.extend(o.to_be_bytes());
    v.extend([0, 0]); // value padding
    v.extend(0u32.to_be_bytes()); // no next IFD
    v
}

fn add(removed: &mut Vec<&'static str>, what: &'static str) {
    if !removed.contains(&what) {
        removed.push(what);
    }
}

/// For `retain`: keep a block that is not metadata, note the one that is.
fn keep_block(removed: &mut Vec<&'static str>, what: Option<&'static str>) -> bool {
    match what {
        Some(w) => {
            add(removed, w);
            false
        }
        None => true,
    }
}

/// Remove metadata from an image held in memory.
pub fn scrub(bytes: Vec<u8>) -> Result<Scrubbed, ScrubError> {
    let format = Format::sniff(&bytes).ok_or(ScrubError::NotAnImage)?;
    let orientation = super::meta::read(&Bytes::from(bytes.clone()), format)
        .orientation
        .filter(|o| (2..=8).contains(o));
    let keep = orientation.map(|o| Bytes::from(orientation_exif(o)));
    let mut removed = Vec::new();
    let out: Vec<u8> = match format {
        Format::Jpeg => {
            let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes))
                .map_err(|e| ScrubError::Corrupt(e.to_string()))?;
            jpeg.segments_mut().retain(|s| {
                let c = s.contents();
                let what = match s.marker() {
                    markers::APP1 if c.starts_with(b"Exif\0") => Some("EXIF"),
                    markers::APP1 if c.starts_with(b"http://ns.adobe.com/xap/1.0/") => Some("XMP"),
                    markers::APP1 if c.starts_with(b"http://ns.adobe.com/xmp/extension/") => {
                        Some("XMP")
                    }
                    markers::APP1 => Some("APP1"),
                    markers::APP13 => Some("IPTC"),
                    markers::COM => Some("comment"),
                    markers::APP2 if c.starts_with(b"MPF\0") => Some("MPF"),
                    // Maker-specific blocks (APP3–APP12, APP15) can hold serial numbers and
                    // previews; JFIF (APP0), ICC profiles (APP2) and Adobe (APP14) are needed to
                    // show the colours right.
                    m if (markers::APP3..=markers::APP12).contains(&m) || m == markers::APP15 => {
                        Some("maker data")
                    }
                    _ => None,
                };
                keep_block(&mut removed, what)
            });
            jpeg.set_exif(keep);
            cut_after_first_image(jpeg.encoder().bytes().to_vec(), &mut removed)
        }
        Format::Png => {
            let mut png = Png::from_bytes(Bytes::from(bytes))
                .map_err(|e| ScrubError::Corrupt(e.to_string()))?;
            png.chunks_mut().retain(|c| {
                let what = match &c.kind() {
                    b"eXIf" => Some("EXIF"),
                    b"iTXt" if c.contents().starts_with(b"XML:com.adobe.xmp\0") => Some("XMP"),
                    b"iTXt" | b"tEXt" | b"zTXt" => Some("text"),
                    b"tIME" => Some("time"),
                    _ => None,
                };
                keep_block(&mut removed, what)
            });
            png.set_exif(keep);
            png.encoder().bytes().to_vec()
        }
        Format::WebP => {
            let mut webp = WebP::from_bytes(Bytes::from(bytes))
                .map_err(|e| ScrubError::Corrupt(e.to_string()))?;
            if webp.has_chunk(*b"XMP ") {
                add(&mut removed, "XMP");
            }
            if webp.has_chunk(*b"EXIF") {
                add(&mut removed, "EXIF");
            }
            webp.remove_chunks_by_id(*b"XMP ");
            // set_exif after removing XMP: it also rewrites the VP8X flags, which
            // remove_chunks_by_id leaves stale.
            webp.set_exif(keep);
            webp.encoder().bytes().to_vec()
        }
        Format::Gif => return Err(ScrubError::Unsupported("GIF")),
        Format::Tiff => return Err(ScrubError::Unsupported("TIFF")),
        Format::Heif => return Err(ScrubError::Unsupported("HEIC/HEIF")),
    };
    Ok(Scrubbed {
        bytes: out,
        removed,
        orientation,
    })
}

/// Whether a JPEG ends before its end-of-image marker (decoders fill the rest with grey).
pub fn jpeg_is_truncated(b: &[u8]) -> bool {
    match first_scan_data(b) {
        Some(i) => end_of_image(&b[i..]).is_none(),
        None => true,
    }
}

/// Offset where the first scan's entropy-coded data starts (after the SOS header).
fn first_scan_data(b: &[u8]) -> Option<usize> {
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let m = b[i + 1];
        if m == 0xFF {
            i += 1;
            continue;
        }
        let len = b[i + 2] as usize * 256 + b[i + 3] as usize;
        i += 2 + len;
        if m == markers::SOS {
            return (i <= b.len()).then_some(i);
        }
    }
    None
}

/// The first scan's data runs to the end of the file: further scans, EOI, and whatever
/// follows (MPF secondary images with their own EXIF). Keep the file up to and including the
/// main image's EOI. Works on the encoded bytes: walk the marker segments to the first SOS.
fn cut_after_first_image(mut out: Vec<u8>, removed: &mut Vec<&'static str>) -> Vec<u8> {
    let Some(i) = first_scan_data(&out) else {
        return out;
    };
    if let Some(eoi) = out.get(i..).and_then(end_of_image) {
        let end = i + eoi + 2;
        if end < out.len() {
            add(removed, "extra images");
            out.truncate(end);
        }
    }
    out
}

/// Offset of the EOI marker in entropy-coded data: `FF 00` is a stuffed byte, `FF D0`–`FF D7`
/// restart markers, other markers (between progressive scans) are skipped by their length.
fn end_of_image(d: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 1 < d.len() {
        if d[i] != 0xFF {
            i += 1;
            continue;
        }
        let m = d[i + 1];
        match m {
            0x00 | 0xFF | 0xD0..=0xD7 => i += if m == 0xFF { 1 } else { 2 },
            0xD9 => return Some(i),
            _ => {
                let len = *d.get(i + 2)? as usize * 256 + *d.get(i + 3)? as usize;
                i += 2 + len;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_block_reads_back() {
        let raw = orientation_exif(6);
        let exif = exif::Reader::new().read_raw(raw).unwrap();
        let f = exif
            .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
            .unwrap();
        assert_eq!(f.value.get_uint(0), Some(6));
    }

    #[test]
    fn eoi_search_skips_stuffing_and_segments() {
        // data, stuffed FF, restart, a DHT segment of length 4 containing FF D9, then EOI.
        let d = [
            1, 0xFF, 0x00, 2, 0xFF, 0xD0, 0xFF, 0xC4, 0, 4, 0xFF, 0xD9, 3, 0xFF, 0xD9, 9,
        ];
        assert_eq!(end_of_image(&d), Some(13));
        assert_eq!(end_of_image(&[1, 2, 3]), None);
        assert_eq!(end_of_image(&[0xFF, 0xC4]), None);
    }

    #[test]
    fn unsupported_and_garbage() {
        assert_eq!(
            scrub(b"GIF89a....".to_vec()).unwrap_err(),
            ScrubError::Unsupported("GIF")
        );
        assert_eq!(
            scrub(b"hello".to_vec()).unwrap_err(),
            ScrubError::NotAnImage
        );
        assert!(matches!(
            scrub(vec![0xFF, 0xD8, 0xFF]).unwrap_err(),
            ScrubError::Corrupt(_)
        ));
    }
}
