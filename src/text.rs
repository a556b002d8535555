//! Unicode text handling shared by every stage: normalised views with an offset map back to the
//! original bytes, the one word-boundary test used by all matchers, and line/column lookup.
//!
//! Matching never happens on the raw source. Two *views* are built once per draft:
//!
//! * [`View::normalized`]: NFC, case kept. Regexes run here, so "Anzeige" typed with a combining
//!   diaeresis still matches a pattern written with a precomposed letter.
//! * [`View::folded`]: NFKC plus full Unicode case folding, with invisible format characters
//!   (zero-width space, soft hyphen, bidi controls, BOM) removed. The Aho-Corasick term scan runs
//!   here: `STRASSE`, `Straße` and `ＳＴＲＡＳＳＥ` all become `strasse`.
//!
//! Both views keep, for each of their bytes, the byte range of the original text it came from,
//! so every match maps back to exact source positions. ASCII text (most drafts, mostly) takes a
//! fast path without any normalisation tables.

use std::ops::Range;

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// How a view transforms text: whether it folds ASCII (as [`FOLD_TABLE`] says, applied in
/// place to whole runs) or copies it unchanged, and what it makes of a non-ASCII chunk.
type Transform = (bool, fn(&str, &mut String));

/// ASCII byte map of the folded view (see [`fold_ascii`]), for short strings; the views apply
/// the same folding to whole runs in place.
static FOLD_TABLE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = fold_ascii(i as u8) as u8;
        i += 1;
    }
    t
};

/// A transformed copy of a text with a byte-exact map back to the original.
///
/// The map is compact: outside the chunks the transformation changed, view and original advance
/// byte for byte, so only changed chunks are recorded (as anchors). Most posts have a handful.
#[derive(Debug, Clone)]
pub struct View {
    /// The transformed text that matchers run on.
    pub text: String,
    /// Changed chunks in view order: (view start, view len, original start, original len).
    anchors: Vec<Anchor>,
    /// Length of the original text.
    orig_len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Anchor {
    view: u32,
    view_len: u32,
    orig: u32,
    orig_len: u32,
}

/// Characters that carry no visible content and are dropped from the folded view, so that
/// "Wer\u{200B}bung" still matches `werbung`.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Fold one chunk (a starter plus its combining marks) for case-insensitive, compatibility
/// matching: NFKC and full case folding, twice as the Unicode caseless-match definition asks.
fn fold_chunk(chunk: &str, out: &mut String) {
    let mut chars = chunk.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Latin-1 letters (ä, ö, ü, é, …) are NFKC-stable; upper case folds to one character.
        match c {
            'à'..='ÿ' if c != '÷' => {
                out.push(c);
                return;
            }
            'À'..='Þ' if c != '×' => {
                out.extend(c.to_lowercase());
                return;
            }
            _ => {}
        }
        // Fast path without allocation: a lone character that NFKC keeps and folding keeps.
        if is_invisible_format(c) {
            return;
        }
        let nfkc_stable = unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes;
        if nfkc_stable {
            let mut folded = std::iter::once(c).default_case_fold();
            if let (Some(f), None) = (folded.next(), folded.next())
                && (f == c
                    || unicode_normalization::is_nfkc_quick(std::iter::once(f))
                        == unicode_normalization::IsNormalized::Yes)
            {
                out.push(f);
                return;
            }
        }
    }
    let once: String = caseless::default_case_fold_str(&chunk.nfkd().collect::<String>());
    let twice = caseless::default_case_fold_str(&once.nfkd().collect::<String>());
    for c in twice.nfc() {
        if !is_invisible_format(c) {
            out.push(c);
        }
    }
}

/// ASCII folding: lowercase, and tabs/line breaks become spaces so that a term such as
/// "in kooperation mit" also matches across a line break.
const fn fold_ascii(b: u8) -> char {
    match b {
        b'\n' | b'\r' | b'\t' => ' ',
        _ => b.to_ascii_lowercase() as char,
    }
}

fn nfc_chunk(chunk: &str, out: &mut String) {
    let mut chars = chunk.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && (('\u{A0}'..='\u{FF}').contains(&c)
            || unicode_normalization::is_nfc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes)
    {
        out.push(c);
        return;
    }
    out.extend(chunk.nfc());
}

impl View {
    /// NFC view, case preserved.
    pub fn normalized(src: &str) -> View {
        Self::build(src, false, nfc_chunk)
    }

    /// NFKC + case-folded view without invisible format characters.
    pub fn folded(src: &str) -> View {
        Self::build(src, true, fold_chunk)
    }

