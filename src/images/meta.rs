//! Image metadata read without decoding pixels: EXIF (kamadak-exif), XMP (img-parts finds the
//! packet, roxmltree reads it) and IPTC-IIM (a small reader over the JPEG APP13 segment), plus
//! PNG text chunks. Every reader is defensive: a broken block is skipped, never a panic.

use std::io::Cursor;

use exif::{Context, In, Tag, Value};
use img_parts::Bytes;

use super::Format;

/// A metadata field that image rules can refer to (the YAML name is [`Field::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Artist,
    Owner,
    Serial,
    Copyright,
    Creator,
    Rights,
    Credit,
    Source,
    UsageTerms,
    Software,
    UserComment,
    DateTaken,
    Camera,
}

impl Field {
    pub const ALL: &[Field] = &[
        Field::Artist,
        Field::Owner,
        Field::Serial,
        Field::Copyright,
        Field::Creator,
        Field::Rights,
        Field::Credit,
        Field::Source,
        Field::UsageTerms,
        Field::Software,
        Field::UserComment,
        Field::DateTaken,
        Field::Camera,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Artist => "artist",
            Field::Owner => "owner",
            Field::Serial => "serial",
            Field::Copyright => "copyright",
            Field::Creator => "creator",
            Field::Rights => "rights",
            Field::Credit => "credit",
            Field::Source => "source",
            Field::UsageTerms => "usage-terms",
            Field::Software => "software",
            Field::UserComment => "user-comment",
            Field::DateTaken => "date-taken",
            Field::Camera => "camera",
        }
    }

    /// How the field is called (English: the exiftool names people know).
    pub fn label(self, lang: crate::platform::Lang) -> &'static str {
        let de = lang == crate::platform::Lang::De;
        match self {
            Field::Artist => {
                if de {
                    "Künstler"
                } else {
                    "Artist"
                }
            }
            Field::Owner => {
                if de {
                    "Besitzer"
                } else {
                    "Owner"
                }
            }
            Field::Serial => {
                if de {
                    "Seriennummer"
                } else {
                    "Serial number"
                }
            }
            Field::Copyright => "Copyright",
            Field::Creator => {
                if de {
                    "Urheber"
                } else {
                    "Creator"
                }
            }
            Field::Rights => {
                if de {
                    "Rechte"
                } else {
                    "Rights"
                }
            }
            Field::Credit => {
                if de {
                    "Bildnachweis"
                } else {
                    "Credit"
                }
            }
            Field::Source => {
                if de {
                    "Quelle"
                } else {
                    "Source"
                }
            }
            Field::UsageTerms => {
                if de {
                    "Nutzungsbedingungen"
                } else {
                    "Usage terms"
                }
            }
            Field::Software => "Software",
            Field::UserComment => {
                if de {
                    "Kommentar"
                } else {
                    "User comment"
                }
            }
            Field::DateTaken => {
                if de {
                    "Aufnahmedatum"
                } else {
                    "Date taken"
                }
            }
            Field::Camera => {
                if de {
                    "Kamera"
                } else {
                    "Camera"
                }
            }
        }
    }
}

/// Everything read from an image's metadata blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Latitude and longitude in degrees (north and east positive).
    pub gps: Option<(f64, f64)>,
    /// Field values in reading order, without duplicates.
    pub fields: Vec<(Field, String)>,
    /// EXIF orientation (1–8), when present.
    pub orientation: Option<u16>,
}

impl Metadata {
    pub fn values(&self, field: Field) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
    }

    fn push(&mut self, field: Field, value: &str) {
        let v = clean(value);
        if v.is_empty() || self.fields.iter().any(|(f, x)| *f == field && *x == v) {
            return;
        }
        self.fields.push((field, v));
    }
}

/// Longest XMP packet that is parsed.
const MAX_XMP: usize = 1 << 20;
/// Longest single value kept (a metadata field is a name or a short notice).
const MAX_VALUE: usize = 500;

fn clean(s: &str) -> String {
    let s = s.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    let mut out: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == ' ')
        .take(MAX_VALUE)
        .collect();
    out.truncate(out.trim_end().len());
    out
}

