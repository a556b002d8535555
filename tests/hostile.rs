//! Odd and hostile drafts: nothing panics, every position maps back to the original text, and
//! line/column stay right with BOMs, CR/CRLF line ends, NULs, bidi controls and emoji.

use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};

fn engine() -> Engine {
    Engine::with_packs(Vec::new()).unwrap()
}

/// Check a draft and verify every diagnostic's positions against the text itself, recounting
/// lines (LF, CRLF or a lone CR) and columns (characters, a leading BOM not counted) in one pass.
fn check_consistent(engine: &Engine, text: &str) -> Vec<leitplanke::diagnostic::Diagnostic> {
    let d = Draft::parse("t.md", text.to_string());
    let out = engine.check(&d, &CheckOptions::default());
    let mut starts: Vec<usize> = out.iter().map(|d| d.byte_start).collect();
    starts.sort();
    let mut expected = std::collections::HashMap::new();
    let (mut line, mut col) = (1, 1);
    let mut next = starts.iter().peekable();
    let mut chars = text.char_indices().peekable();
    loop {
        let pos = chars.peek().map(|(i, _)| *i).unwrap_or(text.len());
        while next.peek().is_some_and(|&&s| s <= pos) {
            expected.insert(*next.next().unwrap(), (line, col));
        }
        let Some((_, c)) = chars.next() else { break };
        match c {
            '\n' => (line, col) = (line + 1, 1),
            '\r' => {
                if chars.peek().is_some_and(|(_, n)| *n == '\n') {
                    chars.next();
                }
                (line, col) = (line + 1, 1)
            }
            '\u{FEFF}' if pos == 0 => {}
            _ => col += 1,
        }
    }
    for diag in &out {
        assert!(text.is_char_boundary(diag.byte_start) && text.is_char_boundary(diag.byte_end));
        assert!(diag.byte_start <= diag.byte_end && diag.byte_end <= text.len());
        assert_eq!(
            (diag.line, diag.column),
            expected[&diag.byte_start],
            "{} in {:?}",
            diag.rule,
            text.chars().take(60).collect::<String>()
        );
    }
    out
}

#[test]
fn line_endings_bom_and_controls_keep_positions_right() {
    let e = engine();
    for text in [
        "\u{FEFF}Zeile eins\r\nZeile zwei\rRabattcode MUC10 gilt\nEnde",
        "A\rB\rC\rMail: max.muster@gmx.de",
        "\0\0 Text mit NUL und Rabattcode MUC10",
        "\u{202E}rechts nach links\u{202C} Rabattcode MUC10",
        "שלום! Rabattcode MUC10 für alle",
        "👩‍👩‍👧‍👦👩‍🚒🇩🇪 Rabattcode MUC10 👍🏽",
        "---\r\nplatform: x\r\n---\r\n\r\nRabattcode MUC10",
    ] {
        let out = check_consistent(&e, text);
        assert!(
            out.iter()
                .any(|d| d.rule.starts_with("ad.") || d.rule == "privacy.email"),
            "expected a finding in {text:?}"
        );
    }
}

#[test]
fn zero_width_space_does_not_hide_a_label() {
    let e = engine();
    let out = check_consistent(&e, "Wer\u{200B}bung | Mit dem Rabattcode MUC10 spart ihr.");
    assert!(!out.iter().any(|d| d.rule == "ad.missing-label"), "{out:?}");
}

#[test]
fn huge_and_repetitive_drafts_do_not_panic() {
    let e = engine();
    let line =
        "Werbung Rabattcode MUC10 anna@gmx.de DE89370400440532013000 #tag @m https://bit.ly/x "
            .repeat(12_000);
    let out = check_consistent(&e, &line);
    assert!(out.len() > 30_000);
    let tags: String = (0..100_000)
        .map(|i| format!("#werbung{} ", i % 7))
        .collect();
    check_consistent(&e, &tags);
    check_consistent(&e, &"🎉".repeat(100_000));
    check_consistent(&e, &format!("a{}", "\u{0308}".repeat(100_000)));
    check_consistent(&e, &"\r".repeat(100_000));
    check_consistent(&e, &"---\n".repeat(10_000));
}

