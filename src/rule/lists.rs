//! Built-in word lists that rules refer to by name (`list: first-names`). Lists are data like
//! the packs: plain text files in `rules/lists/` (one entry per line, `#` starts a comment
//! line), embedded into the binary and read on first use.

use std::sync::OnceLock;

/// A sorted list of words, looked up by binary search. Reading it only splits the embedded
/// text into lines (the file is kept sorted), so a list of thousands of names adds nothing
/// measurable to start-up.
#[derive(Debug)]
pub struct WordList {
    words: Vec<&'static str>,
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
        WordList { words }
    }

    /// Exactly as listed (capitalised names).
    pub fn contains(&self, w: &str) -> bool {
        self.words.binary_search(&w).is_ok()
    }

    /// A lower-case word (a part of a handle such as `@anna.huber`), as a capitalised name.
    pub fn contains_lower(&self, w: &str) -> bool {
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
        assert!(!l.contains("Frank"), "ambiguous names are left out");
        assert!(by_name("no-such-list").is_none());
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
