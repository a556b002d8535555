//! Deterministic generator of realistic posts for benchmarks: German and English, 300–2,500
//! characters, with hashtags, mentions, links, emoji, and now and then something a rule should
//! find (a discount code, an e-mail address, an IBAN, a label at the end). Shared by
//! `benches/engine.rs` and `examples/gen_drafts.rs` (which writes a folder of drafts).

#![allow(dead_code)]

/// xorshift64*: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const DE: &[&str] = &[
    "Heute war ein besonderer Tag in unserem Referat.",
    "Wir haben gemeinsam mit dem Bauamt die neue Radwegeplanung vorgestellt.",
    "Über 300 Bürgerinnen und Bürger kamen zur Infoveranstaltung ins Rathaus.",
    "Die Feuerwache 5 hat ihr neues Löschfahrzeug in Dienst gestellt.",
    "Ich bin immer wieder beeindruckt, wie viel Engagement in unserer Stadtverwaltung steckt.",
    "Im Bürgerbüro Pasing gibt es ab Montag längere Öffnungszeiten.",
    "Unsere Auszubildenden haben ein eigenes Projekt zur Digitalisierung gestartet.",
    "Danke an alle Kolleginnen und Kollegen, die am Wochenende eingesprungen sind.",
    "Die Stadtbibliothek lädt zur Lesung mit jungen Autorinnen ein.",
    "Was mich an meinem Job begeistert: Kein Tag ist wie der andere.",
    "Die neue Online-Terminbuchung spart euch den Weg ins Amt.",
    "Beim Firmenlauf waren wir mit 40 Läuferinnen und Läufern dabei.",
    "Ab sofort könnt ihr Sperrmüll auch digital anmelden.",
    "Die Sanierung der Grundschule an der Isar ist pünktlich fertig geworden.",
    "Wusstet ihr, dass unser IT-Referat über 2.000 Open-Source-Arbeitsplätze betreut?",
    "Gestern hatten wir Besuch aus der Partnerstadt und haben viel gelernt.",
];

const EN: &[&str] = &[
    "Today was a special day for our department.",
    "We presented the new cycling plan together with the building authority.",
    "More than 300 residents came to the information evening at the town hall.",
    "Fire station 5 has put its new engine into service.",
    "I am always impressed by how much dedication there is in our city administration.",
    "The citizens' office now has longer opening hours on Mondays.",
    "Our apprentices started their own digitalisation project.",
    "Thanks to all colleagues who stepped in over the weekend.",
    "The city library invites you to a reading with young authors.",
    "What I love about my job: no two days are alike.",
    "The new online booking saves you a trip to the office.",
    "Forty of us ran in the company run this year.",
];

const TAGS: &[&str] = &[
    "#muenchen",
    "#verwaltung",
    "#OeffentlicherDienst",
    "#feuerwehr",
    "#ehrenamt",
    "#digital",
    "#stadtbibliothek",
    "#karriere",
    "#team",
    "#radverkehr",
    "#opensource",
    "#ausbildung",
];
const MENTIONS: &[&str] = &[
    "@stadtmuenchen",
    "@feuerwehr_muc",
    "@it_referat",
    "@mvg",
    "@vhs_muenchen",
];
const LINKS: &[&str] = &[
    "https://stadt.muenchen.de/service",
    "https://www.muenchen.de/rathaus/karriere",
    "https://opensource.muenchen.de",
    "https://www.muenchen.de/veranstaltungen?kategorie=kinder",
];
const EMOJI: &[&str] = &["🚒", "🚲", "📚", "🎉", "💡", "👩‍🚒", "🙌", "☀️"];
const SIGNALS: &[&str] = &[
    "Mit dem Rabattcode MUC10 spart ihr zehn Prozent.",
    "Schreibt mir gerne an max.mustermann@gmx.de.",
    "Spenden bitte an DE89 3704 0044 0532 0130 00.",
    "Auf dem Foto: ich mit meinen Kolleginnen von der Wache.",
    "Quelle: Google",
    "Heute war Frau Huber bei uns im Bürgerbüro.",
];

/// One post of roughly `target` characters.
pub fn post(rng: &mut Rng, target: usize) -> String {
    let english = rng.chance(25);
    let sentences = if english { EN } else { DE };
    let mut s = String::with_capacity(target + 200);
    if rng.chance(10) {
        s.push_str("Werbung | ");
    }
    while s.chars().count() < target {
        s.push_str(rng.pick(sentences));
        s.push(' ');
        match rng.below(12) {
            0 => {
                s.push_str(rng.pick(EMOJI));
                s.push(' ');
            }
            1 => {
                s.push_str(rng.pick(MENTIONS));
                s.push(' ');
            }
            2 => s.push_str("\n\n"),
            3 if rng.chance(40) => {
                s.push_str(rng.pick(SIGNALS));
                s.push(' ');
            }
            4 => {
                s.push_str(rng.pick(LINKS));
                s.push(' ');
            }
            _ => {}
        }
    }
    s.push_str("\n\n");
    for _ in 0..(2 + rng.below(5)) {
        s.push_str(rng.pick(TAGS));
        s.push(' ');
    }
    s
}

/// `n` posts of 300–2,500 characters.
pub fn posts(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let len = 300 + rng.below(2200);
            post(&mut rng, len)
        })
        .collect()
}