#[test]
fn front_matter_only_and_odd_front_matter() {
    let e = engine();
    check_consistent(&e, "---\nplatform: x\n---\n");
    check_consistent(&e, "---\n---\nText");
    check_consistent(&e, "---\n[[[[[[[[[[[[[[[[[[[[\n---\nRabattcode MUC10");
    check_consistent(&e, "---\na: &a [*a]\n---\nText");
    let d = Draft::parse("t", format!("---\nx: {}\n---\nText", "[".repeat(50_000)));
    assert!(d.front_error.is_some());
}

/// Many markers, triggers and context matches stay linear (each of these once took seconds or
/// hung: every marker measured from the start of the post, every trigger against every marker).
#[test]
fn many_markers_and_triggers_stay_fast() {
    let e = engine();
    // Labels only after the fold, in non-ASCII text (grapheme counting).
    let t = format!(
        "Rabattcode MUC10 {} {}",
        "blä ".repeat(60),
        "Werbung ".repeat(20_000)
    );
    let out = check_consistent(&e, &t);
    assert!(out.iter().any(|d| d.rule == "ad.label-not-at-start"));
    // Creative Commons mentions with links nearby, and phone numbers after a service word.
    check_consistent(&e, &"CC BY 4.0 https://example.org/x ".repeat(10_000));
    let out = check_consistent(&e, &"Servicetelefon 0171 2345678. ".repeat(10_000));
    assert!(!out.iter().any(|d| d.rule == "privacy.phone"));
    // Full names, and names next to credits (the negative context of every one is looked up).
    let out = check_consistent(&e, &"Danke, Anna Huber! @anna.huber ".repeat(20_000));
    assert_eq!(
        out.iter().filter(|d| d.rule == "rights.full-name").count(),
        20_000
    );
    assert_eq!(
        out.iter()
            .filter(|d| d.rule == "rights.person-mention")
            .count(),
        20_000
    );
    let out = check_consistent(&e, &"Foto: Anna Huber. ".repeat(20_000));
    assert!(!out.iter().any(|d| d.rule == "rights.full-name"));
}

/// Open-text rules stay linear on hostile drafts (each of these took 4 to 56 seconds in the
/// first version of the `near` kind: a long sentence searched for a person once per match, a
/// run of dots read back and forth for every dot, a word of thousands of letters extended for
/// every compound hit inside it).
#[test]
fn open_text_rules_stay_linear() {
    let e = engine();
    // One long sentence with thousands of health words and one person.
    let out = check_consistent(
        &e,
        &format!("Meine Kollegin {}", "Depression ".repeat(10_000)),
    );
    assert_eq!(
        out.iter()
            .filter(|d| d.rule == "privacy.special-category")
            .count(),
        1
    );
    // Hard-wrapped lines that all join into one sentence, without a person.
    let out = check_consistent(&e, &"Depression\n".repeat(10_000));
    assert!(!out.iter().any(|d| d.rule == "privacy.special-category"));
    // Runs of sentence punctuation and of dotted abbreviations.
    check_consistent(&e, &format!("Depression {}x", ".".repeat(100_000)));
    check_consistent(&e, &format!("Depression {}", "a.".repeat(50_000)));
    check_consistent(&e, &format!("Depression {}x", "!?".repeat(50_000)));
    // One word made of a compound part again and again is no compound.
    let out = check_consistent(&e, &"Krankheit".repeat(20_000));
    assert!(!out.iter().any(|d| d.rule == "privacy.special-category"));
    // Many sentences with a finding each: one finding per sentence.
    let out = check_consistent(&e, &"Frau Huber ist krank. ".repeat(5_000));
    assert_eq!(
        out.iter()
            .filter(|d| d.rule == "privacy.special-category")
            .count(),
        5_000
    );
}
