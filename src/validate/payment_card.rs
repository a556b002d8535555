//! Payment card numbers (PAN, ISO/IEC 7812-1).
//!
//! A PAN is 12–19 digits: an issuer identification number (IIN) prefix that names the card
//! scheme, the account number and a Luhn check digit. A candidate is accepted only when the
//! Luhn check holds *and* the prefix belongs to a scheme that issues cards of exactly that
//! length, which rules out most order numbers, phone numbers and other digit strings that pass
//! Luhn by chance (one in ten does).

use super::{is_space, luhn};

/// Bit mask with bit `n` set for each allowed length `n`.
const fn lengths(from: u32, to: u32) -> u32 {
    (u32::MAX >> (31 - to)) & !((1 << from) - 1)
}

/// Issuer prefix ranges: (first prefix, last prefix, digits in the prefix, allowed lengths).
/// Ranges follow the schemes' published IIN tables as summarised on Wikipedia ("Payment card
/// number", IIN ranges): Visa, Mastercard (incl. the 2-series), American Express, Discover
/// (incl. the China UnionPay co-branded 622126–622925), JCB, Diners Club International,
/// UnionPay, Maestro and Mir.
const ISSUERS: &[(u32, u32, u32, u32)] = &[
    (4, 4, 1, 1 << 13 | 1 << 16 | 1 << 19), // Visa (incl. Electron, V PAY)
    (51, 55, 2, 1 << 16),                   // Mastercard
    (2221, 2720, 4, 1 << 16),               // Mastercard 2-series
    (34, 34, 2, 1 << 15),                   // American Express
    (37, 37, 2, 1 << 15),                   // American Express
    (6011, 6011, 4, lengths(16, 19)),       // Discover
    (644, 649, 3, lengths(16, 19)),         // Discover
    (65, 65, 2, lengths(16, 19)),           // Discover
    (622126, 622925, 6, lengths(16, 19)),   // Discover / China UnionPay co-brand
    (3528, 3589, 4, lengths(16, 19)),       // JCB
    (300, 305, 3, lengths(14, 19)),         // Diners Club
    (3095, 3095, 4, lengths(14, 19)),       // Diners Club
    (36, 36, 2, lengths(14, 19)),           // Diners Club
    (38, 39, 2, lengths(14, 19)),           // Diners Club
    (62, 62, 2, lengths(16, 19)),           // UnionPay
    (50, 50, 2, lengths(12, 19)),           // Maestro
    (56, 69, 2, lengths(12, 19)),           // Maestro
    (2200, 2204, 4, lengths(16, 19)),       // Mir
];

/// True when `text` is a plausible card number: 12–19 digits, written either without
/// separators or grouped consistently with single spaces or single hyphens (only one kind) as
/// printed on cards — groups of four with a shorter last group (4-4-4-4, 4-4-4-4-3, 4-4-4-2),
/// or 4-6-5 (American Express) or 4-6-4 (Diners Club) — with a valid Luhn check digit, an issuer
/// prefix that issues that length, and not all one digit.
pub fn is_valid(text: &str) -> bool {
    let Some(digits) = grouped_digits(text) else {
        return false;
    };
    (12..=19).contains(&digits.len())
        && digits.iter().any(|&d| d != digits[0])
        && known_issuer(&digits)
        && luhn::checksum_ok(&digits)
}

/// The digits of `text` if it is written in one of the accepted groupings.
fn grouped_digits(text: &str) -> Option<Vec<u8>> {
    if text.len() > 32 {
        return None;
    }
    let separator = text.chars().find(|c| !c.is_ascii_digit());
    let groups: Vec<&str> = match separator {
        None => vec![text],
        Some(sep) if is_space(sep) || sep == '-' => text.split(sep).collect(),
        Some(_) => return None,
    };
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let (last, init) = sizes.split_last()?;
    let fours = init.iter().all(|&n| n == 4) && (1..=4).contains(last);
    let ok = groups.len() == 1 || fours || sizes == [4, 6, 5] || sizes == [4, 6, 4];
    ok.then(|| groups.concat().bytes().map(|b| b - b'0').collect())
}

