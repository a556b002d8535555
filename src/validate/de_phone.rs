//! Telephone numbers as written in German texts (ITU-T E.123/E.164, DIN 5008, the German
//! numbering plan of the Bundesnetzagentur).
//!
//! Accepted forms are the international ones, "+49 89 233 12345", "+49 (0)89 233 12345",
//! "0049 89 23312345", and the national one with the trunk prefix 0, "089 233-12345",
//! "(089) 233-12345", "089/233-12345", "0171 1234567". Digit groups may be separated by
//! single spaces, hyphens or one slash; one pair of parentheses may enclose the area code or
//! the trunk marker "(0)". German national significant numbers (after +49 or the trunk 0) have
//! 6–13 digits (E.164 allows 15 including the country code) and start with 1–9, but not with
//! 10 (carrier selection) or 11 (short codes such as 110, 112, 115). For other countries the
//! country code must be assigned by the ITU and the number must have 7–15 digits in total.
//! Dates ("24.12.2025", "03/04/2025", "2025-12-24"), clock times, prices, decimal numbers,
//! ISBNs and strings of one repeated digit are rejected.

use super::is_space;

/// Country calling codes assigned by the ITU (ITU-T E.164 Annex to Operational Bulletin),
/// taken from libphonenumber's country-code map (python-phonenumbers
/// `phonenumbers/data/__init__.py`), plus 379 (Vatican City, assigned but unused). Includes
/// the global services 800, 808, 870, 878, 881, 882, 883, 888 and 979. The set is prefix-free.
const COUNTRY_CODES: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211,
    212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234,
    235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253,
    254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298,
    299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377,
    378, 379, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505,
    506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675,
    676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850,
    852, 853, 855, 856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966,
    967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
];

/// A phone number as written: its digits and where the digit groups are.
struct Written {
    plus: bool,
    digits: Vec<u8>,
    /// (index of the first digit, number of digits, enclosed in parentheses)
    groups: Vec<(usize, usize, bool)>,
    /// Whether a hyphen or slash separates groups.
    marks: bool,
}

/// True when `text` is a German or international telephone number (see the module docs).
/// Four or more space-separated groups of exactly four digits (the last may be shorter): the
/// print format of IBANs and card numbers ("0044 0532 0130 00" inside an IBAN), not of phone
/// numbers.
fn is_print_grouped_account(text: &str) -> bool {
    let groups: Vec<&str> = text.split(' ').collect();
    groups.len() >= 4
        && groups[..groups.len() - 1]
            .iter()
            .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit()))
}

pub fn is_valid(text: &str) -> bool {
    let Some(written) = parse(text) else {
        return false;
    };
    let d = &written.digits;
    if d.iter().all(|&x| x == d[0])
        || is_date_like(&written)
        || is_isbn_like(d)
        || is_print_grouped_account(text)
    {
        return false;
    }
    let country_start = if written.plus {
        0
    } else if d.starts_with(&[0, 0]) {
        2
    } else if d[0] == 0 {
        return is_german_national(&d[1..]);
    } else {
        return false;
    };
    let Some(cc_len) = country_code_len(&d[country_start..]) else {
        return false;
    };
    let mut nsn_start = country_start + cc_len;
    // "+49 (0)89 …": the parenthesised trunk prefix is not dialled from abroad.
    let trunk_marker = written
        .groups
        .iter()
        .any(|&(start, len, paren)| paren && start == nsn_start && len == 1);
    if trunk_marker && d[nsn_start] == 0 {
        nsn_start += 1;
    }
    let nsn = &d[nsn_start..];
    if d[country_start..country_start + cc_len] == [4, 9] {
        is_german_national(nsn)
    } else {
        !nsn.is_empty() && (7..=15).contains(&(cc_len + nsn.len()))
    }
}

/// A German national significant number: 6–13 digits, not starting with 0, 10 or 11.
fn is_german_national(nsn: &[u8]) -> bool {
    (6..=13).contains(&nsn.len()) && nsn[0] != 0 && !(nsn[0] == 1 && nsn[1] <= 1)
}

