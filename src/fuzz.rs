//! Entry points shared by the cargo-fuzz targets (`fuzz/`) and the stable-toolchain test that
//! replays their committed corpora (`tests/fuzz_corpus.rs`). Each takes arbitrary bytes and must
//! neither panic nor hang.

use std::sync::OnceLock;

use crate::draft::Draft;
use crate::engine::{CheckOptions, Engine};
use crate::images::ImageOptions;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::with_packs(Vec::new()).expect("built-in packs compile"))
}

/// Decode like the CLI (invalid UTF-8 and binary input are errors, not panics) and parse.
pub fn draft(data: &[u8]) {
    if let Ok(text) = crate::draft::decode(data.to_vec()) {
        let d = Draft::parse("fuzz.md", text);
        for a in &d.images {
            let _ = a.file_name();
        }
        let _ = d.line_col(d.source.len());
    }
}

/// Load bytes as a rule pack and, if valid, compile it.
pub fn rule_pack(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(rules) = crate::rule::load::load_pack("fuzz.yaml", text.to_string())
    {
        let _ = Engine::compile(rules);
    }
}

/// Read image metadata (no pixels).
pub fn image_meta(data: &[u8]) {
    let _ = crate::images::inspect_bytes(data.to_vec(), ImageOptions { pixels: false });
}

/// Check a text draft with every built-in rule.
pub fn check(data: &[u8]) {
    if let Ok(text) = crate::draft::decode(data.to_vec()) {
        let d = Draft::parse("fuzz.md", text);
        let _ = engine().check(&d, &CheckOptions::default());
    }
}

/// Remove metadata; when that works, the result must be readable again.
pub fn scrub(data: &[u8]) {
    if let Ok(s) = crate::images::scrub::scrub(data.to_vec()) {
        let _ = crate::images::inspect_bytes(s.bytes, ImageOptions { pixels: false });
    }
}
