//! Segments: a document's text split into paragraphs and sentences, with their unit ids.
//!
//! [`Segments`] keeps a document's units in a few flat arrays of 32-bit offsets (12 bytes a
//! paragraph, 8 a sentence, no allocation per paragraph), since they live for the whole run;
//! [`Paragraph`] and [`Sentence`] are views of it. Unit ids number the paragraphs and sentences
//! of a document in text order from 1, a paragraph before its sentences: a paragraph with unit
//! id `n` has sentences `n + 1 …`, and the next paragraph follows them. Unit id 0 is the whole
//! document (see the `units` table).

use std::ops::Range;

use crate::config::ParagraphBreak;

// Offsets are stored as `u32` and widened to `usize` when read.
const _: () = assert!(usize::BITS >= 32);

/// The longest text that can be split into units, in bytes: offsets and unit ids are `u32`.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Why a text cannot be split into units: it does not fit 32-bit offsets and unit ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SplitError {
    /// The text is longer than [`MAX_TEXT_BYTES`].
    #[error(
        "text of {bytes} bytes after cleaning, longer than a document can be ({limit} bytes, \
         the limit of 32-bit offsets)"
    )]
    TextTooLong { bytes: usize, limit: usize },
    /// The text has more paragraphs and sentences than there are unit ids (only possible in a
    /// text of nearly [`MAX_TEXT_BYTES`] bytes, almost every byte a sentence).
    #[error(
        "more than {limit} paragraphs and sentences, more than a document can number (32-bit \
         unit ids)"
    )]
    TooManyUnits { limit: usize },
}

/// A byte range of the text, in 32-bit offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A document's paragraphs and sentences: their byte ranges in its text and their unit ids.
///
/// Built by [`Segments::split`]; paragraphs and sentences are in text order, trimmed, never empty
/// and never overlapping, and each sentence lies inside its paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Each paragraph's byte range.
    paragraphs: Vec<Span>,
    /// Index in `sentences` of each paragraph's first sentence: paragraph `i`'s sentences run
    /// to the next paragraph's first (the last paragraph's to the end).
    first_sentence: Vec<u32>,
    /// Each sentence's byte range, paragraph after paragraph.
    sentences: Vec<Span>,
}

/// One paragraph of a document: its unit id, its byte range in the text and its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    /// The paragraph's unit id; its sentences are `unit_id + 1 …`.
    pub unit_id: u32,
    /// Byte range in the document's text.
    pub range: Range<usize>,
    sentences: &'a [Span],
}

/// One sentence of a document: its unit id and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub unit_id: u32,
    /// Byte range in the document's text.
    pub range: Range<usize>,
}

impl Segments {
    /// Splits a text into paragraphs ([`split_paragraphs`]) and their sentences
    /// ([`split_sentences`]), numbering them with unit ids.
    ///
    /// Fails on a text longer than [`MAX_TEXT_BYTES`], or with more units than `u32` ids.
    pub fn split(text: &str, mode: ParagraphBreak) -> Result<Segments, SplitError> {
        Segments::split_within(text, mode, u32::MAX)
    }

    /// [`Segments::split`] with offsets and unit ids of at most `limit` (smaller in tests).
    fn split_within(text: &str, mode: ParagraphBreak, limit: u32) -> Result<Segments, SplitError> {
        let too_long = SplitError::TextTooLong {
            bytes: text.len(),
            limit: limit as usize,
        };
        if text.len() > limit as usize {
            return Err(too_long);
        }
        // Every offset is at most `text.len()`, so these conversions cannot fail.
        let span = |r: Range<usize>| -> Result<Span, SplitError> {
            Ok(Span {
                start: u32::try_from(r.start).map_err(|_| too_long)?,
                end: u32::try_from(r.end).map_err(|_| too_long)?,
            })
        };
        let ranges = split_paragraphs(text, mode);
        let mut units = Segments {
            paragraphs: Vec::with_capacity(ranges.len()),
            first_sentence: Vec::with_capacity(ranges.len()),
            sentences: Vec::new(),
        };
        let too_many = SplitError::TooManyUnits {
            limit: limit as usize,
        };
        for range in ranges {
            let sentence_index = u32::try_from(units.sentences.len()).map_err(|_| too_many)?;
            units.first_sentence.push(sentence_index);
            for s in split_sentences(&text[range.clone()]) {
                units
                    .sentences
                    .push(span(s.start + range.start..s.end + range.start)?);
            }
            units.paragraphs.push(span(range)?);
        }
        // The last unit id is the number of units; every id is computed in `u32` below it.
        if units.paragraphs.len() + units.sentences.len() > limit as usize {
            return Err(too_many);
        }
        units.sentences.shrink_to_fit();
        Ok(units)
    }

