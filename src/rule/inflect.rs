//! Term syntax: what a term in a rule's or concept's list matches.
//!
//! | written        | matches                                                              |
//! |----------------|----------------------------------------------------------------------|
//! | `wort`         | the word (or words) as written                                       |
//! | `wort*`        | words starting with it (`gewinnspiel*`: "Gewinnspiele")              |
//! | `*wort`        | words ending with it (`*hotline`: "Ausbildungshotline")              |
//! | `*wort*`       | words containing it                                                  |
//! | `~Wort`        | its German inflected forms (below); combines with `*`                |
//! | `~en:word`     | its English inflected forms                                          |
//! | `=Wort`        | exactly the word, also in a concept (whose terms are inflected)       |
//! | `=MS`          | an acronym: only where it is written in capitals                      |
//! | `@name`        | every term of the concept `name` (in a rule's term list)             |
//!
//! Inflection is done by rule, without a lexicon, on the last word of a term. A German word
//! written with a capital is a noun, and matches only where it is written with a capital too
//! ("Sucht", not the verb "sucht"): it takes the endings `-e -en -n -s -es -er -ern -nen -in
//! -innen` ("Depression" → "Depressionen", "Kollegin" → "Kolleginnen", "Bürger" →
//! "Bürgerinnen"). A lower-case word ending in `-en`, `-ern` or `-eln` is a verb: its stem takes
//! the present and weak past endings (`schenken` → "schenke", "schenkst", "schenkt", "schenkte",
//! "schenkten", "schenkend"), and `ge-` + stem the participle endings ("geschenkt",
//! "geschenkte", "geschenkten"; not for verbs with an inseparable prefix or in `-ieren`, whose
//! participle is stem + `t`: "verschenkt", "studiert"); a separable prefix is marked with `|`
//! (`ab|lehnen`: "abgelehnt"); the word itself also takes the adjective endings (participles
//! such as "verlogen": "verlogene"). Any other lower-case word takes the
//! adjective endings `-e -en -er -es -em` ("krank" → "kranke", "kranken"). Irregular forms
//! (umlaut plurals, strong verbs: "Ärzte", "gab", "bekam") are written as terms of their own.
//! English: `-s -es -ed -ing -er -ers` (a final `e` or `y` changes as in "give" → "giving",
//! "study" → "studies").
//!
//! A term is matched as one *core* literal in the shared automaton; the letters before and after
//! it inside the word are then tested against what the form allows, so inflection costs no
//! extra patterns.

/// What may stand between a term's core and the edge of the word it is found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Nothing: the core reaches the word's edge.
    Edge,
    /// Any letters (compounds).
    Any,
    /// Exactly one of these (`""` for nothing).
    OneOf(&'static [&'static str]),
}

impl Side {
    /// Whether `affix` (the letters between the core and the word's edge) is allowed.
    pub fn allows(self, affix: &str) -> bool {
        match self {
            Side::Edge => affix.is_empty(),
            Side::Any => true,
            Side::OneOf(list) => list.contains(&affix),
        }
    }
}

/// One way a term can occur: a core literal (as written, not yet folded) and what may stand
/// before and after it in its word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Form {
    pub core: String,
    pub before: Side,
    pub after: Side,
    /// How the match must be written in the draft.
    pub case: Case,
}

/// A constraint on how a match is written (terms are otherwise matched case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    Any,
    /// A German noun starts with a capital ("Sucht", not the verb "sucht").
    Capital,
    /// An acronym written in capitals is matched in capitals only (`MS`, not "Ms.").
    Upper,
}

impl Case {
    /// Whether `written` (the match as it stands in the draft) satisfies the constraint.
    pub fn allows(self, written: &str) -> bool {
        match self {
            Case::Any => true,
            Case::Capital => written.chars().next().is_some_and(char::is_uppercase),
            Case::Upper => !written.chars().any(char::is_lowercase),
        }
    }
}

