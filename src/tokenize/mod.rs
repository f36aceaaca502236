//! Tokenize: documents → streams of interned term ids.
//!
//! Second stage of the flow. Each sentence is cut into script runs ([`script`]); Han runs go to
//! jieba-rs ([`chinese`]), the others are split into Unicode words, lowercased and stemmed
//! ([`english`]). Stopwords, numbers and punctuation are dropped.
//!
//! The corpus pass ([`tokenize_corpus`]) has a map side, `batch` (documents tokenized in parallel
//! against per-worker word tables keyed by text), a reduce side, `corpus` (each batch renumbered
//! into the corpus's ids in document order, so they do not depend on the thread count), and the
//! corpus-wide decisions that feed back into the tokens: [`phrases`], then the vocabulary and its
//! display forms (`vocabulary`). An English term is shown in the most frequent surface form among the words sharing
//! its stem (`masses`, not `mass`); the stem stays available as the term's key.

mod batch;
pub mod chinese;
mod corpus;
pub mod english;
pub mod inspect;
pub mod keywords;
pub mod phrases;
pub mod script;
mod stream;
mod vocabulary;

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use crate::config::{Config, OtherScripts, TermSource};
use crate::ingest::Document;
use chinese::ChineseSegmenter;
pub use corpus::{CorpusTokens, Tokenized, tokenize_corpus};
use english::EnglishStemmer;
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
    /// The term's key: the stem of the lowercased, unhyphenated word for English, the word
    /// itself otherwise.
    pub key: String,
    pub lang: Lang,
}

/// Turns text into tokens. Built once per run and shared by all threads.
#[derive(Debug)]
pub struct Tokenizer {
    chinese: ChineseSegmenter,
    stemmer: EnglishStemmer,
    stopwords: HashSet<String>,
    keep_single: HashSet<String>,
    zh_pos: Vec<String>,
    min_word_length: usize,
    zh_min_length: usize,
    other_scripts: OtherScripts,
    source: TermSource,
    keyword_field: String,
    thesaurus: keywords::Thesaurus,
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
            stemmer: EnglishStemmer::new(t.stem),
            stopwords: config.stopwords.clone(),
            keep_single: config.keep_single.clone(),
            zh_pos: t.zh_pos.clone(),
            min_word_length: t.min_word_length,
            zh_min_length: t.zh_min_length,
            other_scripts: t.other_scripts,
            source: config.settings.terms.source,
            keyword_field: config.settings.terms.keyword_field.clone(),
            thesaurus: keywords::Thesaurus::from_rows(&config.thesaurus),
        }
    }

    /// A document's keyword terms: (form, key, language) of each distinct keyword of its
    /// `terms.keyword_field`, after the thesaurus, in order.
    pub fn keyword_terms(&self, doc: &Document) -> Vec<(String, String, Lang)> {
        let Some((_, value)) = doc.metadata.iter().find(|(k, _)| *k == self.keyword_field) else {
            return Vec::new();
        };
        let stem = |w: &str| self.stemmer.stem(w);
        let mut out: Vec<(String, String, Lang)> = Vec::new();
        for keyword in keywords::keyword_list(value) {
            let form = match self.thesaurus.lookup(&keyword) {
                keywords::Replacement::Keep => keyword,
                keywords::Replacement::Remove => continue,
                keywords::Replacement::By(r) => r.to_string(),
            };
            let (lang, key) = keywords::key_of(&form, &stem);
            if !out.iter().any(|(_, k, l)| *l == lang && *k == key) {
                out.push((form, key, lang));
            }
        }
        out
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
    /// (those of an unwanted part of speech left out), other words as split by
    /// [`english::for_each_word`]. Whether a word is kept, and as what term, is [`Tokenizer::outcome`].
    fn each_word<'t, F>(&'t self, text: &'t str, mut emit: F)
    where
        F: FnMut(Range<usize>, Word<'t>),
    {
        for run in script::runs(text) {
            if run.han {
                if self.zh_pos.is_empty() {
                    for (offset, word) in self.chinese.segment(run.text) {
                        let start = run.start + offset;
                        emit(start..start + word.len(), Word::Han(word));
                    }
                } else {
                    for (offset, word, tag) in self.chinese.segment_tagged(run.text) {
                        if self.zh_pos.iter().any(|p| tag.starts_with(p.as_str())) {
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
                .keep_chinese(w)
                .then(|| (w.to_string(), w.to_string(), Lang::Zh)),
            Word::Other(w) => self.analyse_word(w),
        }
    }

    fn keep_chinese(&self, word: &str) -> bool {
        !word.trim().is_empty()
            && !self.stopwords.contains(word)
            && (word.chars().count() >= self.zh_min_length || self.keep_single.contains(word))
    }

    /// Form, key and language of a non-Han word, or `None` when it is dropped.
    fn analyse_word(&self, word: &str) -> Analysis {
        let lower = english::normalize(word);
        if self.stopwords.contains(&lower) {
            return None;
        }
        let lower = english::strip_possessive(&lower);
        if lower.chars().count() < self.min_word_length || self.stopwords.contains(lower) {
            return None;
        }
        let straight = english::straighten(word);
        let form = english::strip_possessive(&straight).to_string();
        if form
            .chars()
            .all(|c| !c.is_alphabetic() || script::is_latin_letter(c))
        {
            let key = self.stemmer.stem(&english::unhyphenate(lower));
            Some((form, key, Lang::En))
        } else if self.other_scripts == OtherScripts::Keep {
            Some((form, lower.to_string(), Lang::Other))
        } else {
            None
        }
    }
}
