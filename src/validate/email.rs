//! E-mail addresses as people write them: `local-part@domain` (RFC 5322 3.4.1, RFC 5321 4.5.3,
//! RFC 1035/1123 host names, RFC 6531 for non-ASCII).
//!
//! The local part is a dot-atom: atoms of letters, digits and ``!#$%&'*+-/=?^_`{|}~`` joined by
//! single dots, at most 64 octets (quoted local parts are legal but never seen in social-media
//! drafts and are rejected). The domain is a host name with at least two labels of 1–63
//! letters, digits or hyphens, no label starting or ending with a hyphen, at most 253 octets;
//! the top-level label is alphabetic with at least two letters, or an IDN A-label ("xn--…").
//! Internationalised addresses (RFC 6530 ff.) may use non-ASCII letters. The whole address is
//! at most 254 octets. Retina image names ("logo@2x.png") and version strings ("pkg@1.2.3")
//! are rejected.

/// File extensions of images that look like top-level domains in names such as "icon@2x.png".
const IMAGE_SUFFIXES: &[&str] = &[
    "avif", "bmp", "gif", "heic", "ico", "jpeg", "jpg", "png", "svg", "tif", "tiff", "webp",
];

/// True when `text` is a plausible e-mail address (see the module documentation).
pub fn is_valid(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= 254 && is_local_part(local) && is_domain(domain)
}

fn is_local_part(local: &str) -> bool {
    let atext = |c: char| {
        c.is_ascii_alphanumeric()
            || "!#$%&'*+-/=?^_`{|}~".contains(c)
            || (!c.is_ascii() && c.is_alphanumeric())
    };
    local.len() <= 64
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

fn is_domain(domain: &str) -> bool {
    if domain.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let Some((tld, _)) = labels.split_last() else {
        return false;
    };
    let is_label = |label: &&str| {
        (1..=63).contains(&label.chars().count())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c == '-' || c.is_alphanumeric())
    };
    let all_digits = |label: &&str| label.bytes().all(|b| b.is_ascii_digit());
    labels.len() >= 2
        && labels.iter().all(is_label)
        && (tld.starts_with("xn--")
            || (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)))
        && !IMAGE_SUFFIXES.iter().any(|s| tld.eq_ignore_ascii_case(s))
        && !labels
            .windows(2)
            .any(|w| all_digits(&w[0]) && all_digits(&w[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Apache commons-validator `EmailValidatorTest` (valid addresses in dot-atom form).
    #[test]
    fn apache_valid() {
        let long_local = "john56789.john56789.john56789.john56789.john56789.john56789.john";
        assert_eq!(long_local.len(), 64);
        for address in [
            "jsmith@apache.org",
            "jsmith@apache.com",
            "jsmith@apache.net",
            "jsmith@apache.info",
            "someone@yahoo.museum",
            "joe1blow@apache.org",
            "joe$blow@apache.org",
            "joe-@apache.org",
            "joe_@apache.org",
            "joe+@apache.org",
            "joe!@apache.org",
            "joe*@apache.org",
            "joe'@apache.org",
            "joe%45@apache.org",
            "joe?@apache.org",
            "joe&@apache.org",
            "joe=@apache.org",
            "+joe@apache.org",
            "=@apache.org",
            "joe.ok@apache.org",
            &format!("{long_local}@example.com"),
            "andy.o'reilly@data-workshop.com",
            "foo+bar@i.am.not.in.us.example.com",
            "andy.noble@data-workshop.com",
            "someone@xn--d1abbgf6aiiy.xn--p1ai",
            "someone@президент.рф",
            "someone@www.b\u{fc}cher.ch",
            "abc-@abc.com",
            "abc_@abc.com",
            "abc-def@abc.com",
            "abc_def@abc.com",
            "me@att.net",
            "abc@school.school",
            "joe!/blow@apache.org",
            "someone@yahoo.com",
        ] {
            assert!(is_valid(address), "{address}");
        }
    }

    /// Apache commons-validator `EmailValidatorTest` (invalid addresses).
    #[test]
    fn apache_invalid() {
        let long_local = "john56789.john56789.john56789.john56789.john56789.john56789.john5";
        for address in [
            "jsmith@apache.",
            "jsmith@apache.c",
            "someone@yahoo.mu-seum",
            "joe@localhost",
            "joe.@apache.org",
            ".joe@apache.org",
            ".@apache.org",
            "joe..ok@apache.org",
            "..@apache.org",
            "joe(@apache.org",
            "joe)@apache.org",
            "joe,@apache.org",
            "joe;@apache.org",
            &format!("{long_local}@example.com"),
            "Abc@def@example.com",
            "andy.noble@\u{8f}data-workshop.com",
            "andy@o'reilly.data-workshop.com",
            "foo+bar@example+3.com",
            "test@%*.com",
            "test@^&#.com",
            "joeblow@apa,che.org",
            "joeblow@apache.o,rg",
            "joeblow@apache,org",
            "foo\u{1}bar@domain.com",
            "foo\u{7f}bar@domain.com",
            "andy-noble@data-workshop.-com",
            "andy-noble@data-workshop.c-om",
            "andy-noble@data-workshop.co-m",
            "andy.noble@data-workshop.com.",
            "joe@ap/ache.org",
            "joe@apac!he.org",
            "joeblow @apache.org",
            "joeblow@ apache.org",
            " joeblow@apache.org",
            "joeblow@apache.org ",
            "joe blow@apache.org",
            "joeblow@apa che.org",
            "someone@www.\u{fffd}.ch",
            "someone@-test.com",
            "someone@test-.com",
            "abc@abc_def.com",
            "me@at&t.net",
            "test@.com",
            "test@com",
            // Legal per RFC 5322 and accepted by Apache, but not dot-atom form (by design):
            "\"joe.\"@apache.org",
            "\" joe blow \"@apache.org",
            "someone@[216.109.118.76]",
            "someone@[IPv6:2001:db8::1]",
            "Abc\\@def@example.com",
        ] {
            assert!(!is_valid(address), "{address}");
        }
    }

    #[test]
    fn lookalikes() {
        for text in [
            "logo@2x.png",
            "icon@3x.PNG",
            "bild@2x.jpg",
            "bild@2x.jpeg",
            "anim@1x.gif",
            "hero@2x.webp",
            "icon@2x.svg",
            "pkg@1.2.3",
            "lib@1.2.rc",
            "name@v1.2",
            "user@10.0.0.1",
            "@handle",
            "handle@",
            "@",
            "a@b",
            "mail@example.123",
            "mail@example.c0m",
            "mail@-.de",
            &format!("a@{}.de", "b".repeat(64)),
            &format!("{}@{}.de", "a".repeat(64), "b".repeat(190)), // 258 octets
        ] {
            assert!(!is_valid(text), "{text}");
        }
        for text in [
            "poststelle@bmi.bund.de",
            "info@stadt-musterstadt.de",
            "vorname.nachname@polizei.nrw.de",
            "max.müller@müller.de",
            "kontakt@123.de",
            "a@b.co",
            "x@sub.xn--mgbh0fb",
            &format!("{}@{}.de", "a".repeat(64), "b".repeat(63)),
        ] {
            assert!(is_valid(text), "{text}");
        }
    }
}