/// Read all metadata of an image held in memory.
pub fn read(bytes: &Bytes, format: Format) -> Metadata {
    let mut m = Metadata::default();
    read_exif(bytes, &mut m);
    match format {
        Format::Jpeg => {
            if let Ok(jpeg) = img_parts::jpeg::Jpeg::from_bytes(bytes.clone()) {
                for seg in jpeg.segments() {
                    let c = seg.contents();
                    if seg.marker() == img_parts::jpeg::markers::APP1
                        && c.starts_with(b"http://ns.adobe.com/xap/1.0/\0")
                    {
                        read_xmp(&c[29..], &mut m);
                    } else if seg.marker() == img_parts::jpeg::markers::APP13 {
                        read_photoshop_irb(c, &mut m);
                    }
                }
            }
        }
        Format::Png => {
            if let Ok(png) = img_parts::png::Png::from_bytes(bytes.clone()) {
                for chunk in png.chunks() {
                    read_png_text(chunk.kind(), chunk.contents(), &mut m);
                }
            }
        }
        Format::WebP => {
            if let Ok(webp) = img_parts::webp::WebP::from_bytes(bytes.clone())
                && let Some(data) = webp.chunk_by_id(*b"XMP ").and_then(|c| c.content().data())
            {
                read_xmp(data, &mut m);
            }
        }
        // TIFF, GIF and HEIF keep XMP as a plain packet, which the XMP spec (part 3) allows
        // readers to find by scanning.
        Format::Tiff | Format::Gif | Format::Heif => {
            if let Some(packet) = scan_xmp(bytes) {
                read_xmp(packet, &mut m);
            }
        }
    }
    m
}

fn ascii(v: &Value) -> Option<String> {
    match v {
        Value::Ascii(parts) => {
            let s: Vec<String> = parts
                .iter()
                .map(|p| decode_text(p))
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!s.is_empty()).then(|| s.join("; "))
        }
        // Some writers store text as UNDEFINED or BYTE.
        Value::Undefined(b, _) | Value::Byte(b) => Some(decode_text(b)),
        _ => None,
    }
}

/// Bytes as text: UTF-8 when valid (cameras and exiftool write UTF-8 into ASCII tags), Latin-1
/// otherwise.
fn decode_text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| c as char).collect(),
    }
}

/// EXIF UserComment: an 8-byte character-code prefix, then the text.
fn user_comment(v: &Value) -> Option<String> {
    let Value::Undefined(b, _) = v else {
        return ascii(v);
    };
    if b.len() < 8 {
        return None;
    }
    let (code, text) = b.split_at(8);
    let s = if code.starts_with(b"UNICODE") {
        // UCS-2; byte order follows the file, but most writers use the file's order. Try both and
        // keep the one with fewer odd characters.
        let be: String = char::decode_utf16(
            text.chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]])),
        )
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect();
        let le: String = char::decode_utf16(
            text.chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]])),
        )
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect();
        let odd = |s: &str| {
            s.chars()
                .filter(|c| !c.is_ascii() && !c.is_alphabetic())
                .count()
        };
        if odd(&le) < odd(&be) { le } else { be }
    } else {
        decode_text(text)
    };
    Some(s)
}

fn ucs2_le(v: &Value) -> Option<String> {
    let b = match v {
        Value::Byte(b) | Value::Undefined(b, _) => b,
        _ => return None,
    };
    Some(
        char::decode_utf16(b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])))
            .map(|r| r.unwrap_or('\u{fffd}'))
            .collect(),
    )
}

