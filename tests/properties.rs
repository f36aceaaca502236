//! Properties that hold for any input, checked on generated inputs (proptest): decoding never
//! panics and gives UTF-8 text back unchanged; normalising is idempotent; units and tokens lie
//! inside the text on character boundaries; a token is its surface text, with a non-empty term
//! key; tokenizing the tokens again gives the same tokens; the `tokenize` command places each
//! token where it is written in the text as given.

use std::sync::OnceLock;

use corpuscope::config::{ParagraphBreak, Settings};
use corpuscope::ingest::{Segments, clean, decode};
use corpuscope::tokenize::{Token, Tokenizer};
use proptest::prelude::*;

fn tokenizer(hmm: bool) -> &'static Tokenizer {
    static WITH_HMM: OnceLock<Tokenizer> = OnceLock::new();
    static WITHOUT_HMM: OnceLock<Tokenizer> = OnceLock::new();
    let cell = if hmm { &WITH_HMM } else { &WITHOUT_HMM };
    cell.get_or_init(|| {
        let mut s = Settings::builtin_default();
        s.tokenize.hmm = hmm;
        Tokenizer::new(&s.validate().expect("default config"))
    })
}

const ENGLISH: &[&str] = &[
    "the",
    "Masses",
    "mass",
    "party's",
    "Party’s",
    "grass-roots",
    "CPC",
    "U.S.",
    "don't",
    "cadres",
    "serve",
    "running",
    "x",
    "e-mail",
    "co-operation",
    "Beijing",
    "naïve",
    "café",
    "ｆｕｌｌ",
    "12",
    "3.5",
    "A1",
    "ПАРТИЯ",
    "κόμμα",
    "ひらがな",
];
const CHINESE: &[&str] = &[
    "群众",
    "路线",
    "群众路线",
    "党",
    "的",
    "是",
    "坚持",
    "干部",
    "基层",
    "治理",
    "联系",
    "密切",
    "全心全意",
    "为人民服务",
    "一",
    "国",
    "㐀",
    "𠮷",
    "新时代",
    "党员",
];
const BETWEEN: &[&str] = &[
    " ", "  ", "\n", "\r\n", "\t", ", ", ". ", "。", "，", "！", "? ", "“", "”", "-", "'", "’",
    "\u{3000}", "\u{200B}", "(", ")", "/", "",
];

/// Text made of the given words with separators between them.
fn text_of(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(words), prop::sample::select(BETWEEN)),
        0..30,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(w, b)| [w, b]).collect())
}

/// Mixed Chinese and English text, or any text at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        text_of(ENGLISH),
        text_of(CHINESE),
        prop::collection::vec(
            (
                prop::sample::select(ENGLISH),
                prop::sample::select(CHINESE),
                prop::sample::select(BETWEEN)
            ),
            0..20
        )
        .prop_map(|parts| parts.into_iter().flat_map(|(e, z, b)| [e, z, b]).collect()),
        any::<String>(),
    ]
}

fn check_tokens(text: &str, tokens: &[Token]) -> Result<(), TestCaseError> {
    let mut previous_end = 0;
    for t in tokens {
        prop_assert_eq!(text.get(t.range.clone()), Some(t.surface.as_str()));
        prop_assert!(t.range.start >= previous_end && t.range.start < t.range.end);
        prop_assert!(!t.key.trim().is_empty(), "empty key in {:?}", t);
        prop_assert!(!t.form.trim().is_empty(), "empty form in {:?}", t);
        previous_end = t.range.end;
    }
    Ok(())
}

fn surfaces(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|t| t.surface.as_str()).collect()
}

/// The tokens of `text`, and the tokens of those tokens' surfaces joined by spaces.
fn tokens_twice(tokenizer: &Tokenizer, text: &str) -> (Vec<Token>, Vec<Token>) {
    let tokens = tokenizer.tokens(text);
    let again = tokenizer.tokens(&surfaces(&tokens).join(" "));
    (tokens, again)
}

