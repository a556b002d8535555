//! International Standard Book Numbers (ISO 2108).
//!
//! ISBN-10 (until 2006): nine digits and a check digit 0–9 or X (= 10) such that the digits
//! weighted 10, 9, …, 1 sum to a multiple of 11. ISBN-13: an EAN-13 in the "Bookland" prefixes
//! 978 or 979 with the GS1 check digit. Mostly used to recognise look-alikes of phone and
//! account numbers.

use super::{ean, is_space};

/// True when `text` is an ISBN-10 or ISBN-13 with a correct check digit, as written with
/// single hyphens or spaces between groups ("978-3-16-148410-0", "0-8044-2957-X").
pub fn is_valid(text: &str) -> bool {
    let Some(chars) = compact(text) else {
        return false;
    };
    match chars.len() {
        10 => {
            let (body, check) = chars.split_at(9);
            let check = match check[0] {
                b'X' | b'x' => 10,
                c if c.is_ascii_digit() => u32::from(c - b'0'),
                _ => return false,
            };
            if !body.iter().all(u8::is_ascii_digit) {
                return false;
            }
            let weighted: u32 = body
                .iter()
                .zip((2..=10).rev())
                .map(|(&c, weight)| u32::from(c - b'0') * weight)
                .sum();
            (weighted + check).is_multiple_of(11)
        }
        13 => {
            chars.iter().all(u8::is_ascii_digit)
                && (chars.starts_with(b"978") || chars.starts_with(b"979"))
                && ean::gs1_check_ok(&chars.iter().map(|c| c - b'0').collect::<Vec<_>>())
        }
        _ => false,
    }
}

/// Digits and X without single hyphens or spaces; at most 13 characters.
fn compact(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(13);
    let mut after_sep = true;
    for c in text.chars() {
        if c.is_ascii_digit() || c == 'X' || c == 'x' {
            if out.len() == 13 {
                return None;
            }
            out.push(c as u8);
            after_sep = false;
        } else if (c == '-' || is_space(c)) && !after_sep {
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
    fn published_valid() {
        for isbn in [
            // python-stdnum stdnum/isbn.py and tests/test_isbn.doctest ("found online")
            "978-9024538270",
            "1-85798-218-5",
            "978-1-85798-218-3",
            "978-0-471-11709-4",
            "0-19-963209-X",
            "0-201-75041-4",
            "0-7503-0197-X",
            "0-8412-0473-X",
            "0080423906",
            "013036004X",
            "2-225-30547-1",
            "9284401348",
            "978-1-4200-4561-1",
            "978-963-88880-5-1",
            "9780 8872 76743",
            "9780231501132",
            "9780470010037",
            "979-10-90636-07-1", // Wikipedia "ISBN" (979 prefix)
            "978-3-16-148410-0", // Wikipedia "ISBN" example
            "0-8044-2957-x",     // lower-case x
        ] {
            assert!(is_valid(isbn), "{isbn}");
        }
    }

    #[test]
    fn published_invalid() {
        for text in [
            // python-stdnum tests/test_isbn.doctest
            "08515x-629-2",     // X in the middle
            "85152-629-1",      // nine characters
            "978-902453827X",   // ISBN-13 with X check digit
            "978-902453827",    // invalid length
            "7501031311309",    // valid EAN, but no Bookland prefix
            "978-9024538271",   // python-stdnum isbn.py: wrong check digit
            "979-20-1234567-8", // python-stdnum: wrong check digit
            "978-90245᭓8270",   // python-stdnum: Balinese digit
            "978-9024538²70",   // python-stdnum: superscript two
            // Others
            "0-19-963209-9",
            "1-85798-218-6",
            "X-19-963209-0",
            "978-3-16-148410-0-",
            "-978-3-16-148410-0",
            "978--3-16-148410-0",
            "978_3_16_148410_0",
            "ISBN 978-3-16-148410-0",
            "2025-12-24",
            "+49 30 1234567",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }
}
