//! `personal-email`: a valid e-mail address (see [`super::email`]) whose local part is not a
//! role or function mailbox. Role mailboxes (RFC 2142: `info`, `support`, `abuse`, …, and
//! their German and public-sector equivalents: `presse`, `poststelle`, `buergerbuero`,
//! `ausbildung`, …) belong to an office, not to a person, and are published on purpose, so
//! reporting them as personal data would be a false alarm. The first word of the local part
//! decides (`ausbildung.por@…` is the training team of an HR department).

/// First words of role and function mailboxes (lower case).
const ROLE_WORDS: &[&str] = &[
    // RFC 2142 and common English role names
    "info",
    "information",
    "contact",
    "support",
    "sales",
    "marketing",
    "abuse",
    "noc",
    "security",
    "postmaster",
    "hostmaster",
    "webmaster",
    "www",
    "uucp",
    "ftp",
    "admin",
    "office",
    "hello",
    "help",
    "helpdesk",
    "service",
    "services",
    "team",
    "jobs",
    "careers",
    "press",
    "media",
    "news",
    "newsletter",
    "events",
    "booking",
    "bookings",
    "newcomers",
    "welcome",
    "noreply",
    "no-reply",
    "donotreply",
    "feedback",
    "privacy",
    "dpo",
    "hr",
    "tourism",
    "visitor",
    "visitors",
    "library",
    // German administration
    "kontakt",
    "presse",
    "pressestelle",
    "poststelle",
    "post",
    "buergerbuero",
    "bürgerbüro",
    "buergerservice",
    "bürgerservice",
    "ausbildung",
    "karriere",
    "bewerbung",
    "bewerbungen",
    "personal",
    "redaktion",
    "hotline",
    "anmeldung",
    "termin",
    "termine",
    "datenschutz",
    "verwaltung",
    "sekretariat",
    "zentrale",
    "empfang",
    "bestellung",
    "bestellungen",
    "rathaus",
    "referat",
    "amt",
    "buero",
    "büro",
    "hallo",
    "servicestelle",
    "beratung",
    "fundbuero",
    "fundbüro",
    "standesamt",
    "bauamt",
    "ordnungsamt",
    "jugendamt",
    "sozialamt",
    "gesundheitsamt",
    "umweltamt",
    "stadtkasse",
    "kasse",
    "steueramt",
    "wahlamt",
    "bibliothek",
    "stadtbibliothek",
    "archiv",
    "stadtarchiv",
    "museum",
    "feuerwehr",
    "forst",
    "forstbetrieb",
    "friedhof",
    "friedhoefe",
    "friedhöfe",
    "schule",
    "kita",
    "stadtwerke",
    "abfall",
    "wertstoffhof",
    "tourismus",
    "tourist",
    "touristinfo",
    "veranstaltungen",
    "kultur",
    "sport",
    "verkehr",
    "mobilitaet",
    "mobilität",
    "klimaschutz",
    "umwelt",
    "it",
    "itservice",
    "digital",
    "opendata",
    "vergabe",
    "einkauf",
    "buchhaltung",
    "finanzen",
    "recht",
    "gleichstellung",
    "inklusion",
    "integration",
    "ehrenamt",
    "spenden",
    "foerderverein",
    "förderverein",
    "verein",
    "vorstand",
];

/// Free-mail providers: an address there belongs to a private person whatever its local part.
const FREE_MAIL: &[&str] = &[
    "gmx.de",
    "gmx.net",
    "gmx.at",
    "gmx.ch",
    "web.de",
    "gmail.com",
    "googlemail.com",
    "t-online.de",
    "yahoo.com",
    "yahoo.de",
    "outlook.com",
    "outlook.de",
    "hotmail.com",
    "hotmail.de",
    "live.com",
    "live.de",
    "icloud.com",
    "me.com",
    "posteo.de",
    "mailbox.org",
    "freenet.de",
    "aol.com",
    "aol.de",
    "protonmail.com",
    "proton.me",
    "arcor.de",
    "online.de",
];

/// True for a valid address that belongs to a person: on a free-mail provider, or with a
/// local part that names someone (a listed first name or an initial as one of its parts:
/// `anna.schmidt`, `a.schmidt`, `schmidt.anna`). Role and function mailboxes (`presse`,
/// `impfen`, `it-sicherheit`, `arbeitgeberservice`) name an office, not a person.
pub fn is_valid(text: &str) -> bool {
    if !super::email::is_valid(text) {
        return false;
    }
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let lower = local.to_lowercase();
    let parts: Vec<&str> = lower.split(['.', '-', '_', '+']).collect();
    if ROLE_WORDS.contains(&parts[0]) {
        return false;
    }
    if FREE_MAIL.contains(&domain.to_lowercase().as_str()) {
        return true;
    }
    let names = crate::rule::lists::by_name("first-names");
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim_end_matches(|c: char| c.is_ascii_digit()))
        .collect();
    parts
        .iter()
        .any(|p| names.is_some_and(|n| n.contains_lower(p)))
        || (parts.len() >= 2
            && parts.iter().any(|p| p.chars().count() == 1)
            && parts.iter().any(|p| p.chars().count() >= 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_addresses() {
        for a in [
            "anna.schmidt@gmx.de",
            "j.meier@web.de",
            "max.mustermann@muenchen.de",
            "kai@example.org",
            "schmidt.anna@stadt.example",
            "a.huber@stadt.example",
            "huber.k@stadt.example",
            "jonas.weber89@stadt.example",
            "irgendwer@gmx.de",
        ] {
            assert!(is_valid(a), "{a}");
        }
    }

    #[test]
    fn role_mailboxes_and_invalid_addresses() {
        for a in [
            "presse@muenchen.de",
            "info@example.org",
            "ausbildung.por@muenchen.de",
            "Poststelle@stadt.de",
            "newcomers@muenchen.travel",
            "noreply@x.de",
            "logo@2x.png",
            "kein-at",
            // Role mailboxes that are in no list: no name, no initial.
            "impfen@stadt.example",
            "it-sicherheit@stadt.example",
            "arbeitgeberservice@jobcenter.example",
            "kitaplatz@stadt.example",
            "mobilitaet@stadt.example",
        ] {
            assert!(!is_valid(a), "{a}");
        }
    }
}
