//! Script runs: a text cut into maximal runs of Han characters and runs of everything else, so
//! that each run goes to the segmenter of its script.

/// Whether `c` is a Han (Chinese) character: the CJK Unified Ideographs and their extensions,
/// the compatibility ideographs, and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2EBEF
        | 0x30000..=0x323AF)
}

/// Whether `c` is a letter of the Latin script (ASCII and the Latin supplements and extensions).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF))
}

/// A run of one script in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run<'a> {
    /// Byte offset of the run in the text.
    pub start: usize,
    pub text: &'a str,
    pub han: bool,
}

/// Cuts `text` into alternating Han and non-Han runs, in order, covering the whole text.
pub fn runs(text: &str) -> impl Iterator<Item = Run<'_>> {
    let mut rest_start = 0;
    std::iter::from_fn(move || {
        let rest = &text[rest_start..];
        let first = rest.chars().next()?;
        let han = is_han(first);
        let len = rest
            .char_indices()
            .find(|&(_, c)| is_han(c) != han)
            .map_or(rest.len(), |(i, _)| i);
        let run = Run {
            start: rest_start,
            text: &rest[..len],
            han,
        };
        rest_start += len;
        Some(run)
    })
}

/// Share of a text's letters that are Han characters (0 when it has no letters).
pub fn han_share(text: &str) -> f64 {
    let (mut han, mut letters) = (0u64, 0u64);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        han as f64 / letters as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_alternate_and_cover_the_text() {
        let text = "CPC的群众路线 (mass line)是根本。";
        let got: Vec<(&str, bool)> = runs(text).map(|r| (r.text, r.han)).collect();
        assert_eq!(
            got,
            vec![
                ("CPC", false),
                ("的群众路线", true),
                (" (mass line)", false),
                ("是根本", true),
                ("。", false)
            ]
        );
        let starts: Vec<usize> = runs(text).map(|r| r.start).collect();
        assert_eq!(starts, vec![0, 3, 18, 30, 39]);
    }

    #[test]
    fn han_share_counts_letters_only() {
        assert_eq!(han_share("群众 ab 12"), 0.5);
        assert_eq!(han_share("123 !"), 0.0);
    }
}