    /// The number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// The number of sentences, in every paragraph.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    /// Whether there is no paragraph (the text is blank).
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The paragraphs, in text order.
    pub fn paragraphs(&self) -> impl ExactSizeIterator<Item = Paragraph<'_>> + '_ {
        (0..self.paragraphs.len()).map(|i| self.paragraph(i))
    }

    /// Every sentence of every paragraph, in text order.
    pub fn sentences(&self) -> impl Iterator<Item = Sentence> + '_ {
        self.paragraphs().flat_map(|p| p.sentences())
    }

    /// The paragraph whose byte range holds `byte`, if any (binary search).
    pub fn paragraph_at(&self, byte: usize) -> Option<Paragraph<'_>> {
        let i = self.paragraphs.partition_point(|p| p.end as usize <= byte);
        let span = self.paragraphs.get(i)?;
        (span.start as usize <= byte).then(|| self.paragraph(i))
    }

    /// Paragraph `i` (`i < paragraph_count()`).
    fn paragraph(&self, i: usize) -> Paragraph<'_> {
        let first = self.first_sentence[i];
        let end = self
            .first_sentence
            .get(i + 1)
            .map_or(self.sentences.len(), |&next| next as usize);
        Paragraph {
            // One more than the units before it: at most the number of units, a `u32` (`split`).
            unit_id: first + i as u32 + 1,
            range: self.paragraphs[i].range(),
            sentences: &self.sentences[first as usize..end],
        }
    }
}

impl<'a> Paragraph<'a> {
    /// The paragraph's sentences, in text order, with their unit ids.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = Sentence> + use<'a> {
        let paragraph_id = self.unit_id;
        // At most the number of the document's units, a `u32` (see `Segments::split`).
        self.sentences
            .iter()
            .enumerate()
            .map(move |(k, s)| Sentence {
                unit_id: paragraph_id + 1 + k as u32,
                range: s.range(),
            })
    }

    /// The number of sentences in the paragraph.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }
}

/// Splits text into paragraphs (byte ranges, trimmed, never empty).
pub fn split_paragraphs(text: &str, mode: ParagraphBreak) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let blank = content.trim().is_empty();
        let line_start = offset + (content.len() - content.trim_start().len());
        let line_end = offset + content.trim_end().len();
        offset += line.len();
        match mode {
            ParagraphBreak::Line => {
                if !blank {
                    paragraphs.push(line_start..line_end);
                }
            }
            ParagraphBreak::BlankLine => {
                if blank {
                    if let Some(s) = start.take() {
                        paragraphs.push(s..end);
                    }
                } else {
                    start.get_or_insert(line_start);
                    end = line_end;
                }
            }
        }
    }
    if let Some(s) = start {
        paragraphs.push(s..end);
    }
    paragraphs
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "al", "co",
    "ltd", "inc", "jr", "sr", "vol", "pp", "cf", "approx", "dept", "u.s",
];

/// Splits a paragraph into sentences (byte ranges, trimmed, never empty).
///
/// A sentence ends after 。！？!?… (with any closing quotes or brackets that follow), and after a
/// full stop that is followed by a space or the end, or that ends a word of two or more
/// lowercase letters and is followed by an uppercase letter (`power.At`, common in scraped
/// text). A full stop between digits (`4.3`), after a single letter (`J. R.`) or after a known
/// abbreviation (`Dr.`, `etc.`) does not end a sentence.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let ends = match c {
            '。' | '！' | '？' | '!' | '?' | '…' => true,
            '.' => full_stop_ends_sentence(text, &chars, i),
            _ => false,
        };
        if ends {
            let mut j = i + 1;
            while j < chars.len() && is_closing(chars[j].1, c) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            push_trimmed(text, start..end, &mut sentences);
            start = end;
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

fn is_closing(c: char, terminator: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | '）' | '」' | '』' | '】' | '》'
    ) || (c == terminator && c != '.')
        || matches!((terminator, c), ('.', '.') | ('…', '…'))
}

