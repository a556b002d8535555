//! IPv4 addresses in dotted-decimal notation (RFC 791; strict form of RFC 6943, 3.1.1).
//!
//! Exactly four decimal octets 0–255 separated by dots. Leading zeros are rejected because
//! they are ambiguous (many parsers read "010" as octal 8) and because "01.02.03.04"-style
//! strings in prose are dates, versions or chapter numbers, not addresses. Only the structure
//! is checked: every address range (loopback, private, 0.0.0.0, broadcast) is accepted.

/// True when `text` is a dotted quad such as "192.168.0.1" with octets 0–255 and no leading
/// zeros.
pub fn is_valid(text: &str) -> bool {
    let mut octets = 0;
    for part in text.split('.') {
        octets += 1;
        if octets > 4 || !is_octet(part) {
            return false;
        }
    }
    octets == 4
}

/// One decimal octet: "0" or 1–3 digits without a leading zero, value at most 255.
fn is_octet(part: &str) -> bool {
    (1..=3).contains(&part.len())
        && part.bytes().all(|b| b.is_ascii_digit())
        && (part == "0" || !part.starts_with('0'))
        && part.parse::<u16>().is_ok_and(|n| n <= 255)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Apache commons-validator `InetAddressValidatorTest` (valid addresses).
    #[test]
    fn valid() {
        for ip in [
            "24.25.231.12",
            "135.14.44.12",
            "213.25.224.32",
            "229.35.159.6",
            "248.85.24.92",
            "140.211.11.130",
            "72.14.253.103",
            "199.232.41.5",
            "127.0.0.1",
            "255.255.255.255",
            "0.0.0.0",
            "192.168.0.1",
            "10.0.0.1",
            "192.0.2.235", // RFC 5737 documentation address
        ] {
            assert!(is_valid(ip), "{ip}");
        }
    }

    #[test]
    fn invalid() {
        for text in [
            // Apache commons-validator InetAddressValidatorTest
            "124.14.32.abc",
            "124.14.32.01", // leading zero
            "23.64.12",
            "26.34.23.77.234",
            "2.41.32.324",
            "154.123.441.123",
            "201.543.23.11",
            "231.54.11.987",
            "250.21.323.48",
            // Dates, versions, prices and other look-alikes
            "01.02.03.04",
            "24.12.2025",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.",
            ".1.2.3",
            "1..2.3",
            "256.1.1.1",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1.2.3.4/24",
            "1.2.3.4:80",
            "+1.2.3.4",
            "1.2.3.-4",
            "1.2.3.4e0",
            "1,2,3,4",
            "0x7f.0.0.1",
            "١.٢.٣.٤",
            "1.2.3.０",
            "0000.0.0.0",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }
}
