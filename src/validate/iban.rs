//! IBAN, International Bank Account Number (ISO 13616-1:2020).
//!
//! An IBAN is a two-letter ISO 3166-1 country code, two check digits and a country-specific
//! Basic Bank Account Number (BBAN). Moving the first four characters to the end and reading
//! letters as 10–35 must give a number congruent to 1 modulo 97 (ISO/IEC 7064 MOD 97-10); the
//! check digits are 98 minus the remainder and therefore always lie in 02–98. SWIFT, the ISO
//! 13616 registration authority, publishes for each country the exact length and character
//! structure of its BBAN in the IBAN Registry.

use super::is_space;

/// BBAN structure of every country in the SWIFT IBAN Registry, release 102 (June 2026; the
/// same 89 countries as release 101, including the recent FK, HN, MN, NI, OM, SO and YE).
/// Source: `swift_iban_registry_202606.r102.txt` as shipped by skwasjer/IbanNet, cross-checked
/// against python-stdnum's `iban.dat` (release 101). Notation: `4!n` = exactly four digits,
/// `a` = upper-case letters, `c` = letters or digits. The IBAN length is 4 + the BBAN length.
/// Territories that use another country's prefix (AX → FI, GF/GP/… → FR, JE/GG/IM → GB) have
/// no code of their own here.
const BBAN_STRUCTURES: &[(&str, &str)] = &[
    ("AD", "4!n4!n12!c"),
    ("AE", "3!n16!n"),
    ("AL", "8!n16!c"),
    ("AT", "5!n11!n"),
    ("AZ", "4!a20!c"),
    ("BA", "3!n3!n8!n2!n"),
    ("BE", "3!n7!n2!n"),
    ("BG", "4!a4!n2!n8!c"),
    ("BH", "4!a14!c"),
    ("BI", "5!n5!n11!n2!n"),
    ("BR", "8!n5!n10!n1!a1!c"),
    ("BY", "4!c4!n16!c"),
    ("CH", "5!n12!c"),
    ("CR", "4!n14!n"),
    ("CY", "3!n5!n16!c"),
    ("CZ", "4!n16!n"),
    ("DE", "8!n10!n"),
    ("DJ", "5!n5!n11!n2!n"),
    ("DK", "4!n9!n1!n"),
    ("DO", "4!c20!n"),
    ("EE", "2!n14!n"),
    ("EG", "4!n4!n17!n"),
    ("ES", "4!n4!n1!n1!n10!n"),
    ("FI", "3!n11!n"),
    ("FK", "2!a12!n"),
    ("FO", "4!n9!n1!n"),
    ("FR", "5!n5!n11!c2!n"),
    ("GB", "4!a6!n8!n"),
    ("GE", "2!a16!n"),
    ("GI", "4!a15!c"),
    ("GL", "4!n9!n1!n"),
    ("GR", "3!n4!n16!c"),
    ("GT", "4!c20!c"),
    ("HN", "4!a20!n"),
    ("HR", "7!n10!n"),
    ("HU", "3!n4!n1!n15!n1!n"),
    ("IE", "4!a6!n8!n"),
    ("IL", "3!n3!n13!n"),
    ("IQ", "4!a3!n12!n"),
    ("IS", "4!n2!n6!n10!n"),
    ("IT", "1!a5!n5!n12!c"),
    ("JO", "4!a4!n18!c"),
    ("KW", "4!a22!c"),
    ("KZ", "3!n13!c"),
    ("LB", "4!n20!c"),
    ("LC", "4!a24!c"),
    ("LI", "5!n12!c"),
    ("LT", "5!n11!n"),
    ("LU", "3!n13!c"),
    ("LV", "4!a13!c"),
    ("LY", "3!n3!n15!n"),
    ("MC", "5!n5!n11!c2!n"),
    ("MD", "2!c18!c"),
    ("ME", "3!n13!n2!n"),
    ("MK", "3!n10!c2!n"),
    ("MN", "4!n12!n"),
    ("MR", "5!n5!n11!n2!n"),
    ("MT", "4!a5!n18!c"),
    ("MU", "4!a2!n2!n12!n3!n3!a"),
    ("NI", "4!a20!n"),
    ("NL", "4!a10!n"),
    ("NO", "4!n6!n1!n"),
    ("OM", "3!n16!c"),
    ("PK", "4!a16!c"),
    ("PL", "8!n16!n"),
    ("PS", "4!a21!c"),
    ("PT", "4!n4!n11!n2!n"),
    ("QA", "4!a21!c"),
    ("RO", "4!a16!c"),
    ("RS", "3!n13!n2!n"),
    ("RU", "9!n5!n15!c"),
    ("SA", "2!n18!c"),
    ("SC", "4!a2!n2!n16!n3!a"),
    ("SD", "2!n12!n"),
    ("SE", "3!n16!n1!n"),
    ("SI", "5!n8!n2!n"),
    ("SK", "4!n6!n10!n"),
    ("SM", "1!a5!n5!n12!c"),
    ("SO", "4!n3!n12!n"),
    ("ST", "4!n4!n11!n2!n"),
    ("SV", "4!a20!n"),
    ("TL", "3!n14!n2!n"),
    ("TN", "2!n3!n13!n2!n"),
    ("TR", "5!n1!n16!c"),
    ("UA", "6!n19!c"),
    ("VA", "3!n15!n"),
    ("VG", "4!a16!n"),
    ("XK", "4!n10!n2!n"),
    ("YE", "4!a4!n18!c"),
];

