//! Long quotations: text in quotation marks long enough to be a quotation of someone's work
//! rather than a phrase or a title (the catalogue's threshold: about 25 words; 20 are counted
//! here so that a shortened quote is still seen). Short phrases in quotation marks ("»Tag der
//! offenen Tür«", a slogan, a name) are not quotations that need a source.

/// Words (runs separated by white space) between the outer quotation marks.
const MIN_WORDS: usize = 20;

/// True when `text`, with its opening and closing quotation marks, holds at least 20 words.
pub fn is_valid(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MIN_WORDS)
        .count()
        >= MIN_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotations_only() {
        assert!(is_valid(
            "„Die Verwaltung der Zukunft ist nicht die, die am meisten Formulare druckt, sondern die, die den Menschen am meisten Zeit zurückgibt.“"
        ));
        for short in [
            "»Tag der offenen Tür«",
            "\"Sicherheit geht vor\"",
            "„ – – – – – – – – – – – – – – – – – – – – – – “",
            "",
        ] {
            assert!(!is_valid(short), "{short}");
        }
    }
}
