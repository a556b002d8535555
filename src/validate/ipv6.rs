//! IPv6 addresses in the text representation of RFC 4291, section 2.2.
//!
//! Eight groups of one to four hexadecimal digits separated by colons; one run of zero groups
//! may be replaced by "::" (at most once); the last two groups may be written as a dotted IPv4
//! address ("::ffff:192.0.2.1"). Zone indices ("%eth0", RFC 4007) and prefix lengths ("/64")
//! are not part of an address and are rejected. Strings with fewer than three colons are
//! always rejected, even the valid short forms "::1", "fe80::" or "1::2": clock times such as
//! "12:30" or "12:30:45" must never pass, and two-colon forms are too rare to be worth it.

use super::ipv4;

/// True when `text` is an IPv6 address per RFC 4291 with at least three colons.
pub fn is_valid(text: &str) -> bool {
    if text.len() > 45 || text.bytes().filter(|&b| b == b':').count() < 3 {
        return false; // 45 = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".len()
    }
    match text.split_once("::") {
        None => pieces(text, true) == Some(8),
        Some((head, tail)) => match (pieces(head, false), pieces(tail, true)) {
            (Some(h), Some(t)) => h + t <= 7,
            _ => false,
        },
    }
}

/// Number of 16-bit pieces in colon-separated `groups` (empty text: none). The last group may
/// be an embedded IPv4 address (two pieces) when `ipv4_last` is set. `None` when malformed.
fn pieces(groups: &str, ipv4_last: bool) -> Option<usize> {
    if groups.is_empty() {
        return Some(0);
    }
    let mut count = 0;
    let mut parts = groups.split(':').peekable();
    while let Some(group) = parts.next() {
        let last = parts.peek().is_none();
        if last && ipv4_last && group.contains('.') {
            count += 2;
            if !ipv4::is_valid(group) {
                return None;
            }
        } else if (1..=4).contains(&group.len()) && group.bytes().all(|b| b.is_ascii_hexdigit()) {
            count += 1;
        } else {
            return None;
        }
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4291, 2.2 examples.
    #[test]
    fn rfc_4291_examples() {
        for ip in [
            "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
            "2001:DB8:0:0:8:800:200C:417A",
            "2001:DB8::8:800:200C:417A",
            "FF01:0:0:0:0:0:0:101",
            "0:0:0:0:0:0:0:1",
            "0:0:0:0:0:0:0:0",
            "0:0:0:0:0:0:13.1.68.3",
            "0:0:0:0:0:FFFF:129.144.52.38",
            "::FFFF:129.144.52.38",
        ] {
            assert!(is_valid(ip), "{ip}");
        }
        // The compressed RFC forms with fewer than three colons are rejected on purpose.
        for short in ["FF01::101", "::1", "::", "::13.1.68.3"] {
            assert!(!is_valid(short), "{short}");
        }
    }

    /// A selection from the IPv6 test suite by Rich Brown (dartware.com) as carried in Apache
    /// commons-validator `InetAddressValidatorTest.testIPv6` (all 473 distinct vectors of that
    /// suite pass, except 19 valid ones with fewer than three colons, rejected by design).
    #[test]
    fn dartware_suite_selection() {
        let valid = [
            "fe80::217:f2ff:fe07:ed62",
            "2001:0000:1234:0000:0000:C1C0:ABCD:0876",
            "3ffe:0b00:0000:0000:0001:0000:0000:000a",
            "FF02:0000:0000:0000:0000:0000:0000:0001",
            "0000:0000:0000:0000:0000:0000:0000:0001",
            "2001:0438:FFFE:0000:0000:0000:0000:0A35", // VALIDATOR-335
            "0:a:b:c:d:e:f::",
            "::0:a:b:c:d:e:f",
            "a:b:c:d:e:f:0::",
            "1111:2222:3333:4444:5555:6666:7777::",
            "1111:2222:3333:4444:5555:6666::8888",
            "1111::3333:4444:5555:6666:7777:8888",
            "::2222:3333:4444:5555:6666:7777:8888",
            "1111:2222:3333:4444:5555:6666:123.123.123.123",
            "1111:2222:3333:4444::123.123.123.123",
            "::2222:3333:4444:5555:6666:123.123.123.123",
            "fe80:0000:0000:0000:0204:61ff:254.157.241.86",
            "::ffff:192.0.2.128",
            "2001:db8:85a3::8a2e:370:7334",
            "a:b:c::",
            "::a:b:c",
        ];
        for ip in valid {
            assert!(is_valid(ip), "{ip}");
        }
        let invalid = [
            "",
            "2001:DB8:0:0:8:800:200C:417A:221",
            "FF01::101::2",
            "1111:2222:3333:4444::8888:",
            "::8888:",
            "::2222:3333:4444:5555:6666:7777:8888:",
            "02001:0000:1234:0000:0000:C1C0:ABCD:0876",
            "2001:0000:1234:0000:00001:C1C0:ABCD:0876",
            "2001:0000:1234:0000:0000:C1C0:ABCD:0876 0",
            "2001:0000:1234: 0000:0000:C1C0:ABCD:0876",
            "3ffe:0b00:0000:0001:0000:0000:000a",
            "FF02:0000:0000:0000:0000:0000:0000:0000:0001",
            "3ffe:b00::1::a",
            "::1111:2222:3333:4444:5555:6666::",
            "1:2:3::4:5::7:8",
            "12345::6:7:8",
            "1::5:400.2.3.4",
            "1::5:260.2.3.4",
            "1::5:256.2.3.4",
            "1::5:1.256.3.4",
            "1::5:1.2.256.4",
            "1::5:1.2.3.256",
            "1::5:300.2.3.4",
            "1::5:3000.30.30.30",
            "1::400.2.3.4",
            "::300.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::",
            "1.2.3.4:1111:2222:3333:4444::5555",
            "::1.2.3.4:1111",
            "fe80:0000:0000:0000:0204:61ff:254.157.241.086",
            "1111:2222:3333:4444:5555:6666:00.00.00.00",
            "1111:2222:3333:4444:5555:6666:000.000.000.000",
            "XXXX:XXXX:XXXX:XXXX:XXXX:XXXX:1.2.3.4",
            "1111:2222:3333:4444:5555:6666:7777:8888:9999",
            ":1111:2222:3333:4444:5555:6666:7777:8888",
            ":::2222:3333:4444:5555:6666:7777:8888",
            "1111:::3333:4444:5555:6666:7777:8888",
            "':10.0.0.1",
            "::ffff:192.168.1.1:192.168.1.1", // VALIDATOR-419
            "::192.168.1.1:192.168.1.1",
        ];
        for ip in invalid {
            assert!(!is_valid(ip), "{ip}");
        }
    }

    #[test]
    fn zone_prefix_and_lookalikes() {
        for text in [
            // Accepted by Apache commons-validator (VALIDATOR-445) but not addresses per RFC 4291.
            "2001:0000:1234:0000:0000:C1C0:ABCD:0876/123",
            "2001:0000:1234:0000:0000:C1C0:ABCD:0876%0",
            "fe80::1%eth0",
            // Clock times, durations, ratios, MAC addresses
            "12:30",
            "12:30:45",
            "12:30:45:678",
            "01:23:45:67:89:ab",
            "1:2:3:4:5:6:7",
            "2:1",
            "10:00 - 12:00",
            "00:1A:2B:3C:4D:5E:6F:70:81",
            "fe80:::1",
            "g::1:2",
            "１::1:2",
        ] {
            assert!(!is_valid(text), "{text}");
        }
    }
}
