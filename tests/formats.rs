//! The CI and review formats: SARIF validated against the official SARIF 2.1.0 schema
//! (`tests/sarif-schema-2.1.0.json`, from oasis-tcs/sarif-spec), and snapshots of the GitHub,
//! JUnit and Markdown output for the same drafts.

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::cargo_bin("leitplanke").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

/// Drafts with findings of both severities, an acknowledged finding, an image finding and an
/// input error.
const INPUTS: &[&str] = &[
    "corpus/kita-besuch.md",
    "tests/drafts/acknowledged.md",
    "tests/images/metadata/gps-munich.jpg",
    "corpus/does-not-exist.md",
];

fn run(format: &str) -> (String, i32) {
    let out = bin()
        .args(["check", "--lang", "en", "--format", format])
        .args(INPUTS)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let (out, code) = run("sarif");
    assert_eq!(code, 2, "the missing draft is an input error");
    let doc: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let run = &doc["runs"][0];
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 50);
    let results = run["results"].as_array().unwrap();
    // Every result's ruleIndex points at its rule, and warnings/infos map to warning/note.
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(["warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
    let face = results
        .iter()
        .find(|r| r["ruleId"] == "image.face-consent")
        .unwrap();
    let region = &face["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(4), Some(11))
    );
    assert_eq!(face["properties"]["image"], "images/besuch.jpg");
    // Acknowledged findings are suppressions with the author's justification.
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert!(!suppressed.is_empty());
    for s in &suppressed {
        let j = s["suppressions"][0]["justification"].as_str().unwrap();
        assert!(!j.trim().is_empty());
    }
    // A standalone image has a location without a region.
    let gps = results.iter().find(|r| r["ruleId"] == "image.gps").unwrap();
    assert!(
        gps["locations"][0]["physicalLocation"]
            .get("region")
            .is_none()
    );
    // The unreadable draft is a tool notification with level error.
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.iter().any(|n| n["level"] == "error"
        && n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "corpus/does-not-exist.md"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    // Rule metadata carries the help text with the legal reference.
    let gps_rule = rules.iter().find(|r| r["id"] == "image.gps").unwrap();
    assert!(gps_rule["help"]["text"].as_str().unwrap().contains("DSGVO"));
    assert_eq!(gps_rule["defaultConfiguration"]["level"], "warning");
}

#[test]
fn github_annotations() {
    let (out, code) = run("github");
    assert_eq!(code, 2);
    insta::assert_snapshot!("github", out);
    for line in out.lines() {
        assert!(
            line.starts_with("::warning file=")
                || line.starts_with("::notice file=")
                || line.starts_with("::error file="),
            "{line}"
        );
    }
}

#[test]
fn junit_report() {
    let (out, _) = run("junit");
    insta::assert_snapshot!("junit", out);
    assert!(out.starts_with("<?xml"));
    assert!(out.contains("<skipped message=\"acknowledged: "));
    assert!(out.contains("<error type=\"not-found\""));
    assert_eq!(out.matches("<testsuite ").count(), INPUTS.len());
}

#[test]
fn markdown_review() {
    let out = bin()
        .args(["check", "--lang", "de", "--format", "markdown"])
        .args(INPUTS)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("markdown", out);
    assert!(out.contains("**Bestätigt**"));
    assert!(out.contains("| Persönlichkeitsrechte |"));
}

#[test]
fn empty_run_is_still_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["sarif", "junit"] {
        let out = bin()
            .args(["check", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        let s = String::from_utf8(out.stdout).unwrap();
        if format == "sarif" {
            let v: Value = serde_json::from_str(&s).unwrap();
            assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
        } else {
            assert!(s.trim_end().ends_with("</testsuites>"), "{s}");
        }
    }
}
