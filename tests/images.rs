//! The image inspection library against the committed test images in `tests/images/` and their
//! ground truth `tests/images/expected.json` (keys explained in `tests/images/SOURCES.md`):
//! GPS and personal metadata, face counts and boxes, QR payloads, broken and hostile files,
//! lossless metadata removal and HEIC.
//!
//! Each test checks all files of its kind and lists every file that failed, not just the first.

use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use leitplanke::images::pixels::decode_gray;
use leitplanke::images::scrub::{ScrubError, scrub};
use leitplanke::images::{
    Field, Format, ImageError, ImageFacts, ImageOptions, format_position, inspect_file,
};
use serde_json::Value;

const META_ONLY: ImageOptions = ImageOptions { pixels: false };
const WITH_PIXELS: ImageOptions = ImageOptions { pixels: true };

/// GPS coordinates must match to this many degrees (about 11 m).
const GPS_TOLERANCE: f64 = 1e-4;
/// Guard against hangs on hostile files (generous: the real times are milliseconds).
const HOSTILE_TIME_LIMIT: Duration = Duration::from_secs(2);
/// Share of the group photo's faces that must be found, in percent.
const FACE_RECALL_PERCENT: usize = 85;
/// A found face box counts for an expected one at this intersection over union.
const MIN_IOU: f64 = 0.3;

/// The personal fields `expected.json` summarises under `fields` (its key, the library's field).
const FIELD_KEYS: &[(&str, Field)] = &[
    ("artist", Field::Artist),
    ("owner", Field::Owner),
    ("serial", Field::Serial),
    ("copyright", Field::Copyright),
    ("creator", Field::Creator),
    ("rights", Field::Rights),
    ("credit", Field::Credit),
    ("usage_terms", Field::UsageTerms),
    ("software", Field::Software),
    ("user_comment", Field::UserComment),
    ("date_taken", Field::DateTaken),
];

/// exiftool's `Group1:Tag` names (the `tags` of `expected.json`) and the field each one feeds.
/// Make and Model (together the `Camera` field) are checked on their own.
const TAG_FIELDS: &[(&str, Field)] = &[
    ("IFD0:Artist", Field::Artist),
    ("ExifIFD:OwnerName", Field::Owner),
    ("ExifIFD:SerialNumber", Field::Serial),
    ("IFD0:Copyright", Field::Copyright),
    ("IPTC:CopyrightNotice", Field::Copyright),
    ("IPTC:By-line", Field::Creator),
    ("XMP-dc:Creator", Field::Creator),
    ("XMP-dc:Rights", Field::Rights),
    ("IPTC:Credit", Field::Credit),
    ("XMP-photoshop:Credit", Field::Credit),
    ("IPTC:Source", Field::Source),
    ("XMP-photoshop:Source", Field::Source),
    ("XMP-xmpRights:UsageTerms", Field::UsageTerms),
    ("IFD0:Software", Field::Software),
    ("XMP-xmp:CreatorTool", Field::Software),
    ("PNG:Software", Field::Software),
    ("ExifIFD:UserComment", Field::UserComment),
    ("XMP-exif:UserComment", Field::UserComment),
    ("ExifIFD:DateTimeOriginal", Field::DateTaken),
];

/// Tags that must not survive scrubbing, in any group (the `WATCH` list of `verify.py`, without
/// Orientation, which scrubbing keeps on purpose).
const WATCHED_TAGS: &[&str] = &[
    "Make",
    "Model",
    "DateTimeOriginal",
    "CreateDate",
    "ModifyDate",
    "GPSLatitude",
    "GPSLongitude",
    "GPSLatitudeRef",
    "GPSLongitudeRef",
    "Artist",
    "OwnerName",
    "SerialNumber",
    "UserComment",
    "Copyright",
    "CopyrightNotice",
    "By-line",
    "Credit",
    "Source",
    "Creator",
    "Rights",
    "UsageTerms",
    "Software",
    "CreatorTool",
    "CodedCharacterSet",
    "LensModel",
    "ExposureTime",
    "FNumber",
    "ISO",
    "FocalLength",
    "ExifImageWidth",
    "ExifImageHeight",
    "ImageDescription",
    "Title",
    "Description",
];

// ---------------------------------------------------------------------------------------------
// expected.json

