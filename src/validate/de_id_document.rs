//! Serial number of a German identity card (Personalausweis, since November 2010) or passport
//! (Reisepass, since November 2007) as written in the machine readable zone: nine characters
//! plus the ICAO check digit.
//!
//! The serial (§ 5 PAuswG, § 4 PassG) is a four-character authority code (Behördenkennzahl)
//! and a five-character number. It uses the digits and the letters C F G H J K L M N P R T V W
//! X Y Z only (no vowels, no B D Q S, to avoid words and misreadings). The first character tells
//! the document: L M N P R T V W X Y for identity cards, C F G H J K for passports. The check
//! digit follows ICAO Doc 9303 Part 3, 4.9: weights 7, 3, 1 repeating, digits count as their
//! value, letters A = 10 … Z = 35, the filler `<` as 0, and the sum modulo 10 is the check digit.
//! Only the ten-character form (serial + check digit) is accepted: the nine characters alone
//! carry no check and would match too many ordinary tokens.

/// Letters used in German document serial numbers.
const LETTERS: &[u8] = b"CFGHJKLMNPRTVWXYZ";
/// First character of an identity card serial.
const ID_CARD_FIRST: &[u8] = b"LMNPRTVWXY";
/// First character of a passport serial.
const PASSPORT_FIRST: &[u8] = b"CFGHJK";

/// True when `text` is a ten-character German ID card or passport serial with a correct
/// ICAO 9303 check digit, e.g. "T220001293" or "C01X00T478". Lower case is accepted.
pub fn is_valid(text: &str) -> bool {
    let Ok(chars) = <[u8; 10]>::try_from(text.as_bytes()) else {
        return false;
    };
    let chars = chars.map(|c| c.to_ascii_uppercase());
    let (serial, check) = chars.split_at(9);
    (ID_CARD_FIRST.contains(&serial[0]) || PASSPORT_FIRST.contains(&serial[0]))
        && serial
            .iter()
            .all(|c| c.is_ascii_digit() || LETTERS.contains(c))
        && check[0].is_ascii_digit()
        && icao_check_digit(serial) == Some(check[0] - b'0')
}

/// ICAO Doc 9303 Part 3 check digit over digits, upper-case letters and `<`; `None` for any
/// other character.
fn icao_check_digit(chars: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0;
    for (i, &c) in chars.iter().enumerate() {
        let value = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += value * WEIGHTS[i % 3];
    }
    Some((sum % 10) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ICAO Doc 9303 Part 3, Appendix A (examples of check digit calculation) and the
    /// specimen MRZ of Part 3, Figure 1 / Part 4 (as collected in Apache commons-validator
    /// `Modulus10_731CheckDigitTest`).
    #[test]
    fn icao_9303_worked_examples() {
        assert_eq!(icao_check_digit(b"520727"), Some(3)); // date of birth 27 July 1952
        assert_eq!(icao_check_digit(b"AB2134<<<"), Some(5)); // document number
        assert_eq!(icao_check_digit(b"HA672242<"), Some(6)); // document number, example 3
        assert_eq!(icao_check_digit(b"D23145890"), Some(7)); // document number, example 4
        assert_eq!(icao_check_digit(b"L898902C3"), Some(6)); // Utopia specimen passport
        assert_eq!(icao_check_digit(b"740812"), Some(2)); // specimen date of birth
        assert_eq!(icao_check_digit(b"120415"), Some(9)); // specimen date of expiry
        assert_eq!(icao_check_digit(b"123456BB"), Some(5)); // planetcalc ICAO example
        assert_eq!(icao_check_digit(b"AB-1"), None);
    }

    /// German specimen documents (de.wikipedia "Ausweisnummer"; Apache commons-validator
    /// `Modulus10_731CheckDigitTest`; koblas/stdnum-js de/pwnr and de/passport specs).
    #[test]
    fn german_specimens() {
        for serial in [
            "T220001293", // Personalausweis specimen 2010 (Erika Mustermann)
            "L01X00T471", // Personalausweis specimen 2021
            "LZ6311T475", // Personalausweis specimen 2024
            "C01X00T478", // Reisepass specimen 2007
            "CZ6311T472", // Reisepass specimen 2017
            "t220001293", // lower case
        ] {
            assert!(is_valid(serial), "{serial}");
        }
    }

    #[test]
    fn invalid() {
        for text in [
            "T220001294", // wrong check digit
            "C01X00T479", // koblas/stdnum-js de/passport.spec.ts: wrong check digit
            "L01X00T47",  // nine characters: no check digit (koblas/stdnum-js accepts it)
            "C01X00T47",
            "T22000129",
            "C01X00T47999",
            "C01X00T4",
            // Old all-numeric serials (Personalausweis until 2010): no letter up front.
            "1220001297",
            "1220000430",
            // Presidio DeIdCardRecognizer/DePassportRecognizer treat nine characters as eight
            // plus a check digit, which contradicts the ten-character MRZ field.
            "L01X00T44",
            "C01234565",
            // Letters that never appear in German serials.
            "XA00000023", // A is excluded (valid ICAO check digit, used as a "DE-ID" elsewhere)
            "A012345678",
            "Z012345678", // Z is allowed inside but not as the first character
            "L01X00T4A1",
            "L01X00T47A", // check digit must be a digit
            "L01O00T471", // letter O is not used
            "L01X00T47 1",
            " L01X00T471",
            "L01X-00T471",
            "Ł01X00T471",
            "1234567890",
            "2025-12-24",
            "0171123456",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }
}