    /// Fold a short string (a rule term) exactly as [`View::folded`] folds text.
    pub fn fold_str(s: &str) -> String {
        if s.is_ascii() {
            return s.bytes().map(|b| FOLD_TABLE[b as usize] as char).collect();
        }
        Self::folded(s).text
    }

    /// Both views in one pass over the text (the segmentation into chunks is shared):
    /// `(normalized, folded)`.
    pub fn pair(src: &str) -> (View, View) {
        let [normalized, folded] = Self::build_all(src, &[(false, nfc_chunk), (true, fold_chunk)]);
        (normalized, folded)
    }

    fn build(src: &str, fold: bool, chunk_fn: fn(&str, &mut String)) -> View {
        let [view] = Self::build_all(src, &[(fold, chunk_fn)]);
        view
    }

    fn build_all<const N: usize>(src: &str, specs: &[Transform; N]) -> [View; N] {
        let orig_len = src.len();
        // ASCII runs are copied or mapped byte for byte (tight loops), everything else is
        // pushed as `str`, so the views need no UTF-8 check at the end.
        let map_run = |buf: &mut String, run: &str, fold: bool| {
            let at = buf.len();
            buf.push_str(run);
            if fold {
                // The folding table, applied in place: lower case, and blanks for line breaks
                // and tabs (few, found with memchr).
                buf[at..].make_ascii_lowercase();
                for k in memchr::memchr3_iter(b'\n', b'\r', b'\t', run.as_bytes()) {
                    buf.replace_range(at + k..at + k + 1, " ");
                }
            }
        };
        let mut views: [View; N] = std::array::from_fn(|_| View {
            text: String::with_capacity(src.len() + 16),
            anchors: Vec::new(),
            orig_len,
        });
        let bytes = src.as_bytes();
        let mut scratch = String::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                // A run of ASCII up to the next non-ASCII byte; its last byte may carry a
                // combining mark and then starts a chunk instead.
                let mut j = i + ascii_prefix_len(&bytes[i..]);
                if j < bytes.len() && next_is_combining(src, j) {
                    j -= 1;
                }
                if j > i {
                    for (v, (fold, _)) in views.iter_mut().zip(specs) {
                        map_run(&mut v.text, &src[i..j], *fold);
                    }
                    i = j;
                    continue;
                }
            }
            // A Latin-1 letter (ä, ö, ü, é, …) followed by ASCII is a chunk of its own that NFC
            // keeps and folding at most lowers (by the Unicode case mapping, one character):
            // the common non-ASCII case in German and English posts, without the general path.
            if let Some(c) = latin1_letter(bytes, i) {
                let orig = &src[i..i + 2];
                for (v, (fold, _)) in views.iter_mut().zip(specs) {
                    if *fold && c.is_uppercase() {
                        let l = c.to_lowercase().next().unwrap_or(c);
                        v.push_changed(l.encode_utf8(&mut [0; 4]), i, 2);
                    } else {
                        v.text.push_str(orig);
                    }
                }
                i += 2;
                continue;
            }
            // A chunk: one character plus every following combining mark.
            let start = i;
            let first = src[i..].chars().next().unwrap_or('\u{FFFD}');
            i += first.len_utf8();
            while i < bytes.len() {
                match src[i..].chars().next() {
                    Some(c) if canonical_combining_class(c) != 0 => i += c.len_utf8(),
                    _ => break,
                }
            }
            for (v, (_, chunk_fn)) in views.iter_mut().zip(specs) {
                scratch.clear();
                chunk_fn(&src[start..i], &mut scratch);
                if scratch != src[start..i] {
                    v.push_changed(&scratch, start, i - start);
                } else {
                    v.text.push_str(&scratch);
                }
            }
        }
        views
    }

    /// Append `text`, which stands for the `orig_len` original bytes at `orig`, noting the
    /// change for [`View::to_orig`].
    fn push_changed(&mut self, text: &str, orig: usize, orig_len: usize) {
        self.anchors.push(Anchor {
            view: self.text.len() as u32,
            view_len: text.len() as u32,
            orig: orig as u32,
            orig_len: orig_len as u32,
        });
        self.text.push_str(text);
    }

    /// Original byte range of the chunk containing view byte `v`, or of the identical byte.
    fn orig_at(&self, v: usize) -> (usize, usize) {
        let k = self.anchors.partition_point(|a| (a.view as usize) <= v);
        if k == 0 {
            return (v, v + 1);
        }
        let a = self.anchors[k - 1];
        let (vs, ve) = (a.view as usize, (a.view + a.view_len) as usize);
        let (os, oe) = (a.orig as usize, (a.orig + a.orig_len) as usize);
        if v < ve {
            (os, oe)
        } else {
            // Identity run after the changed chunk (also after a dropped, zero-length chunk
            // that shares its view offset with the next byte).
            let o = oe + (v - ve.max(vs));
            (o, o + 1)
        }
    }

    /// Map a byte range of this view back to a byte range of the original text.
    pub fn to_orig(&self, r: Range<usize>) -> Range<usize> {
        if self.anchors.is_empty() {
            return r.start.min(self.orig_len)..r.end.min(self.orig_len);
        }
        if r.start >= self.text.len() {
            return self.orig_len..self.orig_len;
        }
        let start = self.orig_at(r.start).0;
        let end = if r.end <= r.start {
            start
        } else {
            self.orig_at(r.end - 1).1
        };
        let start = start.min(self.orig_len);
        start..end.clamp(start, self.orig_len)
    }
}