fn images_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/images")
}

fn entries() -> &'static [Value] {
    static ENTRIES: OnceLock<Vec<Value>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let p = images_dir().join("expected.json");
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let doc: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", p.display()));
        let files = doc["files"]
            .as_array()
            .unwrap_or_else(|| panic!("{} has no \"files\" array", p.display()))
            .clone();
        assert!(
            files.len() >= 40,
            "expected.json lists only {} files",
            files.len()
        );
        files
    })
}

fn name(e: &Value) -> &str {
    e["file"].as_str().expect("every entry has a \"file\"")
}

fn entry(file: &str) -> &'static Value {
    entries()
        .iter()
        .find(|e| name(e) == file)
        .unwrap_or_else(|| panic!("{file} is not listed in expected.json"))
}

fn path_of(e: &Value) -> PathBuf {
    images_dir().join(name(e))
}

fn in_folder(e: &Value, folder: &str) -> bool {
    name(e)
        .strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}

fn readable(e: &Value) -> bool {
    e["readable"].as_bool() == Some(true)
}

fn metadata_broken(e: &Value) -> bool {
    e["metadata_broken"].as_bool() == Some(true)
}

fn expected_format(e: &Value) -> Option<Format> {
    Some(match e["format"].as_str()? {
        "jpeg" => Format::Jpeg,
        "png" => Format::Png,
        "webp" => Format::WebP,
        "gif" => Format::Gif,
        "tiff" => Format::Tiff,
        "heic" => Format::Heif,
        other => panic!("{}: unknown format {other:?} in expected.json", name(e)),
    })
}

fn expected_gps(e: &Value) -> Option<(f64, f64)> {
    let g = e["gps"].as_array()?;
    Some((
        g[0].as_f64().expect("gps latitude is a number"),
        g[1].as_f64().expect("gps longitude is a number"),
    ))
}

fn expected_size(e: &Value, w: &str, h: &str) -> Option<(u32, u32)> {
    let num = |k: &str| e[k].as_u64().map(|v| v as u32);
    Some((num(w)?, num(h)?))
}

fn expected_orientation(e: &Value) -> Option<u16> {
    e["tags"]["IFD0:Orientation"].as_u64().map(|o| o as u16)
}

fn expected_tag<'a>(e: &'a Value, tag: &str) -> Option<&'a str> {
    e["tags"][tag].as_str()
}

/// The values the tags in `expected.json` give for a field, each once.
fn expected_values(e: &Value, field: Field) -> BTreeSet<String> {
    TAG_FIELDS
        .iter()
        .filter(|(_, f)| *f == field)
        .filter_map(|(tag, _)| expected_tag(e, tag))
        .map(str::to_string)
        .collect()
}

fn reported(facts: &ImageFacts, field: Field) -> Vec<String> {
    facts.meta.values(field).map(str::to_string).collect()
}

