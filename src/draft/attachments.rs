//! The images a draft names: front-matter `images:` entries and Markdown images
//! (`![alt](path "title")`) in the body, plus images given on the command line. Paths are
//! resolved against the draft's folder. Reading the files is a separate step
//! ([`super::Draft::inspect_images`]), so text-only uses stay cheap.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::images::{Attachment, Origin};

use super::FrontMatter;

/// Markdown images in `src[body]`: (alt, path, byte range of the path).
pub fn markdown_images(src: &str, body: Range<usize>) -> Vec<(String, String, Range<usize>)> {
    let mut out = Vec::new();
    let text = &src[body.clone()];
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[from..], b"![") {
        let start = from + i;
        from = start + 2;
        // alt text up to the matching `]` on the same line
        let Some(close) = text[from..].find([']', '\n']) else {
            break;
        };
        if text.as_bytes()[from + close] != b']' {
            continue;
        }
        let alt = &text[from..from + close];
        let after = from + close + 1;
        if !text[after..].starts_with('(') {
            continue;
        }
        let inner_start = after + 1;
        let Some(end) = text[inner_start..].find([')', '\n']) else {
            break;
        };
        if text.as_bytes()[inner_start + end] != b')' {
            continue;
        }
        let inner = &text[inner_start..inner_start + end];
        // `<path with spaces>` or `path "title"`
        let (p_off, p) = if let Some(rest) = inner.trim_start().strip_prefix('<') {
            let lead = inner.len() - inner.trim_start().len() + 1;
            match rest.find('>') {
                Some(e) => (lead, &rest[..e]),
                None => continue,
            }
        } else {
            let lead = inner.len() - inner.trim_start().len();
            let p = inner.split_whitespace().next().unwrap_or("");
            (lead, p)
        };
        if p.is_empty() {
            continue;
        }
        let abs = body.start + inner_start + p_off;
        out.push((alt.trim().to_string(), p.to_string(), abs..abs + p.len()));
        from = inner_start + end + 1;
    }
    out
}

/// Resolve a written image path against the draft's folder.
pub fn resolve(draft_path: &str, written: &str) -> PathBuf {
    let p = Path::new(written);
    if p.is_absolute() || draft_path == "-" {
        return p.to_path_buf();
    }
    match Path::new(draft_path).parent() {
        Some(dir) => dir.join(p),
        None => p.to_path_buf(),
    }
}

/// All attachments named in the draft, front matter first; a Markdown image that repeats a
/// front-matter path only adds its alt text if the front matter has none.
pub fn collect(
    draft_path: &str,
    src: &str,
    body: Range<usize>,
    front: &FrontMatter,
) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = front
        .images
        .iter()
        .map(|i| Attachment {
            written: i.path.clone(),
            resolved: resolve(draft_path, &i.path),
            alt: i.alt.clone(),
            credit: i.credit.clone(),
            consent: i.consent.as_ref().is_some_and(|c| c.is_given()),
            origin: Origin::FrontMatter,
            range: i.range.clone(),
            facts: None,
        })
        .collect();
    for (alt, path, range) in markdown_images(src, body) {
        if let Some(a) = out.iter_mut().find(|a| a.written == path) {
            if a.alt.as_deref().is_none_or(|s| s.trim().is_empty()) && !alt.is_empty() {
                a.alt = Some(alt);
            }
            continue;
        }
        out.push(Attachment {
            resolved: resolve(draft_path, &path),
            written: path,
            alt: (!alt.is_empty()).then_some(alt),
            credit: None,
            consent: false,
            origin: Origin::Markdown,
            range,
            facts: None,
        });
    }
    out
}

/// An image given on the command line (no position in the draft).
pub fn from_command_line(path: &Path) -> Attachment {
    Attachment {
        written: path.display().to_string(),
        resolved: path.to_path_buf(),
        alt: None,
        credit: None,
        consent: false,
        origin: Origin::CommandLine,
        range: 0..0,
        facts: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_images() {
        let s = "Hallo ![Team beim Lauf](fotos/lauf.jpg \"Titel\") und ![](b.png)\n![x](<mit leer.jpg>) ![kaputt](c.jpg\n)";
        let v = markdown_images(s, 0..s.len());
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].0, "Team beim Lauf");
        assert_eq!(v[0].1, "fotos/lauf.jpg");
        assert_eq!(&s[v[0].2.clone()], "fotos/lauf.jpg");
        assert_eq!((v[1].0.as_str(), v[1].1.as_str()), ("", "b.png"));
        assert_eq!(&s[v[2].2.clone()], "mit leer.jpg");
    }

    #[test]
    fn ignores_links_and_broken_syntax() {
        let s = "[link](a.jpg) ! [x](b.jpg) ![x] (c.jpg) ![x](";
        assert!(markdown_images(s, 0..s.len()).is_empty());
    }

    #[test]
    fn resolves_relative_to_the_draft() {
        assert_eq!(
            resolve("posts/a.md", "img/x.jpg"),
            PathBuf::from("posts/img/x.jpg")
        );
        assert_eq!(resolve("a.md", "x.jpg"), PathBuf::from("x.jpg"));
        assert_eq!(resolve("-", "x.jpg"), PathBuf::from("x.jpg"));
        assert_eq!(
            resolve("posts/a.md", "/abs/x.jpg"),
            PathBuf::from("/abs/x.jpg")
        );
    }
}
