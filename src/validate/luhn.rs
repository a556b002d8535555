//! Luhn checksum (ISO/IEC 7812-1 Annex B, "modulus 10, double-add-double").
//!
//! From the rightmost digit (the check digit) leftwards every second digit is doubled, nine is
//! subtracted from doubled values above nine, and the total must be a multiple of ten. Used by
//! payment cards, IMEIs, German and Canadian numbers and many others.

use super::{digits, is_space};

/// True when `text` consists of at least two ASCII digits whose Luhn checksum is valid.
/// Single spaces, hyphens, dots or slashes between digits are ignored; anything else fails.
pub fn is_valid(text: &str) -> bool {
    let sep: fn(char) -> bool = |c| is_space(c) || matches!(c, '-' | '.' | '/');
    // 64 digits is far beyond any Luhn-protected identifier and keeps huge inputs cheap.
    digits(text, sep, 64).is_some_and(|d| d.len() >= 2 && checksum_ok(&d))
}

/// Luhn check over digit values 0–9, the check digit last.
pub(super) fn checksum_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                if d > 4 { 2 * d - 9 } else { 2 * d }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_valid() {
        for text in [
            "79927398713",                           // Wikipedia "Luhn algorithm" worked example
            "49927398716",                           // python-stdnum tests/test_luhn.doctest
            "490154203237518", // python-stdnum tests/test_luhn.doctest (an IMEI)
            "1428572",         // python-stdnum tests/test_luhn.doctest
            "78949",           // python-stdnum stdnum/luhn.py doctest
            "3984382462386423786482364872364827347", // python-stdnum test_luhn.doctest
            "4111 1111 1111 1111", // PayPal/Stripe test Visa
            "4111-1111-1111-1111",
            "00",
            "18",
            "046 454 286", // Canadian SIN, Wikipedia "Social insurance number" example
        ] {
            assert!(is_valid(text), "{text}");
        }
    }

    #[test]
    fn published_invalid() {
        for text in [
            "79927398710", // Wikipedia example with a wrong check digit
            "4992739871",  // python-stdnum test_luhn.doctest: checksum 9
            "7894",        // python-stdnum luhn.py doctest
            "4111111111111112",
            "0", // fewer than two digits
            "",
            "4111 1111 1111 111a",
            "4111  1111", // doubled separator
            "-4111",
            "4111-",
            "12:30",
            "12,50",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }

    #[test]
    fn check_digit_table() {
        // Every single-digit change is detected (Luhn's design property).
        let base = [7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3];
        assert!(checksum_ok(&base));
        for pos in 0..base.len() {
            for d in 0..10 {
                let mut changed = base;
                changed[pos] = d;
                assert_eq!(checksum_ok(&changed), d == base[pos], "{pos} {d}");
            }
        }
    }
}