fn read_exif(bytes: &[u8], m: &mut Metadata) {
    let mut reader = exif::Reader::new();
    reader.continue_on_error(true);
    let exif = match reader
        .read_from_container(&mut Cursor::new(bytes))
        .or_else(|e| e.distill_partial_result(|_| {}))
    {
        Ok(e) => e,
        Err(_) => return,
    };
    let (mut make, mut model) = (None, None);
    for f in exif.fields() {
        if f.ifd_num != In::PRIMARY {
            continue;
        }
        let text = || ascii(&f.value);
        match (f.tag.context(), f.tag.number()) {
            _ if f.tag == Tag::Artist => text().map(|v| m.push(Field::Artist, &v)).unwrap_or(()),
            _ if f.tag == Tag::Copyright => {
                // Photographer and editor copyright, separated by NUL.
                if let Some(v) = text() {
                    m.push(Field::Copyright, &v)
                }
            }
            _ if f.tag == Tag::CameraOwnerName => {
                text().map(|v| m.push(Field::Owner, &v)).unwrap_or(())
            }
            _ if f.tag == Tag::BodySerialNumber => {
                text().map(|v| m.push(Field::Serial, &v)).unwrap_or(())
            }
            _ if f.tag == Tag::Software => {
                text().map(|v| m.push(Field::Software, &v)).unwrap_or(())
            }
            _ if f.tag == Tag::UserComment => user_comment(&f.value)
                .map(|v| m.push(Field::UserComment, &v))
                .unwrap_or(()),
            _ if f.tag == Tag::DateTimeOriginal => {
                text().map(|v| m.push(Field::DateTaken, &v)).unwrap_or(())
            }
            _ if f.tag == Tag::Make => make = text(),
            _ if f.tag == Tag::Model => model = text(),
            _ if f.tag == Tag::Orientation => {
                m.orientation = f.value.get_uint(0).and_then(|o| u16::try_from(o).ok())
            }
            // OwnerName (Microsoft/Adobe 0xfde8) and the DNG CameraSerialNumber.
            (Context::Tiff, 0xfde8) => text().map(|v| m.push(Field::Owner, &v)).unwrap_or(()),
            (Context::Tiff, 0xc62f) | (Context::Exif, 0xa435) => {
                text().map(|v| m.push(Field::Serial, &v)).unwrap_or(())
            }
            // Windows XPAuthor / XPComment (UCS-2 little endian).
            (Context::Tiff, 0x9c9d) => ucs2_le(&f.value)
                .map(|v| m.push(Field::Artist, &v))
                .unwrap_or(()),
            (Context::Tiff, 0x9c9c) => ucs2_le(&f.value)
                .map(|v| m.push(Field::UserComment, &v))
                .unwrap_or(()),
            _ => {}
        }
    }
    let camera = match (make, model) {
        (Some(a), Some(b)) if b.starts_with(&a) => Some(b),
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    if let Some(c) = camera {
        m.push(Field::Camera, &c);
    }
    m.gps = exif_gps(&exif);
}

fn exif_gps(exif: &exif::Exif) -> Option<(f64, f64)> {
    let deg = |tag: Tag| -> Option<f64> {
        let f = exif.get_field(tag, In::PRIMARY)?;
        let Value::Rational(r) = &f.value else {
            return None;
        };
        let part = |i: usize| {
            r.get(i)
                .filter(|x| x.denom != 0)
                .map(|x| x.to_f64())
                .unwrap_or(0.0)
        };
        if r.is_empty() || r[0].denom == 0 {
            return None;
        }
        Some(part(0) + part(1) / 60.0 + part(2) / 3600.0)
    };
    let sign = |tag: Tag, neg: u8| -> f64 {
        match exif.get_field(tag, In::PRIMARY).map(|f| &f.value) {
            Some(Value::Ascii(v)) if v.first().and_then(|s| s.first()) == Some(&neg) => -1.0,
            _ => 1.0,
        }
    };
    let lat = deg(Tag::GPSLatitude)? * sign(Tag::GPSLatitudeRef, b'S');
    let lon = deg(Tag::GPSLongitude)? * sign(Tag::GPSLongitudeRef, b'W');
    valid_position(lat, lon)
}

fn valid_position(lat: f64, lon: f64) -> Option<(f64, f64)> {
    // 0/0 is what devices write when they had no fix.
    (lat.is_finite()
        && lon.is_finite()
        && lat.abs() <= 90.0
        && lon.abs() <= 180.0
        && (lat, lon) != (0.0, 0.0))
        .then_some((lat, lon))
}

/// Find an XMP packet in a file by scanning for `<x:xmpmeta … </x:xmpmeta>`.
fn scan_xmp(bytes: &[u8]) -> Option<&[u8]> {
    let start = memchr::memmem::find(bytes, b"<x:xmpmeta")?;
    let rest = &bytes[start..];
    let end = memchr::memmem::find(rest, b"</x:xmpmeta>")?;
    Some(&rest[..end + b"</x:xmpmeta>".len()])
}

const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
const NS_PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const NS_RIGHTS: &str = "http://ns.adobe.com/xap/1.0/rights/";
const NS_XMP: &str = "http://ns.adobe.com/xap/1.0/";
const NS_EXIF: &str = "http://ns.adobe.com/exif/1.0/";
const NS_EXIF_EX: &str = "http://cipa.jp/exif/1.0/";
const NS_AUX: &str = "http://ns.adobe.com/exif/1.0/aux/";
const NS_TIFF: &str = "http://ns.adobe.com/tiff/1.0/";

fn xmp_field(ns: &str, name: &str) -> Option<Field> {
    Some(match (ns, name) {
        (NS_DC, "creator") => Field::Creator,
        (NS_DC, "rights") => Field::Rights,
        (NS_PHOTOSHOP, "Credit") => Field::Credit,
        (NS_PHOTOSHOP, "Source") => Field::Source,
        (NS_PHOTOSHOP, "AuthorsPosition") => return None,
        (NS_RIGHTS, "UsageTerms") => Field::UsageTerms,
        (NS_RIGHTS, "Owner") => Field::Rights,
        (NS_XMP, "CreatorTool") => Field::Software,
        (NS_EXIF, "UserComment") => Field::UserComment,
        (NS_EXIF, "DateTimeOriginal") | (NS_PHOTOSHOP, "DateCreated") => Field::DateTaken,
        (NS_EXIF_EX, "CameraOwnerName") | (NS_AUX, "OwnerName") => Field::Owner,
        (NS_EXIF_EX, "BodySerialNumber") | (NS_AUX, "SerialNumber") => Field::Serial,
        (NS_TIFF, "Artist") => Field::Artist,
        (NS_TIFF, "Copyright") => Field::Copyright,
        (NS_TIFF, "Software") => Field::Software,
        _ => return None,
    })
}

/// Read the fields of an XMP packet (values written as attributes or as elements, including
/// `rdf:Seq`/`rdf:Bag`/`rdf:Alt` lists).
fn read_xmp(packet: &[u8], m: &mut Metadata) {
    if packet.len() > MAX_XMP {
        return;
    }
    let Ok(text) = std::str::from_utf8(packet) else {
        return;
    };
    // The packet wrapper (`<?xpacket …?>`) and trailing padding are fine for roxmltree; DTDs are
    // refused by its default options, so entity expansion cannot blow up.
    let text = text.trim_end_matches(['\0', ' ', '\n', '\r', '\t']);
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return;
    };
    let (mut lat, mut lon) = (None, None);
    for node in doc.descendants().filter(|n| n.is_element()) {
        for a in node.attributes() {
            if let Some(ns) = a.namespace() {
                if let Some(f) = xmp_field(ns, a.name()) {
                    m.push(f, a.value());
                } else if ns == NS_EXIF && a.name() == "GPSLatitude" {
                    lat = xmp_coordinate(a.value());
                } else if ns == NS_EXIF && a.name() == "GPSLongitude" {
                    lon = xmp_coordinate(a.value());
                }
            }
        }
        let name = node.tag_name();
        let Some(ns) = name.namespace() else {
            continue;
        };
        if ns == NS_EXIF && name.name() == "GPSLatitude" {
            lat = node.text().and_then(xmp_coordinate);
            continue;
        }
        if ns == NS_EXIF && name.name() == "GPSLongitude" {
            lon = node.text().and_then(xmp_coordinate);
            continue;
        }
        let Some(f) = xmp_field(ns, name.name()) else {
            continue;
        };
        let items: Vec<&str> = node
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        if !items.is_empty() {
            // Language alternatives repeat the same text; keep each value once.
            let mut uniq: Vec<&str> = Vec::new();
            for i in items {
                if !uniq.contains(&i) {
                    uniq.push(i);
                }
            }
            m.push(f, &uniq.join("; "));
        }
    }
    if m.gps.is_none()
        && let (Some(a), Some(b)) = (lat, lon)
    {
        m.gps = valid_position(a, b);
    }
}