const NOUN: &[&str] = &[
    "", "e", "en", "n", "s", "es", "er", "ern", "nen", "in", "innen",
];
const ADJECTIVE: &[&str] = &["", "e", "en", "er", "es", "em", "n", "s"];
/// Endings of a verb's stem: present, weak past (with the `e` after a stem in -t/-d), the
/// present participle with its adjective endings.
const VERB: &[&str] = &[
    "e", "st", "est", "t", "et", "en", "n", "te", "test", "ten", "tet", "ete", "etest", "eten",
    "etet", "end", "ende", "enden", "ender", "endes", "endem",
];
/// Endings after `ge` + stem: the weak participle, inflected like an adjective.
const PARTICIPLE: &[&str] = &[
    "t", "te", "ten", "ter", "tes", "tem", "et", "ete", "eten", "eter", "etes", "etem",
];
const INSEPARABLE: &[&str] = &["be", "emp", "ent", "er", "ge", "miss", "ver", "zer"];
const EN_PLAIN: &[&str] = &["", "s", "es", "ed", "ing", "er", "ers"];
const EN_FINAL_E: &[&str] = &["e", "es", "ed", "ing", "er", "ers", "en"];
const EN_FINAL_Y: &[&str] = &["y", "ies", "ied", "ying", "ier", "iers"];

/// Which inflection a term asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    None,
    German,
    English,
}

/// A term split into its parts: inflection marker, wildcards and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term<'a> {
    pub inflection: Inflection,
    pub any_before: bool,
    pub any_after: bool,
    pub body: &'a str,
}

/// Split a term as written into its parts.
pub fn parse(term: &str) -> Term<'_> {
    let (inflection, rest) = if let Some(r) = term.strip_prefix('=') {
        (Inflection::None, r)
    } else if let Some(r) = term.strip_prefix("~en:") {
        (Inflection::English, r)
    } else if let Some(r) = term.strip_prefix('~') {
        (Inflection::German, r)
    } else {
        (Inflection::None, term)
    };
    let (rest, any_after) = match rest.strip_suffix('*') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (body, any_before) = match rest.strip_prefix('*') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    Term {
        inflection,
        any_before,
        any_after,
        body,
    }
}

/// The forms a term matches (see the module documentation). Empty for an empty body.
pub fn forms(term: &str) -> Vec<Form> {
    let t = parse(term);
    if t.body.trim().is_empty() {
        return Vec::new();
    }
    let before = if t.any_before { Side::Any } else { Side::Edge };
    let plain = |after| {
        vec![Form {
            core: t.body.to_string(),
            before,
            after,
            case: Case::Any,
        }]
    };
    if t.any_after {
        return plain(Side::Any);
    }
    // An acronym (`MS`, `HIV`, `ADHS`): only in capitals.
    let acronym = t.body.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.body.chars().any(char::is_lowercase)
        && !t.body.contains(' ');
    if acronym && t.inflection == Inflection::None {
        let mut f = plain(Side::Edge);
        f[0].case = Case::Upper;
        return f;
    }
    // The last word is the one that is inflected ("zur Verfügung stellen").
    let split = t.body.rfind(' ').map_or(0, |i| i + 1);
    let (head, last) = t.body.split_at(split);
    let Some(first) = last.chars().next() else {
        return plain(Side::Edge);
    };
    match t.inflection {
        Inflection::None => plain(Side::Edge),
        Inflection::English => {
            let lower = last.to_lowercase();
            if let Some(stem) = lower.strip_suffix('e').filter(|s| s.chars().count() >= 2) {
                vec![form(head, stem, before, EN_FINAL_E)]
            } else if let Some(stem) = lower
                .strip_suffix('y')
                .filter(|s| s.chars().next_back().is_some_and(|c| !"aeiou".contains(c)))
            {
                vec![form(head, stem, before, EN_FINAL_Y)]
            } else {
                vec![form(head, last, before, EN_PLAIN)]
            }
        }
        Inflection::German if first.is_uppercase() => {
            let mut f = form(head, last, before, NOUN);
            // A phrase's first word may be anything; only a single noun is held to its capital.
            if head.is_empty() && !t.any_before {
                f.case = Case::Capital;
            }
            vec![f]
        }
        Inflection::German => {
            // `ab|lehnen`: a separable prefix, marked by the author.
            let (prefix, _) = last.split_once('|').unwrap_or(("", last));
            let plain = last.replace('|', "");
            match verb_stem(&plain) {
                Some(stem) => {
                    // A verb, and (for participles such as "verlogen", "geschieden") the same
                    // word as an adjective.
                    let mut v = vec![
                        form(head, stem, before, VERB),
                        form(head, &plain, before, ADJECTIVE),
                    ];
                    let no_ge = INSEPARABLE
                        .iter()
                        .any(|p| stem.starts_with(p) && stem.len() > p.len() + 2)
                        || plain.ends_with("ieren");
                    if !no_ge {
                        // The participle: "geschenkt"; in a phrase, `ge` goes before the last
                        // word ("zur Verfügung gestellt"), after a separable prefix
                        // ("ab|lehnen": "abgelehnt").
                        v.push(Form {
                            core: format!("{head}{prefix}ge{}", &stem[prefix.len()..]),
                            before,
                            after: Side::OneOf(PARTICIPLE),
                            case: Case::Any,
                        });
                    }
                    v
                }
                None => vec![form(head, &plain, before, ADJECTIVE)],
            }
        }
    }
}

