//! Sentences of a post, for rules that look at words in one sentence (`near`).
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by a blank or the end (closing quotes and
//! brackets stay with it), at a blank line, and at a line break, unless the line ends with a
//! letter, digit or comma and the next one starts with a letter (a hard-wrapped sentence). A period does not end a
//! sentence after a known abbreviation ("z. B.", "Nr.", "Az.", "Dr.", "ca."), a single letter
//! (an initial: "Herr M. kam") or a number ("am 8. März"), nor inside a word, number or link
//! ("muenchen.de", "2.4.1").

use std::ops::Range;

/// Abbreviations that end with a period inside a sentence (lower case, without the period).
/// Single letters are always taken as initials or parts of one ("z. B.", "u. a.").
const ABBREVIATIONS: &[&str] = &[
    "abs", "abt", "allg", "anm", "art", "az", "bd", "bes", "betr", "bspw", "bzgl", "bzw", "ca",
    "chr", "co", "dgl", "dipl", "dr", "ebd", "eig", "etc", "evtl", "exkl", "ff", "fr", "geb",
    "gem", "ggf", "ggü", "gr", "hl", "hr", "hrsg", "inkl", "insb", "ing", "jh", "jhd", "jr", "kap",
    "kfz", "kl", "lfd", "lt", "max", "mio", "min", "mind", "mr", "mrd", "mrs", "ms", "mwst", "nr",
    "nrn", "o.ä", "prof", "rd", "reg", "s.o", "s.u", "sen", "sog", "sr", "st", "std", "str", "tel",
    "tsd", "usw", "vgl", "vs", "z.b", "zb", "zt", "ziff", "zzgl", "e.g", "i.e", "approx", "no",
    "dept",
];

/// The sentences of `src[body]`, as byte ranges of `src` without surrounding blanks, in order.
pub fn split(src: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let text = &src[body.clone()];
    let base = body.start;
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if from + lead < to - trail {
            out.push(base + from + lead..base + to - trail);
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = match b {
            b'\n' => {
                let next = next_line_start(text, i + 1);
                if continues(text, start, i, next) {
                    None
                } else {
                    Some(i)
                }
            }
            b'!' | b'?' | b'.' => Some(i),
            // '…' is E2 80 A6.
            0xE2 if text[i..].starts_with('…') => Some(i),
            _ => None,
        };
        let Some(at) = end else {
            i += 1;
            continue;
        };
        if bytes[at] == b'\n' {
            push(start, at, &mut out);
            start = at;
            i = at + 1;
            continue;
        }
        // A run of sentence punctuation (and closing quotes) is judged once, as a whole.
        let run = run_end(text, at);
        let ends = text[run..].chars().next().is_none_or(char::is_whitespace)
            && !(bytes[at] == b'.' && is_abbreviation_or_number(text, at));
        if ends {
            push(start, run, &mut out);
            start = run;
        }
        i = run.max(at + 1);
    }
    push(start, text.len(), &mut out);
    out
}

/// Start of the first non-blank character after a line break at `from` (the next line's
/// content), or the end.
fn next_line_start(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    from + (rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len())
}

/// Whether the sentence goes on across the line break at `nl`: no blank line, the line so far
/// ends with a letter, digit or comma (no punctuation, no emoji), and the next line starts with
/// a letter (a hard-wrapped sentence; German nouns start lines with capitals too).
fn continues(text: &str, start: usize, nl: usize, next: usize) -> bool {
    let before = text[start..nl].trim_end();
    let last = before.chars().next_back();
    let first = text[next..].chars().next();
    last.is_some_and(|c| c.is_alphanumeric() || c == ',') && first.is_some_and(char::is_alphabetic)
}

/// End of the run of sentence punctuation at `i`, with closing quotes and brackets.
fn run_end(text: &str, i: usize) -> usize {
    const RUN: &[char] = &[
        '.', '!', '?', '…', '"', '“', '”', '«', '»', '‹', '›', '\'', '’', ')', ']',
    ];
    let run: usize = text[i..]
        .chars()
        .take_while(|c| RUN.contains(c))
        .map(char::len_utf8)
        .sum();
    i + run
}

/// Whether the period at `i` closes an abbreviation, an initial or a number ("8. März").
fn is_abbreviation_or_number(text: &str, i: usize) -> bool {
    let before = &text[..i];
    // Abbreviations are short: look back at most 12 characters ("approx", "z.b", "o.ä").
    let word_start = before
        .char_indices()
        .rev()
        .take(12)
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(i, |(k, _)| k);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.len() <= 3;
    }
    if word.chars().count() == 1 {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        split(t, 0..t.len()).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn ends_at_punctuation_followed_by_a_blank() {
        assert_eq!(
            sentences("Heute war viel los! Wirklich? Ja. Danke…"),
            vec!["Heute war viel los!", "Wirklich?", "Ja.", "Danke…"]
        );
        assert_eq!(
            sentences("Sie sagte: „Kommt vorbei!“ Dann ging sie."),
            vec!["Sie sagte: „Kommt vorbei!“", "Dann ging sie."]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_a_sentence() {
        for t in [
            "Das gilt z. B. für Az. 12/3 und Nr. 5 im Haus.",
            "Herr M. kam am 8. März ins Bürgerbüro.",
            "Die Version 2.4.1 steht auf muenchen.de bereit.",
            "Dr. Huber und Prof. Maier bzw. ihr Team sind ca. 20 Leute.",
            "We met Mr. Smith, e.g. at the library.",
        ] {
            assert_eq!(sentences(t), vec![t], "{t}");
        }
    }

    #[test]
    fn line_breaks_end_a_sentence_unless_it_goes_on_in_lower_case() {
        assert_eq!(
            sentences("Erster Tag im Amt!\nDie Kollegin hat Geburtstag 🎉\nSchön\n\n#Team"),
            vec![
                "Erster Tag im Amt!",
                "Die Kollegin hat Geburtstag 🎉",
                "Schön",
                "#Team"
            ]
        );
        assert_eq!(
            sentences("Ein Satz, der über\nzwei Zeilen geht. Wählt am\nSonntag die X.\n- Liste"),
            vec![
                "Ein Satz, der über\nzwei Zeilen geht.",
                "Wählt am\nSonntag die X.",
                "- Liste"
            ]
        );
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n  ").is_empty());
        assert_eq!(sentences("..."), vec!["..."]);
    }

    #[test]
    fn ranges_are_offsets_into_the_source() {
        let src = "---\nx: 1\n---\nEins. Zwei.";
        let r = split(src, 12..src.len());
        assert_eq!(&src[r[1].clone()], "Zwei.");
    }
}
