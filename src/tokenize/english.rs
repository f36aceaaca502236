//! Latin-script (and other non-Han) words: Unicode word boundaries, hyphenated words kept whole,
//! possessives stripped, digits dropped, and Snowball English stemming.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// A word found in a non-Han run, before stopwords are removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset in the run.
    pub start: usize,
    /// The word as written (digits cut away).
    pub text: &'a str,
}

/// Characters that Unicode word boundaries keep inside a word (`power.At`, `Summary:PDF`,
/// `www.example.cn`) but that separate words in the texts corpuscope reads.
const INNER_SEPARATORS: &[char] = &['.', ':', '\u{B7}', '\u{30FB}', '\u{FF0E}', '\u{FF1A}'];

/// The words of a non-Han run: Unicode words (UAX #29), split again at full stops and colons,
/// with runs of digits cut out, so that `19th` gives `th`, `2556307151462344Subject` gives
/// `Subject` and `power.At` gives `power` and `At`; pure numbers vanish. Words joined by one
/// hyphen (`grass-roots`, `party-building`) are one word.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut pieces = text
        .unicode_word_indices()
        .flat_map(|(start, word)| {
            let mut pieces = Vec::new();
            let mut piece_start: Option<usize> = None;
            for (i, c) in word.char_indices() {
                if c.is_numeric() || INNER_SEPARATORS.contains(&c) {
                    if let Some(s) = piece_start.take() {
                        pieces.push((s, i));
                    }
                } else if piece_start.is_none() {
                    piece_start = Some(i);
                }
            }
            if let Some(s) = piece_start {
                pieces.push((s, word.len()));
            }
            pieces.into_iter().filter_map(move |(s, e)| {
                let raw = &word[s..e];
                let piece = raw.trim_matches(|c: char| !c.is_alphabetic());
                if piece.is_empty() {
                    return None;
                }
                let offset =
                    s + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphabetic()).len());
                Some((start + offset, start + offset + piece.len()))
            })
        })
        .peekable();
    std::iter::from_fn(move || {
        let (start, mut end) = pieces.next()?;
        // Join the next piece when only a hyphen separates it: `grass-roots`.
        while let Some(&(next_start, next_end)) = pieces.peek() {
            let between = &text[end..next_start];
            if HYPHENS.contains(&between) {
                end = next_end;
                pieces.next();
            } else {
                break;
            }
        }
        Some(Word {
            start,
            text: &text[start..end],
        })
    })
}

/// Hyphens that join two words into one.
const HYPHENS: &[&str] = &["-", "\u{2010}", "\u{2011}"];

/// The key of a hyphenated word: its letters without hyphens, so that `grass-roots` and
/// `grassroots` are one term.
pub fn unhyphenate(word: &str) -> String {
    word.chars()
        .filter(|&c| !matches!(c, '-' | '\u{2010}' | '\u{2011}'))
        .collect()
}

/// Writes curly apostrophes as `'`, keeping case.
pub fn straighten(word: &str) -> String {
    word.replace('\u{2019}', "'")
}

/// Lowercases a word, writes curly apostrophes as `'`.
pub fn normalize(word: &str) -> String {
    word.chars()
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Strips an English possessive ending: `party's` → `party`, `members'` → `members`,
/// `PARTY'S` → `PARTY`.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("'S"))
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// Snowball English stemmer, or none.
pub struct EnglishStemmer {
    stemmer: Option<Stemmer>,
}

impl std::fmt::Debug for EnglishStemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnglishStemmer")
            .field("enabled", &self.stemmer.is_some())
            .finish()
    }
}

impl EnglishStemmer {
    pub fn new(enabled: bool) -> Self {
        EnglishStemmer {
            stemmer: enabled.then(|| Stemmer::create(Algorithm::English)),
        }
    }

    /// The stem of a lowercased word (the word itself when stemming is off).
    pub fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(word).into_owned(),
            None => word.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).map(|w| w.text).collect()
    }

    #[test]
    fn words_drop_numbers_and_punctuation() {
        assert_eq!(
            texts("At the 19 th CPC, GTID:2556307151462344Subject 4.3% Summary:PDF power.At"),
            vec![
                "At", "the", "th", "CPC", "GTID", "Subject", "Summary", "PDF", "power", "At"
            ]
        );
    }

    #[test]
    fn offsets_point_at_the_word() {
        let s = "see 19th party’s";
        for w in words(s) {
            assert_eq!(&s[w.start..w.start + w.text.len()], w.text);
        }
        assert_eq!(texts(s), vec!["see", "th", "party’s"]);
    }

    #[test]
    fn possessives_and_stems() {
        assert_eq!(strip_possessive(&normalize("Party’s")), "party");
        assert_eq!(strip_possessive(&straighten("Party’s")), "Party");
        assert_eq!(strip_possessive("members'"), "members");
        let stemmer = EnglishStemmer::new(true);
        assert_eq!(stemmer.stem("masses"), "mass");
        assert_eq!(stemmer.stem("connecting"), "connect");
        assert_eq!(EnglishStemmer::new(false).stem("masses"), "masses");
    }
}
