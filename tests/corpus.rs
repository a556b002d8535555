//! The corpus: realistic drafts in `corpus/`, each with the findings a careful reviewer expects
//! in `<name>.expected.json` beside it (rule, line, column). Any difference fails, in both
//! directions: a missed finding and an unexpected one are equally wrong.

use std::collections::BTreeSet;
use std::path::Path;

use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};

#[derive(serde::Deserialize, Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Expected {
    rule: String,
    line: usize,
    column: usize,
}

#[test]
fn corpus_findings_match_expectations() {
    let engine = Engine::with_packs(Vec::new()).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut drafts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect();
    drafts.sort();
    assert!(drafts.len() >= 8, "corpus too small: {}", drafts.len());
    let mut failures = Vec::new();
    for path in &drafts {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let exp_path = path.with_extension("expected.json");
        let expected: BTreeSet<Expected> = match std::fs::read_to_string(&exp_path) {
            Ok(s) => serde_json::from_str::<Vec<Expected>>(&s)
                .unwrap()
                .into_iter()
                .collect(),
            Err(_) => {
                failures.push(format!("{name}: no {}", exp_path.display()));
                continue;
            }
        };
        let text = std::fs::read_to_string(path).unwrap();
        let d = Draft::parse(name.clone(), text);
        let got: BTreeSet<Expected> = engine
            .check(&d, &CheckOptions::default())
            .into_iter()
            .map(|d| Expected {
                rule: d.rule,
                line: d.line,
                column: d.column,
            })
            .collect();
        for missing in expected.difference(&got) {
            failures.push(format!("{name}: missed {missing:?}"));
        }
        for extra in got.difference(&expected) {
            failures.push(format!("{name}: unexpected {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
