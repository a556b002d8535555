//! Workflow commands: `rules test`, `init` (never overwrites), `check --staged` in a temporary
//! git repository, and the pre-commit framework's hook file.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("leitplanke").unwrap();
    c.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

const PACK: &str = "rules:
  - id: org.codename
    category: public-service
    severity: warning
    message: {de: M, en: N}
    reason: {de: R, en: S}
    reference: X
    suggestion: {de: T, en: U}
    check: {kind: terms, terms: [projekt adler]}
    examples:
      bad: [\"Morgen startet Projekt Adler.\"]
      good: [\"Morgen startet ein Projekt.\"]
  - id: org.broken-example
    category: public-service
    severity: info
    message: {de: M, en: N}
    reason: {de: R, en: S}
    reference: X
    suggestion: {de: T, en: U}
    check: {kind: terms, terms: [falke]}
    examples:
      bad: [\"Hier steht kein Vogel.\"]
      good: [\"Der Falke fliegt.\"]
";

#[test]
fn rules_test_reports_each_rule_and_fails_on_a_broken_example() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("org.yaml"), PACK).unwrap();
    bin(d.path())
        .args(["rules", "test", "--lang", "en", "org.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "ok   org.codename (1 bad, 1 good)",
        ))
        .stdout(predicate::str::contains("FAIL org.broken-example"))
        .stdout(predicate::str::contains("bad example 0 not flagged"))
        .stdout(predicate::str::contains("good example 0 flagged at 1:5"))
        .stdout(predicate::str::contains("1 rules passed, 1 failed"));
    // Only the good rule: exit 0.
    let good = PACK.split("  - id: org.broken-example").next().unwrap();
    std::fs::write(d.path().join("good.yaml"), good).unwrap();
    bin(d.path())
        .args(["rules", "test", "good.yaml"])
        .assert()
        .code(0);
    // The built-in packs pass their own tests.
    bin(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["rules", "test", "rules"])
        .assert()
        .code(0);
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Process::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn init_writes_starter_and_hook_but_never_overwrites() {
    let d = tempfile::tempdir().unwrap();
    git(d.path(), &["init", "-q"]);
    bin(d.path())
        .args(["init", "--hook"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote ./.leitplanke.yaml"))
        .stdout(predicate::str::contains("pre-commit"));
    let cfg = std::fs::read_to_string(d.path().join(".leitplanke.yaml")).unwrap();
    // The starter is valid: `config` reads it without errors.
    bin(d.path()).args(["config"]).assert().code(0);
    let hook = d.path().join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(text.contains("leitplanke check --staged --deny warning"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&hook).unwrap().permissions().mode() & 0o111,
            0o111
        );
    }
    // A second run leaves both files alone.
    std::fs::write(d.path().join(".leitplanke.yaml"), "platform: x\n").unwrap();
    bin(d.path())
        .args(["init", "--hook"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("exists already"));
    assert_eq!(
        std::fs::read_to_string(d.path().join(".leitplanke.yaml")).unwrap(),
        "platform: x\n"
    );
    assert!(cfg.contains("# allow:"));
}

#[test]
fn staged_checks_only_staged_drafts() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    git(root, &["init", "-q"]);
    std::fs::write(
        root.join("staged.md"),
        "Schreibt mir: erika.mustermann@gmx.de\n",
    )
    .unwrap();
    std::fs::write(root.join("unstaged.md"), "Ruft an: max.muster@web.de\n").unwrap();
    std::fs::write(root.join("notes.rs"), "fn main() {}\n").unwrap();
    git(root, &["add", "staged.md", "notes.rs"]);
    let out = bin(root)
        .args(["check", "--staged", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["staged.md"]);
    // As a hook: a warning stops the commit (exit 1)…
    bin(root)
        .args(["check", "--staged", "--deny", "warning"])
        .assert()
        .code(1);
    // …and once acknowledged it does not.
    std::fs::write(
        root.join("staged.md"),
        "<!-- leitplanke: ack privacy.email — meine Dienstadresse -->\nSchreibt mir: erika.mustermann@gmx.de\n",
    )
    .unwrap();
    git(root, &["add", "staged.md"]);
    bin(root)
        .args(["check", "--staged", "--deny", "warning"])
        .assert()
        .code(0);
    // What is checked is the staged version, not later edits in the working tree.
    std::fs::write(root.join("staged.md"), "Alles gut.\n").unwrap();
    bin(root)
        .args(["check", "--staged", "--deny", "warning"])
        .assert()
        .code(0);
    std::fs::write(root.join("unstaged.md"), "x").unwrap();
    std::fs::write(
        root.join("staged.md"),
        "Schreibt mir: erika.mustermann@gmx.de\n",
    )
    .unwrap();
    git(root, &["add", "staged.md"]);
    std::fs::write(root.join("staged.md"), "Alles gut.\n").unwrap();
    bin(root)
        .args(["check", "--staged", "--deny", "warning"])
        .assert()
        .code(1);
    // Outside a repository: a clear error.
    let plain = tempfile::tempdir().unwrap();
    bin(plain.path())
        .args(["check", "--staged"])
        .env("GIT_CEILING_DIRECTORIES", plain.path().parent().unwrap())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in a git repository"));
}

#[test]
fn pre_commit_hook_file_names_the_command() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert!(text.contains("- id: leitplanke"));
    assert!(text.contains("entry: leitplanke check --deny warning"));
    assert!(text.contains("language: rust"));
}