/// XMP GPS coordinate: `DDD,MM.mmk` or `DDD,MM,SSk` with k in N/S/E/W.
fn xmp_coordinate(s: &str) -> Option<f64> {
    let s = s.trim();
    let last = s.chars().last()?;
    let sign = match last.to_ascii_uppercase() {
        'N' | 'E' => 1.0,
        'S' | 'W' => -1.0,
        _ => return s.parse::<f64>().ok(),
    };
    let body = &s[..s.len() - 1];
    let parts: Vec<f64> = body
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    let v = match parts.as_slice() {
        [d] => *d,
        [d, m] => d + m / 60.0,
        [d, m, s] => d + m / 60.0 + s / 3600.0,
        _ => return None,
    };
    Some(sign * v)
}

/// Photoshop image resource blocks (JPEG APP13): find the IPTC-NAA block (0x0404).
fn read_photoshop_irb(c: &[u8], m: &mut Metadata) {
    let Some(mut rest) = c.strip_prefix(b"Photoshop 3.0\0") else {
        return;
    };
    while rest.len() >= 12 && rest.starts_with(b"8BIM") {
        let id = u16::from_be_bytes([rest[4], rest[5]]);
        // Pascal string name, padded to an even length including the length byte.
        let name_len = rest[6] as usize;
        let mut pos = 6 + name_len + 1;
        pos += pos % 2;
        if rest.len() < pos + 4 {
            return;
        }
        let size =
            u32::from_be_bytes([rest[pos], rest[pos + 1], rest[pos + 2], rest[pos + 3]]) as usize;
        pos += 4;
        let Some(data) = rest.get(pos..pos.saturating_add(size)) else {
            return;
        };
        if id == 0x0404 {
            read_iptc(data, m);
        }
        let next = pos + size + size % 2;
        rest = rest.get(next..).unwrap_or(&[]);
    }
}