/// Length of the ASCII run at the start of `bytes`, eight bytes at a time.
pub fn ascii_prefix_len(bytes: &[u8]) -> usize {
    first_by_words(bytes, |w| w & HIGH_BITS, |b| !b.is_ascii()).unwrap_or(bytes.len())
}

/// The high bit of each byte of a word.
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Per byte of `low` (a word whose bytes are all below 0x80), the high bit set where the byte
/// is in `lo..hi` (`lo <= hi <= 0x80`), for [`first_by_words`]. Adding `0x80 - lo` reaches the
/// high bit from `lo` on and stays within the byte, so no carry runs into the next one.
pub const fn bytes_in_range(low: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_lo = low + ONES * (0x80 - lo as u64);
    let from_hi = low + ONES * (0x80 - hi as u64);
    from_lo & !from_hi & HIGH_BITS
}

/// The first byte of `bytes` that `hit` accepts, eight bytes at a time: `hits` maps a word
/// (eight bytes, little-endian) to one whose bytes have their high bit set exactly where `hit`
/// accepts the byte (its other bits are ignored); the tail is tested byte by byte.
pub fn first_by_words(
    bytes: &[u8],
    hits: impl Fn(u64) -> u64,
    hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut n = 0;
    for w in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let h = hits(word) & HIGH_BITS;
        if h != 0 {
            return Some(n + (h.trailing_zeros() / 8) as usize);
        }
        n += 8;
    }
    bytes[n..].iter().position(|&b| hit(b)).map(|k| n + k)
}

/// The Latin-1 letter at byte `i` (two bytes) when an ASCII byte or the end follows: a chunk
/// that both views treat like [`fold_chunk`]'s and [`nfc_chunk`]'s first cases. Not ß, which
/// folds to "ss", nor × and ÷.
fn latin1_letter(bytes: &[u8], i: usize) -> Option<char> {
    let (&b0, &b1) = (bytes.get(i)?, bytes.get(i + 1)?);
    if b0 != 0xC3 || bytes.get(i + 2).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    // U+00C0..=U+00FF are C3 80..=C3 BF.
    let c = char::from_u32(0xC0 + u32::from(b1 & 0x3F))?;
    (c != 'ß' && c != '×' && c != '÷').then_some(c)
}

fn next_is_combining(src: &str, i: usize) -> bool {
    // Combining marks are never ASCII, so only look when the next byte starts a multibyte char.
    match src.as_bytes().get(i) {
        Some(b) if *b >= 0x80 => src[i..]
            .chars()
            .next()
            .is_some_and(|c| canonical_combining_class(c) != 0),
        _ => false,
    }
}

/// The word-character test behind every whole-word match: letters, digits (any script), the
/// underscore and combining marks.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if (c as u32) < 0x100 {
        // Latin-1, the common case after ASCII, without the Unicode tables: its letters, the
        // ordinal and micro signs, and the numeric superscripts and fractions; none combines.
        return is_latin1_alpha(c) || matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾');
    }
    c.is_alphanumeric() || c == '_' || canonical_combining_class(c) != 0
}

/// `char::is_alphabetic`, with Latin-1 (ä, ö, ü, ß, é, …) answered without the Unicode
/// tables.
pub fn is_alpha(c: char) -> bool {
    if (c as u32) < 0x100 {
        c.is_ascii_alphabetic() || is_latin1_alpha(c)
    } else {
        c.is_alphabetic()
    }
}

