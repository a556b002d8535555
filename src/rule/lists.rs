//! Built-in word lists that rules refer to by name (`list: first-names`). Lists are data like
//! the packs: plain text files in `rules/lists/` (one entry per line, `#` starts a comment
//! line), embedded into the binary and parsed on first use.

use std::collections::HashSet;
use std::sync::OnceLock;

/// A set of words, looked up exactly or in lower case.
#[derive(Debug)]
pub struct WordList {
    words: HashSet<&'static str>,
    /// The same words in lower case (for handles such as `@anna.huber`).
    lower: HashSet<String>,
}

impl WordList {
    fn parse(text: &'static str) -> WordList {
        let words: HashSet<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let lower = words.iter().map(|w| w.to_lowercase()).collect();
        WordList { words, lower }
    }

    /// Exactly as listed (capitalised names).
    pub fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// In any case (`w` must already be lower case).
    pub fn contains_lower(&self, w: &str) -> bool {
        self.lower.contains(w)
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

/// A built-in list by name; `None` for an unknown name.
pub fn by_name(name: &str) -> Option<&'static WordList> {
    static FIRST_NAMES: OnceLock<WordList> = OnceLock::new();
    match name {
        "first-names" => Some(
            FIRST_NAMES
                .get_or_init(|| WordList::parse(include_str!("../../rules/lists/first-names.txt"))),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_are_loaded_sorted_and_searchable() {
        let l = by_name("first-names").expect("built-in list");
        assert!(l.len() > 20, "{}", l.len());
        assert!(l.contains("Anna") && l.contains("Jürgen"));
        assert!(!l.contains("anna"), "exact case");
        assert!(l.contains_lower("anna") && l.contains_lower("jürgen"));
        assert!(!l.contains("Rathaus") && !l.contains_lower("rathaus"));
        assert!(by_name("no-such-list").is_none());
    }
}