/// Fail with one line per problem.
fn assert_none_failed(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} problem(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

fn iou(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> f64 {
    let w = ((a.0 + a.2).min(b.0 + b.2) - a.0.max(b.0)).max(0.0);
    let h = ((a.1 + a.3).min(b.1 + b.3) - a.1.max(b.1)).max(0.0);
    let inter = w * h;
    let union = a.2 * a.3 + b.2 * b.3 - inter;
    if union <= 0.0 { 0.0 } else { inter / union }
}

// ---------------------------------------------------------------------------------------------
// 0. The data set and the basics: every file is listed, format and size as stored.

#[test]
fn every_test_image_is_listed_in_expected_json() {
    let listed: BTreeSet<&str> = entries().iter().map(name).collect();
    let mut failures = Vec::new();
    for folder in ["photos", "metadata", "qr", "corrupt"] {
        let dir = images_dir().join(folder);
        let read = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for f in read {
            let f = f.expect("directory entry");
            let rel = format!("{folder}/{}", f.file_name().to_string_lossy());
            if !listed.contains(rel.as_str()) {
                failures.push(format!("{rel}: on disk but not in expected.json"));
            }
        }
    }
    for e in entries() {
        if !path_of(e).is_file() {
            failures.push(format!("{}: in expected.json but missing", name(e)));
        }
    }
    assert_none_failed("test image set", &failures);
}

#[test]
fn format_and_dimensions_match() {
    let mut failures = Vec::new();
    for e in entries() {
        let file = name(e);
        let result = inspect_file(&path_of(e), META_ONLY);
        let Some(format) = expected_format(e) else {
            if let Ok(f) = &result {
                failures.push(format!(
                    "{file}: has no image signature, but was read as {:?}",
                    f.format
                ));
            }
            continue;
        };
        let facts = match result {
            Ok(f) => f,
            Err(err) => {
                failures.push(format!("{file}: expected a {format:?} file, got {err:?}"));
                continue;
            }
        };
        if facts.format != format {
            failures.push(format!(
                "{file}: format {:?}, expected {format:?}",
                facts.format
            ));
        }
        // The stored size when the header can be read; HEIC sizes are not read (no decoder).
        let size = expected_size(e, "width", "height").filter(|&(w, h)| w > 0 && h > 0);
        match (facts.dimensions, size) {
            (None, _) if format == Format::Heif || !readable(e) => {}
            (got, want) if got == want => {}
            (got, want) => failures.push(format!("{file}: dimensions {got:?}, expected {want:?}")),
        }
        if let Some(display) = expected_size(e, "display_width", "display_height")
            && facts.upright() != Some(display)
        {
            failures.push(format!(
                "{file}: upright size {:?}, expected {display:?}",
                facts.upright()
            ));
        }
    }
    assert_none_failed("format and dimensions", &failures);
}

// ---------------------------------------------------------------------------------------------
// 1. GPS

#[test]
fn gps_positions_match() {
    let mut failures = Vec::new();
    let mut with_gps = 0;
    for e in entries() {
        let file = name(e);
        let want = expected_gps(e);
        let facts = match inspect_file(&path_of(e), META_ONLY) {
            Ok(f) => f,
            Err(err) => {
                if want.is_some() || readable(e) {
                    failures.push(format!("{file}: cannot be read: {err:?}"));
                }
                continue;
            }
        };
        match (want, facts.meta.gps) {
            (Some((lat, lon)), Some((glat, glon))) => {
                with_gps += 1;
                if (lat - glat).abs() > GPS_TOLERANCE || (lon - glon).abs() > GPS_TOLERANCE {
                    failures.push(format!(
                        "{file}: GPS {glat:.6}, {glon:.6}, expected {lat:.6}, {lon:.6}"
                    ));
                }
                let shown = format_position(glat, glon);
                if shown != format_position(lat, lon) {
                    failures.push(format!(
                        "{file}: position shown as {shown:?}, expected {:?}",
                        format_position(lat, lon)
                    ));
                }
            }
            (Some((lat, lon)), None) => {
                failures.push(format!("{file}: no GPS found, expected {lat}, {lon}"))
            }
            (None, Some(got)) => failures.push(format!("{file}: GPS {got:?} found, expected none")),
            (None, None) => {}
        }
    }
    assert_none_failed("GPS", &failures);
    assert_eq!(with_gps, 4, "expected GPS in the four gps-munich.* files");
    assert_eq!(format_position(48.137154, 11.576124), "48.14°N 11.58°E");
}

// ---------------------------------------------------------------------------------------------
// 2. Personal metadata

/// Every field `expected.json` summarises is reported with exactly that text (where containers
/// disagree, e.g. stock.jpg's two credits, the summary is one of the values), and every watched
/// tag exiftool finds is reported under its field.
#[test]
fn metadata_fields_are_found_exactly() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries()
        .iter()
        .filter(|e| readable(e) && !metadata_broken(e))
    {
        let file = name(e);
        let facts = match inspect_file(&path_of(e), META_ONLY) {
            Ok(f) => f,
            Err(err) => {
                failures.push(format!("{file}: cannot be read: {err:?}"));
                continue;
            }
        };
        let fields = e["fields"].as_object().expect("fields is an object");
        for (key, field) in FIELD_KEYS {
            let Some(want) = fields.get(*key) else {
                continue;
            };
            let want = want.as_str().expect("field values are strings");
            checked += 1;
            let got = reported(&facts, *field);
            if !got.iter().any(|g| g == want) {
                failures.push(format!("{file}: {field:?} = {got:?}, expected {want:?}"));
            }
        }
        for field in Field::ALL {
            for want in expected_values(e, *field) {
                let got = reported(&facts, *field);
                if !got.contains(&want) {
                    failures.push(format!(
                        "{file}: {field:?} = {got:?}, expected to contain {want:?} (from the tags)"
                    ));
                }
            }
        }
        // Make and Model together are the camera.
        let make = expected_tag(e, "IFD0:Make");
        let model = expected_tag(e, "IFD0:Model");
        if make.is_some() || model.is_some() {
            let got = reported(&facts, Field::Camera);
            let ok = got.len() == 1
                && [make, model]
                    .into_iter()
                    .flatten()
                    .all(|part| got[0].to_lowercase().contains(&part.to_lowercase()));
            if !ok {
                failures.push(format!(
                    "{file}: Camera = {got:?}, expected one value with {make:?} and {model:?}"
                ));
            }
        }
        if facts.meta.orientation != expected_orientation(e) {
            failures.push(format!(
                "{file}: orientation {:?}, expected {:?}",
                facts.meta.orientation,
                expected_orientation(e)
            ));
        }
    }
    assert_none_failed("metadata fields", &failures);
    assert!(
        checked >= 20,
        "only {checked} expected field values checked"
    );
}

/// No field is reported that the file does not have (in particular no Artist, Owner or Serial in
/// files without them), and non-ASCII text comes back exactly.
#[test]
fn metadata_has_no_invented_fields() {
    let mut failures = Vec::new();
    for e in entries() {
        let file = name(e);
        let Ok(facts) = inspect_file(&path_of(e), META_ONLY) else {
            continue;
        };
        for field in Field::ALL.iter().filter(|f| **f != Field::Camera) {
            let allowed = expected_values(e, *field);
            for got in reported(&facts, *field) {
                if !allowed.contains(&got) {
                    failures.push(format!(
                        "{file}: {field:?} = {got:?} reported, expected only {allowed:?}"
                    ));
                }
            }
        }
        let has_camera =
            expected_tag(e, "IFD0:Make").is_some() || expected_tag(e, "IFD0:Model").is_some();
        let camera = reported(&facts, Field::Camera);
        if !has_camera && !camera.is_empty() {
            failures.push(format!(
                "{file}: Camera = {camera:?} reported, file has none"
            ));
        }
        if metadata_broken(e) {
            // Hostile metadata: whatever is reported must be real (checked above); print what
            // was recovered.
            eprintln!("{file}: recovered {:?}", facts.meta.fields);
        }
    }
    // Spelled out once more, so a mis-decoding shows the bytes plainly.
    for (file, field, want) in [
        ("metadata/umlaut-artist.jpg", Field::Artist, "Jürgen Größ"),
        ("metadata/iptc-latin1.jpg", Field::Creator, "Jürgen Größ"),
        (
            "metadata/iptc-latin1.jpg",
            Field::Copyright,
            "© Jürgen Größ",
        ),
        (
            "metadata/copyright.jpg",
            Field::Copyright,
            "© Max Fotograf 2026",
        ),
        (
            "metadata/copyright.jpg",
            Field::Rights,
            "© Max Fotograf 2026",
        ),
    ] {
        let facts = inspect_file(&path_of(entry(file)), META_ONLY)
            .unwrap_or_else(|err| panic!("{file}: {err:?}"));
        let got = reported(&facts, field);
        if got != [want] {
            failures.push(format!(
                "{file}: {field:?} = {got:?} (bytes {:02X?}), expected exactly [{want:?}]",
                got.iter().map(|g| g.as_bytes()).collect::<Vec<_>>()
            ));
        }
    }
    assert_none_failed("invented or mis-decoded metadata", &failures);
}

// ---------------------------------------------------------------------------------------------
// 3. Faces

fn inspect_pixels(e: &Value) -> Result<(ImageFacts, Duration), String> {
    let start = Instant::now();
    let facts = inspect_file(&path_of(e), WITH_PIXELS).map_err(|err| format!("{err:?}"))?;
    let t = start.elapsed();
    match &facts.pixels {
        Some(Ok(_)) => Ok((facts, t)),
        Some(Err(why)) => Err(format!("pixels not decoded: {why}")),
        None => Err("pixels not inspected".into()),
    }
}

fn photos_with_faces(n: impl Fn(u64) -> bool) -> impl Iterator<Item = &'static Value> {
    entries()
        .iter()
        .filter(move |e| in_folder(e, "photos") && e["faces"].as_u64().is_some_and(&n))
}