/// The alphabetic characters of U+0080..=U+00FF.
fn is_latin1_alpha(c: char) -> bool {
    matches!(c, 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ')
}

/// Whole-word test on the edges of a match in `text`: when the match starts with a word
/// character, the character before must not be one; likewise at the end. A match that starts
/// with `#` or `@` needs no left boundary of its own (its first character is not a word char).
///
/// This replaces Unicode `\b` in regexes, which would push the regex engine off its fast path.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    left_bounded(text, start, end) && right_bounded(text, start, end)
}

/// The left half of [`word_bounded`] (prefix terms such as `gewinnspiel*`).
pub fn left_bounded(text: &str, start: usize, end: usize) -> bool {
    match text[start..end].chars().next() {
        Some(c) if is_word_char(c) => !text[..start].chars().next_back().is_some_and(is_word_char),
        _ => true,
    }
}

/// The right half of [`word_bounded`] (suffix terms such as `*hotline`).
pub fn right_bounded(text: &str, start: usize, end: usize) -> bool {
    match text[start..end].chars().next_back() {
        Some(c) if is_word_char(c) => !text[end..].chars().next().is_some_and(is_word_char),
        _ => true,
    }
}

/// Move `start` back over the word characters before it (for terms written with a leading `*`).
pub fn extend_word_back(text: &str, start: usize) -> usize {
    let n: usize = text[..start]
        .chars()
        .rev()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    start - n
}

/// Extend `end` over following word characters (for terms written with a trailing `*`).
pub fn extend_word(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let n: usize = rest
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    end + n
}

/// Line starts of a text, for byte offset → 1-based line and character column. Line breaks are
/// LF, CRLF and a lone CR; columns count Unicode scalar values, and a leading BOM is not counted.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    bom: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // Room for a post's lines (one allocation instead of growing four times); a longer
        // text grows from there.
        let mut starts = Vec::with_capacity(32);
        starts.push(0);
        let b = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            // CRLF is one line break: the `\r` of a pair starts nothing.
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        LineIndex { starts, bom }
    }

    /// 1-based line and column (in characters) of a byte offset. The offset is clamped to the
    /// text and moved back to a character boundary, so it never panics.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let mut start = self.starts[line];
        if line == 0 && offset >= self.bom {
            start = self.bom;
        }
        let col = text[start.min(offset)..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Line/column lookups for offsets that mostly come in increasing order (diagnostics sorted by
/// position): reuses the previous answer on the same line, so a megabyte on one line with tens of
/// thousands of findings costs one pass instead of one pass per finding.
pub struct Positioner<'a> {
    text: &'a str,
    index: &'a LineIndex,
    last: Option<(usize, usize, usize)>,
}

impl<'a> Positioner<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Positioner {
            text,
            index,
            last: None,
        }
    }

    /// Tell the positioner a known position, so that a following nearby lookup is cheap.
    pub fn seed(&mut self, offset: usize, (line, col): (usize, usize)) {
        self.last = Some((offset, line, col));
    }

    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        if let Some((o, line, col)) = self.last
            && offset >= o
            && self
                .index
                .line_start(line + 1)
                .is_none_or(|next| offset < next)
        {
            let col = col + self.text[o..offset].chars().count();
            self.last = Some((offset, line, col));
            return (line, col);
        }
        let (line, col) = self.index.line_col(self.text, offset);
        self.last = Some((offset, line, col));
        (line, col)
    }
}

