//! Inline acknowledgements: `<!-- leitplanke: ack rule.id — reason -->` acknowledges findings of
//! that rule in the paragraph that follows the comment. (Front-matter `acknowledge:` entries
//! cover the whole draft.)

use std::ops::Range;

use super::front_matter::Ack;

/// Inline acknowledgements among the body's HTML comments (`structure.comments`, each
/// `<!-- … -->`; an unclosed one runs to the end and is ignored); `paragraphs` are the body's
/// paragraphs.
pub fn inline(
    src: &str,
    body: Range<usize>,
    comments: &[Range<usize>],
    paragraphs: &[Range<usize>],
) -> Vec<Ack> {
    let mut out = Vec::new();
    for c in comments {
        if !src[c.clone()].ends_with("-->") || c.len() < 7 {
            continue;
        }
        let (open, close) = (c.start, c.end);
        let inner = &src[open + 4..close - 3];
        let lead = inner.len() - inner.trim_start().len();
        let Some(rest) = inner.trim_start().strip_prefix("leitplanke:") else {
            continue;
        };
        let rest_lead = rest.len() - rest.trim_start().len();
        let Some(rest) = rest.trim_start().strip_prefix("ack") else {
            continue;
        };
        let id_start_rel = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        let id_len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | ':'))
            .unwrap_or(rest.len());
        let id = &rest[..id_len];
        if id.is_empty() {
            continue;
        }
        let reason = rest[id_len..]
            .trim_start()
            .trim_start_matches(['—', '–', '-', ':'])
            .trim();
        let id_abs = open + 4 + lead + "leitplanke:".len() + rest_lead + "ack".len() + id_start_rel;
        // The paragraph after the comment: from its end to the end of the paragraph holding the
        // next text.
        let next = src[close..body.end]
            .find(|c: char| !c.is_whitespace())
            .map(|k| close + k);
        let scope = match next {
            Some(pos) => {
                let end = paragraphs
                    .iter()
                    .find(|p| p.end > pos)
                    .map_or(body.end, |p| p.end);
                close..end
            }
            None => close..close,
        };
        out.push(Ack {
            rule: id.to_string(),
            reason: reason.to_string(),
            range: id_abs..id_abs + id.len(),
            scope: Some(scope),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Vec<Ack> {
        let st = crate::draft::structure::Structure::parse(s, 0..s.len());
        inline(s, 0..s.len(), &st.comments, &st.paragraphs)
    }

    #[test]
    fn parses_comment_and_scopes_the_next_paragraph() {
        let s = "Erster Absatz mit max@web.de.\n\n<!-- leitplanke: ack privacy.email — Adresse der Pressestelle -->\nZweiter Absatz: presse@web.de\nnoch Zeile.\n\nDritter Absatz: x@web.de\n";
        let acks = parse(s);
        assert_eq!(acks.len(), 1);
        let a = &acks[0];
        assert_eq!(a.rule, "privacy.email");
        assert_eq!(a.reason, "Adresse der Pressestelle");
        assert_eq!(&s[a.range.clone()], "privacy.email");
        let scope = a.scope.clone().unwrap();
        assert!(s[scope.clone()].contains("presse@web.de"));
        assert!(!s[scope.clone()].contains("x@web.de"));
        assert!(!s[scope].contains("max@web.de"));
    }

    #[test]
    fn other_comments_and_missing_reasons() {
        let s = "<!-- just a note -->\n<!--leitplanke: ack a11y.all-caps-->\nTEXT\n<!-- leitplanke: ack";
        let acks = parse(s);
        assert_eq!(acks.len(), 1);
        assert_eq!(acks[0].rule, "a11y.all-caps");
        assert_eq!(acks[0].reason, "");
        let s2 = "<!-- leitplanke: ack privacy.phone: Servicenummer -->\nRuf an: 089 1234567";
        assert_eq!(parse(s2)[0].reason, "Servicenummer");
    }
}
