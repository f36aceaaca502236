//! Keyword in context: every occurrence of a term with the text around it.
//!
//! A line shows the occurrence as written in the document's cleaned text, with up to `width`
//! characters on each side, taken from the same paragraph; line breaks and runs of spaces in
//! the context are shown as one space. Lines come in document order, then text order, at most
//! `max_lines` per term.

use std::borrow::Cow;

use crate::error::Result;
use crate::ingest::Document;
use crate::tokenize::DocTokens;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    pub term: u32,
    /// Index of the document.
    pub doc: usize,
    /// The paragraph's unit id.
    pub unit_id: u32,
    pub left: String,
    /// The occurrence as written.
    pub keyword: String,
    pub right: String,
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last `n` characters of `text`, whitespace squashed.
fn tail(text: &str, n: usize) -> String {
    let s = squash(text);
    let skip = s.chars().count().saturating_sub(n);
    s.chars()
        .skip(skip)
        .collect::<String>()
        .trim_start()
        .to_string()
}

fn head(text: &str, n: usize) -> String {
    squash(text)
        .chars()
        .take(n)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Finds the lines of each term in `terms`, in that order. Documents need token spans
/// (`DocTokens::spans`); those without are passed over. `text_of(d)` gives document `d`'s
/// cleaned text, in memory or read back from where a run has moved it; it is asked only for the
/// documents a line comes from, once per term.
pub fn kwic<'t>(
    docs: &[Document],
    text_of: impl Fn(usize) -> Result<Cow<'t, str>>,
    streams: &[DocTokens],
    terms: &[u32],
    width: usize,
    max_lines: usize,
) -> Result<Vec<KwicLine>> {
    let mut lines = Vec::new();
    for &term in terms {
        let mut found = 0;
        'docs: for (d, (doc, stream)) in docs.iter().zip(streams).enumerate() {
            if stream.spans.len() != stream.terms.len() {
                continue;
            }
            let mut text: Option<Cow<'t, str>> = None;
            for (i, &t) in stream.terms.iter().enumerate() {
                if t != term {
                    continue;
                }
                if found == max_lines {
                    break 'docs;
                }
                let (b0, b1) = (stream.spans[i].0 as usize, stream.spans[i].1 as usize);
                let Some(paragraph) = doc.segments.paragraph_at(b0) else {
                    continue;
                };
                let text = match &mut text {
                    Some(text) => text,
                    None => text.insert(text_of(d)?),
                };
                let (p0, p1) = (paragraph.range.start, paragraph.range.end.max(b1));
                let (Some(left), Some(keyword), Some(right)) =
                    (text.get(p0..b0), text.get(b0..b1), text.get(b1..p1))
                else {
                    continue;
                };
                lines.push(KwicLine {
                    term,
                    doc: d,
                    unit_id: paragraph.unit_id,
                    left: tail(left, width),
                    keyword: keyword.to_string(),
                    right: head(right, width),
                });
                found += 1;
            }
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_to_width_and_squashed() {
        assert_eq!(tail("a  b\nc", 3), "b c");
        assert_eq!(head(" 群众 路线 是", 4), "群众 路");
    }
}
