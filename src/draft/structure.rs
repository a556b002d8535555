//! The parts of a post that rules can be scoped to: paragraphs, hashtags, mentions, links and
//! trailing hashtag blocks. Found in one pass over the body with hand-written scanners (simpler
//! and faster than regexes, and with Unicode word rules).

use std::ops::Range;

use crate::text::is_word_char;

/// Scope-relevant structure of a draft body; all ranges are byte ranges of the original file.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub paragraphs: Vec<Range<usize>>,
    pub hashtags: Vec<Range<usize>>,
    pub mentions: Vec<Range<usize>>,
    pub links: Vec<Range<usize>>,
    /// Runs of three or more hashtags separated only by spaces or light punctuation.
    pub hashtag_blocks: Vec<Range<usize>>,
    /// HTML comments (`<!-- … -->`, e.g. inline acknowledgements): not part of the post, so
    /// nothing in them is reported.
    pub comments: Vec<Range<usize>>,
}

impl Structure {
    /// Analyse `src[body]`.
    pub fn parse(src: &str, body: Range<usize>) -> Structure {
        let mut s = Structure {
            paragraphs: paragraphs(src, body.clone()),
            links: links(src, body.clone()),
            comments: comments(src, body.clone()),
            ..Structure::default()
        };
        s.hashtags = tagged(src, body.clone(), '#', &s.links, |t| {
            t.chars().any(char::is_alphabetic)
        });
        s.mentions = tagged(src, body.clone(), '@', &s.links, |t| !t.is_empty());
        s.hashtag_blocks = blocks(src, &s.hashtags);
        s
    }

    /// The first non-empty paragraph.
    pub fn first_paragraph(&self) -> Option<Range<usize>> {
        self.paragraphs.first().cloned()
    }

    pub fn in_hashtag_block(&self, r: &Range<usize>) -> bool {
        covers(&self.hashtag_blocks, r)
    }
}

/// Whether one of `sorted` (non-overlapping ranges in text order) contains all of `r`, in
/// O(log n) so that a draft with 100,000 hashtags stays fast.
pub fn covers(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|s| s.start <= r.start);
    i > 0 && r.end <= sorted[i - 1].end
}

fn comments(src: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let b = &src.as_bytes()[body.clone()];
    let mut out = Vec::new();
    let mut from = 0;
    // Found from their first byte: a substring search would build a searcher for every
    // draft, which costs more than looking at the few `<` a post has.
    while let Some(i) = memchr::memchr(b'<', &b[from..]) {
        let start = from + i;
        if !b[start..].starts_with(b"<!--") {
            from = start + 1;
            continue;
        }
        let end =
            memchr::memmem::find(&b[start + 4..], b"-->").map_or(b.len(), |j| start + 4 + j + 3);
        out.push(body.start + start..body.start + end);
        from = end;
    }
    out
}

impl Structure {
    /// Whether a range overlaps an HTML comment.
    pub fn in_comment(&self, r: &Range<usize>) -> bool {
        !self.comments.is_empty()
            && self
                .comments
                .iter()
                .any(|c| r.start < c.end && c.start < r.end)
    }
}

fn paragraphs(src: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = body.start;
    let mut pos = body.start;
    while pos < body.end {
        let nl = memchr::memchr2(b'\n', b'\r', &src.as_bytes()[pos..body.end]).map(|i| pos + i);
        let line_end = nl.unwrap_or(body.end);
        let next = match nl {
            Some(i) if src[i..].starts_with("\r\n") => i + 2,
            Some(i) => i + 1,
            None => body.end,
        };
        if src[pos..line_end].trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
        } else {
            if start.is_none() {
                let lead = src[pos..line_end].len() - src[pos..line_end].trim_start().len();
                start = Some(pos + lead);
            }
            last_end = pos + src[pos..line_end].trim_end().len();
        }
        pos = next;
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

fn inside(ranges: &[Range<usize>], p: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= p);
    i > 0 && p < ranges[i - 1].end
}