fn known_issuer(digits: &[u8]) -> bool {
    let len = digits.len() as u32;
    ISSUERS.iter().any(|&(first, last, width, allowed)| {
        let prefix = digits
            .iter()
            .take(width as usize)
            .fold(0, |n, &d| n * 10 + u32::from(d));
        (first..=last).contains(&prefix) && allowed & (1 << len) != 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_masks() {
        assert_eq!(lengths(16, 19), 1 << 16 | 1 << 17 | 1 << 18 | 1 << 19);
        assert_eq!(lengths(12, 12), 1 << 12);
    }

    /// Published test card numbers of payment providers.
    #[test]
    fn published_test_cards() {
        for pan in [
            // PayPal Payflow / Apache commons-validator CreditCardValidatorTest
            "378282246310005",   // American Express
            "371449635398431",   // American Express
            "378734493671000",   // American Express Corporate
            "30569309025904",    // Diners Club (14 digits)
            "38520000023237",    // Diners Club
            "6011111111111117",  // Discover
            "6011000990139424",  // Discover
            "3530111333300000",  // JCB
            "3566002020360505",  // JCB
            "5555555555554444",  // Mastercard
            "5105105105105100",  // Mastercard
            "4111111111111111",  // Visa
            "4012888888881881",  // Visa
            "4222222222222",     // Visa (13 digits)
            "4417123456789113",  // Apache commons-validator VALID_VISA
            "4370000000000061",  // Apache commons-validator VALID_VPAY
            "60115564485789458", // Apache commons-validator VALIDATOR-403 (17-digit Discover)
            // Stripe test cards (docs.stripe.com/testing)
            "4242424242424242",    // Visa
            "4000056655665556",    // Visa debit
            "2223003122003222",    // Mastercard 2-series
            "5200828282828210",    // Mastercard debit
            "6011981111111113",    // Discover debit
            "3056930009020004",    // Diners Club (16 digits)
            "36227206271667",      // Diners Club (14 digits)
            "6555900000604105",    // BCcard and DinaCard
            "6200000000000005",    // UnionPay
            "6205500000000000004", // UnionPay (19 digits)
            // Braintree sandbox test cards
            "36259600000004",   // Diners Club
            "6304000000000000", // Maestro
            "2223000048400011", // Mastercard
            "6243030000000001", // UnionPay
            "6221261111117766", // UnionPay
            // Mastercard Gateway test cards
            "5123450000000008",
            "2223000000000007",
            "371881634498004",
        ] {
            assert!(is_valid(pan), "{pan}");
        }
    }

    /// Cybersource test cards as printed in their documentation (grouped).
    #[test]
    fn published_grouped_cards() {
        for pan in [
            "3782 8224 6310 005",      // American Express (4-4-4-3)
            "3566 1111 1111 1113",     // JCB
            "5033 9619 8909 17",       // Maestro International (14 digits)
            "5868 2416 0825 5333 38",  // Maestro International (18 digits)
            "6759 4111 0000 0008",     // Maestro UK
            "6759 5600 4500 5727 054", // Maestro UK (19 digits)
            "5641 8211 1116 6669",     // Maestro UK
            "2222 4200 0000 1113",     // Mastercard 2-series
            "2222 6300 0000 1125",     // Mastercard 2-series
            "3782 822463 10005",       // Stripe's printed Amex layout (4-6-5)
            "3056 930902 5904",        // Diners Club layout (4-6-4)
            "5500-0000-0000-0004",     // Apache commons-validator
            "5424 0000 0000 0015",     // Apache commons-validator
        ] {
            assert!(is_valid(pan), "{pan}");
        }
    }

    #[test]
    fn invalid() {
        for text in [
            // Wrong check digits (Apache commons-validator ERROR_* constants)
            "4417123456789112",
            "4222222222229",
            "378282246310001",
            "5105105105105105",
            "6011000990139421",
            "30569309025901",
            "4370000000000069",
            "4242424242424241", // Stripe: incorrect_number
            // Wrong lengths / prefixes
            "12345678901",          // too short
            "12345678901234567890", // too long
            "3111111111111117",     // Luhn-valid, but 31 is no issuer prefix
            "3088000000000009",     // old JCB range, not in ISO 7812 table used here
            "343456789012347",      // Amex prefix ok, Luhn wrong
            "5105105105105100000",  // Mastercard prefix with 19 digits
            "371449635398431000",   // Amex prefix with 18 digits
            "2721000000000003",     // just above the Mastercard 2-series
            // All one digit (0000… is Luhn valid)
            "0000000000000000",
            "4444 4444 4444 4444",
            // Inconsistent or odd grouping
            "5134-5678 9012-3456",
            "4111 1111-1111 1111",
            "41 11 11 11 11 11 11 11",
            "411111 1111111111",
            "4111  1111 1111 1111",
            "4111.1111.1111.1111",
            "4111/1111/1111/1111",
            " 4111111111111111",
            "4111111111111111 ",
            // Look-alikes
            "DE89 3704 0044 0532 0130 00",
            "+49 171 1234567",
            "978-3-16-148410-0",
            "2025-12-24",
            "4111111111111111a",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }

    #[test]
    fn issuer_boundaries() {
        // Luhn-complete a prefix to the given length and check the scheme table edges.
        fn complete(prefix: &str, len: usize) -> String {
            let mut s = format!("{prefix}{}", "0".repeat(len - prefix.len() - 1));
            let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<_>>();
            let check = (0..10)
                .find(|d| luhn::checksum_ok(&digits(&format!("{s}{d}"))))
                .unwrap();
            s.push_str(&check.to_string());
            s
        }
        let cases = [
            ("2220", 16, false),
            ("2221", 16, true),
            ("2720", 16, true),
            ("2721", 16, false),
            ("2200", 16, true), // Mir
            ("2204", 19, true), // Mir
            ("2205", 16, false),
            ("622126", 16, true),
            ("622925", 19, true),
            ("643", 16, true), // not Discover, but inside Maestro's 56–69
            ("644", 16, true),
            ("3527", 16, false),
            ("3528", 16, true),
            ("3589", 19, true),
            ("3590", 16, false),
            ("306", 14, false),
            ("305", 14, true),
            ("3095", 14, true),
            ("50", 12, true),  // Maestro, shortest PAN
            ("51", 12, false), // Mastercard is 16 only
            ("4", 13, true),
            ("4", 14, false),
            ("4", 19, true),
            ("34", 15, true),
            ("34", 16, false),
            ("1", 16, false),
            ("7", 16, false),
            ("9", 16, false),
        ];
        for (prefix, len, expected) in cases {
            let pan = complete(prefix, len);
            assert_eq!(is_valid(&pan), expected, "{pan}");
        }
    }
}
