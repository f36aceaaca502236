//! Script runs: a text cut into maximal runs of Han characters and runs of everything else, so
//! that each run goes to the segmenter of its script.

use crate::script::is_han;

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
}
