//! Hostile rule packs: each ends quickly with a located, readable error (or, where the input is
//! merely large but valid, bounded), never a panic or a hang.

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// Time limit: the release figure, ten times that for an unoptimised test build.
fn limit(secs: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) {
        secs * 10
    } else {
        secs
    })
}

fn pack(check: &str) -> String {
    format!(
        "rules:\n  - id: org.x\n    category: copyright\n    severity: info\n    message: {{de: M, en: N}}\n    reason: {{de: R, en: S}}\n    reference: X\n    suggestion: {{de: T, en: U}}\n    check: {check}\n    examples: {{bad: [a], good: [b]}}\n"
    )
}

/// Run `leitplanke rules --rules FILE`; returns (exit code, stderr, time).
fn load(dir: &Path, name: &str, text: &str) -> (i32, String, Duration) {
    std::fs::write(dir.join(name), text).unwrap();
    let t = Instant::now();
    let out = Command::cargo_bin("leitplanke")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["rules", "--format", "json", "--rules", name])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        t.elapsed(),
    )
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let d = tempfile::tempdir().unwrap();
    let mut y = String::from("pack: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        y.push_str(&format!(
            "description: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    y.push_str("rules: [*a11]\n");
    let (code, err, took) = load(d.path(), "bomb.yaml", &y);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bomb.yaml:"), "{err}");
    assert!(took < limit(2), "{took:?}");
}

#[test]
fn deep_nesting_is_refused_with_a_position() {
    let d = tempfile::tempdir().unwrap();
    let y = format!("rules: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (code, err, took) = load(d.path(), "deep.yaml", &y);
    assert_eq!(code, 2);
    assert!(
        err.contains("deep.yaml:1:") && err.contains("recursion limit"),
        "{err}"
    );
    assert!(took < limit(2), "{took:?}");
}

#[test]
fn a_fifty_megabyte_pack_is_refused_before_it_is_read() {
    let d = tempfile::tempdir().unwrap();
    let y = format!("# {}\n", "x".repeat(50 * 1024 * 1024));
    let (code, err, took) = load(d.path(), "big.yaml", &y);
    assert_eq!(code, 2);
    assert!(err.contains("larger than the limit"), "{err}");
    assert!(took < limit(2), "{took:?}");
}

#[test]
fn a_million_terms_are_refused_with_a_position() {
    let d = tempfile::tempdir().unwrap();
    // A million terms do not fit the 4 MiB pack limit; 350,000 do, and hit the parser's budget.
    let terms: Vec<String> = (0..350_000).map(|i| format!("w{i}")).collect();
    let y = pack(&format!("{{kind: terms, terms: [{}]}}", terms.join(",")));
    let (code, err, took) = load(d.path(), "terms.yaml", &y);
    assert_eq!(code, 2);
    assert!(err.contains("terms.yaml:9:"), "{err}");
    assert!(took < limit(3), "{took:?}");
}

#[test]
fn exploding_regexes_are_refused_or_bounded() {
    let d = tempfile::tempdir().unwrap();
    for (i, p) in [
        r"(?:\w{100}){100}",
        r"(?:[\p{L}\p{N}]{1000}){20}",
        r"(a|b|c|d){50}{50}",
    ]
    .iter()
    .enumerate()
    {
        let name = format!("re{i}.yaml");
        let (code, err, took) = load(
            d.path(),
            &name,
            &pack(&format!("{{kind: pattern, pattern: '{p}'}}")),
        );
        assert!(took < limit(2), "{p}: {took:?}");
        if code != 0 {
            assert_eq!(code, 2);
            assert!(err.contains(&format!("{name}:9:")), "{p}: {err}");
        }
    }
}