#[test]
fn faces_group_photo() {
    let e = entry("photos/group-solvay.jpg");
    let want = e["faces"].as_u64().expect("face count") as usize;
    let (facts, t) = inspect_pixels(e).unwrap_or_else(|why| panic!("{}: {why}", name(e)));
    eprintln!("{}: {} faces in {t:.2?}", name(e), facts.faces().len());
    let found = facts.faces();
    let mut failures = Vec::new();
    let min = (want * FACE_RECALL_PERCENT).div_ceil(100);
    if found.len() < min || found.len() > want + 1 {
        failures.push(format!(
            "{}: {} faces found, expected {min}..={} ({want} people)",
            name(e),
            found.len(),
            want + 1
        ));
    }
    let (w, h) = facts.dimensions.expect("group photo has a size");
    for r in found {
        if r.width == 0 || r.height == 0 || r.x + r.width > w || r.y + r.height > h {
            failures.push(format!(
                "{}: face box {r:?} outside the {w}x{h} image",
                name(e)
            ));
        }
    }
    let boxes = e["face_boxes"]
        .as_array()
        .expect("group photo has face_boxes");
    assert_eq!(boxes.len(), want, "face_boxes and faces disagree");
    let mut unmatched = Vec::new();
    for b in boxes {
        let b: Vec<f64> = b
            .as_array()
            .expect("a box is [x, y, w, h]")
            .iter()
            .map(|v| v.as_f64().expect("box numbers"))
            .collect();
        let want_box = (b[0], b[1], b[2], b[3]);
        let best = found
            .iter()
            .map(|r| {
                iou(
                    want_box,
                    (r.x as f64, r.y as f64, r.width as f64, r.height as f64),
                )
            })
            .fold(0.0, f64::max);
        if best < MIN_IOU {
            unmatched.push(format!("{b:?} (best IoU {best:.2})"));
        }
    }
    let matched = boxes.len() - unmatched.len();
    eprintln!(
        "{}: {matched} of {} expected boxes matched (IoU >= {MIN_IOU}); unmatched: {}",
        name(e),
        boxes.len(),
        unmatched.join(", ")
    );
    if matched < min {
        failures.push(format!(
            "{}: {matched} of {} expected face boxes overlap a found box (IoU >= {MIN_IOU}), \
             need {min}; unmatched: {}",
            name(e),
            boxes.len(),
            unmatched.join(", ")
        ));
    }
    if !matches!(&facts.pixels, Some(Ok(p)) if p.qr.is_empty()) {
        failures.push(format!(
            "{}: QR code reported in a photo without one",
            name(e)
        ));
    }
    assert_none_failed("faces in the group photo", &failures);
}

