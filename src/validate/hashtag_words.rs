//! `hashtag-words`: a hashtag written all in lower (or upper) case that splits into two or more
//! words, such as `#wirfuermuenchen`. Screen readers read such a tag as one long word; written
//! in CamelCase (`#WirFuerMuenchen`) it is read word by word.
//!
//! The split uses a small list of common German and English words (function words and words
//! typical of public-sector posts), and at least one part must be a function word (wir, für,
//! und, der, mein, the, and, …): German compounds such as `#stadtbibliothek` are one word and
//! stay silent, as does a single long word such as `#digitalisierung`.

/// Words that occur inside multi-word hashtags besides the function words (lower case;
/// umlauts in both spellings).
const CONTENT_WORDS: &[&str] = &[
    "in",
    "an",
    "mehr",
    "neu",
    "neue",
    "neues",
    "gut",
    "gute",
    "guten",
    "schön",
    "schoen",
    "danke",
    "liebe",
    "stadt",
    "münchen",
    "muenchen",
    "bayern",
    "rathaus",
    "team",
    "tag",
    "tage",
    "arbeit",
    "job",
    "jobs",
    "karriere",
    "dienst",
    "öffentlicher",
    "oeffentlicher",
    "öffentliche",
    "oeffentliche",
    "verwaltung",
    "bürger",
    "buerger",
    "feuerwehr",
    "wache",
    "einsatz",
    "sicherheit",
    "schule",
    "kita",
    "kinder",
    "familie",
    "sport",
    "kultur",
    "bibliothek",
    "digital",
    "zukunft",
    "wandel",
    "klima",
    "umwelt",
    "rad",
    "radl",
    "fahrrad",
    "verkehr",
    "bus",
    "bahn",
    "wohnen",
    "leben",
    "ausbildung",
    "azubi",
    "azubis",
    "frauen",
    "männer",
    "maenner",
    "power",
    "herz",
    "heimat",
    "ehrenamt",
    "helden",
    "held",
    "gesundheit",
    "pflege",
    "park",
    "grün",
    "gruen",
    "wasser",
    "sommer",
    "winter",
    "herbst",
    "frühling",
    "fruehling",
    "fest",
    "woche",
    "monat",
    "jahr",
    "offen",
    "tür",
    "tuer",
    "blick",
    "hinter",
    "kulissen",
    "einblick",
    "einblicke",
    "amt",
    "referat",
    "city",
    "munich",
    "work",
    "day",
    "life",
    "public",
    "service",
    "servant",
    "government",
    "local",
    "future",
    "people",
    "community",
    "proud",
    "thank",
    "thanks",
    "new",
    "best",
    "behind",
    "scenes",
    "tech",
    "open",
    "source",
    "data",
    "smart",
    "green",
];

/// Words that never form a German compound with their neighbours, so a split containing one of
/// them means several words.
const FUNCTION_WORDS: &[&str] = &[
    "wir",
    "für",
    "fuer",
    "und",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "mit",
    "mein",
    "meine",
    "unser",
    "unsere",
    "euer",
    "ist",
    "sind",
    "im",
    "am",
    "auf",
    "aus",
    "bei",
    "von",
    "vom",
    "zum",
    "zur",
    "zu",
    "ich",
    "du",
    "ihr",
    "sie",
    "es",
    "nicht",
    "auch",
    "alle",
    "allen",
    "jeden",
    "jede",
    "heute",
    "hier",
    "jetzt",
    "gemeinsam",
    "we",
    "love",
    "our",
    "my",
    "the",
    "and",
    "for",
    "of",
    "to",
    "at",
    "on",
    "is",
    "are",
    "you",
    "together",
];

/// True for a hashtag (with or without `#`) of at least ten letters, all in one case, that
/// splits completely into at least two known words.
pub fn is_valid(tag: &str) -> bool {
    let t = tag.strip_prefix('#').unwrap_or(tag);
    let letters = t.chars().count();
    if !(10..=60).contains(&letters) || !t.chars().all(char::is_alphabetic) {
        return false;
    }
    let all_lower = t.chars().all(char::is_lowercase);
    let all_upper = t.chars().all(char::is_uppercase);
    if !all_lower && !all_upper {
        return false;
    }
    if all_lower {
        splits_with_function_word(t)
    } else {
        splits_with_function_word(&t.to_lowercase())
    }
}

/// Known words beginning with byte `b`, each with "is a function word" (bucketed once, so the
/// split tries only those).
fn words_starting_with(b: u8) -> &'static [(&'static str, bool)] {
    type Buckets = Vec<Vec<(&'static str, bool)>>;
    static BUCKETS: std::sync::OnceLock<Buckets> = std::sync::OnceLock::new();
    let buckets = BUCKETS.get_or_init(|| {
        let mut v = vec![Vec::new(); 256];
        let all = FUNCTION_WORDS.iter().map(|w| (*w, true));
        for (w, function) in all.chain(CONTENT_WORDS.iter().map(|w| (*w, false))) {
            v[w.as_bytes()[0] as usize].push((w, function));
        }
        v
    });
    &buckets[b as usize]
}

/// Whether `s` splits completely into known words, at least two of them and at least one a
/// function word. Dynamic programming over (byte position, function word seen yet).
fn splits_with_function_word(s: &str) -> bool {
    let n = s.len();
    // words[i][f]: the fewest words that reach position i, with f = "a function word was
    // used"; `usize::MAX` where i is not reached that way.
    let mut words = vec![[usize::MAX; 2]; n + 1];
    words[0][0] = 0;
    for i in 0..n {
        if !s.is_char_boundary(i) {
            continue;
        }
        for f in 0..2 {
            if words[i][f] == usize::MAX {
                continue;
            }
            for &(w, function) in words_starting_with(s.as_bytes()[i]) {
                if s[i..].starts_with(w) {
                    let j = i + w.len();
                    let g = usize::from(f == 1 || function);
                    words[j][g] = words[j][g].min(words[i][f] + 1);
                }
            }
        }
    }
    words[n][1] != usize::MAX && words[n][1] >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_word_tags_in_one_case() {
        for t in [
            "#wirfuermuenchen",
            "#wirfürmünchen",
            "#WIRFUERMUENCHEN",
            "#hinterdenkulissen",
            "#behindthescenes",
            "#gemeinsamfuerbayern",
            "#welovemunichcity",
        ] {
            assert!(is_valid(t), "{t}");
        }
    }

    #[test]
    fn camel_case_single_words_and_short_tags_are_fine() {
        for t in [
            "#WirFuerMuenchen",
            "#digitalisierung",
            "#feuerwehr",
            "#muenchen",
            "#stadtbibliothek",
            "#feuerwehrwache",
            "#stadtverwaltung",
            "#ausbildungsjahr",
            "#verwaltungsmodernisierung",
            "#stadtrat2026",
            "#teamwork",
            "#xyzxyzxyzxyz",
            "",
            "#",
            "#ÄÖÜäöü",
            "#wir",
        ] {
            assert!(!is_valid(t), "{t}");
        }
    }
}
