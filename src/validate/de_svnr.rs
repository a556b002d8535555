//! German pension insurance number (Rentenversicherungsnummer / Versicherungsnummer, commonly
//! "Sozialversicherungsnummer"), § 147 SGB VI and § 2 VKVV.
//!
//! Twelve characters: the area number (Bereichsnummer) of the pension insurance institution
//! that issued it, the birth date as DDMMYY, the initial of the birth name, a two-digit serial
//! (00–49 male, 50–99 female or diverse) and a check digit. For the check digit the letter is
//! replaced by its two-digit alphabet position (A = 01 … Z = 26), the resulting twelve digits
//! are multiplied by 2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1, the cross sums of the products are
//! added and the sum modulo 10 is the check digit (§ 2 Abs. 6 VKVV).

use super::is_space;

/// Area numbers (Bereichsnummern) per the annex to the VKVV (BGBl. I 2004, 3290): the
/// regional institutions 02–29, the Zentrale Zulagenstelle für Altersvermögen 40, Deutsche
/// Rentenversicherung Bund = regional number + 40 (42–69), Knappschaft-Bahn-See 38 (railway),
/// 39 (seafaring) and 80, 81, 82, 89. Numbers are never re-issued, so the codes of merged
/// institutions (03, 04, 08, 29, …) stay valid.
#[rustfmt::skip]
const AREA_NUMBERS: &[u8] = &[
    // regional institutions
    2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 29,
    // Knappschaft-Bahn-See: railway, seafaring
    38, 39,
    // Zentrale Zulagenstelle für Altersvermögen
    40,
    // Deutsche Rentenversicherung Bund
    42, 43, 44, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 63, 64, 65, 66, 68, 69,
    // Knappschaft-Bahn-See by region
    80, 81, 82, 89,
];

const WEIGHTS: [u32; 12] = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];

/// True when `text` is a valid Versicherungsnummer such as "65 170839 J 003" or
/// "65170839J003": a known area number, a plausible birth date (day 01–31, or 51–81 when the
/// serial numbers of a birth date were exhausted and 50 was added to the day; month 01–12; day
/// within the month), a letter, a serial and the correct check digit. Single spaces may
/// separate the parts; the letter may be lower case.
pub fn is_valid(text: &str) -> bool {
    let Some(chars) = compact(text) else {
        return false;
    };
    let [a1, a2, d1, d2, m1, m2, y1, y2, letter, s1, s2, check] = chars;
    let digit_positions = [a1, a2, d1, d2, m1, m2, y1, y2, s1, s2, check];
    if !digit_positions.iter().all(u8::is_ascii_digit) || !letter.is_ascii_uppercase() {
        return false;
    }
    let num = |hi: u8, lo: u8| (hi - b'0') * 10 + (lo - b'0');
    let area = num(a1, a2);
    let day = num(d1, d2);
    let day = if day > 50 { day - 50 } else { day };
    let month = num(m1, m2);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29, // two-digit year: the leap year cannot be told
        _ => return false,
    };
    if !AREA_NUMBERS.contains(&area) || !(1..=days_in_month).contains(&day) {
        return false;
    }
    let position = letter - b'A' + 1;
    let expanded = chars[..8].iter().map(|c| c - b'0').chain([
        position / 10,
        position % 10,
        s1 - b'0',
        s2 - b'0',
    ]);
    let sum: u32 = expanded
        .zip(WEIGHTS)
        .map(|(d, w)| {
            let product = u32::from(d) * w;
            product / 10 + product % 10
        })
        .sum();
    u32::from(check - b'0') == sum % 10
}

/// The twelve characters without single spaces, letters upper-cased.
fn compact(text: &str) -> Option<[u8; 12]> {
    let mut out = [0u8; 12];
    let mut len = 0;
    let mut after_sep = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            *out.get_mut(len)? = c.to_ascii_uppercase() as u8;
            len += 1;
            after_sep = false;
        } else if is_space(c) && !after_sep {
            after_sep = true;
        } else {
            return None;
        }
    }
    (len == 12 && !after_sep).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_valid() {
        for vsnr in [
            "65 170839 J 003", // de.wikipedia "Versicherungsnummer" example
            "65170839J003",
            "15 070649 C 103", // koblas/stdnum-js de/svnr.spec.ts
            "15070649C103",
            // Presidio test_de_social_security_recognizer.py
            "65070803A019",
            "20151090B023",
            "38551285K051", // day 55 = 5 + 50
            "15070649c103", // lower-case letter
        ] {
            assert!(is_valid(vsnr), "{vsnr}");
        }
    }

    #[test]
    fn published_invalid() {
        for vsnr in [
            // koblas/stdnum-js de/svnr.spec.ts
            "12345678",
            "01070649C103", // area 01 does not exist
            "15071349C103", // month 13
            "15070649C102", // wrong check digit
            "15JU0649C102",
            "1507064CC102",
            "150706499102",
            "15070649CC03",
            // Presidio test_de_social_security_recognizer.py
            "15070649C100",
            "65070803A012",
            "65070803A018",
            "150706491103",
            "15070649C10",
            "15070649C1030",
            "15420649C103", // day 42
            "15850649C103", // day 85
            "15070049C103", // month 00
            // The example printed on kbs.de ("65 170839 J 08 8") does not satisfy the VKVV
            // check-digit rule (the correct check digit is 1).
            "65 170839 J 08 8",
            "65170839J088",
        ] {
            assert!(!is_valid(vsnr), "{vsnr}");
        }
    }

    #[test]
    fn structure() {
        for text in [
            "65 170839 J 001",  // wrong check digit
            "22 170839 J 003",  // area 22 unused
            "65 300239 J 003",  // 30 February
            "65 310439 J 003",  // 31 April
            "65 000839 J 003",  // day 00
            "65 170839 Ä 003",  // umlauts are resolved before assignment (§ 2 Abs. 4 VKVV)
            "65  170839 J 003", // doubled space
            "65-170839-J-003",
            " 65170839J003",
            "65170839J003 ",
            "65170839J0031",
            "AB170839J003",
            "2025-12-24",
            "24.12.2025",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }

    #[test]
    fn vkvv_check_digit_walkthrough() {
        // 65 170839 J 00: J = 10, digits 6 5 1 7 0 8 3 9 1 0 0 0; products 12 5 2 35 0 8 6 9
        // 2 0 0 0; cross sums 3 5 2 8 0 8 6 9 2 0 0 0 = 43 → check digit 3.
        assert!(is_valid("65170839J003"));
        // 29 February is accepted for every year (the century is unknown), 30 February never.
        let any_feb29 = (0..10).any(|d| is_valid(&format!("65290201A12{d}")));
        assert!(any_feb29);
        let any_feb30 = (0..10).any(|d| is_valid(&format!("65300201A12{d}")));
        assert!(!any_feb30);
    }
}
