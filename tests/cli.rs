//! End-to-end tests of the `leitplanke` binary on real files: output snapshots for the corpus,
//! exit codes, and every input and rule-pack error path.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    let mut c = Command::cargo_bin("leitplanke").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

/// A one-rule pack whose `check:` block is on line 9 (error positions in the tests refer to it).
fn pack_with_check(id: &str, check: &str) -> String {
    format!(
        "rules:\n  - id: {id}\n    category: copyright\n    severity: info\n    message: {{de: M, en: N}}\n    reason: {{de: R, en: S}}\n    reference: X\n    suggestion: {{de: T, en: U}}\n    check: {check}\n    examples: {{bad: [a], good: [b]}}\n"
    )
}

fn stdout_of(args: &[&str]) -> (String, i32) {
    let out = bin().args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn human_output_for_a_corpus_draft() {
    let (out, code) = stdout_of(&["check", "--lang", "de", "corpus/feuerwehr-laufschuhe.md"]);
    assert_eq!(code, 0, "findings alone never fail a run");
    insta::assert_snapshot!("human_feuerwehr_de", out);
}

#[test]
fn human_output_in_english() {
    let (out, _) = stdout_of(&["check", "--lang", "en", "corpus/buergerbuero-danke.md"]);
    insta::assert_snapshot!("human_buergerbuero_en", out);
}

#[test]
fn json_output_for_a_corpus_draft() {
    let (out, code) = stdout_of(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "corpus/kita-besuch.md",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    insta::assert_json_snapshot!("json_kita", v);
}

#[test]
fn lang_env_selects_german() {
    let out = bin()
        .env("LANG", "de_DE.UTF-8")
        .args(["check", "corpus/freibad-rabatt.md"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("1 Datei geprüft"), "{s}");
}

#[test]
fn deny_sets_exit_code_one_only_when_asked() {
    let (_, code) = stdout_of(&[
        "check",
        "--deny",
        "warning",
        "corpus/feuerwehr-laufschuhe.md",
    ]);
    assert_eq!(code, 1);
    let (_, code) = stdout_of(&[
        "check",
        "--deny",
        "warning",
        "corpus/stadtbibliothek-lesung.md",
    ]);
    assert_eq!(code, 0);
    // Only infos: --deny warning passes, --deny info fails.
    let (out, code) = stdout_of(&[
        "check",
        "--format",
        "json",
        "--deny",
        "warning",
        "corpus/kita-besuch.md",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let has_warning = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["severity"] == "warning");
    assert_eq!(code, if has_warning { 1 } else { 0 });
}

#[test]
fn acknowledged_findings_do_not_deny() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ack.md");
    std::fs::write(
        &p,
        "---\nacknowledge:\n  privacy.email: \"Max ist Ansprechpartner des Projekts und hat zugestimmt\"\n---\nFragen an max.muster@muenchen.de\n",
    )
    .unwrap();
    let out = bin()
        .args(["check", "--format", "json", "--deny", "info"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "privacy.email");
    assert_eq!(
        d["acknowledged"],
        "Max ist Ansprechpartner des Projekts und hat zugestimmt"
    );
    assert_eq!(v["summary"]["acknowledged"], 1);
}

#[test]
fn stdin_is_read_with_dash() {
    let out = bin()
        .args(["check", "--format", "json", "-"])
        .write_stdin("Mit dem Rabattcode MUC10 spart ihr zehn Prozent.")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
    assert_eq!(v["files"][0]["diagnostics"][0]["rule"], "ad.missing-label");
    assert_eq!(v["files"][0]["diagnostics"][0]["column"], 9);
}

#[test]
fn directories_are_walked_in_order_and_only_drafts_are_read() {
    let (out, code) = stdout_of(&["check", "--format", "json", "corpus"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(
        paths
            .iter()
            .all(|p| p.ends_with(".md") || p.ends_with(".txt")),
        "{paths:?}"
    );
    assert_eq!(v["summary"]["files"], paths.len());
}

#[test]
fn missing_file_is_an_input_error_but_other_files_are_checked() {
    let out = bin()
        .args([
            "check",
            "--format",
            "json",
            "nope/does-not-exist.md",
            "corpus/freibad-rabatt.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["errors"][0]["kind"], "not-found");
    assert_eq!(v["files"][1]["path"], "corpus/freibad-rabatt.md");
    assert_eq!(v["summary"]["files_with_errors"], 1);
}

#[test]
fn invalid_utf8_empty_binary_and_oversized_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Gr\xfc\xdfe aus M\xfcnchen").unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, b"\n\n").unwrap();
    let bin_file = dir.path().join("photo.md");
    std::fs::write(&bin_file, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let big = dir.path().join("big.md");
    std::fs::write(&big, "Werbung ".repeat(100)).unwrap();
    for (path, kind, text) in [
        (&bad, "invalid-utf8", "line 1, column 3"),
        (&empty, "empty", "empty"),
        (&bin_file, "binary", "binary"),
        (&big, "too-large", "--max-size"),
    ] {
        let out = bin()
            .args([
                "check",
                "--lang",
                "en",
                "--max-size",
                "100",
                "--format",
                "json",
            ])
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{kind}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let e = &v["files"][0]["errors"][0];
        assert_eq!(e["kind"], kind);
        assert!(e["message"].as_str().unwrap().contains(text), "{e}");
    }
    // Human output names the file and the position.
    bin()
        .args(["check", "--lang", "en"])
        .arg(&bad)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "latin1.txt:1:3: error: not valid UTF-8",
        ));
}

#[test]
fn broken_rule_pack_is_located_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("org.yaml");
    std::fs::write(
        &p,
        pack_with_check("org.test", "{kind: pattern, pattern: '(unclosed'}"),
    )
    .unwrap();
    let out = bin()
        .args(["check", "--rules"])
        .arg(&p)
        .arg("corpus/freibad-rabatt.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("org.yaml:9:37: invalid regex"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "no draft output when the rules are broken"
    );

    std::fs::write(&p, "rules:\n  - id: org.test\n    severity: [\n").unwrap();
    let out = bin().args(["rules", "--rules"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("org.yaml:3:"), "{err}");
}

#[test]
fn extra_rule_pack_adds_rules() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("org.yaml");
    std::fs::write(
        &p,
        "rules:\n  - id: org.project-codename\n    category: public-service\n    severity: warning\n    message: {de: Interner Projektname, en: Internal project name}\n    reason: {de: Noch nicht öffentlich, en: Not public yet}\n    reference: \"§ 37 BeamtStG\"\n    suggestion: {de: Weglassen, en: Leave it out}\n    check: {kind: terms, terms: [projekt adler]}\n    examples: {bad: [Projekt Adler startet], good: [Projekt startet]}\n",
    )
    .unwrap();
    let out = bin()
        .args(["check", "--format", "json", "--rules"])
        .arg(&p)
        .arg("-")
        .write_stdin("Morgen startet Projekt ADLER.")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["files"][0]["diagnostics"][0]["rule"],
        "org.project-codename"
    );
    assert_eq!(v["files"][0]["diagnostics"][0]["column"], 16);
}

#[test]
fn rules_lists_the_catalogue_grouped() {
    let (out, code) = stdout_of(&["rules", "--lang", "de"]);
    assert_eq!(code, 0);
    let ad = out
        .find("Werbekennzeichnung (ad-disclosure)")
        .expect("ad group");
    let dp = out
        .find("Datenschutz (data-protection)")
        .expect("privacy group");
    assert!(ad < dp);
    assert!(out.contains("ad.missing-label"));
    assert!(out.contains("privacy.iban"));
}

#[test]
fn explain_shows_reason_reference_and_examples() {
    let (out, code) = stdout_of(&["explain", "--lang", "en", "ad.missing-label"]);
    assert_eq!(code, 0);
    assert!(out.contains("§ 5a Abs. 4 UWG"));
    assert!(out.contains("Flagged:"));
    assert!(out.contains("Fine:"));
}

#[test]
fn explain_unknown_rule_suggests_close_ids() {
    bin()
        .args(["explain", "--lang", "en", "ad.missing-lable"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule `ad.missing-lable`; did you mean: ad.missing-label",
        ));
}

#[test]
fn unknown_front_matter_key_is_a_warning_not_a_crash() {
    let out = bin()
        .args(["check", "--format", "json", "--lang", "en", "-"])
        .write_stdin("---\ntitel: Sommerfest\n---\nHallo!\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = &v["files"][0]["warnings"][0];
    assert!(w["message"].as_str().unwrap().contains("`titel`"));
    assert_eq!(w["line"], 2);
}

#[test]
fn usage_errors_exit_2() {
    bin().args(["check"]).assert().code(2);
    bin()
        .args(["check", "--platform", "myspace", "x.md"])
        .assert()
        .code(2);
    bin()
        .args(["check", "--max-size", "lots", "x.md"])
        .assert()
        .code(2);
}

#[test]
fn positions_are_characters_in_the_original_file() {
    // Front matter, umlauts and a combining character before the finding; CRLF line ends.
    let text =
        "---\r\nplatform: linkedin\r\n---\r\nÜber Mu\u{0308}nchen: Rabattcode ISAR10 gilt.\r\n";
    let out = bin()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "ad.missing-label");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(16))
    );
    let (s, e) = (
        d["byte_start"].as_u64().unwrap() as usize,
        d["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "Rabattcode");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .is_dir()
    );
}

#[test]
fn exploding_regex_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.yaml");
    std::fs::write(
        &p,
        pack_with_check(
            "org.big",
            r"{kind: pattern, pattern: '\w{200}[a-z]{1000}\w{500}'}",
        ),
    )
    .unwrap();
    let out = bin().args(["rules", "--rules"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("big.yaml:9:37: regex is too large once compiled"),
        "{err}"
    );
}

#[test]
fn unicode_word_boundary_in_a_rule_regex_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wb.yaml");
    std::fs::write(
        &p,
        pack_with_check("org.wb", r"{kind: pattern, pattern: '\bfoto\b'}"),
    )
    .unwrap();
    let out = bin().args(["rules", "--rules"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("wb.yaml:9:37: the regex uses `\\b`"), "{err}");
}

#[test]
fn acknowledgements_need_a_known_rule_and_a_reason() {
    let out = bin()
        .args(["check", "--format", "json", "--lang", "en", "-"])
        .write_stdin("---\nacknowledge:\n  privacy.emial: Pressestelle\n  privacy.email: \"\"\n---\nMail: max.muster@gmx.de\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    let get = |id: &str| {
        d.iter()
            .find(|x| x["rule"] == id)
            .unwrap_or_else(|| panic!("{id}: {d:?}"))
    };
    // Both problems are findings of their own, at the acknowledgement's rule id.
    let unknown = get("ack.unknown-rule");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("no rule `privacy.emial` (similar: privacy.email"),
        "{unknown}"
    );
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(get("ack.missing-reason")["line"], 4);
    // The finding itself stays open.
    assert_eq!(
        get("privacy.email")["acknowledged"],
        serde_json::Value::Null
    );
}

#[test]
fn inline_acknowledgements_cover_the_next_paragraph_and_stale_ones_are_reported() {
    let text = "<!-- leitplanke: ack privacy.email — Adresse steht im Impressum -->\nMail: erika.mustermann@muenchen.de\n\nOder: max.muster@gmx.de\n\n<!-- leitplanke: ack privacy.phone — Servicenummer -->\nDanke!\n";
    let out = bin()
        .args([
            "check", "--format", "json", "--lang", "en", "--deny", "info", "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    let emails: Vec<(u64, &serde_json::Value)> = d
        .iter()
        .filter(|x| x["rule"] == "privacy.email")
        .map(|x| (x["line"].as_u64().unwrap(), &x["acknowledged"]))
        .collect();
    assert_eq!(
        emails,
        [
            (2, &serde_json::json!("Adresse steht im Impressum")),
            (4, &serde_json::Value::Null)
        ]
    );
    let stale = d.iter().find(|x| x["rule"] == "ack.stale").unwrap();
    assert_eq!(stale["line"], 6);
    assert_eq!(stale["severity"], "info");
    assert_eq!(v["summary"]["acknowledged"], 1);
    // --deny info: the open e-mail finding and the stale note count, the acknowledged one not.
    assert_eq!(out.status.code(), Some(1));

    // Comments are not part of the post: a label or a rule id inside one labels nothing.
    for note in [
        "<!-- Werbung -->",
        "<!-- leitplanke: ack ad.missing-label -->",
    ] {
        let out = bin()
            .args(["check", "--format", "json", "-"])
            .write_stdin(format!(
                "{note}\nMit dem Rabattcode MUC10 spart ihr zehn Prozent.\n"
            ))
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = v["files"][0]["diagnostics"].as_array().unwrap();
        let ad = d
            .iter()
            .find(|x| x["rule"] == "ad.missing-label")
            .expect("still unlabelled");
        assert_eq!(ad["acknowledged"], serde_json::Value::Null, "{note}");
    }
}

#[test]
fn human_output_stays_readable_with_many_findings_and_long_lines() {
    let text = format!("x\n{}", "CC BY ".repeat(5_000));
    let out = bin()
        .args(["check", "--lang", "en", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("… and 4980 more findings of [copyright.cc-attribution]"),
        "{}",
        &s[s.len().saturating_sub(400)..]
    );
    // Long lines are shown as an excerpt, not printed whole for every finding.
    assert!(s.len() < 100_000, "{} bytes of output", s.len());
    assert!(s.contains("   --> -:2:1"), "{}", &s[..600.min(s.len())]);
}

fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/images")
        .join(rel)
}

#[test]
fn scrub_writes_a_clean_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("owner.jpg");
    std::fs::copy(fixture("metadata/owner.jpg"), &src).unwrap();
    let before = std::fs::read(&src).unwrap();
    bin()
        .current_dir(dir.path())
        .args(["scrub", "--lang", "en", "owner.jpg"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "owner.jpg → owner.clean.jpg: removed EXIF",
        ));
    // The original is untouched; the copy has no personal metadata left.
    assert_eq!(std::fs::read(&src).unwrap(), before);
    let out = bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "owner.clean.jpg",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["diagnostics"], serde_json::json!([]));
    // A second run would overwrite owner.clean.jpg: refused, exit 2, file unchanged.
    let clean = std::fs::read(dir.path().join("owner.clean.jpg")).unwrap();
    std::fs::write(dir.path().join("owner.clean.jpg"), b"mine").unwrap();
    bin()
        .current_dir(dir.path())
        .args(["scrub", "--lang", "en", "owner.jpg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists already; not overwritten"));
    assert_eq!(
        std::fs::read(dir.path().join("owner.clean.jpg")).unwrap(),
        b"mine"
    );
    assert!(clean.len() < before.len());
    // --in-place replaces the original, and nothing else is left behind.
    bin()
        .current_dir(dir.path())
        .args(["scrub", "--in-place", "owner.jpg"])
        .assert()
        .code(0);
    assert_eq!(std::fs::read(&src).unwrap(), clean);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn scrub_refuses_formats_it_cannot_clean_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("metadata/gps-munich.heic"),
        dir.path().join("a.heic"),
    )
    .unwrap();
    bin()
        .current_dir(dir.path())
        .args(["scrub", "--lang", "en", "a.heic"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("HEIC/HEIF is not supported"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn images_are_checked_with_their_draft_and_reported_in_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fotos")).unwrap();
    for f in [
        "metadata/gps-munich.jpg",
        "photos/portrait-astronaut.jpg",
        "qr/qr-url.png",
    ] {
        let name = Path::new(f).file_name().unwrap();
        std::fs::copy(fixture(f), dir.path().join("fotos").join(name)).unwrap();
    }
    std::fs::write(
        dir.path().join("post.md"),
        "---\nimages:\n  - path: fotos/gps-munich.jpg\n    alt: Marienplatz\n  - path: fotos/portrait-astronaut.jpg\n    alt: Kollegin\n    consent: true\n---\nHallo!\n\n![](fotos/qr-url.png)\n![Fehlt](fotos/weg.jpg)\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--lang", "en", "--format", "json", "post.md"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, u64)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["image"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("image.gps", "fotos/gps-munich.jpg", 3),
        ("copyright.image-no-credit", "", 11),
        ("image.missing-alt", "fotos/qr-url.png", 11),
        ("image.qr-code", "fotos/qr-url.png", 11),
        ("platform.link-shortener", "fotos/qr-url.png", 11),
        ("image.unreadable", "fotos/weg.jpg", 12),
    ];
    for w in want {
        assert!(
            found.iter().any(|f| (f.0.as_str(), f.1.as_str(), f.2) == w),
            "missing {w:?} in {found:?}"
        );
    }
    // Consent is recorded for the portrait: no face finding.
    assert!(
        !found.iter().any(|f| f.0 == "image.face-consent"),
        "{found:?}"
    );
    assert_eq!(found.len(), want.len(), "{found:?}");
    let gps = &v["files"][0]["diagnostics"][0];
    assert_eq!(
        gps["message"],
        "fotos/gps-munich.jpg contains where it was taken (48.14°N 11.58°E)."
    );
    // Exit 0: image findings are advice, and no --deny was given.
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn face_boxes_are_in_json_and_no_pixels_skips_them() {
    let img = fixture("photos/portrait-astronaut.jpg");
    let out = bin()
        .args(["check", "--lang", "en", "--format", "json"])
        .arg(&img)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"];
    let face = d
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "image.face-consent")
        .unwrap();
    let r = &face["regions"][0];
    // The astronaut's face is in the upper middle of the 512×512 portrait.
    let (x, y, w) = (
        r["x"].as_u64().unwrap(),
        r["y"].as_u64().unwrap(),
        r["width"].as_u64().unwrap(),
    );
    assert!(
        (150..300).contains(&x) && (50..200).contains(&y) && (60..200).contains(&w),
        "{r}"
    );
    let out = bin()
        .args(["check", "--no-pixels", "--format", "json"])
        .arg(&img)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["diagnostics"], serde_json::json!([]));
}

/// The JSON contract's `evidence`: on a finding that combines several words, one object per
/// word whose byte range and line/column point at exactly its text; absent on findings without.
#[test]
fn json_evidence_points_at_the_words() {
    let text =
        "Wie geht's?\nUnser Kollege Bernd fehlt wegen seiner Depression. Ruf mich an: 0171 2345678";
    let out = bin()
        .args(["check", "--format", "json", "--lang", "de", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["rule"] == "privacy.special-category")
        .expect("health finding");
    let ev = d["evidence"].as_array().expect("evidence");
    let texts: Vec<&str> = ev.iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Kollege Bernd", "Depression"]);
    for e in ev {
        let (s, t) = (
            e["byte_start"].as_u64().unwrap() as usize,
            e["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..t], e["text"].as_str().unwrap());
        assert_eq!(e["line"], 2);
        let col = text[..s].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(e["column"].as_u64().unwrap() as usize, col);
    }
    assert_eq!(ev[0]["kind"], "person");
    assert_eq!(
        (ev[1]["kind"].as_str(), ev[1]["label"].as_str()),
        (Some("concept"), Some("health"))
    );
    // A finding of a single-part rule carries no evidence key at all.
    let phone = diags
        .iter()
        .find(|d| d["rule"] == "privacy.phone")
        .expect("phone finding");
    assert!(phone.get("evidence").is_none());
}
