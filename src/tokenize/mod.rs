//! Tokenize: documents → streams of interned term ids.
//!
//! Second stage of the flow. Each sentence is cut into script runs ([`runs`]); Han runs go to
//! jieba-rs ([`chinese`]), the others are split into Unicode words ([`english`]), lowercased and
//! keyed by their Snowball stem, lemma or themselves ([`english_keys`], `english.normalize`). Stopwords, numbers and punctuation are dropped (the word [`filters`]).
//!
//! The corpus pass ([`tokenize_corpus`]) has a map side, `batch` (documents tokenized in parallel
//! against per-worker word tables keyed by text), a reduce side, `corpus` (each batch renumbered
//! into the corpus's ids in document order, so they do not depend on the thread count), and the
//! corpus-wide decisions that feed back into the tokens: [`phrases`], then the vocabulary and its
//! display forms (`vocabulary`), then the [`thesaurus`]. An English term is shown in the most frequent surface form among the words sharing
//! its key (`masses`, not `mass`); the key stays available as the term's `stem`.

mod batch;
pub mod chinese;
mod corpus;
pub mod english;
pub mod english_keys;
pub mod filters;
pub mod inspect;
pub mod interner;
pub mod keyword_terms;
pub mod phrases;
pub mod runs;
mod stream;
pub mod thesaurus;
mod vocabulary;

use std::ops::Range;

use crate::config::{Config, TermSource};
use chinese::ChineseSegmenter;
pub use corpus::{CorpusTokens, Tokenized, tokenize_corpus};
use english_keys::EnglishKeys;
use filters::{KeepSingle, MinLength, NonBlank, PartOfSpeech, ScriptFilter, Stopwords};
pub use interner::Interner;
pub use phrases::Phrase;
pub use stream::DocTokens;
pub use vocabulary::{Term, Vocabulary, display_form};

/// The language of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Chinese: words of Han characters.
    Zh,
    /// English: words of Latin letters.
    En,
    /// Words of other scripts, kept whole.
    Other,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }

    /// What joins the words of a phrase in this language.
    pub fn joiner(self) -> &'static str {
        match self {
            Lang::Zh => "",
            _ => " ",
        }
    }
}

/// One token of a text: where it is, how it was written, and the term it counts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word as written.
    pub surface: String,
    /// The surface form counted for the term's display: possessive stripped, apostrophes
    /// straightened, case kept.
    pub form: String,
    /// The term's key: for English, the lowercased, unhyphenated word's Snowball stem (or the key
    /// a stem exception list gives), lemma or itself, by `english.normalize`; the word itself
    /// otherwise.
    pub key: String,
    pub lang: Lang,
}

/// Turns text into tokens: script runs cut into words, each passed through the
/// [`filters`] in order. Built once per run and shared by all threads.
#[derive(Debug)]
pub struct Tokenizer {
    chinese: ChineseSegmenter,
    english: EnglishKeys,
    stopwords: Stopwords,
    keep_single: KeepSingle,
    zh_pos: PartOfSpeech,
    /// `tokenize.min_word_length`, for words of Latin and other scripts.
    word_length: MinLength,
    /// `tokenize.zh_min_length`, for Han words.
    han_length: MinLength,
    scripts: ScriptFilter,
    source: TermSource,
    keyword_field: String,
    thesaurus: thesaurus::Thesaurus,
}

/// How a word is analysed: its form, key and language, or `None` when dropped.
type Analysis = Option<(String, String, Lang)>;

