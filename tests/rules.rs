//! Every built-in rule's own examples are its tests, plus meta-tests for the conventions every
//! rule must follow.

use std::collections::HashSet;

use leitplanke::engine::{CheckOptions, Engine};
use leitplanke::platform::Lang;
use leitplanke::rule::builtin;
use leitplanke::rule::load::load_all;

fn engine() -> Engine {
    Engine::compile(load_all(builtin::sources()).expect("built-in packs load")).expect("compile")
}

/// Each `bad` example raises exactly its rule (at least once), each `good` example does not.
#[test]
fn every_rule_example_behaves() {
    let engine = engine();
    let mut failures = Vec::new();
    for lang in [Lang::De, Lang::En] {
        let opts = CheckOptions {
            lang,
            ..CheckOptions::default()
        };
        for rule in engine.rules() {
            for (i, ex) in rule.examples.bad.iter().enumerate() {
                let found = engine.check_example(rule, ex, &opts);
                if !found.iter().any(|f| f.rule == rule.id) {
                    failures.push(format!("{}: bad example {i} not flagged: {ex:?}", rule.id));
                }
            }
            for (i, ex) in rule.examples.good.iter().enumerate() {
                let found = engine.check_example(rule, ex, &opts);
                if let Some(f) = found.iter().find(|f| f.rule == rule.id) {
                    failures.push(format!(
                        "{}: good example {i} flagged at {}:{} ({}): {ex:?}",
                        rule.id, f.line, f.column, f.message
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_is_documented_in_both_languages() {
    let engine = engine();
    let mut ids = HashSet::new();
    for r in engine.rules() {
        assert!(ids.insert(r.id.clone()), "duplicate id {}", r.id);
        for (what, t) in [
            ("message", &r.message),
            ("reason", &r.reason),
            ("suggestion", &r.suggestion),
        ] {
            assert!(!t.de.trim().is_empty(), "{}: {what}.de empty", r.id);
            assert!(!t.en.trim().is_empty(), "{}: {what}.en empty", r.id);
            assert_ne!(t.de, t.en, "{}: {what} not translated", r.id);
        }
        assert!(!r.reference.trim().is_empty(), "{}: no reference", r.id);
        assert!(!r.examples.bad.is_empty(), "{}: no bad example", r.id);
        assert!(!r.examples.good.is_empty(), "{}: no good example", r.id);
        let prefix = r.id.split('.').next().unwrap();
        assert!(
            [
                "ad",
                "privacy",
                "rights",
                "copyright",
                "duty",
                "platform",
                "a11y",
                "image",
                "ack"
            ]
            .contains(&prefix),
            "{}: unexpected area prefix",
            r.id
        );
    }
}

/// The foundation needs at least four rules in each core area and every check kind in use.
#[test]
fn catalogue_covers_areas_and_check_kinds() {
    use leitplanke::rule::Category::*;
    let engine = engine();
    for cat in [AdDisclosure, DataProtection, PersonalityRights, Copyright] {
        let n = engine.rules().iter().filter(|r| r.category == cat).count();
        assert!(n >= 4, "{cat}: only {n} rules");
    }
    let kinds: HashSet<&str> = engine.rules().iter().map(|r| r.check.kind()).collect();
    for k in [
        "terms", "pattern", "validate", "requires", "position", "count", "length",
    ] {
        assert!(kinds.contains(k), "no built-in rule uses kind {k}");
    }
}

/// Placeholders in messages are ones the checks fill in.
#[test]
fn message_placeholders_are_known() {
    let engine = engine();
    let text_known = ["{match}", "{count}", "{max}", "{platform}", "{offset}"];
    let image_known = ["{image}", "{value}"];
    for r in engine.rules() {
        let ack_known = ["{match}", "{closest}"];
        let known: &[&str] = match r.check.kind() {
            "image" => &image_known,
            "acknowledgement" => &ack_known,
            _ => &text_known,
        };
        for t in [
            &r.message.de,
            &r.message.en,
            &r.suggestion.de,
            &r.suggestion.en,
        ] {
            let mut rest = t.as_str();
            while let Some(i) = rest.find('{') {
                let end = rest[i..].find('}').map(|e| i + e + 1).unwrap_or(rest.len());
                let ph = &rest[i..end];
                assert!(known.contains(&ph), "{}: unknown placeholder {ph}", r.id);
                rest = &rest[end..];
            }
        }
    }
}

/// Every pack in `rules/` is embedded (a pack that is not would silently never run).
#[test]
fn every_pack_file_is_built_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| format!("rules/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut embedded: Vec<String> = builtin::PACKS.iter().map(|(p, _)| p.to_string()).collect();
    embedded.sort();
    assert_eq!(files, embedded);
}
