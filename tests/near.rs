//! The rule language for open text: concepts, inflection, `near` windows, the person anchor,
//! `unless`, and concept errors. Each test loads a small pack of its own beside the built-in
//! ones and checks sentences that must and must not match.

use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};

const HEAD: &str = "
    category: data-protection
    severity: warning
    message: {de: 'x {match}', en: 'x {match}'}
    reason: {de: r, en: r}
    reference: ref
    suggestion: {de: s, en: s}";

/// A pack with `concepts` (YAML, indented for the `concepts:` key) and one rule `org.test`
/// with the given check (indented for `check:`).
fn pack(concepts: &str, check: &str) -> String {
    format!(
        "concepts:\n{concepts}\nrules:\n  - id: org.test{HEAD}\n    check:\n{check}\n    examples: {{bad: ['x'], good: ['y']}}\n"
    )
}

fn engine(p: String) -> Engine {
    Engine::with_packs(vec![("org.yaml".into(), p)]).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// The `{match}` texts of `org.test` on `text`.
fn hits(e: &Engine, text: &str) -> Vec<String> {
    let d = Draft::parse("t.md", text.to_string());
    e.check(&d, &CheckOptions::default())
        .into_iter()
        .filter(|d| d.rule == "org.test")
        .map(|d| d.message.trim_start_matches("x ").to_string())
        .collect()
}

#[test]
fn concepts_match_inflected_forms_and_compounds() {
    let e = engine(pack(
        "  ill: {terms: [Depression, '*krankheit', schenken]}",
        "      kind: near\n      all: ['@ill']",
    ));
    for (text, want) in [
        ("Wegen ihrer Depressionen fehlt sie.", "Depressionen"),
        ("Eine Lungenkrankheit ist das.", "Lungenkrankheit"),
        ("Er schenkte uns Blumen.", "schenkte"),
        ("Sie haben uns das geschenkt.", "geschenkt"),
    ] {
        assert_eq!(hits(&e, text), vec![want], "{text}");
    }
    // The noun "Geschenk" is no form of the verb; a compound's own compound is not its form.
    assert!(hits(&e, "Ein Geschenk liegt da.").is_empty());
    assert!(hits(&e, "Das Krankheitsbild ist klar.").is_empty());
}

#[test]
fn nouns_must_be_capitalised_and_exact_terms_are_not_inflected() {
    let e = engine(pack(
        "  habit: {terms: [Sucht, =Kur]}",
        "      kind: near\n      all: ['@habit']",
    ));
    assert_eq!(hits(&e, "Ihre Sucht ist bekannt."), vec!["Sucht"]);
    assert!(hits(&e, "Der Dienst sucht Familien.").is_empty());
    assert_eq!(hits(&e, "Sie ist zur Kur."), vec!["Kur"]);
    assert!(hits(&e, "Die Kuren sind teuer.").is_empty());
}

#[test]
fn all_parts_must_be_in_one_sentence_in_any_order() {
    let e = engine(pack(
        "  present: {terms: [Präsentkorb]}\n  firm: {terms: [Firma]}",
        "      kind: near\n      all: ['@present', '@firm']",
    ));
    assert_eq!(
        hits(&e, "Die Firma Huber schickte einen Präsentkorb."),
        vec!["Präsentkorb"]
    );
    assert_eq!(
        hits(
            &e,
            "Einen Präsentkorb hat die Firma geschickt, z. B. mit Wein."
        ),
        vec!["Präsentkorb"]
    );
    assert!(hits(&e, "Die Firma war da. Ein Präsentkorb stand im Flur.").is_empty());
    assert!(hits(&e, "Ein Präsentkorb stand im Flur.").is_empty());
}

#[test]
fn a_word_serves_one_part_only() {
    let e = engine(pack(
        "  a: {terms: [Dankeschön]}\n  b: {terms: [Dankeschön, danke]}",
        "      kind: near\n      all: ['@a', '@b']",
    ));
    assert!(hits(&e, "Ein großes Dankeschön an alle!").is_empty());
    assert_eq!(hits(&e, "Danke für das Dankeschön!"), vec!["Dankeschön"]);
}

#[test]
fn unless_silences_the_window_or_the_post() {
    let window = engine(pack(
        "  present: {terms: [Freikarte]}\n  no: {terms: [=abgelehnt]}",
        "      kind: near\n      all: ['@present']\n      unless: {terms: ['@no']}",
    ));
    assert!(hits(&window, "Freikarten haben wir abgelehnt.").is_empty());
    assert_eq!(
        hits(&window, "Freikarten gab es. Wir haben sie abgelehnt."),
        vec!["Freikarten"]
    );
    let post = engine(pack(
        "  present: {terms: [Freikarte]}\n  no: {terms: [=abgelehnt]}",
        "      kind: near\n      all: ['@present']\n      unless: {terms: ['@no']}\n      unless_in: post",
    ));
    assert!(hits(&post, "Freikarten gab es.\n\nWir haben sie abgelehnt.").is_empty());
}

#[test]
fn the_person_anchor_is_a_role_noun_or_a_name_here_or_one_sentence_before() {
    let e = engine(pack(
        "  person: {terms: [Kollegin], extend: true}\n  ill: {terms: [Burnout]}",
        "      kind: near\n      all: ['@ill']\n      person: true",
    ));
    assert_eq!(hits(&e, "Meine Kollegin hat ein Burnout."), vec!["Burnout"]);
    assert_eq!(
        hits(&e, "Das ist Gertrud. Sie hat ein Burnout."),
        vec!["Burnout"]
    );
    assert!(hits(&e, "Burnout kann jeden treffen.").is_empty());
    assert!(
        hits(
            &e,
            "Das ist Gertrud. Sie kommt aus Pasing. Burnout ist ein Thema."
        )
        .is_empty()
    );
}

#[test]
fn evidence_names_each_part_and_the_person() {
    let e = engine(pack(
        "  ill: {terms: [Bandscheibenvorfall]}",
        "      kind: near\n      all: ['@ill']\n      person: true",
    ));
    let text = "Unser Kollege Bernd hatte einen Bandscheibenvorfall.";
    let d = Draft::parse("t.md", text.to_string());
    let found = e.check(&d, &CheckOptions::default());
    let f = found.iter().find(|d| d.rule == "org.test").expect("found");
    let ev: Vec<(&str, &str)> = f
        .evidence
        .iter()
        .map(|e| (e.label.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        ev,
        [("person", "Kollege Bernd"), ("ill", "Bandscheibenvorfall")]
    );
    assert_eq!(f.evidence[1].byte_start, text.find("Bandscheibe").unwrap());
}

#[test]
fn a_word_window_counts_words_either_side() {
    let e = engine(pack(
        "  a: {terms: [Ausschreibung]}\n  b: {terms: [=Favorit]}",
        "      kind: near\n      all: ['@a', '@b']\n      words: 3",
    ));
    // The finding covers the words of the window that were found.
    assert_eq!(
        hits(&e, "Bei der Ausschreibung ist Berger Favorit."),
        vec!["Ausschreibung ist Berger Favorit"]
    );
    assert!(
        hits(
            &e,
            "Die Ausschreibung läuft noch lange, und am Ende ist Berger Favorit."
        )
        .is_empty()
    );
}

#[test]
fn any_groups_are_alternatives_reported_once_per_sentence() {
    let e = engine(pack(
        "  a: {terms: [Abmahnung]}\n  b: {terms: [Sperrfrist]}",
        "      kind: near\n      any:\n        - all: ['@a']\n        - all: ['@b']",
    ));
    assert_eq!(
        hits(&e, "Eine Abmahnung unter Sperrfrist."),
        vec!["Abmahnung"]
    );
    assert_eq!(
        hits(&e, "Sperrfrist bis Montag. Eine Abmahnung."),
        vec!["Sperrfrist", "Abmahnung"]
    );
}

#[test]
fn an_organisation_extends_a_built_in_concept() {
    let e = engine(pack(
        "  gift: {terms: [Zirbenschnaps], extend: true}",
        "      kind: near\n      all: ['@gift']",
    ));
    assert_eq!(
        hits(&e, "Ein Zirbenschnaps vom Lieferanten."),
        vec!["Zirbenschnaps"]
    );
    // Built-in words still belong to it.
    assert_eq!(
        hits(&e, "Ein Präsentkorb vom Lieferanten."),
        vec!["Präsentkorb"]
    );
}

fn errors(p: String) -> String {
    match Engine::with_packs(vec![("org.yaml".into(), p)]) {
        Ok(_) => panic!("loads"),
        Err(e) => e
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn concept_mistakes_are_located_errors() {
    let unknown = errors(pack(
        "  a: {terms: [x]}",
        "      kind: near\n      all: ['@halth']",
    ));
    assert!(unknown.starts_with("org.yaml:13:13:"), "{unknown}");
    assert!(
        unknown.contains("unknown concept `@halth`") && unknown.contains("health"),
        "{unknown}"
    );
    let twice = errors(pack(
        "  health: {terms: [x]}",
        "      kind: near\n      all: ['@health']",
    ));
    assert!(
        twice.contains("concept `health` is already defined at rules/concepts.yaml:")
            && twice.contains("extend: true"),
        "{twice}"
    );
    let nothing = errors(pack(
        "  nova: {terms: [x], extend: true}",
        "      kind: near\n      all: ['@nova']",
    ));
    assert!(
        nothing.contains("no earlier pack defines concept `nova`"),
        "{nothing}"
    );
    let star = errors(pack(
        "  a: {terms: ['Kr*bs']}",
        "      kind: near\n      all: ['@a']",
    ));
    assert!(star.contains("`*` is allowed only at the start"), "{star}");
    let both = errors(pack(
        "  a: {terms: [x]}",
        "      kind: near\n      all: ['@a']\n      within: sentence\n      words: 3",
    ));
    assert!(both.contains("not both"), "{both}");
}
