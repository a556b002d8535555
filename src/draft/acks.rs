//! Inline acknowledgements: `<!-- leitplanke: ack rule.id — reason -->` acknowledges findings of
//! that rule in the paragraph that follows the comment. (Front-matter `acknowledge:` entries
//! cover the whole draft.)

use std::ops::Range;

use super::front_matter::Ack;

/// Inline acknowledgements in `src[body]`; `paragraphs` are the body's paragraphs.
pub fn inline(src: &str, body: Range<usize>, paragraphs: &[Range<usize>]) -> Vec<Ack> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut from = body.start;
    while let Some(i) = memchr::memmem::find(&bytes[from..body.end], b"<!--") {
        let open = from + i;
        let Some(j) = memchr::memmem::find(&bytes[open + 4..body.end], b"-->") else {
            break;
        };
        let close = open + 4 + j + 3;
        from = close;
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

    #[test]
    fn parses_comment_and_scopes_the_next_paragraph() {
        let s = "Erster Absatz mit max@web.de.\n\n<!-- leitplanke: ack privacy.email — Adresse der Pressestelle -->\nZweiter Absatz: presse@web.de\nnoch Zeile.\n\nDritter Absatz: x@web.de\n";
        let paras = crate::draft::structure::Structure::parse(s, 0..s.len()).paragraphs;
        let acks = inline(s, 0..s.len(), &paras);
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
        let paras = crate::draft::structure::Structure::parse(s, 0..s.len()).paragraphs;
        let acks = inline(s, 0..s.len(), &paras);
        assert_eq!(acks.len(), 1);
        assert_eq!(acks[0].rule, "a11y.all-caps");
        assert_eq!(acks[0].reason, "");
        let s2 = "<!-- leitplanke: ack privacy.phone: Servicenummer -->\nRuf an: 089 1234567";
        let p2 = crate::draft::structure::Structure::parse(s2, 0..s2.len()).paragraphs;
        assert_eq!(inline(s2, 0..s2.len(), &p2)[0].reason, "Servicenummer");
    }
}
