//! The corpus: realistic drafts in `corpus/`, each with the findings a careful reviewer expects
//! in `<name>.expected.json` beside it.
//!
//! Each entry is `{"rule": id, "line": n}` with an optional `"column"` (checked when given) and
//! `"acknowledged": true` for findings acknowledged in the front matter. Where the engine
//! knowingly deviates from the reviewer, the entry says so with `"status"`:
//! `"missed"` (the reviewer expects it, the engine does not find it) or `"false-positive"` (the
//! engine reports it, the reviewer would not). Any other difference fails the test, so every
//! deviation is written down; precision and recall per category are computed from the same
//! files and printed (`cargo test --test corpus -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};

#[derive(serde::Deserialize, Debug, Clone)]
struct Entry {
    rule: String,
    line: usize,
    #[serde(default)]
    column: Option<usize>,
    #[serde(default)]
    acknowledged: bool,
    #[serde(default)]
    status: Option<String>,
    /// Why a deviation is accepted (free text, for people).
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn category(rule: &str, engine: &Engine) -> String {
    engine
        .rule(rule)
        .map(|r| r.category.name().to_string())
        .unwrap_or_else(|| format!("unknown rule {rule}"))
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
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut clean, mut total) = (0, 0);
    for path in &drafts {
        total += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let exp_path = path.with_extension("expected.json");
        let entries: Vec<Entry> = match std::fs::read_to_string(&exp_path) {
            Ok(s) => {
                serde_json::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", exp_path.display()))
            }
            Err(_) => {
                failures.push(format!("{name}: no {}", exp_path.display()));
                continue;
            }
        };
        if entries
            .iter()
            .all(|e| e.status.as_deref() == Some("false-positive"))
        {
            clean += 1;
        }
        for e in &entries {
            if engine.rule(&e.rule).is_none() {
                failures.push(format!("{name}: unknown rule id {}", e.rule));
            }
            if let Some(s) = &e.status
                && s != "missed"
                && s != "false-positive"
            {
                failures.push(format!("{name}: unknown status {s}"));
            }
        }
        let text = std::fs::read_to_string(path).unwrap();
        let mut d = Draft::parse(format!("corpus/{name}"), text);
        d.inspect_images(leitplanke::images::ImageOptions::default());
        let got = engine.check(&d, &CheckOptions::default());
        // What the engine should report: everything but the known misses.
        let mut want: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.status.as_deref() != Some("missed"))
            .collect();
        let mut unmatched_got = Vec::new();
        for g in &got {
            let pos = want.iter().position(|e| {
                e.rule == g.rule
                    && e.line == g.line
                    && e.column.is_none_or(|c| c == g.column)
                    && e.acknowledged == g.acknowledged.is_some()
            });
            match pos {
                Some(i) => {
                    let e = want.remove(i);
                    let c = counts.entry(category(&e.rule, &engine)).or_default();
                    if e.status.as_deref() == Some("false-positive") {
                        c.fp += 1;
                    } else {
                        c.tp += 1;
                    }
                }
                None => unmatched_got.push(g),
            }
        }
        for g in unmatched_got {
            failures.push(format!(
                "{name}: unexpected {} at {}:{}{}",
                g.rule,
                g.line,
                g.column,
                if g.acknowledged.is_some() {
                    " (acknowledged)"
                } else {
                    ""
                }
            ));
        }
        for e in want {
            failures.push(format!("{name}: missed {} at line {}", e.rule, e.line));
        }
        for e in entries
            .iter()
            .filter(|e| e.status.as_deref() == Some("missed"))
        {
            counts.entry(category(&e.rule, &engine)).or_default().fn_ += 1;
        }
    }
    println!("\ncorpus: {total} drafts, {clean} clean\n");
    println!(
        "| category | findings expected | found | false positives | missed | precision | recall |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut all = Counts::default();
    for (cat, c) in &counts {
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        print_row(cat, c);
    }
    print_row("**all**", &all);
    let categories: BTreeSet<&String> = counts.keys().collect();
    assert!(
        categories.len() >= 4,
        "corpus covers too few categories: {categories:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn print_row(name: &str, c: &Counts) {
    let p = if c.tp + c.fp == 0 {
        1.0
    } else {
        c.tp as f64 / (c.tp + c.fp) as f64
    };
    let r = if c.tp + c.fn_ == 0 {
        1.0
    } else {
        c.tp as f64 / (c.tp + c.fn_) as f64
    };
    println!(
        "| {name} | {} | {} | {} | {} | {:.2} | {:.2} |",
        c.tp + c.fn_,
        c.tp,
        c.fp,
        c.fn_,
        p,
        r
    );
}
