//! `person-name`: a person's full name. In text: a first name from a built-in list (data in
//! `rules/lists/`) followed, after blanks only, by a capitalised surname ("Anna Huber",
//! "Hans-Peter Özdemir-Schulz", "Anna Maria Huber"). Among mentions: a handle made of a listed
//! first name and a second part (`@anna.huber`, `@AnnaHuber`, `@anna_huber_`).
//!
//! Unlike the other kinds, this one reads words itself: a list of thousands of names in the
//! shared automaton would make building it several times slower for every run, while reading
//! only the capitalised words and looking them up in the list (a hash filter, then a binary
//! search) costs a few percent of checking a post.

use std::ops::Range;

use super::{Check, Context, Finding, Matcher, filter_by_context, in_scope};
use crate::rule::Scope;
use crate::rule::lists::WordList;
use crate::text::{HIGH_BITS, bytes_in_range, first_by_words, is_alpha};

#[derive(Debug)]
pub struct PersonNameCheck {
    pub list: &'static WordList,
    /// Lower case; a leading `*` matches the end of a word.
    pub exclude: Vec<String>,
    /// Negative context and its distance in characters.
    pub unless: Option<(Matcher, usize)>,
    pub scope: Scope,
}

/// Characters that join two parts of one word ("Özdemir-Schulz", "O'Brien", "O’Brien").
const JOINERS: [char; 3] = ['-', '\'', '’'];

/// End of the word starting at `start`: letters, joined by an inner hyphen or apostrophe
/// ("Özdemir-Schulz", "O'Brien"). Runs of ASCII letters are skipped eight bytes at a time.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        i += ascii_letters(&bytes[i..]);
        // Most words end at a blank or punctuation: no need to decode it.
        if bytes
            .get(i)
            .is_some_and(|&b| b < 0x80 && b != b'-' && b != b'\'')
        {
            return i;
        }
        let Some(c) = text[i..].chars().next() else {
            return text.len();
        };
        let next = i + c.len_utf8();
        let joins =
            JOINERS.contains(&c) && i > start && text[next..].chars().next().is_some_and(is_alpha);
        if is_alpha(c) || joins {
            i = next;
        } else {
            return i;
        }
    }
}

/// Length of the run of ASCII letters at the start of `bytes`, eight bytes at a time.
fn ascii_letters(bytes: &[u8]) -> usize {
    // A letter is ASCII (high bit of `x` clear) and, in lower case, in a..=z.
    let others = |x: u64| {
        let lower = (x | 0x2020_2020_2020_2020) & !HIGH_BITS;
        !(bytes_in_range(lower, b'a', b'z' + 1) & !x)
    };
    first_by_words(bytes, others, |b| !b.is_ascii_alphabetic()).unwrap_or(bytes.len())
}

/// The first byte from `from` on that is an ASCII capital or the lead byte of a multi-byte
/// character (`>= 0xC0`). Eight bytes at a time: most of a post is lower-case ASCII.
fn next_capital_or_lead(bytes: &[u8], from: usize) -> Option<usize> {
    // A capital is ASCII (high bit of `x` clear) in A..=Z; a lead byte has both top bits set.
    let hits = |x: u64| {
        let capital = bytes_in_range(x & !HIGH_BITS, b'A', b'Z' + 1) & !x;
        capital | (x & (x << 1))
    };
    let rest = bytes.get(from..)?;
    first_by_words(rest, hits, |b| b.is_ascii_uppercase() || b >= 0xC0).map(|k| from + k)
}

/// The word that follows `end` after blanks only (no line break, no punctuation).
fn next_word(text: &str, end: usize) -> Option<Range<usize>> {
    next_word_if(text, end, |_| true)
}