/// Length of the ITU country code at the start of `digits`, if any.
fn country_code_len(digits: &[u8]) -> Option<usize> {
    if digits.first() == Some(&0) {
        return None;
    }
    (1..=3).find(|&len| {
        digits.len() > len
            && COUNTRY_CODES.contains(&digits[..len].iter().fold(0, |n, &x| n * 10 + u16::from(x)))
    })
}

/// Day-month-year ("03/04/2025", "3-4-25") or ISO ("2025-12-24") written with hyphens or
/// slashes.
fn is_date_like(written: &Written) -> bool {
    let sizes: Vec<usize> = written.groups.iter().map(|g| g.1).collect();
    written.marks && !written.plus && matches!(sizes[..], [1 | 2, 1 | 2, 2 | 4] | [4, 2, 2])
}

/// Thirteen digits starting with the Bookland prefixes 978 or 979.
fn is_isbn_like(digits: &[u8]) -> bool {
    digits.len() == 13 && (digits.starts_with(&[9, 7, 8]) || digits.starts_with(&[9, 7, 9]))
}

/// Splits `text` into digit groups. Groups are separated by a single space, a hyphen or slash
/// (optionally with single spaces around it), or a parenthesis; at most one slash and one pair
/// of parentheses (enclosing digits only) are allowed. A '+' may only come first.
fn parse(text: &str) -> Option<Written> {
    #[derive(Clone, Copy, PartialEq)]
    enum Prev {
        Start,
        Digit,
        Space,
        Mark,
        Open,
        Close,
    }
    if text.len() > 48 {
        return None;
    }
    let (plus, body) = match text.strip_prefix('+') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let mut written = Written {
        plus,
        digits: Vec::new(),
        groups: Vec::new(),
        marks: false,
    };
    let mut prev = Prev::Start;
    let mut mark_in_run = false; // a hyphen or slash since the last digit
    let mut slashes = 0;
    let mut opened = false; // parentheses were used (only one pair is allowed)
    let mut in_paren = false;
    for c in body.chars() {
        prev = match c {
            '0'..='9' => {
                if prev != Prev::Digit {
                    let start = written.digits.len();
                    written.groups.push((start, 0, in_paren));
                }
                written.digits.push(c as u8 - b'0');
                written.groups.last_mut()?.1 += 1;
                mark_in_run = false;
                Prev::Digit
            }
            '(' if !opened => {
                // "+(49) …" is no way to write a number.
                if (plus && prev == Prev::Start)
                    || !matches!(prev, Prev::Start | Prev::Digit | Prev::Space)
                {
                    return None;
                }
                (in_paren, opened) = (true, true);
                Prev::Open
            }
            ')' if in_paren && prev == Prev::Digit => {
                in_paren = false;
                Prev::Close
            }
            '/' | '-' if !in_paren && !mark_in_run => {
                if !matches!(prev, Prev::Digit | Prev::Space | Prev::Close) {
                    return None;
                }
                mark_in_run = true;
                written.marks = true;
                slashes += usize::from(c == '/');
                Prev::Mark
            }
            c if is_space(c) && !in_paren => {
                if !matches!(prev, Prev::Digit | Prev::Mark | Prev::Close) {
                    return None;
                }
                Prev::Space
            }
            _ => return None,
        };
    }
    (prev == Prev::Digit && !in_paren && slashes <= 1).then_some(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_sorted_and_prefix_free() {
        assert!(COUNTRY_CODES.windows(2).all(|w| w[0] < w[1]));
        for &a in COUNTRY_CODES {
            for &b in COUNTRY_CODES {
                let (a, b) = (a.to_string(), b.to_string());
                assert!(a == b || !b.starts_with(&a), "{a} is a prefix of {b}");
            }
        }
    }

    /// Bundesnetzagentur, Amtsblatt 7/2021, Mitteilung 148/2021: numbers reserved for films,
    /// books and teaching material ("Drama Numbers"), which are valid numbers by construction.
    #[test]
    fn bundesnetzagentur_drama_numbers() {
        for number in [
            "030 23125 000",
            "030 23125 999",
            "069 90009 123",
            "040 66969 456",
            "0221 4710 789",
            "089 99998 321",
            "+49 30 23125 456",
            "+49 (0)89 99998 000",
            "+49 (0) 221 4710 500",
            "0049 69 90009 999",
            "(030) 23125-123",
            "030/23125-123",
            "030 / 23125 123",
        ] {
            assert!(is_valid(number), "{number}");
        }
    }

    /// libphonenumber example numbers for Germany (metadata `region_DE`), in the national and
    /// international formats libphonenumber produces for them.
    #[test]
    fn libphonenumber_examples() {
        for number in [
            "030/123456", // fixed line
            "+49 30 123456",
            "01512 3456789", // mobile
            "+49 1512 3456789",
            "0800 1234567",   // toll free
            "0900 1 234567",  // premium rate
            "0180 1 2345",    // shared cost
            "0700 1234 5678", // personal number
            "+49 700 1234 5678",
            "01641 2345", // pager
        ] {
            assert!(is_valid(number), "{number}");
        }
    }

    #[test]
    fn written_forms() {
        for number in [
            // Forms named in the specification of this validator (Landeshauptstadt München)
            "(089) 233-12345",
            "+49 (0)89 233 12345",
            "+49 89 233 12345",
            "0049 89 23312345",
            "089 233-12345",
            "089/233-12345",
            "0171 1234567",
            "+491711234567",
            "030 12345-67", // DIN 5008 with extension
            "+49 30 12345-67",
            "+49(0)30 123456",
            // Other countries
            "+1 415 555 0132",   // Presidio phone tests (US)
            "+55 11 98456 5666", // Presidio phone tests (Brazil)
            "+44 20 7946 0958",  // Ofcom drama number, London
            "+44 (0)20 7946 0958",
            "+43 1 53115-0",
            "+41 44 668 18 00",
            "00 33 1 42 68 53 00",
            "+39 06 6982", // Italian numbers keep their leading 0 (8 digits in total)
            "+352 4796 2000",
        ] {
            assert!(is_valid(number), "{number}");
        }
    }

    #[test]
    fn invalid() {
        for text in [
            // Dates, times, prices, decimals
            "24.12.2025",
            "2025-12-24",
            "01-12-2025",
            "03/04/2025",
            "24/12/2025",
            "3-4-25",
            "12:30",
            "0800 12:30",
            "12,50",
            "0,99",
            "1.299,00",
            "0.99",
            "089.233.12345",
            // ISBN / EAN
            "978-3-16-148410-0",
            "9783161484100",
            "+9783161484100",
            // One repeated digit
            "0000 000000",
            "+11111111111",
            "0111 111111",
            // No prefix, unknown country codes, wrong lengths
            "233-12345",
            "110",
            "112",
            "4111111111111111",
            "+999 1234567",
            "+0 1234567",
            "+49 089 12345678", // national number must not start with 0 after +49
            "+49 12345",        // too short
            "0123 45",
            "030123", // 5 digits after the trunk prefix (6 is the minimum)
            "+49 30 12345678901234",
            "0 30 1234567890123456",
            "+1 234",
            "+1 2345678901234567",
            "010 1234567", // carrier selection code
            "0110 123456",
            // Malformed writing
            "(089) 233-12345)",
            "((089)) 233",
            "089) 233",
            "(089 233",
            "()089 233",
            "089 / / 233",
            "089//233",
            "089 -/ 233",
            "089  233 12345",
            "089 233 12345 ",
            " 089 233 12345",
            "+ 49 89 233",
            "++49 89 233",
            "+(49) 89 233 123",
            "49+ 89 233",
            "089-233-12345-",
            "089/233/12345",
            "(0 89) 233 12345",
            "0 89 233 12345 ext. 5",
            "Tel. 089 233 12345",
            "DE89 3704 0044 0532 0130 00",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }

    #[test]
    fn account_print_format_is_not_a_phone_number() {
        // "0044 …" inside "DE89 3704 0044 0532 0130 00" would otherwise read as a UK number.
        assert!(!is_valid("0044 0532 0130 00"));
        assert!(is_valid("0044 20 7946 0958"));
    }
}
