//! The one place that knows serde-saphyr's error and span types: byte ranges of parsed values
//! and plain error messages, for rule packs and front matter alike.

use std::ops::Range;

use serde_saphyr::Spanned;

/// Byte range of a parsed value in the YAML text it came from (empty when unknown).
pub fn span<T>(s: &Spanned<T>) -> Range<usize> {
    let sp = s.referenced.span();
    match (sp.byte_offset(), sp.byte_len()) {
        (Some(o), Some(l)) => o as usize..(o + l) as usize,
        _ => 0..0,
    }
}

/// The parser's message without its own snippet and " at line …" suffix (we render our own).
pub fn plain_message(e: &serde_saphyr::Error) -> String {
    let s = e.without_snippet().to_string();
    let s = match s.rfind(" at line ") {
        Some(i) if s[i..].contains("column") => s[..i].to_string(),
        _ => s,
    };
    s.trim_start_matches("error: ").to_string()
}