/// A word as cut from a text, before stopwords are removed.
#[derive(Debug, Clone, Copy)]
enum Word<'a> {
    /// A word of a Han run, as jieba segmented it.
    Han(&'a str),
    /// A word of another run, as [`english::for_each_word`] splits it.
    Other(&'a str),
}

impl Tokenizer {
    pub fn new(config: &Config) -> Self {
        let t = &config.settings.tokenize;
        Tokenizer {
            chinese: ChineseSegmenter::new(&config.dictionary, t.hmm),
            english: EnglishKeys::new(&config.english),
            stopwords: Stopwords::new(config.stopwords.clone()),
            keep_single: KeepSingle::new(config.keep_single.clone()),
            zh_pos: PartOfSpeech::new(t.zh_pos.clone()),
            word_length: MinLength::new(t.min_word_length),
            han_length: MinLength::new(t.zh_min_length),
            scripts: ScriptFilter::new(t.other_scripts),
            source: config.settings.terms.source,
            keyword_field: config.settings.terms.keyword_field.clone(),
            thesaurus: thesaurus::Thesaurus::from_rows(&config.thesaurus),
        }
    }

    /// The tokens of `text`, in order; stopwords, numbers and punctuation are left out.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.each_word(text, |range, word| {
            let analysed = self.outcome(word);
            if let Some((form, key, lang)) = analysed {
                out.push(Token {
                    surface: text[range.clone()].to_string(),
                    range,
                    form,
                    key,
                    lang,
                });
            }
        });
        out
    }

    /// Calls `emit(range, word)` for each word of `text`, in order: Han words as segmented
    /// (those of an unwanted part of speech left out, [`PartOfSpeech`]), other words as split by
    /// [`english::for_each_word`]. Whether a word is kept, and as what term, is [`Tokenizer::outcome`].
    fn each_word<'t, F>(&'t self, text: &'t str, mut emit: F)
    where
        F: FnMut(Range<usize>, Word<'t>),
    {
        for run in runs::runs(text) {
            if run.han {
                if self.zh_pos.keeps_all() {
                    for (offset, word) in self.chinese.segment(run.text) {
                        let start = run.start + offset;
                        emit(start..start + word.len(), Word::Han(word));
                    }
                } else {
                    for (offset, word, tag) in self.chinese.segment_tagged(run.text) {
                        if self.zh_pos.keep(tag) {
                            let start = run.start + offset;
                            emit(start..start + word.len(), Word::Han(word));
                        }
                    }
                }
            } else {
                english::for_each_word(run.text, |w| {
                    let start = run.start + w.start;
                    emit(start..start + w.text.len(), Word::Other(w.text));
                });
            }
        }
    }

    /// Form, key and language of a word, or `None` when it is dropped.
    fn outcome(&self, word: Word<'_>) -> Analysis {
        match word {
            Word::Han(w) => self
                .keep_han(w)
                .then(|| (w.to_string(), w.to_string(), Lang::Zh)),
            Word::Other(w) => self.analyse_word(w),
        }
    }

    /// Whether a Han word is kept: not blank, not a stopword, and long enough unless the
    /// keep-single list holds it.
    #[inline]
    fn keep_han(&self, word: &str) -> bool {
        NonBlank.keep(word)
            && self.stopwords.keep(word)
            && (self.han_length.keep(word) || self.keep_single.keep(word))
    }

    /// Form, key and language of a non-Han word, or `None` when it is dropped: lowercased and
    /// checked against the stopwords, then, its possessive stripped, against the minimum length
    /// and the stopwords again; an English word is keyed by [`EnglishKeys::key`], a word of
    /// another script by itself in lowercase.
    fn analyse_word(&self, word: &str) -> Analysis {
        let lower = english::normalize(word);
        if !self.stopwords.keep(&lower) {
            return None;
        }
        let lower = english::strip_possessive(&lower);
        if !(self.word_length.keep(lower) && self.stopwords.keep(lower)) {
            return None;
        }
        let straight = english::straighten(word);
        let form = english::strip_possessive(&straight).to_string();
        let lang = self.scripts.lang(&form)?;
        let key = match lang {
            Lang::En => self.english.key(&english::unhyphenate(lower)),
            Lang::Zh | Lang::Other => lower.to_string(),
        };
        Some((form, key, lang))
    }
}