/// Characters where NFKC does something: combining marks that compose with the letter before
/// them or are reordered, full-width and compatibility forms, Hangul jamo that compose into
/// syllables, compatibility ideographs, ligatures; mixed with the ASCII, Han and CJK
/// punctuation that the fast path copies.
fn nfkc_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            'a', 'e', 'o', 'A', 'n', ' ', '.', '1', '\n', '群', '众', '。', '、', '《', '」', '“',
            '’', '\u{3000}', '，', '：', 'Ａ', '１', 'ﬁ', 'Å', 'é', '\u{212B}', '\u{2126}', '½',
            '\u{F900}', '\u{FA0E}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{AC00}', '…', '™',
        ]),
        3 => (0x0300u32..0x0310).prop_map(|c| char::from_u32(c).unwrap_or('a')),
        1 => (0x0300u32..0x0370).prop_map(|c| char::from_u32(c).unwrap_or('a')),
        1 => (0x3000u32..0x3100).prop_map(|c| char::from_u32(c).unwrap_or('a')),
        1 => (0xFF00u32..0xFFF0).prop_map(|c| char::from_u32(c).unwrap_or('a')),
        1 => (0x2000u32..0x2100).prop_map(|c| char::from_u32(c).unwrap_or('a')),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_fast_nfkc_is_the_nfkc_of_the_whole_text(
        chars in prop::collection::vec(nfkc_char(), 0..60),
    ) {
        use unicode_normalization::UnicodeNormalization;
        let text: String = chars.into_iter().collect();
        let whole: String = text.nfkc().collect();
        prop_assert_eq!(clean::nfkc_of(&text), whole);
    }

    #[test]
    fn decoding_any_bytes_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        fixed in prop::sample::select(vec![
            None,
            Some(encoding_rs::GB18030),
            Some(encoding_rs::BIG5),
            Some(encoding_rs::UTF_16LE),
        ]),
    ) {
        if let Ok(d) = decode::decode(&bytes, fixed) {
            prop_assert!(d.errors <= bytes.len() as u64);
        }
    }

    #[test]
    fn utf8_text_is_decoded_unchanged(text in any_text()) {
        // Text without NUL and without a byte-order mark (which would be removed).
        let text = text.replace(['\0', '\u{FEFF}'], "");
        let d = decode::decode(text.as_bytes(), None).expect("text");
        prop_assert_eq!(d.text, text);
        prop_assert_eq!(d.errors, 0);
    }

    #[test]
    fn normalising_twice_changes_nothing(text in any_text(), nfkc: bool, t2s: bool) {
        let once = clean::normalize(&text, nfkc, t2s);
        prop_assert_eq!(clean::normalize(&once, nfkc, t2s), once);
    }

    #[test]
    fn units_lie_inside_the_text_numbered_in_order(text in any_text(), blank_line: bool) {
        let text = clean::normalize(&text, true, false);
        let mode = if blank_line { ParagraphBreak::BlankLine } else { ParagraphBreak::Line };
        let units = Segments::split(&text, mode).expect("a short text");
        let (mut previous_end, mut next_id) = (0, 1);
        for p in units.paragraphs() {
            prop_assert!(text.get(p.range.clone()).is_some());
            prop_assert!(p.range.start >= previous_end && p.range.start < p.range.end);
            prop_assert_eq!(p.unit_id, next_id);
            next_id += 1;
            let mut sentence_end = p.range.start;
            for s in p.sentences() {
                prop_assert!(text.get(s.range.clone()).is_some());
                prop_assert!(sentence_end <= s.range.start && s.range.end <= p.range.end);
                prop_assert_eq!(s.unit_id, next_id);
                next_id += 1;
                sentence_end = s.range.end;
            }
            previous_end = p.range.end;
        }
        // The binary search finds what a walk through the paragraphs finds.
        for byte in 0..=text.len() {
            let linear = units.paragraphs().find(|p| p.range.contains(&byte));
            prop_assert_eq!(units.paragraph_at(byte), linear);
        }
    }
}

proptest! {
    // Tokenizing is slower in a debug build: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tokens_are_their_surface_text_with_non_empty_terms(text in any_text(), hmm: bool) {
        check_tokens(&text, &tokenizer(hmm).tokens(&text))?;
    }

    #[test]
    fn inspected_tokens_are_placed_in_the_text_as_given(
        text in prop_oneof![
            any_text(),
            prop::collection::vec(nfkc_char(), 0..60).prop_map(|c| c.into_iter().collect()),
        ],
        nfkc: bool,
        t2s: bool,
    ) {
        // Each token's characters in the text as given, cleaned, hold the token (out of its
        // context, Traditional → Simplified may convert a character differently: checked
        // without it).
        let length = text.chars().count();
        let placed =
            corpuscope::tokenize::inspect::inspect_with(tokenizer(true), nfkc, t2s, &text);
        let mut previous = 0;
        for p in &placed {
            prop_assert!(p.chars.start < p.chars.end && p.chars.end <= length, "{:?}", p);
            prop_assert!(p.chars.start >= previous, "{:?}", p);
            previous = p.chars.start;
            let written: String = text.chars().skip(p.chars.start).take(p.chars.len()).collect();
            if !t2s {
                let cleaned = clean::normalize(&written, nfkc, false);
                prop_assert!(cleaned.contains(p.token.surface.as_str()), "{:?} from {:?}", p, written);
            }
        }
    }

    #[test]
    fn english_tokens_tokenize_to_themselves(text in text_of(ENGLISH)) {
        let (tokens, again) = tokens_twice(tokenizer(true), &text);
        prop_assert_eq!(surfaces(&again), surfaces(&tokens));
        let keys = |t: &[Token]| t.iter().map(|t| t.key.clone()).collect::<Vec<_>>();
        prop_assert_eq!(keys(&again), keys(&tokens));
    }

    #[test]
    fn chinese_words_segment_to_themselves_without_hmm(text in text_of(CHINESE)) {
        // Without the HMM, jieba's best segmentation of a word it chose is that word.
        let (tokens, again) = tokens_twice(tokenizer(false), &text);
        prop_assert_eq!(surfaces(&again), surfaces(&tokens));
    }
}
