//! Latin-script (and other non-Han) words: Unicode word boundaries, hyphenated words kept whole,
//! possessives stripped, digits dropped. Their keys (stems, lemmas) are [`super::english_keys`].

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

/// Calls `emit` with each word of a non-Han run, in order: Unicode words (UAX #29), split again
/// at full stops and colons, with runs of digits cut out, so that `19th` gives `th`,
/// `2556307151462344Subject` gives `Subject` and `power.At` gives `power` and `At`; pure numbers
/// vanish. Words joined by one hyphen (`grass-roots`, `party-building`) are one word.
///
/// Stretches of ASCII (split off at CJK punctuation, which always separates words) are cut by a
/// byte scanner that applies the same UAX #29 rules as they stand for ASCII; other stretches go
/// through `unicode-segmentation`, unless they hold no letter at all (CJK punctuation between
/// Han runs), which gives no word. Both give the words `unicode-segmentation` alone gives (a
/// property test compares them with `words_by_unicode`). Nothing is allocated for a stretch
/// whose words are letters only, nearly all of them.
pub fn for_each_word<'a>(text: &'a str, emit: impl FnMut(Word<'a>)) {
    let mut words = Hyphenated {
        text,
        pending: None,
        emit,
    };
    for (offset, part) in split_at_breaks(text) {
        if part.is_ascii() {
            ascii_pieces(part, |s, e| words.push(offset + s, offset + e));
        } else if part.chars().any(char::is_alphabetic) {
            for (s, e) in unicode_pieces(part) {
                words.push(offset + s, offset + e);
            }
        }
    }
    words.finish();
}

/// The words of a non-Han run as [`for_each_word`] gives them, found by `unicode-segmentation`
/// alone:
/// the reference the fast path is checked against.
#[cfg(test)]
fn words_by_unicode(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut out = Vec::new();
    let mut words = Hyphenated {
        text,
        pending: None,
        emit: |w| out.push(w),
    };
    for (s, e) in unicode_pieces(text) {
        words.push(s, e);
    }
    words.finish();
    out.into_iter()
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
    text.unicode_word_indices().flat_map(|(start, word)| {
        let mut pieces = Vec::new();
        word_pieces(word, |s, e| pieces.push((start + s, start + e)));
        pieces
    })
}

/// Calls `emit(start, end)` with the pieces of one UAX #29 word: cut at digits and
/// [`INNER_SEPARATORS`], each trimmed of what is not a letter; empty pieces are left out.
fn word_pieces(word: &str, mut emit: impl FnMut(usize, usize)) {
    let mut piece = |s: usize, e: usize| {
        let raw = &word[s..e];
        let trimmed = raw.trim_matches(|c: char| !c.is_alphabetic());
        if !trimmed.is_empty() {
            let offset =
                s + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphabetic()).len());
            emit(offset, offset + trimmed.len());
        }
    };
    let mut piece_start: Option<usize> = None;
    for (i, c) in word.char_indices() {
        if c.is_numeric() || INNER_SEPARATORS.contains(&c) {
            if let Some(s) = piece_start.take() {
                piece(s, i);
            }
        } else if piece_start.is_none() {
            piece_start = Some(i);
        }
    }
    if let Some(s) = piece_start {
        piece(s, word.len());
    }
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

/// Whether UAX #29 keeps bytes `i - 1` and `i` of `text` in one word (rules WB5 to WB13b; the
/// other rules concern characters outside ASCII or never join word characters).
fn joined(text: &[u8], i: usize) -> bool {
    use Class::*;
    let (before, after) = (class(text[i - 1]), class(text[i]));
    let before2 = || i.checked_sub(2).map(|j| class(text[j]));
    let after2 = || text.get(i + 1).map(|&b| class(b));
    let mid_letter = |c: Class| matches!(c, MidLetter | MidNumLetQ);
    let mid_num = |c: Class| matches!(c, MidNum | MidNumLetQ);
    match (before, after) {
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter, m) if mid_letter(m) => after2() == Some(Letter),
        (m, Letter) if mid_letter(m) => before2() == Some(Letter),
        (Numeric, m) if mid_num(m) => after2() == Some(Numeric),
        (m, Numeric) if mid_num(m) => before2() == Some(Numeric),
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        _ => false,
    }
}

/// [`unicode_pieces`] for ASCII text, without `unicode-segmentation`: calls `emit(start, end)`
/// with each piece. A word of letters only is its own piece; others are cut by [`word_pieces`].
fn ascii_pieces(text: &str, mut emit: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Whether the word so far is letters only, or holds a letter or a digit.
    let mut letters_only = true;
    let mut word_char = false;
    for i in 0..bytes.len() {
        if i > start && !joined(bytes, i) {
            if letters_only {
                emit(start, i);
            } else if word_char {
                word_pieces(&text[start..i], |s, e| emit(start + s, start + e));
            }
            start = i;
            letters_only = true;
            word_char = false;
        }
        let b = bytes[i];
        letters_only &= b.is_ascii_alphabetic();
        word_char |= b.is_ascii_alphanumeric();
    }
    if start < bytes.len() {
        if letters_only {
            emit(start, bytes.len());
        } else if word_char {
            word_pieces(&text[start..], |s, e| emit(start + s, start + e));
        }
    }
}

/// Words from pieces: a piece is joined to the next when only a hyphen separates them
/// (`grass-roots`).
struct Hyphenated<'a, F> {
    text: &'a str,
    /// The word being built, as a byte range.
    pending: Option<(usize, usize)>,
    emit: F,
}

impl<'a, F: FnMut(Word<'a>)> Hyphenated<'a, F> {
    fn push(&mut self, start: usize, end: usize) {
        if let Some((s, e)) = self.pending {
            if HYPHENS.contains(&&self.text[e..start]) {
                self.pending = Some((s, end));
                return;
            }
            (self.emit)(Word {
                start: s,
                text: &self.text[s..e],
            });
        }
        self.pending = Some((start, end));
    }

    fn finish(mut self) {
        if let Some((s, e)) = self.pending.take() {
            (self.emit)(Word {
                start: s,
                text: &self.text[s..e],
            });
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(w));
        out.into_iter()
    }

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
    fn possessives() {
        assert_eq!(strip_possessive(&normalize("Party’s")), "party");
        assert_eq!(strip_possessive(&straighten("Party’s")), "Party");
        assert_eq!(strip_possessive("members'"), "members");
    }
}
