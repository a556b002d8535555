//! Checksum and structure validators for identifiers found by regular expressions.
//!
//! A rule pack finds candidates with a regex and names a validator that decides whether the
//! matched text really is the identifier it looks like (an IBAN, a tax number, a phone number,
//! …). Each validator implements the published standard for its identifier (see the doc comment
//! of each submodule) and is tested against published third-party test vectors, valid and
//! invalid, so that the linter neither cries wolf nor misses real data.
//!
//! Every validator is total: it accepts any `&str` (empty, huge, arbitrary Unicode) and never
//! panics.

mod de_districts;
mod de_id_document;
mod de_phone;
mod de_plate;
mod de_svnr;
mod de_tax_id;
mod ean;
mod email;
mod hashtag_words;
mod iban;
mod ipv4;
mod ipv6;
mod isbn;
mod luhn;
mod payment_card;
mod personal_email;
mod quotation;

/// A validator receives the exact matched text (may contain spaces, hyphens, dots as written
/// by a human) and returns true when it is a plausible real identifier of that kind.
pub type Validator = fn(&str) -> bool;

/// All validators by the name used in rule packs, sorted by name.
const REGISTRY: &[(&str, Validator)] = &[
    ("de-id-document", de_id_document::is_valid),
    ("de-phone", de_phone::is_valid),
    ("de-plate", de_plate::is_valid),
    ("de-svnr", de_svnr::is_valid),
    ("de-tax-id", de_tax_id::is_valid),
    ("ean", ean::is_valid),
    ("email", email::is_valid),
    ("hashtag-words", hashtag_words::is_valid),
    ("iban", iban::is_valid),
    ("ipv4", ipv4::is_valid),
    ("ipv6", ipv6::is_valid),
    ("isbn", isbn::is_valid),
    ("luhn", luhn::is_valid),
    ("payment-card", payment_card::is_valid),
    ("personal-email", personal_email::is_valid),
    ("quotation", quotation::is_valid),
];

/// All validator names, sorted, for error messages ("expected one of …").
pub const NAMES: &[&str] = &[
    "de-id-document",
    "de-phone",
    "de-plate",
    "de-svnr",
    "de-tax-id",
    "ean",
    "email",
    "hashtag-words",
    "iban",
    "ipv4",
    "ipv6",
    "isbn",
    "luhn",
    "payment-card",
    "personal-email",
    "quotation",
];

/// Look up a validator by its name as written in rule packs (see [`NAMES`]).
pub fn by_name(name: &str) -> Option<Validator> {
    REGISTRY
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, validator)| validator)
}

/// Horizontal whitespace a human (or a word processor) puts between digit groups:
/// space, no-break space and narrow no-break space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Collects the ASCII digits of `text` as values 0–9.
///
/// Single separators accepted by `sep` may stand between digits. Returns `None` for empty
/// text, any other character, a separator at either end or next to another separator, and as
/// soon as there are more than `max` digits (so huge inputs cost nothing).
fn digits(text: &str, sep: fn(char) -> bool, max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut after_sep = true; // a separator may not come first
    for c in text.chars() {
        if c.is_ascii_digit() {
            if out.len() == max {
                return None;
            }
            out.push(c as u8 - b'0');
            after_sep = false;
        } else if sep(c) && !after_sep {
            after_sep = true;
        } else {
            return None;
        }
    }
    (!after_sep).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_unique_and_match_the_registry() {
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
        let registered: Vec<&str> = REGISTRY.iter().map(|(n, _)| *n).collect();
        assert_eq!(registered, NAMES);
        for name in NAMES {
            assert!(by_name(name).is_some(), "{name}");
        }
        assert!(by_name("IBAN").is_none());
        assert!(by_name("").is_none());
        assert!(by_name("credit-card").is_none());
    }

    #[test]
    fn digits_helper() {
        let sep: fn(char) -> bool = |c| c == ' ' || c == '-';
        assert_eq!(digits("12 3-4", sep, 10), Some(vec![1, 2, 3, 4]));
        assert_eq!(digits("", sep, 10), None);
        assert_eq!(digits(" 12", sep, 10), None);
        assert_eq!(digits("12 ", sep, 10), None);
        assert_eq!(digits("1  2", sep, 10), None);
        assert_eq!(digits("1a2", sep, 10), None);
        assert_eq!(digits("١٢٣", sep, 10), None); // Arabic-Indic digits are not ASCII digits
        assert_eq!(digits("12345", sep, 4), None);
    }

    /// Odd inputs must never panic and must never be accepted.
    #[test]
    fn odd_inputs_never_panic_and_are_rejected() {
        let huge_digits = "4".repeat(1 << 20);
        let huge_mixed = "DE89 3704 0044 0532 0130 00 ".repeat(50_000);
        let huge_colons = ":".repeat(100_000);
        let huge_dots = "1.".repeat(100_000);
        let huge_at = format!("{}@{}.de", "a".repeat(100_000), "b".repeat(100_000));
        let odd: Vec<&str> = vec![
            "",
            " ",
            "\u{a0}",
            "\0",
            "\u{feff}",
            "-",
            "--",
            ".",
            ":",
            "::",
            ":::",
            "@",
            "+",
            "()",
            "(0)",
            "ß",
            "ÄÖÜ",
            "😀",
            "١٢٣٤٥٦٧٨٩٠١٢",                   // Arabic-Indic digits
            "１２３４５６７８９０１",         // full-width digits
            "\u{1d7ce}\u{1d7cf}",             // mathematical bold digits
            "e\u{301}",                       // combining accent
            "\u{202e}DE89370400440532013000", // right-to-left override
            "DE89370400440532013000\u{0}",
            "DE89\u{200b}370400440532013000", // zero-width space
            &huge_digits,
            &huge_mixed,
            &huge_colons,
            &huge_dots,
            &huge_at,
        ];
        for name in NAMES {
            let validate = by_name(name).expect("registered");
            for input in &odd {
                let shown: String = input.chars().take(40).collect();
                let accepted = validate(input);
                // `quotation` measures length only: a huge text of words is long by design.
                assert!(
                    !accepted || *name == "quotation",
                    "{name} accepted odd input {shown:?}"
                );
            }
            // Every prefix of a multi-byte string must be handled without slicing panics.
            let tricky = "Ü1ö2€3😀4 -./:@+()xn--ä";
            for (i, _) in tricky.char_indices() {
                let _ = validate(&tricky[..i]);
                let _ = validate(&tricky[i..]);
            }
        }
    }
}
