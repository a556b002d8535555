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

/// True for a valid address that is not a role mailbox.
pub fn is_valid(text: &str) -> bool {
    if !super::email::is_valid(text) {
        return false;
    }
    let Some((local, _)) = text.rsplit_once('@') else {
        return false;
    };
    let first = local
        .split(['.', '-', '_', '+'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    !ROLE_WORDS.contains(&first.as_str())
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
        ] {
            assert!(!is_valid(a), "{a}");
        }
    }
}
