//! The regex gates are only a shortcut: a regex whose literals the term automaton did not see
//! is not run, because it cannot match. This holds when the engine finds exactly what the same
//! rules find with every regex in the set and no gate. Compared here on the corpus, every
//! rule's examples, all of those examples in one post, generated posts, and each of those
//! written in upper case, in lower case, decomposed (NFD), with German sharp s written both
//! ways and with typographic quotes and dashes: forms where folding and normalisation differ.

#[path = "../benches/postgen.rs"]
mod postgen;

use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};
use leitplanke::rule::{builtin, load::load_all};
use unicode_normalization::UnicodeNormalization;

fn texts(rules: &[leitplanke::rule::Rule]) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("corpus").expect("corpus/") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "md" || x == "txt") {
            out.push(std::fs::read_to_string(&p).expect("corpus draft"));
        }
    }
    let mut all_bad = String::new();
    for r in rules {
        for ex in r.examples.bad.iter().chain(&r.examples.good) {
            out.push(ex.clone());
        }
        for ex in &r.examples.bad {
            all_bad.push_str(ex);
            all_bad.push_str("\n\n");
        }
    }
    out.push(all_bad);
    out.extend(postgen::posts(11, 150));
    out
}

fn variants(t: &str) -> Vec<String> {
    // Only the body changes, so that front matter keys stay valid.
    let (front, body) = match t.strip_prefix("---\n").and_then(|r| r.find("\n---\n")) {
        Some(i) => t.split_at(i + 9),
        None => ("", t),
    };
    let with = |b: String| format!("{front}{b}");
    vec![
        t.to_string(),
        with(body.to_uppercase()),
        with(body.to_lowercase()),
        with(body.nfd().collect()),
        with(body.replace("ss", "ß").replace("ß", "ẞ")),
        with(
            body.replace('"', "„")
                .replace(" - ", " – ")
                .replace("'", "’"),
        ),
    ]
}

#[test]
fn gated_regexes_find_exactly_what_the_ungated_set_finds() {
    let rules = load_all(builtin::sources()).expect("built-in packs");
    let gated = Engine::compile(rules.clone()).expect("compiles");
    let reference = Engine::compile_ungated(rules.clone()).expect("compiles");
    let opts = CheckOptions::default();
    let (mut drafts, mut findings) = (0, 0);
    for t in texts(&rules) {
        for v in variants(&t) {
            let d = Draft::parse("t.md", v);
            let a = gated.check(&d, &opts);
            let b = reference.check(&d, &opts);
            assert_eq!(a, b, "gated and ungated engines differ on:\n{}", d.source);
            drafts += 1;
            findings += a.len();
        }
    }
    // The comparison means something only if the drafts find a lot.
    assert!(drafts > 2_000, "{drafts}");
    assert!(findings > 5_000, "{findings}");
}
