//! EAN-13 and EAN-8 article numbers (GTIN-13 / GTIN-8, GS1 General Specifications 7.9.1).
//!
//! The last digit is the GS1 check digit: counted from the check digit leftwards the digits are
//! weighted 1, 3, 1, 3, …, and the weighted sum is a multiple of ten. Mostly used to recognise
//! look-alikes (a barcode number is not a phone or account number).

use super::{digits, is_space};

/// True when `text` is an EAN-13 or EAN-8 number with a correct check digit. Single spaces or
/// hyphens may separate groups, as in "4 006381 333931" or "978-0-471-11709-4".
pub fn is_valid(text: &str) -> bool {
    let sep: fn(char) -> bool = |c| is_space(c) || c == '-';
    digits(text, sep, 13).is_some_and(|d| matches!(d.len(), 8 | 13) && gs1_check_ok(&d))
}

/// GS1 modulo-10 check over digit values, check digit last.
pub(super) fn gs1_check_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * if i % 2 == 1 { 3 } else { 1 })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_valid() {
        for ean in [
            "7501031311309",     // python-stdnum tests/test_ean.doctest
            "73513537",          // python-stdnum stdnum/ean.py (EAN-8)
            "978-0-471-11709-4", // python-stdnum stdnum/ean.py (EAN-13 format)
            "4006381333931",     // Wikipedia "International Article Number" example
            "4 006381 333931",
            "96385074", // Wikipedia EAN-8 example
            "9780471117094",
        ] {
            assert!(is_valid(ean), "{ean}");
        }
    }

    #[test]
    fn published_invalid() {
        for text in [
            "75010313113",    // python-stdnum: invalid length
            "750103AAAA309",  // python-stdnum: invalid format
            "7501031311308",  // python-stdnum: invalid checksum
            "98412345678908", // GTIN-14 (valid for stdnum's ean, not an EAN-13/8)
            "4006381333932",
            "96385075",
            "123456789012", // UPC-A length
            "4006381333931 ",
            "4006381-333931-",
            "4006381333931a",
            "2025-12-24",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }
}