fn form(head: &str, last: &str, before: Side, endings: &'static [&'static str]) -> Form {
    Form {
        core: format!("{head}{last}"),
        before,
        after: Side::OneOf(endings),
        case: Case::Any,
    }
}

/// The stem of a German verb in the infinitive: `schenken` → `schenk`, `wandern` → `wander`,
/// `sammeln` → `sammel`. `None` for words that are no infinitive (too short, no `-en`/`-n`).
fn verb_stem(word: &str) -> Option<&str> {
    if word.chars().count() < 5 || !word.chars().all(char::is_lowercase) {
        return None;
    }
    if let Some(s) = word
        .strip_suffix("ern")
        .or_else(|| word.strip_suffix("eln"))
    {
        return Some(&word[..s.len() + 2]);
    }
    word.strip_suffix("en")
}

/// A term's forms in one line for people (`explain`): each core with its allowed endings in
/// brackets, `…` for a compound side: `Depression[e|en|n|s|…]`, `schenk[e|st|t|…]`,
/// `geschenk[t|te|…]`, `…krankheit[e|en|…]`, `Krebs…`.
pub fn compact(term: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for f in forms(term) {
        let pre = if f.before == Side::Any { "…" } else { "" };
        let post = match f.after {
            Side::Edge => String::new(),
            Side::Any => "…".to_string(),
            Side::OneOf(list) => {
                let ends: Vec<&str> = list.iter().copied().filter(|e| !e.is_empty()).collect();
                let opt = if list.contains(&"") { "?" } else { "" };
                format!("[{}]{opt}", ends.join("|"))
            }
        };
        out.push(format!("{pre}{}{post}", f.core));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `word` is one of the spellings of `term` (lower case, whole word).
    fn matches(term: &str, word: &str) -> bool {
        let word = word.to_lowercase();
        forms(term).iter().any(|f| {
            let core = f.core.to_lowercase();
            (0..=word.len())
                .filter(|&i| word.is_char_boundary(i))
                .any(|i| {
                    word[i..].starts_with(&core)
                        && f.before.allows(&word[..i])
                        && f.after.allows(&word[i + core.len()..])
                })
        })
    }

    #[test]
    fn nouns_take_their_endings() {
        for w in ["Depression", "Depressionen", "DEPRESSION"] {
            assert!(matches("~Depression", w), "{w}");
        }
        for w in ["Kolleginnen", "Kollegin"] {
            assert!(matches("~Kollegin", w), "{w}");
        }
        assert!(matches("~Bürger", "Bürgerinnen"));
        assert!(matches("~Krebs", "Krebses"));
        assert!(!matches("~Depression", "Depressionsforschungsbericht"));
        assert!(!matches("~Krebs", "Krebsvorsorge"));
    }

    #[test]
    fn verbs_take_present_past_and_participle() {
        for w in [
            "schenken",
            "schenke",
            "schenkst",
            "schenkt",
            "schenkte",
            "schenkten",
            "geschenkt",
            "geschenkte",
            "geschenkten",
        ] {
            assert!(matches("~schenken", w), "{w}");
        }
        for w in ["Geschenk", "Geschenke", "Schenkung"] {
            assert!(!matches("~schenken", w), "{w}");
        }
        assert!(!matches("~schenken", "verschenkt"));
        for w in ["verschenkt", "verschenkte", "verschenken"] {
            assert!(matches("~verschenken", w), "{w}");
        }
        assert!(!matches("~verschenken", "geverschenkt"));
        assert!(matches("~einladen", "einladet") && matches("~arbeiten", "arbeitete"));
        assert!(matches("~studieren", "studiert") && !matches("~studieren", "gestudiert"));
        assert!(matches("~wandern", "wandert") && matches("~wandern", "gewandert"));
        assert!(matches("~ab|lehnen", "abgelehnt") && matches("~ab|lehnen", "ablehnen"));
        assert!(!matches("~ab|lehnen", "geablehnt") && !matches("~ablehnen", "abgelehnt"));
        // No prefix guessed: "antworten" is no "an|tworten".
        assert!(matches("~antworten", "geantwortet") && !matches("~antworten", "angetwortet"));
        // A participle used as an adjective keeps its endings.
        assert!(matches("~verlogen", "verlogene") && matches("~geschieden", "geschiedenen"));
        assert!(matches("~ausprobieren", "ausprobiert"));
    }

    #[test]
    fn phrases_inflect_their_last_word() {
        assert!(matches("~zur Verfügung stellen", "zur Verfügung gestellt"));
        assert!(matches("~zur Verfügung stellen", "zur Verfügung stellte"));
        assert!(!matches("~zur Verfügung stellen", "zur Verfügung"));
    }

    #[test]
    fn adjectives_and_compounds() {
        for w in ["krank", "kranke", "kranken", "krankes"] {
            assert!(matches("~krank", w), "{w}");
        }
        assert!(!matches("~krank", "Krankheit"));
        for w in ["Krankheit", "Lungenkrankheit", "Lungenkrankheiten"] {
            assert!(matches("~*krankheit", w), "{w}");
        }
        assert!(matches("Krebs*", "Krebsvorsorge") && !matches("Krebs*", "Flusskrebs"));
        assert!(matches("*geschenk*", "Weihnachtsgeschenke"));
        assert!(!matches("~*krankheit", "Krankheitsbild"));
    }

    #[test]
    fn english_endings() {
        for w in ["gift", "gifts", "gifted"] {
            assert!(matches("~en:gift", w), "{w}");
        }
        for w in ["give", "gives", "giving", "given"] {
            assert!(matches("~en:give", w), "{w}");
        }
        for w in ["study", "studies", "studied"] {
            assert!(matches("~en:study", w), "{w}");
        }
        assert!(!matches("~en:gift", "giftcard"));
        assert!(matches("~en:play", "plays"));
    }

    #[test]
    fn plain_terms_stay_exact() {
        assert!(matches("Depression", "Depression"));
        assert!(!matches("Depression", "Depressionen"));
        assert!(forms("~").is_empty() && forms("").is_empty());
    }

    #[test]
    fn compact_shows_cores_and_endings() {
        assert_eq!(compact("Krebs*"), "Krebs…");
        assert_eq!(compact("=MS"), "MS");
        assert!(compact("~Depression").starts_with("Depression[e|en|n|s|"));
        assert!(compact("~Depression").ends_with("]?"));
        let verb = compact("~schenken");
        assert!(
            verb.starts_with("schenk[e|st|") && verb.contains(" geschenk[t|te|"),
            "{verb}"
        );
    }
}