/// [`next_word`] if its first letter passes `first` (checked before the word is read).
fn next_word_if(text: &str, end: usize, first: impl Fn(char) -> bool) -> Option<Range<usize>> {
    let rest = &text[end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\u{A0}']).len();
    let start = end + gap;
    if gap == 0
        || !text[start..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && first(c))
    {
        return None;
    }
    Some(start..word_end(text, start))
}

/// The next word after blanks if it is a surname; a lower-case word is not even read.
fn next_surname(text: &str, end: usize) -> Option<Range<usize>> {
    // Settled on the bytes in most cases: after ASCII blanks (or none) comes an ASCII character
    // that is not a capital.
    let bytes = text.as_bytes();
    let mut i = end;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    if bytes
        .get(i)
        .is_some_and(|&b| b < 0x80 && (i == end || !b.is_ascii_uppercase()))
    {
        return None;
    }
    next_word_if(text, end, char::is_uppercase).filter(|r| is_surname(&text[r.clone()]))
}

/// "Huber", "Özdemir-Schulz", "O'Brien", "van-Dyke": a capital, then lower-case letters; each
/// part after a hyphen or apostrophe starts with any letter. Not "IT" or "CSU".
fn is_surname(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || chars.clone().next().is_none() {
        return false;
    }
    let mut after_joint = false;
    for c in chars {
        if JOINERS.contains(&c) {
            after_joint = true;
        } else if after_joint || c.is_lowercase() {
            after_joint = false;
        } else {
            return false;
        }
    }
    true
}

impl PersonNameCheck {
    fn is_first_name(&self, w: &str) -> bool {
        self.list.contains(w) || (w.contains('-') && w.split('-').all(|p| self.list.contains(p)))
    }

    fn excluded(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        let hit = |part: &str| {
            self.exclude.iter().any(|e| match e.strip_prefix('*') {
                Some(suffix) => part.ends_with(suffix),
                None => part == e,
            })
        };
        hit(&lower) || lower.split(JOINERS).any(hit)
    }

    fn in_text(&self, cx: &Context, out: &mut Vec<Range<usize>>) {
        let d = cx.draft;
        let base = d.body.start;
        let body = &d.source[d.body.clone()];
        let bytes = body.as_bytes();
        let mut pos = 0;
        // Only capitalised words can start a name: jump from one upper-case ASCII letter or
        // non-ASCII character to the next, and read words only there.
        while let Some(start) = next_capital_or_lead(bytes, pos) {
            let b = bytes[start];
            // U+00DF to U+00FF: lower-case Latin-1 letters (ä, ö, ü, ß, é, …) and ÷, none of
            // them upper case.
            if b == 0xC3 && bytes.get(start + 1).is_some_and(|&n| n >= 0x9F) {
                pos = start + 2;
                continue;
            }
            let first = if b < 0x80 {
                b as char
            } else {
                match body[start..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let after_word_char = |p: char| {
                p.is_alphabetic() || JOINERS.contains(&p) || matches!(p, '@' | '#' | '.' | '/')
            };
            let word_start = first.is_uppercase()
                && match start.checked_sub(1).map(|i| bytes[i]) {
                    None => true,
                    Some(p) if p < 0x80 => !after_word_char(p as char),
                    Some(_) => !body[..start]
                        .chars()
                        .next_back()
                        .is_some_and(after_word_char),
                };
            if !word_start {
                pos = start + first.len_utf8();
                continue;
            }
            let end = word_end(body, start);
            pos = end.max(start + first.len_utf8());
            // The surname first: most capitalised words are followed by a lower-case word,
            // which settles it without a lookup in the list.
            let Some(mut last) = next_surname(body, end) else {
                continue;
            };
            if !self.is_first_name(&body[start..end]) {
                continue;
            }
            // A middle name: "Anna Maria Huber".
            while self.list.contains(&body[last.clone()]) {
                match next_surname(body, last.end) {
                    Some(r) => last = r,
                    None => break,
                }
            }
            pos = last.end;
            let after_excluded = next_word(body, last.end).is_some_and(|r| self.excluded(&body[r]));
            if self.excluded(&body[last.clone()]) || after_excluded {
                continue;
            }
            let r = base + start..base + last.end;
            if in_scope(d, &self.scope, &r) {
                out.push(r);
            }
        }
    }

    fn in_mentions(&self, cx: &Context, out: &mut Vec<Range<usize>>) {
        let d = cx.draft;
        for m in &d.structure.mentions {
            if !in_scope(d, &self.scope, m) {
                continue;
            }
            let handle = d.source[m.clone()].trim_start_matches(['@', '＠']);
            let parts = handle_parts(handle);
            let person = parts.len() >= 2
                && self.list.contains_lower(&parts[0])
                && parts[1..].iter().any(|p| p.chars().count() >= 2)
                && !parts.iter().any(|p| self.excluded(p));
            if person {
                out.push(m.clone());
            }
        }
    }
}

/// The lower-case parts of a handle, split at `.`, `_`, `-`, digits and CamelCase humps:
/// `Anna.Huber_89` → anna, huber; `AnnaHuber` → anna, huber. `annahuber` stays one part (it
/// cannot be told apart from a word such as `paulaner`).
fn handle_parts(handle: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in handle.chars() {
        if !c.is_alphabetic() {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

impl Check for PersonNameCheck {
    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut found = Vec::new();
        match self.scope {
            Scope::Mentions => self.in_mentions(cx, &mut found),
            _ => self.in_text(cx, &mut found),
        }
        filter_by_context(cx, &mut found, &self.unless, false);
        out.extend(
            found
                .into_iter()
                .map(|r| Finding::at(r.clone()).var("match", &cx.draft.source[r])),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time search finds what a byte-by-byte one finds, for every byte value at
    /// every position of a word and in the tail.
    #[test]
    fn capitals_and_lead_bytes_are_found_eight_at_a_time() {
        let slow = |b: &[u8], from: usize| {
            b[from..]
                .iter()
                .position(|&b| b.is_ascii_uppercase() || b >= 0xC0)
                .map(|k| from + k)
        };
        for v in 0..=255u8 {
            for at in 0..19 {
                let mut b = vec![b'a'; 19];
                b[at] = v;
                for from in [0, 1, 5, 11] {
                    assert_eq!(
                        next_capital_or_lead(&b, from),
                        slow(&b, from),
                        "{v:#x} at {at}"
                    );
                }
            }
        }
        assert_eq!(next_capital_or_lead(b"abc", 3), None);
        assert_eq!(next_capital_or_lead(b"abc", 4), None);
    }

    /// The word-at-a-time run of letters ends where a byte-by-byte one ends, for every byte
    /// value at every position.
    #[test]
    fn ascii_letter_runs_are_read_eight_at_a_time() {
        for v in 0..=255u8 {
            for at in 0..19 {
                let mut b = vec![b'q'; 19];
                b[at] = v;
                let slow = b
                    .iter()
                    .position(|c| !c.is_ascii_alphabetic())
                    .unwrap_or(19);
                assert_eq!(ascii_letters(&b), slow, "{v:#x} at {at}");
            }
        }
        assert_eq!(ascii_letters(b""), 0);
        assert_eq!(ascii_letters(b"AZaz@[`{"), 4);
    }

    #[test]
    fn words_join_inner_hyphens_and_apostrophes_only() {
        let t = "Anna-Lena O'Brien, - Özdemir-Schulz x-";
        assert_eq!(&t[..word_end(t, 0)], "Anna-Lena");
        let r = next_word(t, 9).unwrap();
        assert_eq!(&t[r.clone()], "O'Brien");
        assert!(next_word(t, r.end).is_none(), "a comma ends the name");
        let s = t.find('Ö').unwrap();
        assert_eq!(&t[s..word_end(t, s)], "Özdemir-Schulz");
        assert_eq!(&t[next_word(t, word_end(t, s)).unwrap()], "x");
    }

    #[test]
    fn surnames_are_capitalised_words_not_acronyms() {
        for ok in ["Huber", "Özdemir-Schulz", "O'Brien", "Li"] {
            assert!(is_surname(ok), "{ok}");
        }
        for no in ["huber", "IT", "CSU", "H", "McDonald", ""] {
            assert!(!is_surname(no), "{no}");
        }
    }

    #[test]
    fn handles_split_at_separators_digits_and_humps() {
        assert_eq!(handle_parts("Anna.Huber_89"), ["anna", "huber"]);
        assert_eq!(handle_parts("AnnaHuber"), ["anna", "huber"]);
        assert_eq!(handle_parts("annahuber"), ["annahuber"]);
        assert_eq!(handle_parts("stadt_muenchen"), ["stadt", "muenchen"]);
    }
}