/// IPTC-IIM datasets: `0x1C record dataset length(2) data`.
fn read_iptc(mut d: &[u8], m: &mut Metadata) {
    let mut utf8 = false;
    let mut found: Vec<(Field, &[u8])> = Vec::new();
    while d.len() >= 5 && d[0] == 0x1C {
        let (record, dataset) = (d[1], d[2]);
        let len = u16::from_be_bytes([d[3], d[4]]) as usize;
        if len & 0x8000 != 0 {
            // Extended lengths are only used for large binary data; stop there.
            return;
        }
        let Some(data) = d.get(5..5 + len) else {
            break;
        };
        match (record, dataset) {
            // 1:90 CodedCharacterSet: ESC % G means UTF-8.
            (1, 90) => utf8 = data == b"\x1b%G",
            (2, 80) => found.push((Field::Creator, data)),
            (2, 110) => found.push((Field::Credit, data)),
            (2, 115) => found.push((Field::Source, data)),
            (2, 116) => found.push((Field::Copyright, data)),
            _ => {}
        }
        d = &d[5 + len..];
    }
    for (f, data) in found {
        let v = if utf8 {
            String::from_utf8_lossy(data).into_owned()
        } else {
            decode_text(data)
        };
        m.push(f, &v);
    }
}

/// PNG text chunks: `tEXt` (Latin-1), `iTXt` (UTF-8, maybe the XMP packet); `zTXt` and
/// compressed `iTXt` are skipped (metadata writers rarely compress short fields).
fn read_png_text(kind: [u8; 4], c: &[u8], m: &mut Metadata) {
    let Some(nul) = c.iter().position(|&b| b == 0) else {
        return;
    };
    let key = &c[..nul];
    let value: String = match &kind {
        b"tEXt" => c[nul + 1..].iter().map(|&b| b as char).collect(),
        b"iTXt" => {
            // keyword\0 compression-flag compression-method language\0 translated\0 text
            let rest = &c[nul + 1..];
            if rest.len() < 2 || rest[0] != 0 {
                return;
            }
            let rest = &rest[2..];
            let Some(l) = rest.iter().position(|&b| b == 0) else {
                return;
            };
            let rest = &rest[l + 1..];
            let Some(t) = rest.iter().position(|&b| b == 0) else {
                return;
            };
            let text = &rest[t + 1..];
            if key == b"XML:com.adobe.xmp" {
                read_xmp(text, m);
                return;
            }
            String::from_utf8_lossy(text).into_owned()
        }
        _ => return,
    };
    let field = match key {
        b"Author" => Field::Artist,
        b"Copyright" => Field::Copyright,
        b"Software" => Field::Software,
        b"Source" => Field::Camera,
        b"Creation Time" => Field::DateTaken,
        _ => return,
    };
    m.push(field, &value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_coordinates() {
        assert!((xmp_coordinate("48,8.2292N").unwrap() - 48.13715).abs() < 1e-4);
        assert!((xmp_coordinate("11,34,34.0W").unwrap() + 11.57611).abs() < 1e-4);
        assert_eq!(xmp_coordinate("x"), None);
        assert_eq!(xmp_coordinate(""), None);
    }

    #[test]
    fn xmp_packet_fields() {
        let x = br#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Getty Images">
<dc:creator><rdf:Seq><rdf:li>Max Fotograf</rdf:li></rdf:Seq></dc:creator>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">(c) Max</rdf:li><rdf:li xml:lang="de">(c) Max</rdf:li></rdf:Alt></dc:rights>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
        let mut m = Metadata::default();
        read_xmp(x, &mut m);
        assert_eq!(
            m.values(Field::Creator).collect::<Vec<_>>(),
            ["Max Fotograf"]
        );
        assert_eq!(m.values(Field::Rights).collect::<Vec<_>>(), ["(c) Max"]);
        assert_eq!(
            m.values(Field::Credit).collect::<Vec<_>>(),
            ["Getty Images"]
        );
    }

    #[test]
    fn xmp_with_dtd_is_ignored() {
        let x = br#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>"#;
        let mut m = Metadata::default();
        read_xmp(x, &mut m);
        assert!(m.fields.is_empty());
    }

    #[test]
    fn iptc_in_photoshop_block() {
        let mut iptc = Vec::new();
        for (ds, v) in [(80u8, "Erika Muster".as_bytes()), (116, b"(c) Stadt")] {
            iptc.extend([0x1C, 2, ds]);
            iptc.extend((v.len() as u16).to_be_bytes());
            iptc.extend(v);
        }
        let mut app13 = b"Photoshop 3.0\0".to_vec();
        app13.extend(b"8BIM");
        app13.extend(0x0404u16.to_be_bytes());
        app13.extend([0, 0]); // empty name, padded
        app13.extend((iptc.len() as u32).to_be_bytes());
        app13.extend(&iptc);
        let mut m = Metadata::default();
        read_photoshop_irb(&app13, &mut m);
        assert_eq!(
            m.values(Field::Creator).collect::<Vec<_>>(),
            ["Erika Muster"]
        );
        assert_eq!(
            m.values(Field::Copyright).collect::<Vec<_>>(),
            ["(c) Stadt"]
        );
        // Truncated blocks stop quietly.
        for cut in 0..app13.len() {
            let mut m = Metadata::default();
            read_photoshop_irb(&app13[..cut], &mut m);
        }
    }

    #[test]
    fn zero_position_is_no_fix() {
        assert_eq!(valid_position(0.0, 0.0), None);
        assert_eq!(valid_position(91.0, 0.0), None);
        assert_eq!(valid_position(48.1, 11.5), Some((48.1, 11.5)));
    }
}
