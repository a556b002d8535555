//! Built-in word lists that rules refer to by name (`list: first-names`). Lists are data like
//! the packs: plain text files in `rules/lists/` (one entry per line, `#` starts a comment
//! line), embedded into the binary and read on first use.

use std::sync::OnceLock;

/// A sorted list of words, looked up by binary search behind a one-bit-per-hash filter (most
/// capitalised words in a post are not names, and the filter turns almost all of them away
/// without a string comparison). Reading it only splits the embedded text into lines (the file
/// is kept sorted) and hashes each word once, so a list of thousands of names adds nothing
/// measurable to start-up.
#[derive(Debug)]
pub struct WordList {
    words: Vec<&'static str>,
    filter: Vec<u64>,
}

/// Bits in the filter: 2^17, about 18 per word for 7,000 words (about 5 % false hits).
const FILTER_BITS: usize = 1 << 17;

/// FNV-1a, reduced to a filter bit.
fn bit(w: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 29)) as usize & (FILTER_BITS - 1)
}

impl WordList {
    fn parse(text: &'static str) -> WordList {
        let mut words: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if !words.is_sorted() {
            words.sort_unstable();
        }
        words.dedup();
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for w in &words {
            let b = bit(w);
            filter[b / 64] |= 1 << (b % 64);
        }
        WordList { words, filter }
    }

    /// Exactly as listed (capitalised names).
    pub fn contains(&self, w: &str) -> bool {
        let b = bit(w);
        self.filter[b / 64] & (1 << (b % 64)) != 0 && self.words.binary_search(&w).is_ok()
    }

    /// A lower-case word (a part of a handle such as `@anna.huber`), as a capitalised name.
    pub fn contains_lower(&self, w: &str) -> bool {
        // Most handles are short and ASCII: capitalised in a buffer on the stack.
        let mut buf = [0u8; 48];
        if let Some(b) = buf.get_mut(..w.len())
            && w.as_bytes().first().is_some_and(u8::is_ascii)
        {
            b.copy_from_slice(w.as_bytes());
            b[0] = b[0].to_ascii_uppercase();
            return std::str::from_utf8(b).is_ok_and(|c| self.contains(c));
        }
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        let capitalised: String = first.to_uppercase().chain(chars).collect();
        self.contains(&capitalised)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The names rules can use, sorted (for "expected one of …").
pub const NAMES: &[&str] = &["first-names"];

/// The text of a built-in list.
fn text(name: &str) -> Option<&'static str> {
    match name {
        "first-names" => Some(include_str!("../../rules/lists/first-names.txt")),
        _ => None,
    }
}

/// A built-in list by name; `None` for an unknown name.
pub fn by_name(name: &str) -> Option<&'static WordList> {
    static FIRST_NAMES: OnceLock<WordList> = OnceLock::new();
    let cell = match name {
        "first-names" => &FIRST_NAMES,
        _ => return None,
    };
    let t = text(name)?;
    Some(cell.get_or_init(|| WordList::parse(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_are_loaded_sorted_and_searchable() {
        let l = by_name("first-names").expect("built-in list");
        assert!(l.len() > 7_000, "{}", l.len());
        assert!(l.contains("Anna") && l.contains("Jürgen") && l.contains("Zeynep"));
        assert!(!l.contains("anna"), "exact case");
        assert!(l.contains_lower("anna") && l.contains_lower("jürgen"));
        assert!(!l.contains("Rathaus") && !l.contains_lower("rathaus"));
        // A first letter that is not ASCII (not capitalised on the stack).
        assert!(l.contains_lower("änne") && l.contains_lower("édouard"));
        assert!(!l.contains_lower(""));
        assert!(!l.contains("Frank"), "ambiguous names are left out");
        assert!(by_name("no-such-list").is_none());
    }

    /// Words that fill the stack buffer exactly, and one byte longer (capitalised on the heap).
    #[test]
    fn lower_case_lookup_on_both_sides_of_the_stack_buffer() {
        let n48 = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
        let n49 = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac";
        assert_eq!((n48.len(), n49.len()), (48, 49));
        let text: &'static str = format!("{n48}\n{n49}\nZoë\n").leak();
        let l = WordList::parse(text);
        assert!(l.contains_lower(&n48.to_lowercase()));
        assert!(l.contains_lower(&n49.to_lowercase()));
        assert!(!l.contains_lower(&n49[1..].to_lowercase()));
        assert!(l.contains_lower("zoë") && !l.contains_lower("zoe"));
    }

    /// The shipped file is kept sorted, so reading it needs no sort.
    #[test]
    fn shipped_lists_are_sorted_without_duplicates() {
        for name in NAMES {
            let words: Vec<&str> = text(name)
                .expect("listed")
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{name}");
        }
    }
}