/// Clamp a byte range to character boundaries of `text` (ariadne panics otherwise).
pub fn clamp_span(text: &str, r: Range<usize>) -> Range<usize> {
    let start = text.floor_char_boundary(r.start.min(text.len()));
    let end = text.ceil_char_boundary(r.end.min(text.len())).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Latin-1 shortcuts say what the Unicode tables say, for every character below U+0100.
    #[test]
    fn latin1_shortcuts_agree_with_the_unicode_tables() {
        for c in (0..0x100u32).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            let table = c.is_alphanumeric() || c == '_' || canonical_combining_class(c) != 0;
            assert_eq!(is_word_char(c), table, "{c:?}");
        }
    }

    #[test]
    fn ascii_fast_path_is_identity() {
        let v = View::folded("Bitte WERBUNG hier");
        assert_eq!(v.text, "bitte werbung hier");
        assert_eq!(v.to_orig(6..13), 6..13);
    }

    #[test]
    fn combining_characters_fold_to_precomposed() {
        let src = "Ma\u{0308}dchen und Anzeige";
        let v = View::folded(src);
        assert_eq!(v.text, "mädchen und anzeige");
        let pos = v.text.find("mädchen").unwrap();
        assert_eq!(
            &src[v.to_orig(pos..pos + "mädchen".len())],
            "Ma\u{0308}dchen"
        );
    }

    /// Folding ASCII in place gives what the folding table gives, byte for byte.
    #[test]
    fn ascii_runs_fold_like_the_table() {
        let all: String = (0u8..128).map(char::from).collect();
        let text = format!("{all}{all}ä{all}");
        let expected: String = text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    FOLD_TABLE[c as usize] as char
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(View::folded(&text).text, expected);
    }

    /// The Latin-1 fast path gives what the general chunk functions give.
    #[test]
    fn latin1_letters_take_the_fast_path_unchanged() {
        let by_chunks = |chunks: &[String]| {
            let (mut f, mut n) = (String::new(), String::new());
            for c in chunks {
                fold_chunk(c, &mut f);
                nfc_chunk(c, &mut n);
            }
            (n, f)
        };
        for c in '\u{C0}'..='\u{FF}' {
            let cases = [
                vec!["x".to_string(), c.to_string(), "y".to_string()],
                vec![c.to_string()],
                vec![c.to_string(), c.to_string(), " ".to_string(), c.to_string()],
                vec![format!("{c}\u{301}"), ".".to_string()],
            ];
            for chunks in cases {
                let text: String = chunks.concat();
                let (vn, vf) = View::pair(&text);
                assert_eq!((vn.text, vf.text.clone()), by_chunks(&chunks), "{text:?}");
                assert_eq!(vf.to_orig(0..vf.text.len()), 0..text.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn sharp_s_and_fullwidth_fold() {
        assert_eq!(View::fold_str("STRAẞE"), "strasse");
        assert_eq!(View::fold_str("Straße"), "strasse");
        assert_eq!(View::fold_str("ＷＥＲＢＵＮＧ"), "werbung");
        let src = "Die Straße ist";
        let v = View::folded(src);
        let p = v.text.find("strasse").unwrap();
        assert_eq!(&src[v.to_orig(p..p + 7)], "Straße");
    }

    #[test]
    fn invisible_characters_are_dropped_from_folded_view() {
        let src = "Wer\u{200B}bung!";
        let v = View::folded(src);
        assert_eq!(v.text, "werbung!");
        assert_eq!(&src[v.to_orig(0..7)], "Wer\u{200B}bung");
    }

    #[test]
    fn normalized_view_keeps_case() {
        let v = View::normalized("A\u{0308}rger");
        assert_eq!(v.text, "Ärger");
    }

    #[test]
    fn word_boundaries_are_unicode_aware() {
        let t = "Größenwerbung werbung #ad #adventure";
        assert!(!word_bounded(
            t,
            t.find("werbung").unwrap(),
            t.find("werbung").unwrap() + 7
        ));
        let p = t.rfind("werbung").unwrap();
        assert!(word_bounded(t, p, p + 7));
        let p = t.find("#ad").unwrap();
        assert!(word_bounded(t, p, p + 3));
        let p = t.rfind("#ad").unwrap();
        assert!(!word_bounded(t, p, p + 3));
        let t = "ÜberWerbung";
        assert!(!word_bounded(t, 5, t.len()));
    }

    #[test]
    fn line_columns_count_characters_for_all_line_endings() {
        let t = "äöü x\r\nzweite\rdritte\nvierte";
        let li = LineIndex::new(t);
        assert_eq!(li.line_col(t, t.find('x').unwrap()), (1, 5));
        assert_eq!(li.line_col(t, t.find("zweite").unwrap()), (2, 1));
        assert_eq!(li.line_col(t, t.find("dritte").unwrap() + 2), (3, 3));
        assert_eq!(li.line_col(t, t.find("vierte").unwrap()), (4, 1));
        assert_eq!(li.line_col(t, 1), (1, 1)); // inside 'ä': clamped back
    }

    #[test]
    fn bom_is_not_counted_as_a_column() {
        let t = "\u{FEFF}Werbung";
        let li = LineIndex::new(t);
        assert_eq!(li.line_col(t, 3), (1, 1));
    }

    #[test]
    fn clamp_span_respects_char_boundaries() {
        let t = "aä";
        assert_eq!(clamp_span(t, 2..2), 1..3);
        assert_eq!(clamp_span(t, 0..2), 0..3);
        assert_eq!(clamp_span(t, 5..9), 3..3);
    }
}