/// The longest IBAN any country may register (ISO 13616-1).
const MAX_LEN: usize = 34;

/// True when `text` is an IBAN in electronic ("DE89370400440532013000") or print format
/// ("DE89 3704 0044 0532 0130 00"), in any letter case: a registered country, exactly the
/// registered length and BBAN structure for it (so a German BBAN is 18 digits), check digits
/// 02–98 and remainder 1 modulo 97. Single spaces, hyphens or dots may separate groups.
pub fn is_valid(text: &str) -> bool {
    let Some(iban) = compact(text) else {
        return false;
    };
    if iban.len() < 4 {
        return false;
    }
    let (country, rest) = iban.split_at(2);
    let (check, bban) = rest.split_at(2);
    let Some(&(_, structure)) = BBAN_STRUCTURES
        .iter()
        .find(|(code, _)| code.as_bytes() == country)
    else {
        return false;
    };
    check.iter().all(u8::is_ascii_digit)
        && (2..=98).contains(&((check[0] - b'0') * 10 + (check[1] - b'0')))
        && matches_structure(bban, structure)
        && mod97(bban.iter().chain(country).chain(check)) == 1
}

/// Upper-cased ASCII letters and digits of `text`; single separators (space, hyphen, dot) may
/// stand between them. `None` for anything else or for more than [`MAX_LEN`] characters.
fn compact(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(MAX_LEN);
    let mut after_sep = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() == MAX_LEN {
                return None;
            }
            out.push(c.to_ascii_uppercase() as u8);
            after_sep = false;
        } else if (is_space(c) || c == '-' || c == '.') && !after_sep {
            after_sep = true;
        } else {
            return None;
        }
    }
    (!after_sep).then_some(out)
}

/// Whether `bban` has exactly the registered structure, e.g. `"8!n10!n"`.
fn matches_structure(bban: &[u8], structure: &str) -> bool {
    let mut rest = bban;
    for field in structure.split_inclusive(['n', 'a', 'c']) {
        let (count, kind) = field.split_at(field.len() - 1);
        let Ok(count) = count.trim_end_matches('!').parse::<usize>() else {
            return false;
        };
        if rest.len() < count {
            return false;
        }
        let (chars, tail) = rest.split_at(count);
        let ok = match kind {
            "n" => chars.iter().all(u8::is_ascii_digit),
            "a" => chars.iter().all(u8::is_ascii_uppercase),
            _ => chars.iter().all(u8::is_ascii_alphanumeric),
        };
        if !ok {
            return false;
        }
        rest = tail;
    }
    rest.is_empty()
}

