//! German vehicle registration plates (Kfz-Kennzeichen, § 8 FZV and its Anlagen 1, 2 and 4).
//!
//! A plate is the distinguishing sign of the registration district (Unterscheidungszeichen,
//! one to three letters, Ä Ö Ü possible) followed by the identification number
//! (Erkennungsnummer): one or two letters A–Z (no umlauts) and a number 1–9999 without leading
//! zeros. Sign, letters and digits together have at most eight characters. Historic vehicles
//! carry an "H" and electric vehicles an "E" after the number; that letter is not part of the
//! identification number. In running text the sign is followed by a hyphen or a space (the
//! hyphen stands for the seal and inspection stickers on the plate).

use super::de_districts::DISTRICTS;
use super::is_space;

/// True when `text` is a plate such as "B-AB 1234", "B AB 1234", "M-XY999", "HH-AB-1234" or
/// "KA-EF 12H": a distinguishing sign from [`DISTRICTS`], a hyphen or space, one or two
/// upper-case letters, an optional space (or a hyphen when the first separator was one), a
/// number 1–9999 and an optional "E" or "H", with at most eight characters apart from the
/// separators and the suffix. Upper case only: in German prose, lower-case look-alikes such as
/// "in am 12" are ordinary words.
pub fn is_valid(text: &str) -> bool {
    let Some((split, sep)) = text.char_indices().find(|&(_, c)| c == '-' || is_space(c)) else {
        return false;
    };
    let district = &text[..split];
    if DISTRICTS.binary_search(&district).is_err() {
        return false;
    }
    let rest = &text[split + sep.len_utf8()..];
    let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    let rest = &rest[letters..];
    let rest = rest
        .strip_prefix(|c: char| is_space(c) || (sep == '-' && c == '-'))
        .unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4).contains(&digits)
        && !rest.starts_with('0')
        && matches!(&rest[digits..], "" | "E" | "H")
        && district.chars().count() + letters + digits <= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid() {
        for plate in [
            // Presidio test_de_kfz_recognizer.py
            "B AB 1234",
            "M XY 999",
            "HH AB 1234",
            "KA EF 12H",
            "S AB 12E",
            "MIL E 1234",
            "B-AB-1234",
            "M-XY-999",
            "HH-AB-1234",
            // Usual written forms
            "B-AB 1234",
            "B-AB1234",
            "M-A 1",
            "HH-ZZ 9999",
            "KA-EF 12H",
            "S-AB 12E",
            "AÖ-X 123",  // Altötting
            "BÜS-A 12",  // Büsingen am Hochrhein
            "FÜ-AB 123", // Fürth
            "STA-AB 123",
            "NRW-AB 12",
            "B\u{a0}AB\u{a0}1234", // no-break spaces
            "WÜ-XY 12E",
        ] {
            assert!(is_valid(plate), "{plate}");
        }
    }

    #[test]
    fn invalid() {
        for text in [
            // Presidio test_de_kfz_recognizer.py negatives
            "BAB1234",      // no separator
            "B 1234",       // no letters
            "BXYZ AB 1234", // four-letter sign
            // Presidio matches these, but they break § 8 FZV / Anlage 2
            "MIL EF 1234E", // 3 + 2 + 4 = 9 characters
            "b ab 1234",    // lower case (see doc comment)
            "m xy 999",
            // Unknown or malformed signs
            "Q-AB 123",
            "XX-AB 123",
            "DDR-A 1",
            "-AB 123",
            " B-AB 123",
            // Malformed identification numbers
            "B-ÄB 12",   // no umlauts in the identification number
            "B-ABC 123", // three letters
            "B-AB 0123", // leading zero
            "B-AB 0",
            "B-AB 12345", // five digits
            "B-AB",       // no number
            "B-12",       // no letters
            "HH-AB 12345",
            "STA-AB 1234", // 3 + 2 + 4 = 9 characters
            "B-AB 123X",   // unknown suffix
            "B-AB 123 E",  // suffix follows the number directly
            "B-AB 123EH",
            "B AB-1234",  // hyphen only after a hyphenated sign
            "B-AB  1234", // doubled space
            "B--AB 1234",
            "B-AB 12,50",
            "B-AB 12:30",
            "B-AB 1234 ",
            // Look-alikes
            "DE-89 3704",
            "ISBN 978",
            "2025-12-24",
            "A-1",
            "UTF-8",
            "COVID-19",
            "MP3-Player",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }
}