#[test]
fn faces_portraits_have_exactly_one() {
    let mut failures = Vec::new();
    for e in photos_with_faces(|n| n == 1) {
        match inspect_pixels(e) {
            Ok((facts, t)) => {
                eprintln!("{}: {:?} in {t:.2?}", name(e), facts.faces());
                if facts.faces().len() != 1 {
                    failures.push(format!(
                        "{}: {} faces found {:?}, expected exactly 1 ({})",
                        name(e),
                        facts.faces().len(),
                        facts.faces(),
                        e["note"].as_str().unwrap_or("")
                    ));
                }
            }
            Err(why) => failures.push(format!("{}: {why}", name(e))),
        }
    }
    assert_none_failed("faces in portraits", &failures);
}

#[test]
fn faces_none_in_photos_without_people() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in photos_with_faces(|n| n == 0) {
        checked += 1;
        match inspect_pixels(e) {
            Ok((facts, t)) => {
                eprintln!("{}: {} faces in {t:.2?}", name(e), facts.faces().len());
                if !facts.faces().is_empty() {
                    failures.push(format!(
                        "{}: false positive faces {:?}, expected none",
                        name(e),
                        facts.faces()
                    ));
                }
                if !matches!(&facts.pixels, Some(Ok(p)) if p.qr.is_empty()) {
                    failures.push(format!(
                        "{}: QR code reported in a photo without one",
                        name(e)
                    ));
                }
            }
            Err(why) => failures.push(format!("{}: {why}", name(e))),
        }
    }
    assert_none_failed("faces in photos without people", &failures);
    assert_eq!(checked, 5, "expected five photos without people");
}

