//! German tax identification number (Steuerliche Identifikationsnummer, IdNr, § 139b AO).
//!
//! Rules as published by the tax administration (ELSTER, "Prüfung der Steuer- und
//! Steueridentifikationsnummer", chapter 2, and the BZSt): 11 digits, the first not 0 (IdNrs
//! starting with 0 are test numbers, never issued); within the first ten digits exactly one
//! digit occurs twice or three times (three times only since 2016, and then never in three
//! consecutive positions) while all other digits occur at most once, so 8 or 9 distinct digits
//! appear; the 11th digit is the ISO/IEC 7064 MOD 11,10 check digit of the first ten.

use super::{digits, is_space};

/// True when `text` is a syntactically valid IdNr. Single spaces between digits are allowed
/// ("12 345 678 903" style as printed by the BZSt, or "12345678903").
pub fn is_valid(text: &str) -> bool {
    let Some(d) = digits(text, is_space, 11) else {
        return false;
    };
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let (body, check) = d.split_at(10);
    let mut counts = [0u8; 10];
    for &digit in body {
        counts[usize::from(digit)] += 1;
    }
    let repeated: Vec<u8> = (0u8..10).filter(|&v| counts[usize::from(v)] > 1).collect();
    let [twice_or_thrice] = repeated[..] else {
        return false;
    };
    match counts[usize::from(twice_or_thrice)] {
        2 => {}
        3 if !body
            .windows(3)
            .any(|w| w.iter().all(|&x| x == twice_or_thrice)) => {}
        _ => return false,
    }
    mod_11_10_check_digit(body) == check[0]
}

/// ISO/IEC 7064 MOD 11,10 check digit (hybrid system, also used by the IdNr).
fn mod_11_10_check_digit(digits: &[u8]) -> u8 {
    let product = digits.iter().fold(10u8, |product, &d| {
        let sum = match (d + product) % 10 {
            0 => 10,
            s => s,
        };
        (2 * sum) % 11
    });
    (11 - product) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Examples from the official ELSTER document "Prüfung der Steuer- und
    /// Steueridentifikationsnummer" (as collected in rechtlogisch/steuer-id
    /// `tests/Datasets/OfficialExamples.php`), except the test number 02476291358 whose
    /// leading 0 marks it as never issued.
    #[test]
    fn official_examples() {
        for idnr in [
            "86095742719",
            "47036892816",
            "65929970489",
            "57549285017",
            "25768131411",
        ] {
            assert!(is_valid(idnr), "{idnr}");
        }
        assert!(!is_valid("02476291358"), "test IdNr starting with 0");
    }

    #[test]
    fn published_valid() {
        for idnr in [
            // python-stdnum stdnum/de/idnr.py and koblas/stdnum-js de/idnr.spec.ts
            "36 574 261 809",
            "36574261809",
            // python-stdnum tests/test_de_idnr.doctest: one digit twice
            "11234567890",
            // rechtlogisch/steuer-id tests/Datasets/Valid.php
            "37396038422",
            "36594612769",
            "70761537429",
            "31580565947",
            "49735528659",
            "37358134207",
            "10456228370",
            "82240169524",
            "85826408911",
            "26083345737",
            "12345678920",
            "26954371827", // rechtlogisch "kontist" dataset
            // kryptografie.de "Steuer-ID" worked example
            "12345678995",
            // the BZSt print format
            "86 095 742 719",
        ] {
            assert!(is_valid(idnr), "{idnr}");
        }
    }

    #[test]
    fn published_invalid() {
        for idnr in [
            // python-stdnum
            "36574261890",  // wrong check digit
            "36554266806",  // more digits repeated
            "116574261809", // too long
            "A6574261809",
            "01234567896",  // leading zero
            "1234567890 3", // each digit once (checksum 3 is right)
            "12345678903",  // same, written compactly
            "1111234567 8", // one digit four times
            "1122345678 5", // two digits repeated
            // python-stdnum accepts this one; the ELSTER rule forbids a digit three times in
            // consecutive positions.
            "11123456786",
            // koblas/stdnum-js
            "36574261808",
            "12345678",
            // rechtlogisch/steuer-id Invalid.php and "kontist" dataset
            "12345678912",
            "98765432199",
            "01234567800",
            "65299970480",
            "26954371820",
            "37505648067",
            "11112345678",
            "11111345677",
            "11111145670",
            "11111115672",
            "11111111670",
            "11111111178",
            "11111111119",
            "12.345.678.911",
            "12-345-678-911",
            "123/456/78911",
            "12123456789", // two digits repeated
            "12131415678", // one digit four times
            "99999999999",
            "12345678111",
            "99912345678",
            // Presidio's DeTaxIdRecognizer tests treat these as valid, but every digit of
            // the first ten appears once, which the official structure rule forbids.
            "98765432106",
            // Look-alikes
            "49 171 1234567",
            "0171 12345678",
            "12 345 678 90",
            "1234567890",
            "+4917112345678",
            "2025-12-24",
            "12  345 678 903",
            "86095742719 ",
        ] {
            assert!(!is_valid(idnr), "{idnr}");
        }
    }

    #[test]
    fn three_times_allowed_when_not_consecutive() {
        // Constructed from the rule: 1 three times, not adjacent as a run of three.
        let body = [1, 2, 1, 3, 4, 5, 6, 7, 8, 1];
        let mut full = body.to_vec();
        full.push(mod_11_10_check_digit(&body));
        let text: String = full.iter().map(|d| char::from(b'0' + d)).collect();
        assert!(is_valid(&text), "{text}");
        // Two adjacent occurrences are fine too.
        let body = [1, 1, 2, 1, 3, 4, 5, 6, 7, 8];
        let mut full = body.to_vec();
        full.push(mod_11_10_check_digit(&body));
        let text: String = full.iter().map(|d| char::from(b'0' + d)).collect();
        assert!(is_valid(&text), "{text}");
    }

    #[test]
    fn check_digit_examples() {
        // ISO 7064 MOD 11,10 values as computed by python-stdnum's iso7064.mod_11_10.
        assert_eq!(mod_11_10_check_digit(&[8, 6, 0, 9, 5, 7, 4, 2, 7, 1]), 9);
        assert_eq!(mod_11_10_check_digit(&[1, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 0);
    }
}