/// Remainder modulo 97 of the number spelled by upper-case alphanumerics (A = 10 … Z = 35),
/// computed piecewise so that no big integers are needed.
fn mod97<'a>(chars: impl Iterator<Item = &'a u8>) -> u32 {
    chars.fold(0, |rem, &c| match c {
        b'0'..=b'9' => (rem * 10 + u32::from(c - b'0')) % 97,
        _ => (rem * 100 + u32::from(c - b'A') + 10) % 97,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_consistent() {
        assert_eq!(BBAN_STRUCTURES.len(), 89);
        assert!(BBAN_STRUCTURES.windows(2).all(|w| w[0].0 < w[1].0));
        let len = |cc: &str| {
            let (_, s) = BBAN_STRUCTURES.iter().find(|(c, _)| *c == cc).unwrap();
            4 + s
                .split_inclusive(['n', 'a', 'c'])
                .map(|f| f[..f.len() - 2].parse::<usize>().unwrap())
                .sum::<usize>()
        };
        // Lengths as listed in the registry's "IBAN length" row.
        let expected = [
            ("DE", 22),
            ("AT", 20),
            ("CH", 21),
            ("NO", 15),
            ("LC", 32),
            ("RU", 33),
            ("MT", 31),
            ("FK", 18),
            ("HN", 28),
            ("MN", 20),
            ("NI", 28),
            ("OM", 23),
            ("SO", 23),
            ("YE", 30),
            ("SD", 18),
            ("BI", 27),
            ("DJ", 27),
            ("LY", 25),
        ];
        for (cc, n) in expected {
            assert_eq!(len(cc), n, "{cc}");
        }
        assert!(BBAN_STRUCTURES.iter().all(|(c, _)| len(c) <= MAX_LEN));
    }

    /// The "IBAN print format example" of every country in the SWIFT IBAN Registry r102.
    #[test]
    fn swift_registry_examples() {
        let examples = [
            "AD12 0001 2030 2003 5910 0100",
            "AE07 0331 2345 6789 0123 456",
            "AL47 2121 1009 0000 0002 3569 8741",
            "AT61 1904 3002 3457 3201",
            "AZ21 NABZ 0000 0000 1370 1000 1944",
            "BA39 1290 0794 0102 8494",
            "BE68 5390 0754 7034",
            "BG80 BNBG 9661 1020 3456 78",
            "BH67 BMAG 0000 1299 1234 56",
            "BI42 10000 10001 00003320451 81",
            "BR18 0036 0305 0000 1000 9795 493C 1",
            "BY13 NBRB 3600 9000 0000 2Z00 AB00",
            "CH93 0076 2011 6238 5295 7",
            "CR05 0152 0200 1026 2840 66",
            "CY17 0020 0128 0000 0012 0052 7600",
            "CZ65 0800 0000 1920 0014 5399",
            "DE89 3704 0044 0532 0130 00",
            "DJ21 0001 0000 0001 5400 0100 186",
            "DK50 0040 0440 1162 43",
            "DO28 BAGR 0000 0001 2124 5361 1324",
            "EE38 2200 2210 2014 5685",
            "EG38 0019 0005 0000 0000 2631 8000 2",
            "ES91 2100 0418 4502 0005 1332",
            "FI21 1234 5600 0007 85",
            "FK88 SC12 3456 7890 12",
            "FO62 6460 0001 6316 34",
            "FR14 2004 1010 0505 0001 3M02 606",
            "GB29 NWBK 6016 1331 9268 19",
            "GE29 NB00 0000 0101 9049 17",
            "GI75 NWBK 0000 0000 7099 453",
            "GL89 6471 0001 0002 06",
            "GR16 0110 1250 0000 0001 2300 695",
            "GT82 TRAJ 0102 0000 0012 1002 9690",
            "HN88 CABF 0000 0000 0002 5000 5469",
            "HR12 1001 0051 8630 0016 0",
            "HU42 1177 3016 1111 1018 0000 0000",
            "IE29 AIBK 9311 5212 3456 78",
            "IL62 0108 0000 0009 9999 999",
            "IQ98 NBIQ 8501 2345 6789 012",
            "IS14 0159 2600 7654 5510 7303 39",
            "IT60 X054 2811 1010 0000 0123 456",
            "JO94 CBJO 0010 0000 0000 0131 0003 02",
            "KW81 CBKU 0000 0000 0000 1234 5601 01",
            "KZ86 125K ZT50 0410 0100",
            "LB62 0999 0000 0001 0019 0122 9114",
            "LC55 HEMM 0001 0001 0012 0012 0002 3015",
            "LI21 0881 0000 2324 013A A",
            "LT12 1000 0111 0100 1000",
            "LU28 0019 4006 4475 0000",
            "LV80 BANK 0000 4351 9500 1",
            "LY83 002 048 000020100120361",
            "MC58 1122 2000 0101 2345 6789 030",
            "MD24 AG00 0225 1000 1310 4168",
            "ME25 5050 0001 2345 6789 51",
            "MK07 2501 2000 0058 984",
            "MN12 1234 1234 5678 9123",
            "MR13 0002 0001 0100 0012 3456 753",
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
            "MU17 BOMM 0101 1010 3030 0200 000M UR",
            "NI45 BAPR 0000 0013 0000 0355 8124",
            "NL91 ABNA 0417 1643 00",
            "NO93 8601 1117 947",
            "OM81 0180 0000 0129 9123 456",
            "PK36 SCBL 0000 0011 2345 6702",
            "PL61 1090 1014 0000 0712 1981 2874",
            "PS92 PALS 0000 0000 0400 1234 5670 2",
            "PT50 0002 0123 1234 5678 9015 4",
            "QA58 DOHB 0000 1234 5678 90AB CDEF G",
            "RO49 AAAA 1B31 0075 9384 0000",
            "RS35 2600 0560 1001 6113 79",
            "RU03 0445 2522 5408 1781 0538 0913 1041 9",
            "SA03 8000 0000 6080 1016 7519",
            "SC18 SSCB 1101 0000 0000 0000 1497 USD",
            "SD21 2901 0501 2340 01",
            "SE45 5000 0000 0583 9825 7466",
            "SI56 2633 0001 2039 086",
            "SK31 1200 0000 1987 4263 7541",
            "SM86 U032 2509 8000 0000 0270 100",
            "SO21 1000 0010 0100 0100 141",
            "ST23 0001 0001 0051 8453 1014 6",
            "SV 62 CENR 00000000000000700025",
            "TL38 0080 0123 4567 8910 157",
            "TN59 1000 6035 1835 9847 8831",
            "TR33 0006 1005 1978 6457 8413 26",
            "UA21 3223 1300 0002 6007 2335 6600 1",
            "VA59 001 1230 0001 2345 678",
            "VG96 VPVG 0000 0123 4567 8901",
            "XK05 1212 0123 4567 8906",
            "YE15 CBYE 0001 0188 6123 4567 8912 34",
        ];
        assert_eq!(examples.len(), 89);
        for example in examples {
            assert!(is_valid(example), "{example}");
            let electronic: String = example.split(' ').collect();
            assert!(is_valid(&electronic), "{electronic}");
            assert!(is_valid(&electronic.to_lowercase()), "{electronic}");
        }
    }

    /// python-stdnum `tests/test_iban.doctest` (valid numbers, incl. odd separators).
    #[test]
    fn stdnum_valid() {
        for iban in [
            "AD12 0001 2030 2003 5910 0100",
            "ES 58 0049 0290 3424 1352 8341",
            "ES15-0049-1806-9121-1186-9374",
            "ES72 2013-0692-81-0201150993",
            "ES10 0075 0080 11 0600658108",
            "MC11 1273 9000 7000 1111 1000 h79",
            "MK072 5012 0000 0589 84",
            "MU17 BOMM0101101030300200000MUR",
            "NO 44 1850.05.14562",
            "NO07.8380.08.06006",
            "NO 402333 06 01019",
            "TL 38 008 00123456789101 57",
            "XK051212012345678906",
            "KZ86125KZT5004100100",
            "DE89370400440532013000",
            "GR16 0110 1050 0000 1054 7023 795",
            "BE31435411161155",
            // Valid IBANs whose national check (not part of ISO 13616) fails; stdnum accepts
            // them with check_country=False.
            "ES2121000418450200051331",
            "ES89 3183 1500 9500 0121 0562",
        ] {
            assert!(is_valid(iban), "{iban}");
        }
    }

    /// python-stdnum `tests/test_iban.doctest` (broken checksums, wrong lengths, bad BBAN
    /// structure, unknown countries).
    #[test]
    fn stdnum_invalid() {
        for iban in [
            "0001",
            "XX431234",
            "AL48212110090000000235698741",
            "AD1210012030200359100100",
            "AT611804300234573201",
            "BE68530907547034",
            "BA391290709401028494",
            "BG80BNBG99611020345678",
            "HR1210010052863000160",
            "CY17002001281000001200527600",
            "CZ6508000000129000145399",
            "CZ9455000000000101038930",
            "DK5000400440116342",
            "AD48 0001 2030 2003 5910 01",
            "AT93 1904 3002 3457 3201 99",
            "BE36 5390 0754 7034 1234",
            "BA30 1290 0794 0102 84",
            "BG93 BNBG 9661 1A20 3456 78",
            "GI22 NW3K 0000 0000 7099 453",
            "NL56 3003 0A17 1643 00",
            "QQ93 1234 5678",
        ] {
            assert!(!is_valid(iban), "{iban}");
        }
    }

    #[test]
    fn invalid_lookalikes() {
        for text in [
            "",
            "DE",
            "DE89",
            "DE89 3704 0044 0532 0130 01",  // wrong check digit
            "DE89 3704 0044 0532 0130 0",   // too short
            "DE89 3704 0044 0532 0130 000", // too long
            "DE47370400440532013A00",       // mod 97 holds, but a letter in a German BBAN
            "DE99370400440000000024",       // mod 97 holds, check digits 99 (only 02 is right)
            "DE01370400440000000042",       // check digits 01 instead of 98
            "DE00370400440000000060",       // check digits 00 instead of 97
            "GF4120041010050500013M02606",  // French Guiana uses the FR prefix
            "DE89  3704 0044 0532 0130 00", // doubled separator
            " DE89370400440532013000",
            "DE89370400440532013000.",
            "DE89_3704_0044_0532_0130_00",
            "DE89 3704 0044 0532 0130 00 DE89 3704 0044 0532 0130 00",
            "Ü89370400440532013000",
            "24.12.2025",
            "2025-12-24",
            "ISBN 978-3-16-148410-0",
            "4111 1111 1111 1111",
            "v1.2.3",
        ] {
            assert!(!is_valid(text), "{text}");
        }
        // Both French spellings are otherwise equal; only the FR prefix is registered.
        assert!(is_valid("FR1420041010050500013M02606"));
        // The valid counterparts of the check-digit edge cases above.
        assert!(is_valid("DE02370400440000000024"));
        assert!(is_valid("DE98370400440000000042"));
        assert!(is_valid("DE97370400440000000060"));
    }
}