// ---------------------------------------------------------------------------------------------
// 4. QR codes

#[test]
fn qr_payloads_are_decoded_exactly() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries().iter().filter(|e| in_folder(e, "qr")) {
        checked += 1;
        let want: Vec<String> = e["qr"].as_str().map(str::to_string).into_iter().collect();
        match inspect_pixels(e) {
            Ok((facts, t)) => {
                let Some(Ok(p)) = &facts.pixels else {
                    unreachable!("inspect_pixels checked the pixels")
                };
                eprintln!("{}: {:?} in {t:.2?}", name(e), p.qr);
                if p.qr != want {
                    failures.push(format!("{}: QR {:?}, expected {want:?}", name(e), p.qr));
                }
            }
            Err(why) => failures.push(format!("{}: {why}", name(e))),
        }
    }
    assert_none_failed("QR codes", &failures);
    assert_eq!(checked, 6, "expected six files in qr/");
}

// ---------------------------------------------------------------------------------------------
// 5. Broken and hostile files

/// Run `f`, turning a panic into an error message, and time it.
fn guarded<T>(f: impl FnOnce() -> T) -> (Result<T, String>, Duration) {
    let start = Instant::now();
    let r = panic::catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into())
    });
    (r, start.elapsed())
}

#[test]
fn corrupt_files_fail_cleanly_and_quickly() {
    let dir = images_dir().join("corrupt");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| f.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 14, "only {} files in corrupt/", files.len());
    let mut failures = Vec::new();
    for p in &files {
        let file = format!("corrupt/{}", p.file_name().unwrap().to_string_lossy());
        let e = entry(&file);
        let (result, t) = guarded(|| inspect_file(p, WITH_PIXELS));
        eprintln!("{file}: inspected in {t:.2?}");
        if t > HOSTILE_TIME_LIMIT {
            failures.push(format!("{file}: inspect_file took {t:.2?}"));
        }
        let result: Result<ImageFacts, ImageError> = match result {
            Ok(r) => r,
            Err(msg) => {
                failures.push(format!("{file}: inspect_file panicked: {msg}"));
                continue;
            }
        };
        if readable(e) {
            // Hostile metadata, fine pixels.
            match &result {
                Ok(f) => match &f.pixels {
                    Some(Ok(_)) => {}
                    other => failures.push(format!(
                        "{file}: pixels are fine but got {other:?} (metadata broken on purpose)"
                    )),
                },
                Err(err) => failures.push(format!("{file}: readable, but got {err:?}")),
            }
        } else {
            match &result {
                Err(_) => {}
                Ok(f) => match &f.pixels {
                    Some(Err(why)) if !why.trim().is_empty() => {}
                    Some(Err(_)) => failures.push(format!("{file}: refused with an empty reason")),
                    other => failures.push(format!(
                        "{file}: unreadable, but pixels gave {other:?}, expected Some(Err(reason))"
                    )),
                },
            }
        }

        // The lower-level readers must not panic or hang either.
        let bytes = std::fs::read(p).expect("readable file");
        if let Some(fmt) = Format::sniff(&bytes) {
            let (decoded, t) = guarded(|| decode_gray(&bytes, fmt));
            if t > HOSTILE_TIME_LIMIT {
                failures.push(format!("{file}: decode_gray took {t:.2?}"));
            }
            match decoded {
                Err(msg) => failures.push(format!("{file}: decode_gray panicked: {msg}")),
                Ok(Ok(g)) if readable(e) => {
                    let want = expected_size(e, "width", "height");
                    if Some((g.width, g.height)) != want
                        || g.data.len() != g.width as usize * g.height as usize
                    {
                        failures.push(format!(
                            "{file}: decoded {}x{} ({} bytes), expected {want:?}",
                            g.width,
                            g.height,
                            g.data.len()
                        ));
                    }
                }
                Ok(Ok(g)) => failures.push(format!(
                    "{file}: decode_gray gave {}x{} pixels for an unreadable file",
                    g.width, g.height
                )),
                Ok(Err(why)) if readable(e) => {
                    failures.push(format!("{file}: decode_gray failed: {why}"))
                }
                Ok(Err(why)) if why.trim().is_empty() => {
                    failures.push(format!("{file}: decode_gray failed with an empty reason"))
                }
                Ok(Err(_)) => {}
            }
        }
        let (scrubbed, t) = guarded(|| scrub(bytes.clone()));
        if t > HOSTILE_TIME_LIMIT {
            failures.push(format!("{file}: scrub took {t:.2?}"));
        }
        if let Err(msg) = scrubbed {
            failures.push(format!("{file}: scrub panicked: {msg}"));
        }
    }
    assert_none_failed("broken and hostile files", &failures);
}