/// Hashtags (`#Wort`) or mentions (`@name`): the sigil must not follow a word character (so
/// e-mail addresses and `C#` are not tags) and must not lie inside a link.
fn tagged(
    src: &str,
    body: Range<usize>,
    sigil: char,
    links: &[Range<usize>],
    accept: impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let text = &src[body.clone()];
    debug_assert!(sigil.is_ascii());
    // The sigils are ASCII: found with memchr. Full-width signs (`＃`) are candidates from
    // their first byte (EF, which U+FE0F after an emoji and a byte-order mark share), compared
    // whole, and merged in by position.
    let b = text.as_bytes();
    let wide: Vec<usize> = if sigil == '#' {
        memchr::memchr_iter(0xEF, b)
            .filter(|&i| b[i..].starts_with("＃".as_bytes()))
            .collect()
    } else {
        Vec::new()
    };
    let mut narrow = memchr::memchr_iter(sigil as u8, b).peekable();
    let mut wide = wide.into_iter().peekable();
    let found = std::iter::from_fn(|| match (narrow.peek(), wide.peek()) {
        (Some(&n), Some(&w)) if w < n => wide.next().map(|i| (i, '＃')),
        (Some(_), _) => narrow.next().map(|i| (i, sigil)),
        (None, _) => wide.next().map(|i| (i, '＃')),
    });
    for (i, c) in found {
        let abs = body.start + i;
        if inside(links, abs) {
            continue;
        }
        if let Some(prev) = text[..i].chars().next_back()
            && (is_word_char(prev) || prev == '#' || prev == '@' || prev == '&' || prev == '/')
        {
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let mut len = 0;
        for ch in rest.chars() {
            let ok = is_word_char(ch) || (sigil == '@' && (ch == '.' || ch == '-'));
            if !ok {
                break;
            }
            len += ch.len_utf8();
        }
        let mut tag = &rest[..len];
        if sigil == '@' {
            tag = tag.trim_end_matches(['.', '-']);
        }
        if accept(tag) {
            out.push(abs..abs + c.len_utf8() + tag.len());
        }
    }
    out
}

/// A link written without `http(s)://` or `www.` ("bit.ly/3abc", "muenchen.de/service"): the
/// dot at `dot` ends a host name's label and is followed by a top-level domain of two to six
/// letters and a `/` with a path. Returns where the host name starts. Not after `@` (e-mail)
/// or inside a longer word.
fn bare_link_start(text: &str, dot: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let tld = bytes[dot + 1..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if !(2..=6).contains(&tld) || bytes.get(dot + 1 + tld) != Some(&b'/') {
        return None;
    }
    if !bytes
        .get(dot + 2 + tld)
        .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let host = bytes[..dot]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        .count();
    let start = dot - host;
    let label_ok = host > 0 && bytes[start].is_ascii_alphanumeric();
    let before = text[..start].chars().next_back();
    let free = !before.is_some_and(|c| is_word_char(c) || matches!(c, '@' | '/' | ':' | '.'));
    (label_ok && free).then_some(start)
}

/// URLs starting with `http://`, `https://` or `www.`, and host names with a path written
/// without them (see [`bare_link_start`]); trailing punctuation is not part of the link,
/// closing brackets only when they are unbalanced.
fn links(src: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let text = &src[body.clone()];
    let mut out = Vec::new();
    // Candidates: "://" preceded by http/https, and "www." (found by one vectorised search
    // for both bytes, much faster than substring searches on short texts).
    let mut starts: Vec<usize> = Vec::new();
    for i in memchr::memchr2_iter(b':', b'.', text.as_bytes()) {
        if text.as_bytes()[i] == b':' {
            if !text[i..].starts_with("://") {
                continue;
            }
            for scheme in ["https", "http"] {
                if i >= scheme.len()
                    && text.is_char_boundary(i - scheme.len())
                    && text[i - scheme.len()..i].eq_ignore_ascii_case(scheme)
                {
                    starts.push(i - scheme.len());
                    break;
                }
            }
        } else if i >= 3
            && text.is_char_boundary(i - 3)
            && text[i - 3..i].eq_ignore_ascii_case("www")
        {
            starts.push(i - 3);
        } else if let Some(start) = bare_link_start(text, i) {
            starts.push(start);
        }
    }
    starts.sort_unstable();
    let mut i = 0;
    for p in starts {
        if p < i {
            continue;
        }
        if text[..p].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        let mut end = p;
        for (j, c) in text[p..].char_indices() {
            if c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”') {
                break;
            }
            end = p + j + c.len_utf8();
        }
        // Trim trailing punctuation and unbalanced closing brackets. Bracket counts are taken
        // once and updated while trimming (linear even for a link ending in 100,000 `)`).
        let s = &text[p..end];
        let (mut open_round, mut close_round) = (s.matches('(').count(), s.matches(')').count());
        let (mut open_square, mut close_square) = (s.matches('[').count(), s.matches(']').count());
        while let Some(last) = text[p..end].chars().next_back() {
            let trim = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
                ')' => close_round > open_round,
                ']' => close_square > open_square,
                _ => false,
            };
            if !trim {
                break;
            }
            match last {
                ')' => close_round -= 1,
                ']' => close_square -= 1,
                '(' => open_round -= 1,
                '[' => open_square -= 1,
                _ => {}
            }
            end -= last.len_utf8();
        }
        if end > p + 4 {
            out.push(body.start + p..body.start + end);
        }
        i = end.max(p + 1);
    }
    out
}

fn blocks(src: &str, tags: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<(Range<usize>, usize)> = None;
    for t in tags {
        match &mut run {
            Some((r, n))
                if src[r.end..t.start]
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, ',' | '·' | '|' | '/' | '•')) =>
            {
                r.end = t.end;
                *n += 1;
            }
            _ => {
                if let Some((r, n)) = run.take()
                    && n >= 3
                {
                    out.push(r);
                }
                run = Some((t.clone(), 1));
            }
        }
    }
    if let Some((r, n)) = run
        && n >= 3
    {
        out.push(r);
    }
    out
}

