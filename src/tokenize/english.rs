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
///
/// Stretches of ASCII (split off at CJK punctuation, which always separates words) are cut by a
/// byte scanner that applies the same UAX #29 rules as they stand for ASCII; other stretches go
/// through `unicode-segmentation`. Both give the words `unicode-segmentation` alone gives (a
/// property test compares them with `words_by_unicode`).
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let pieces = split_at_breaks(text).flat_map(
        |(offset, part)| -> Box<dyn Iterator<Item = (usize, usize)> + '_> {
            if part.is_ascii() {
                Box::new(
                    ascii_pieces(part)
                        .into_iter()
                        .map(move |(s, e)| (offset + s, offset + e)),
                )
            } else {
                Box::new(unicode_pieces(part).map(move |(s, e)| (offset + s, offset + e)))
            }
        },
    );
    join_hyphenated(text, pieces)
}

/// The words of a non-Han run as [`words`] gives them, found by `unicode-segmentation` alone:
/// the reference the fast path is checked against.
#[cfg(test)]
fn words_by_unicode(text: &str) -> impl Iterator<Item = Word<'_>> {
    join_hyphenated(text, unicode_pieces(text))
}

/// Characters that are word boundaries on both sides in UAX #29 (Word_Break = Other) and common
/// in Chinese text: a run is cut at them, so that the ASCII around them takes the fast path.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\u{3001}' | '\u{3002}' | '\u{3008}'
            ..='\u{3011}' | '\u{201C}' | '\u{201D}' | '\u{2014}' | '\u{2026}'
    )
}

/// The stretches of `text` between [`is_break`] characters, with their offsets.
fn split_at_breaks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split(is_break)
        .filter(|part| !part.is_empty())
        .map(move |part| (part.as_ptr() as usize - base, part))
}

/// Word pieces of `text` as (start, end) byte offsets: Unicode words (UAX #29) cut at digits,
/// full stops and colons, each trimmed of what is not a letter.
fn unicode_pieces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.unicode_word_indices()
        .flat_map(|(start, word)| word_pieces(word).map(move |(s, e)| (start + s, start + e)))
}

/// The pieces of one UAX #29 word: cut at digits and [`INNER_SEPARATORS`], each trimmed of
/// what is not a letter; empty pieces are left out.
fn word_pieces(word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
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
        let offset = s + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphabetic()).len());
        Some((offset, offset + piece.len()))
    })
}

/// UAX #29 word-break classes of ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: A–Z, a–z.
    Letter,
    /// Numeric: 0–9.
    Numeric,
    /// ExtendNumLet: `_`.
    ExtendNumLet,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNumLet and Single_Quote: `.` and `'`.
    MidNumLetQ,
    /// MidNum: `,` and `;`.
    MidNum,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLetQ,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// Whether UAX #29 keeps `classes[i - 1]` and `classes[i]` in one word (rules WB5 to WB13b; the
/// other rules concern characters outside ASCII or never join word characters).
fn joined(classes: &[Class], i: usize) -> bool {
    use Class::*;
    let (before, after) = (classes[i - 1], classes[i]);
    let before2 = i.checked_sub(2).map(|j| classes[j]);
    let after2 = classes.get(i + 1).copied();
    let mid_letter = |c: Class| matches!(c, MidLetter | MidNumLetQ);
    let mid_num = |c: Class| matches!(c, MidNum | MidNumLetQ);
    match (before, after) {
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter, m) if mid_letter(m) => after2 == Some(Letter),
        (m, Letter) if mid_letter(m) => before2 == Some(Letter),
        (Numeric, m) if mid_num(m) => after2 == Some(Numeric),
        (m, Numeric) if mid_num(m) => before2 == Some(Numeric),
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        _ => false,
    }
}

/// [`unicode_pieces`] for ASCII text, without `unicode-segmentation`.
fn ascii_pieces(text: &str) -> Vec<(usize, usize)> {
    let classes: Vec<Class> = text.bytes().map(class).collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=classes.len() {
        if i < classes.len() && joined(&classes, i) {
            continue;
        }
        let word = &classes[start..i];
        if word
            .iter()
            .any(|c| matches!(c, Class::Letter | Class::Numeric))
        {
            out.extend(word_pieces(&text[start..i]).map(|(s, e)| (start + s, start + e)));
        }
        start = i;
    }
    out
}

/// Words from pieces: a piece is joined to the next when only a hyphen separates them
/// (`grass-roots`).
fn join_hyphenated<'a>(
    text: &'a str,
    pieces: impl Iterator<Item = (usize, usize)> + 'a,
) -> impl Iterator<Item = Word<'a>> + 'a {
    let mut pieces = pieces.peekable();
    std::iter::from_fn(move || {
        let (start, mut end) = pieces.next()?;
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

    fn pieces_of(s: &str) -> Vec<(usize, &str)> {
        words(s).map(|w| (w.start, w.text)).collect()
    }

    fn pieces_by_unicode(s: &str) -> Vec<(usize, &str)> {
        words_by_unicode(s).map(|w| (w.start, w.text)).collect()
    }

    #[test]
    fn the_ascii_scanner_follows_uax29_where_it_matters() {
        for s in [
            "don't rock'n'roll a'1 1'a 'tis a''b a_b a__b _a b_ a_1b 1,000a a,b a;b 3.14 e.g. x:y",
            "grass-roots party-building a--b -a b- 19th 4.3% GTID:123Subject power.At",
            "CPC，mass line。the “party” 《news》—a…b e\u{301}t\u{e9} caf\u{e9}’s",
        ] {
            assert_eq!(pieces_of(s), pieces_by_unicode(s), "{s}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_fast_path_gives_the_words_unicode_segmentation_gives(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'b', 'Z', '1', '0', '_', '\'', '.', ':', ',', ';', '-', ' ', '\n', '%', '(',
                '\u{e9}', '\u{301}', '\u{2019}', '\u{b7}', '\u{3002}', '\u{3001}', '\u{201c}',
                '\u{2014}', '\u{2010}', '\u{ff0c}', '\u{200d}', '\u{30a2}', '\u{5c}',
            ]), 0..40),
        ) {
            let s: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(pieces_of(&s), pieces_by_unicode(&s));
        }
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
