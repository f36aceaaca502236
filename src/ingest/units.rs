//! Units: a document's text split into paragraphs and sentences.

use std::ops::Range;

use crate::config::ParagraphBreak;

/// One paragraph: its byte range in the document's text, its sentences' byte ranges, and its
/// unit id. Unit ids number the paragraphs and sentences of a document in text order from 1, a
/// paragraph before its sentences: paragraph `unit_id`, then sentences `unit_id + 1 …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub unit_id: u32,
    pub range: Range<usize>,
    pub sentences: Vec<Range<usize>>,
}

/// Splits text into paragraphs and sentences, with their unit ids.
pub fn split(text: &str, mode: ParagraphBreak) -> Vec<Paragraph> {
    let mut next_id = 1u32;
    split_paragraphs(text, mode)
        .into_iter()
        .map(|range| {
            let sentences: Vec<Range<usize>> = split_sentences(&text[range.clone()])
                .into_iter()
                .map(|s| s.start + range.start..s.end + range.start)
                .collect();
            let unit_id = next_id;
            next_id += 1 + sentences.len() as u32;
            Paragraph {
                unit_id,
                range,
                sentences,
            }
        })
        .collect()
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

    #[test]
    fn unit_ids_number_paragraphs_then_their_sentences() {
        let paragraphs = split("One. Two.\nThree.\n", ParagraphBreak::Line);
        let ids: Vec<(u32, usize)> = paragraphs
            .iter()
            .map(|p| (p.unit_id, p.sentences.len()))
            .collect();
        // Paragraph 1 is unit 1, its sentences 2 and 3; paragraph 2 is unit 4, its sentence 5.
        assert_eq!(ids, [(1, 2), (4, 1)]);
    }
}