/// Whether a character starts an emoji presentation (pictographs, symbols, flags, keycaps).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B05..=0x2B07 | 0x2B1B..=0x2B1C
        | 0x2B50 | 0x2B55 | 0x2934..=0x2935 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x231A..=0x231B | 0x23E9..=0x23F3 | 0x23F8..=0x23FA)
}

/// Emoji (as grapheme clusters) in `src[body]`; computed on demand, as only `count` rules on
/// emoji need them.
pub fn emoji(src: &str, body: Range<usize>) -> Vec<Range<usize>> {
    use unicode_segmentation::UnicodeSegmentation;
    let text = &src[body.clone()];
    // Segment only where an emoji starts: every emoji is non-ASCII, and segmenting the whole
    // text into grapheme clusters cost more than all other checks together.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        i += crate::text::ascii_prefix_len(&bytes[i..]);
        // Every emoji is U+231A or above, three bytes or more: a two-byte character (ä, ö, ü,
        // é, …) is passed over on its lead byte.
        if bytes.get(i).is_some_and(|&b| b < 0xE0) {
            i += 2;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = if is_emoji(c) {
            let g = text[i..]
                .graphemes(true)
                .next()
                .map_or(c.len_utf8(), str::len);
            out.push(body.start + i..body.start + i + g);
            g
        } else {
            c.len_utf8()
        };
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Structure {
        Structure::parse(t, 0..t.len())
    }

    fn texts<'a>(t: &'a str, r: &[Range<usize>]) -> Vec<&'a str> {
        r.iter().map(|r| &t[r.clone()]).collect()
    }

    #[test]
    fn full_width_hashtags_and_html_comments() {
        let t = "#Erst a < b <!-- ok: ad.missing-label --> Grüße ＃Bürgernähe und #Stadt ＃Amt ＃ \u{FEFF}x #Dann ＃Zuletzt <!-- offen";
        let s = parse(t);
        assert_eq!(
            texts(t, &s.hashtags),
            [
                "#Erst",
                "＃Bürgernähe",
                "#Stadt",
                "＃Amt",
                "#Dann",
                "＃Zuletzt"
            ]
        );
        assert_eq!(
            texts(t, &s.comments),
            ["<!-- ok: ad.missing-label -->", "<!-- offen"]
        );
        let c = t.find("<!--").unwrap();
        assert!(s.in_comment(&(c + 2..c + 4)) && !s.in_comment(&(0..3)));
    }

    #[test]
    fn finds_hashtags_mentions_and_links() {
        let t = "Hallo @stadt.muenchen! Mail an a@b.de, C# ist keine Sprache für #Bürgernähe.\nhttps://muenchen.de/a_(b). #1 #a1 www.x.de/?q=1.";
        let s = parse(t);
        assert_eq!(texts(t, &s.hashtags), ["#Bürgernähe", "#a1"]);
        assert_eq!(texts(t, &s.mentions), ["@stadt.muenchen"]);
        assert_eq!(
            texts(t, &s.links),
            ["https://muenchen.de/a_(b)", "www.x.de/?q=1"]
        );
    }

    #[test]
    fn links_without_scheme_need_a_host_and_a_path() {
        let t = "Infos: bit.ly/3abc und stadt.muenchen.de/service?utm_source=x. Mail a@b.de/x, z.B. 2.4/3, Datei readme.md, muenchen.de ohne Pfad, x.y/ leer";
        assert_eq!(
            texts(t, &parse(t).links),
            ["bit.ly/3abc", "stadt.muenchen.de/service?utm_source=x"]
        );
    }

    #[test]
    fn hashtag_fragment_in_link_is_not_a_tag() {
        let t = "Siehe https://x.de/#anzeige";
        assert!(parse(t).hashtags.is_empty());
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let t = "\n  Erster Absatz\nmit zwei Zeilen\r\n\r\nZweiter  \n\n\n";
        let s = parse(t);
        assert_eq!(
            texts(t, &s.paragraphs),
            ["Erster Absatz\nmit zwei Zeilen", "Zweiter"]
        );
    }

    #[test]
    fn hashtag_blocks_need_three_tags() {
        let t = "Text #eins und #zwei.\n\n#a #b, #c #werbung";
        let s = parse(t);
        assert_eq!(texts(t, &s.hashtag_blocks), ["#a #b, #c #werbung"]);
        assert!(s.in_hashtag_block(&(t.len() - 8..t.len())));
        assert!(!s.in_hashtag_block(&(5..10)));
    }

    #[test]
    fn emoji_are_grapheme_clusters() {
        let t = "Team 👩‍🚒👩‍🚒 🇩🇪!";
        assert_eq!(texts(t, &emoji(t, 0..t.len())), ["👩‍🚒", "👩‍🚒", "🇩🇪"]);
    }
}