fn full_stop_ends_sentence(text: &str, chars: &[(usize, char)], i: usize) -> bool {
    let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
    let next = chars.get(i + 1).map(|&(_, c)| c);
    // The word before the full stop.
    let word_start = chars[..i]
        .iter()
        .rposition(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| chars[p].0 + chars[p].1.len_utf8());
    let word = &text[word_start..chars[i].0];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()) {
        return false;
    }
    if letters == 1 && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return false;
    }
    if ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    match next {
        None => true,
        Some(n) if n.is_whitespace() || is_closing(n, '.') => true,
        Some(n) if n.is_uppercase() => {
            letters >= 2 && !word.contains('.') && word.chars().all(|c| c.is_lowercase())
        }
        Some(_) => false,
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + (s.len() - s.trim_start().len());
    out.push(start..start + trimmed.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn english_sentences_keep_decimals_initials_and_abbreviations() {
        assert_eq!(
            sentences("Growth was 4.3 percent. J. R. Peng wrote it, e.g. here. Dr. Li agreed!"),
            vec![
                "Growth was 4.3 percent.",
                "J. R. Peng wrote it, e.g. here.",
                "Dr. Li agreed!"
            ]
        );
    }

    #[test]
    fn scraped_full_stop_without_space_ends_a_sentence() {
        assert_eq!(
            sentences(
                "the party takes power.At the Fourth Plenary Session, see www.hnredstar.gov.cn today."
            ),
            vec![
                "the party takes power.",
                "At the Fourth Plenary Session, see www.hnredstar.gov.cn today."
            ]
        );
    }

    #[test]
    fn chinese_sentences_with_closing_quotes() {
        assert_eq!(
            sentences("他说：“走群众路线。”我们同意！真的吗？好"),
            vec!["他说：“走群众路线。”", "我们同意！", "真的吗？", "好"]
        );
    }

    #[test]
    fn paragraphs_by_line_and_by_blank_line() {
        let text = "  first line \nsecond\n\n third\nfourth\n";
        let lines: Vec<&str> = split_paragraphs(text, ParagraphBreak::Line)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lines, vec!["first line", "second", "third", "fourth"]);
        let blocks: Vec<&str> = split_paragraphs(text, ParagraphBreak::BlankLine)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(blocks, vec!["first line \nsecond", "third\nfourth"]);
    }

    /// (unit id, text) of each paragraph, each followed by its sentences'.
    fn numbered(text: &str, mode: ParagraphBreak) -> Vec<(u32, &str)> {
        let units = Segments::split(text, mode).expect("short text");
        let mut out = Vec::new();
        for p in units.paragraphs() {
            out.push((p.unit_id, &text[p.range.clone()]));
            out.extend(p.sentences().map(|s| (s.unit_id, &text[s.range])));
        }
        out
    }

    #[test]
    fn unit_ids_number_paragraphs_then_their_sentences() {
        // Paragraph 1 is unit 1, its sentences 2 and 3; paragraph 2 is unit 4, its sentence 5.
        assert_eq!(
            numbered("One. Two.\nThree.\n", ParagraphBreak::Line),
            [
                (1, "One. Two."),
                (2, "One."),
                (3, "Two."),
                (4, "Three."),
                (5, "Three.")
            ]
        );
        assert_eq!(
            numbered(" 走群众路线。好！\n\n三\n四。\n", ParagraphBreak::BlankLine),
            [
                (1, "走群众路线。好！"),
                (2, "走群众路线。"),
                (3, "好！"),
                (4, "三\n四。"),
                (5, "三\n四。")
            ]
        );
    }

    #[test]
    fn all_sentences_carry_their_paragraphs_numbering() {
        let text = "Ab cd. Ef gh.\nIj kl.\n\nMn op! Qr st? Uv wx.";
        let units = Segments::split(text, ParagraphBreak::Line).unwrap();
        let sentences: Vec<(u32, &str)> = units
            .sentences()
            .map(|s| (s.unit_id, &text[s.range]))
            .collect();
        assert_eq!(
            sentences,
            [
                (2, "Ab cd."),
                (3, "Ef gh."),
                (5, "Ij kl."),
                (7, "Mn op!"),
                (8, "Qr st?"),
                (9, "Uv wx.")
            ]
        );
        assert_eq!(units.paragraph_count(), 3);
        assert_eq!(units.sentence_count(), 6);
        let per_paragraph: Vec<usize> = units.paragraphs().map(|p| p.sentence_count()).collect();
        assert_eq!(per_paragraph, [2, 1, 3]);
    }

    #[test]
    fn empty_and_blank_texts_have_no_units() {
        for text in ["", " ", "\n\n \t\n"] {
            for mode in [ParagraphBreak::Line, ParagraphBreak::BlankLine] {
                let units = Segments::split(text, mode).unwrap();
                assert!(units.is_empty());
                assert_eq!((units.paragraph_count(), units.sentence_count()), (0, 0));
                assert_eq!(units.paragraphs().count(), 0);
                assert_eq!(units.sentences().count(), 0);
                assert_eq!(units.paragraph_at(0), None);
                assert_eq!(units, Segments::default());
            }
        }
    }

    #[test]
    fn paragraph_at_finds_the_paragraph_holding_a_byte() {
        // Paragraphs at bytes 1..4 ("abc"), 5..8 ("def") and 10..13 ("群").
        let text = " abc\ndef\n\n群\n";
        let units = Segments::split(text, ParagraphBreak::Line).unwrap();
        let at = |byte| units.paragraph_at(byte).map(|p| (p.unit_id, p.range));
        let expected = [
            None,
            Some((1, 1..4)),
            Some((1, 1..4)),
            Some((1, 1..4)),
            None, // the line end after "abc"
            Some((3, 5..8)),
            Some((3, 5..8)),
            Some((3, 5..8)),
            None,
            None,
            Some((5, 10..13)),
            Some((5, 10..13)),
            Some((5, 10..13)),
            None, // the last line end
            None, // the end of the text
            None,
        ];
        for (byte, want) in expected.into_iter().enumerate() {
            assert_eq!(at(byte), want, "byte {byte}");
        }
        // The same as looking through every paragraph.
        for byte in 0..=text.len() + 1 {
            let linear = units.paragraphs().find(|p| p.range.contains(&byte));
            assert_eq!(units.paragraph_at(byte), linear, "byte {byte}");
        }
    }

    #[test]
    fn a_paragraph_view_lists_its_own_sentences() {
        let text = "Ab. Cd.\nEf.";
        let units = Segments::split(text, ParagraphBreak::Line).unwrap();
        let p = units.paragraph_at(9).unwrap();
        assert_eq!((p.unit_id, p.range.clone()), (4, 8..11));
        let sentences: Vec<Sentence> = p.sentences().collect();
        assert_eq!(
            sentences,
            [Sentence {
                unit_id: 5,
                range: 8..11
            }]
        );
    }

    #[test]
    fn texts_beyond_the_limits_are_refused() {
        let text = "ab. cd.\nef.";
        // Two paragraphs and three sentences: 11 bytes and 5 units fit a limit of 11.
        assert!(Segments::split_within(text, ParagraphBreak::Line, 11).is_ok());
        assert_eq!(
            Segments::split_within(text, ParagraphBreak::Line, 10),
            Err(SplitError::TextTooLong {
                bytes: 11,
                limit: 10
            })
        );
        // One paragraph of five one-byte sentences: six units in five bytes.
        assert_eq!(
            Segments::split_within("!?!?!", ParagraphBreak::Line, 5),
            Err(SplitError::TooManyUnits { limit: 5 })
        );
        assert!(Segments::split_within("!?!?!", ParagraphBreak::Line, 6).is_ok());
        let message = SplitError::TextTooLong {
            bytes: 5_000_000_000,
            limit: MAX_TEXT_BYTES,
        }
        .to_string();
        assert!(message.contains("5000000000 bytes") && message.contains("4294967295 bytes"));
    }
}
