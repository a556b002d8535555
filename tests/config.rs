//! `.leitplanke.yaml`: discovery (nearest wins), `--config`, every setting's effect, located
//! errors for unknown keys and rule ids, and `leitplanke config`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("leitplanke").unwrap();
    c.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// (rule, severity) of every finding of a JSON run.
fn findings(dir: &Path, args: &[&str]) -> (Vec<(String, String)>, i32) {
    let out = bin(dir)
        .args(["check", "--format", "json", "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let mut f = Vec::new();
    for file in v["files"].as_array().into_iter().flatten() {
        for d in file["diagnostics"].as_array().unwrap() {
            f.push((
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            ));
        }
    }
    (f, out.status.code().unwrap())
}

const POST: &str = "Fragen? Schreibt an erika.muster@stadt.de oder an max.muster@gmail.com.\n\n#einsehrlangerhashtagganzklein\n";

#[test]
fn nearest_configuration_wins_and_settings_apply() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "post.md", POST);
    write(root, "team/post.md", POST);
    // Without configuration: both e-mail addresses are found (warnings).
    let (f, _) = findings(root, &["post.md"]);
    assert_eq!(
        f.iter().filter(|x| x.0 == "privacy.email").count(),
        2,
        "{f:?}"
    );
    // The root configuration allows the press address and lowers the severity.
    write(
        root,
        ".leitplanke.yaml",
        "severity: {privacy.email: info}\nallow:\n  emails: [Erika.Muster@stadt.de]\n",
    );
    let (f, _) = findings(root, &["post.md"]);
    assert_eq!(
        f.iter()
            .filter(|x| x.0 == "privacy.email")
            .collect::<Vec<_>>(),
        [&("privacy.email".to_string(), "info".to_string())]
    );
    // A nearer configuration replaces it for the team folder: e-mail rules off entirely.
    write(root, "team/.leitplanke.yaml", "disable: [privacy.email]\n");
    let (f, _) = findings(root, &["team/post.md"]);
    assert!(!f.iter().any(|x| x.0 == "privacy.email"), "{f:?}");
    let (f, _) = findings(root, &["post.md", "team/post.md"]);
    assert_eq!(
        f.iter().filter(|x| x.0 == "privacy.email").count(),
        1,
        "{f:?}"
    );
    // --config overrides discovery for every draft.
    write(root, "other.yaml", "disable: [data-protection]\n");
    let (f, _) = findings(root, &["--config", "other.yaml", "post.md", "team/post.md"]);
    assert!(!f.iter().any(|x| x.0.starts_with("privacy.")), "{f:?}");
}

#[test]
fn default_platform_and_fold_come_from_the_configuration() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    // 400 characters: over X's limit, well within LinkedIn's.
    write(root, "p.md", &format!("{}\n", "Heute im Büro. ".repeat(28)));
    let count = |v: &Vec<(String, String)>, id: &str| v.iter().filter(|x| x.0 == id).count();
    let (f, _) = findings(root, &["p.md"]);
    assert_eq!(count(&f, "platform.length-limit"), 0, "{f:?}");
    write(root, ".leitplanke.yaml", "platform: x\n");
    let (f, _) = findings(root, &["p.md"]);
    assert_eq!(count(&f, "platform.length-limit"), 1, "{f:?}");
    // --platform wins over the configuration.
    let (f, _) = findings(root, &["--platform", "linkedin", "p.md"]);
    assert_eq!(count(&f, "platform.length-limit"), 0, "{f:?}");

    // An ad label 60 characters in: before Instagram's fold of 125, after a configured 30.
    write(
        root,
        "ad.md",
        "Mit dem Rabattcode MUC10 spart ihr im Laufladen zehn Prozent. Werbung\n",
    );
    write(root, ".leitplanke.yaml", "platform: instagram\n");
    let (f, _) = findings(root, &["ad.md"]);
    assert_eq!(count(&f, "ad.label-not-at-start"), 0, "{f:?}");
    write(
        root,
        ".leitplanke.yaml",
        "platform: instagram\nfold: {instagram: 30}\n",
    );
    let (f, _) = findings(root, &["ad.md"]);
    assert_eq!(count(&f, "ad.label-not-at-start"), 1, "{f:?}");
}

#[test]
fn unknown_keys_and_rule_ids_are_located_errors() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "p.md", POST);
    write(
        root,
        ".leitplanke.yaml",
        "platform: x\ndisabel: [a11y.all-caps]\n",
    );
    let out = bin(root).args(["check", "p.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains(".leitplanke.yaml:2:1: unknown field `disabel`"),
        "{e}"
    );
    assert!(e.contains("broken configuration"), "{e}");
    write(
        root,
        ".leitplanke.yaml",
        "severity:\n  privacy.emial: info\n",
    );
    let out = bin(root).args(["check", "p.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains(".leitplanke.yaml:2:18: `severity`: unknown rule `privacy.emial` (did you mean privacy.email"), "{e}");
    write(root, ".leitplanke.yaml", "rules: [missing.yaml]\n");
    let out = bin(root).args(["check", "p.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains(".leitplanke.yaml:1:9:")
    );
}

#[test]
fn extra_packs_from_the_configuration_are_loaded() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "p.md", "Morgen startet Projekt Adler.\n");
    write(
        root,
        "org/rules.yaml",
        "rules:\n  - id: org.codename\n    category: public-service\n    severity: warning\n    message: {de: M, en: N}\n    reason: {de: R, en: S}\n    reference: X\n    suggestion: {de: T, en: U}\n    check: {kind: terms, terms: [projekt adler]}\n    examples: {bad: [Projekt Adler], good: [Projekt]}\n",
    );
    write(
        root,
        ".leitplanke.yaml",
        "rules: [org/rules.yaml]\nseverity: {org.codename: info}\n",
    );
    let (f, _) = findings(root, &["p.md"]);
    assert!(
        f.contains(&("org.codename".to_string(), "info".to_string())),
        "{f:?}"
    );
}

#[test]
fn config_command_shows_values_and_origins() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(
        root,
        ".leitplanke.yaml",
        "platform: instagram\n\ndisable: [accessibility]\nfold: {instagram: 90}\n",
    );
    let out = bin(root).args(["config", "--lang", "en"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("(nearest .leitplanke.yaml)"), "{s}");
    assert!(s.contains("platform: instagram  # "), "{s}");
    assert!(s.contains(".leitplanke.yaml:1"), "{s}");
    assert!(
        s.contains("disable: accessibility  # ") && s.contains(".leitplanke.yaml:3"),
        "{s}"
    );
    assert!(s.contains("fold.instagram: 90"), "{s}");
    assert!(s.contains("fold.linkedin: 210  # built in"), "{s}");
    assert!(s.contains("lang: en  # --lang"), "{s}");
    let empty = tempfile::tempdir().unwrap();
    let out = bin(empty.path()).args(["config"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("built-in defaults") || s.contains("configuration file"),
        "{s}"
    );
}

#[test]
fn exclude_skips_matching_files() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "drafts/a.md", POST);
    write(root, "drafts/archive/b.md", POST);
    let out = bin(root)
        .args([
            "check",
            "--format",
            "json",
            "--exclude",
            "archive",
            "drafts",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["drafts/a.md"]);
}