// ---------------------------------------------------------------------------------------------
// 6. Lossless metadata removal

fn exiftool_available() -> bool {
    Command::new("exiftool")
        .arg("-ver")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn scrub_removes_metadata_and_keeps_pixels() {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let mut failures = Vec::new();
    // (file in the test set, scrubbed copy, expected orientation, expected tags)
    let mut written: Vec<(&str, PathBuf, Option<u16>, &Value)> = Vec::new();
    let candidates = entries().iter().filter(|e| {
        (in_folder(e, "metadata") || in_folder(e, "photos") || metadata_broken(e))
            && matches!(
                expected_format(e),
                Some(Format::Jpeg | Format::Png | Format::WebP)
            )
    });
    for e in candidates {
        let file = name(e);
        let format = expected_format(e).expect("filtered on the format");
        let bytes = std::fs::read(path_of(e)).expect("test image");
        let before = decode_gray(&bytes, format);
        let s = match scrub(bytes.clone()) {
            Ok(s) => s,
            Err(err) => {
                failures.push(format!("{file}: scrub failed: {err}"));
                continue;
            }
        };
        let orientation = expected_orientation(e);
        if Format::sniff(&s.bytes) != Some(format) {
            failures.push(format!("{file}: scrubbed file is no longer {format:?}"));
        }
        if s.orientation != orientation {
            failures.push(format!(
                "{file}: scrub kept orientation {:?}, expected {orientation:?}",
                s.orientation
            ));
        }
        let has_tags = e["tags"].as_object().is_some_and(|t| !t.is_empty());
        if has_tags && s.removed.is_empty() {
            failures.push(format!("{file}: scrub reports nothing removed"));
        }

        let out = tmp.path().join(file.replace('/', "__"));
        std::fs::write(&out, &s.bytes).expect("write scrubbed copy");
        match inspect_file(&out, META_ONLY) {
            Ok(after) => {
                if let Some(gps) = after.meta.gps {
                    failures.push(format!("{file}: GPS {gps:?} left after scrubbing"));
                }
                if !after.meta.fields.is_empty() {
                    failures.push(format!(
                        "{file}: fields left after scrubbing: {:?}",
                        after.meta.fields
                    ));
                }
                if after.meta.orientation != orientation {
                    failures.push(format!(
                        "{file}: orientation {:?} after scrubbing, expected {orientation:?}",
                        after.meta.orientation
                    ));
                }
            }
            Err(err) => failures.push(format!("{file}: scrubbed copy unreadable: {err:?}")),
        }

        match (before, decode_gray(&s.bytes, format)) {
            (Ok(a), Ok(b)) => {
                if (a.width, a.height) != (b.width, b.height) || a.data != b.data {
                    let diff = a.data.iter().zip(&b.data).filter(|(x, y)| x != y).count();
                    failures.push(format!(
                        "{file}: pixels changed: {}x{} -> {}x{}, {diff} grey values differ",
                        a.width, a.height, b.width, b.height
                    ));
                }
            }
            (a, b) => failures.push(format!(
                "{file}: grey decode before {:?}, after {:?}",
                a.map(|g| (g.width, g.height)),
                b.map(|g| (g.width, g.height))
            )),
        }

        match scrub(s.bytes.clone()) {
            Ok(again) if again.bytes == s.bytes => {}
            Ok(again) => failures.push(format!(
                "{file}: scrubbing twice changes the file ({} -> {} bytes, removed {:?})",
                s.bytes.len(),
                again.bytes.len(),
                again.removed
            )),
            Err(err) => failures.push(format!("{file}: scrubbed copy cannot be scrubbed: {err}")),
        }
        written.push((file, out, orientation, e));
    }
    assert!(
        written.len() >= 20,
        "only {} files scrubbed: {failures:?}",
        written.len()
    );

    // Independent check with exiftool where it is installed.
    if !exiftool_available() {
        eprintln!("scrub: exiftool not found, SKIPPED the independent exiftool check");
    } else {
        let output = Command::new("exiftool")
            .args(["-j", "-a", "-G1", "-n"])
            .args(written.iter().map(|w| &w.1))
            .output()
            .expect("run exiftool");
        let found: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "exiftool output is not JSON ({e}): {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        let found = found.as_array().expect("exiftool prints an array");
        assert_eq!(
            found.len(),
            written.len(),
            "exiftool read every scrubbed file"
        );
        for (file, out, orientation, e) in &written {
            let Some(tags) = found
                .iter()
                .find(|m| m["SourceFile"].as_str() == Some(out.to_str().unwrap()))
                .and_then(Value::as_object)
            else {
                failures.push(format!("{file}: exiftool did not report the scrubbed copy"));
                continue;
            };
            for (key, value) in tags {
                let Some((group, tag)) = key.split_once(':') else {
                    continue;
                };
                let left = group == "GPS"
                    || group.starts_with("XMP")
                    || group == "IPTC"
                    || group == "Photoshop"
                    || group == "ExifIFD"
                    || group == "IFD1"
                    || group == "InteropIFD"
                    || group.starts_with("MakerNotes")
                    || (group == "IFD0" && tag != "Orientation")
                    || (group == "ExifTool" && tag == "Error")
                    || (group == "Composite" && tag.starts_with("GPS"))
                    || (!["File", "System", "ExifTool", "Composite"].contains(&group)
                        && WATCHED_TAGS.contains(&tag))
                    || (e["tags"].get(key).is_some() && key != "IFD0:Orientation");
                if left {
                    failures.push(format!(
                        "{file}: exiftool still finds {key} = {value} after scrubbing"
                    ));
                }
            }
            let got = tags.get("IFD0:Orientation").and_then(Value::as_u64);
            if got != orientation.map(u64::from) {
                failures.push(format!(
                    "{file}: exiftool finds orientation {got:?} after scrubbing, expected \
                     {orientation:?}"
                ));
            }
        }
    }
    assert_none_failed("scrub", &failures);
}

// ---------------------------------------------------------------------------------------------
// 7. HEIC: metadata without pixels

#[test]
fn heic_metadata_is_read_without_pixels() {
    let e = entry("metadata/gps-munich.heic");
    let file = name(e);
    let facts =
        inspect_file(&path_of(e), WITH_PIXELS).unwrap_or_else(|err| panic!("{file}: {err:?}"));
    assert_eq!(facts.format, Format::Heif, "{file}: format");
    let (lat, lon) = expected_gps(e).expect("HEIC entry has GPS");
    let (glat, glon) = facts
        .meta
        .gps
        .unwrap_or_else(|| panic!("{file}: no GPS found, expected {lat}, {lon}"));
    assert!(
        (glat - lat).abs() <= GPS_TOLERANCE && (glon - lon).abs() <= GPS_TOLERANCE,
        "{file}: GPS {glat}, {glon}, expected {lat}, {lon}"
    );
    assert_eq!(
        reported(&facts, Field::DateTaken),
        [e["fields"]["date_taken"].as_str().unwrap()],
        "{file}: date taken"
    );
    assert_eq!(
        reported(&facts, Field::Camera),
        ["Google Pixel 8"],
        "{file}: camera"
    );
    match &facts.pixels {
        Some(Err(why)) => assert!(!why.is_empty(), "{file}: empty reason"),
        other => panic!("{file}: pixels {other:?}, expected Some(Err(_)) (no HEIC decoder)"),
    }
    assert!(facts.faces().is_empty(), "{file}: faces without pixels");
    let bytes = std::fs::read(path_of(e)).unwrap();
    assert!(
        matches!(scrub(bytes), Err(ScrubError::Unsupported(_))),
        "{file}: scrub must refuse HEIC"
    );
}
