//! Tokenize: documents → streams of interned term ids.
//!
//! Second stage of the flow. Each sentence is cut into script runs ([`script`]); Han runs go to
//! jieba-rs ([`chinese`]), the others are split into Unicode words, lowercased and stemmed
//! ([`english`]). Stopwords, numbers and punctuation are dropped. Documents are tokenized in
//! parallel; term ids are then assigned in document order, so they do not depend on the thread
//! count. An English term is shown in the most frequent surface form among the words sharing
//! its stem (`masses`, not `mass`); the stem stays available as the term's key.

pub mod chinese;
pub mod english;
pub mod script;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::config::Config;
use crate::ingest::Document;
use crate::progress::Progress;
use chinese::ChineseSegmenter;
use english::EnglishStemmer;

/// The language of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Chinese: words of Han characters.
    Zh,
    /// English: words of Latin letters.
    En,
    /// Words of other scripts, kept whole and lowercased.
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
}

/// One token of a text: where it is, how it was written, and the term it counts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word as written.
    pub surface: String,
    /// The normalised form (lowercased, possessive stripped) shown for the term.
    pub form: String,
    /// The term's key: the stem for English, the word itself otherwise.
    pub key: String,
    pub lang: Lang,
}

/// Turns text into tokens. Built once per run and shared by all threads.
#[derive(Debug)]
pub struct Tokenizer {
    chinese: ChineseSegmenter,
    stemmer: EnglishStemmer,
    stopwords: HashSet<String>,
    min_word_length: usize,
}

impl Tokenizer {
    pub fn new(config: &Config) -> Self {
        let t = &config.settings.tokenize;
        Tokenizer {
            chinese: ChineseSegmenter::new(&config.dictionary, t.hmm),
            stemmer: EnglishStemmer::new(t.stem),
            stopwords: config.stopwords.clone(),
            min_word_length: t.min_word_length,
        }
    }

    /// The tokens of `text`, in order; stopwords, numbers and punctuation are left out.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut cache = HashMap::new();
        self.each_token(text, &mut cache, |range, surface, form, key, lang| {
            out.push(Token {
                range,
                surface: surface.to_string(),
                form: form.to_string(),
                key: key.to_string(),
                lang,
            })
        });
        out
    }

    /// Calls `emit(range, surface, form, key, lang)` for each kept token of `text`. `cache` maps
    /// a surface word to its analysis (or to `None` for a dropped word), so that each distinct
    /// word is lowercased, looked up and stemmed once.
    fn each_token<'t, F>(&self, text: &'t str, cache: &mut WordCache, mut emit: F)
    where
        F: FnMut(Range<usize>, &'t str, &str, &str, Lang),
    {
        for run in script::runs(text) {
            if run.han {
                for (offset, word) in self.chinese.segment(run.text) {
                    if word.trim().is_empty() || self.stopwords.contains(word) {
                        continue;
                    }
                    let start = run.start + offset;
                    emit(start..start + word.len(), word, word, word, Lang::Zh);
                }
            } else {
                for w in english::words(run.text) {
                    let analysed = cache
                        .entry(w.text.to_string())
                        .or_insert_with(|| self.analyse_word(w.text));
                    if let Some((form, key, lang)) = analysed {
                        let start = run.start + w.start;
                        emit(start..start + w.text.len(), w.text, form, key, *lang);
                    }
                }
            }
        }
    }

    /// Form, key and language of a non-Han word, or `None` when it is dropped.
    fn analyse_word(&self, word: &str) -> Option<(String, String, Lang)> {
        let lower = english::normalize(word);
        if self.stopwords.contains(&lower) {
            return None;
        }
        let form = english::strip_possessive(&lower);
        if form.chars().count() < self.min_word_length || self.stopwords.contains(form) {
            return None;
        }
        if form
            .chars()
            .all(|c| !c.is_alphabetic() || script::is_latin_letter(c))
        {
            Some((form.to_string(), self.stemmer.stem(form), Lang::En))
        } else {
            Some((form.to_string(), form.to_string(), Lang::Other))
        }
    }
}

type WordCache = HashMap<String, Option<(String, String, Lang)>>;

/// A term of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// How the term is shown: the word for Chinese, the most frequent surface form for English.
    pub display: String,
    /// The key words are counted under: the stem for English, the word otherwise.
    pub key: String,
    pub lang: Lang,
}

/// Every term of the corpus; a term id indexes `terms`.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub terms: Vec<Term>,
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A document's tokens as term ids, with its sentence and paragraph boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTokens {
    /// Term id of each token, in document order.
    pub terms: Vec<u32>,
    /// Token index where each sentence ends (exclusive); sentence `i` is
    /// `sentence_ends[i-1]..sentence_ends[i]`. Sentences without tokens are kept (empty).
    pub sentence_ends: Vec<u32>,
    /// Token index where each paragraph ends (exclusive), as for sentences.
    pub paragraph_ends: Vec<u32>,
}

impl DocTokens {
    /// Token ranges of the sentences.
    pub fn sentences(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        ranges(&self.sentence_ends)
    }

    /// Token ranges of the paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        ranges(&self.paragraph_ends)
    }
}

fn ranges(ends: &[u32]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0usize;
    ends.iter().map(move |&e| {
        let r = start..e as usize;
        start = e as usize;
        r
    })
}

/// A document tokenized against its own local term ids, before the corpus-wide merge.
struct LocalDoc {
    keys: Vec<(Lang, String)>,
    /// (local id, form) → occurrences.
    forms: HashMap<(u32, String), u64>,
    tokens: DocTokens,
}

fn tokenize_local(tokenizer: &Tokenizer, doc: &Document) -> LocalDoc {
    let mut ids: HashMap<(Lang, String), u32> = HashMap::new();
    let mut keys = Vec::new();
    let mut forms: HashMap<(u32, String), u64> = HashMap::new();
    let mut tokens = DocTokens::default();
    let mut cache = WordCache::new();
    for paragraph in &doc.paragraphs {
        for sentence in &paragraph.sentences {
            tokenizer.each_token(
                &doc.text[sentence.clone()],
                &mut cache,
                |_, _, form, key, lang| {
                    let next = keys.len() as u32;
                    let id = *ids.entry((lang, key.to_string())).or_insert_with(|| {
                        keys.push((lang, key.to_string()));
                        next
                    });
                    *forms.entry((id, form.to_string())).or_insert(0) += 1;
                    tokens.terms.push(id);
                },
            );
            tokens.sentence_ends.push(tokens.terms.len() as u32);
        }
        tokens.paragraph_ends.push(tokens.terms.len() as u32);
    }
    LocalDoc {
        keys,
        forms,
        tokens,
    }
}

/// Tokenizes every analysed document in parallel and interns the terms. Skipped documents get
/// empty token streams. Term ids follow first appearance in document order.
pub fn tokenize_corpus(
    docs: &[Document],
    tokenizer: &Tokenizer,
    progress: &dyn Progress,
) -> (Vocabulary, Vec<DocTokens>) {
    progress.start("tokenize", docs.iter().map(|d| d.text.len() as u64).sum());
    let locals: Vec<Option<LocalDoc>> = docs
        .par_iter()
        .map(|doc| {
            let local = doc.is_ok().then(|| tokenize_local(tokenizer, doc));
            progress.advance(doc.text.len() as u64);
            local
        })
        .collect();
    progress.finish();

    let mut ids: HashMap<(Lang, String), u32> = HashMap::new();
    let mut keys: Vec<(Lang, String)> = Vec::new();
    let mut form_counts: Vec<HashMap<String, u64>> = Vec::new();
    let mut streams = Vec::with_capacity(docs.len());
    for local in locals {
        let Some(local) = local else {
            streams.push(DocTokens::default());
            continue;
        };
        let map: Vec<u32> = local
            .keys
            .into_iter()
            .map(|key| {
                let next = keys.len() as u32;
                *ids.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    form_counts.push(HashMap::new());
                    next
                })
            })
            .collect();
        for ((local_id, form), n) in local.forms {
            *form_counts[map[local_id as usize] as usize]
                .entry(form)
                .or_insert(0) += n;
        }
        let mut tokens = local.tokens;
        for t in &mut tokens.terms {
            *t = map[*t as usize];
        }
        streams.push(tokens);
    }
    let terms = keys
        .into_iter()
        .zip(form_counts)
        .map(|((lang, key), forms)| Term {
            display: most_frequent_form(forms).unwrap_or_else(|| key.clone()),
            key,
            lang,
        })
        .collect();
    (Vocabulary { terms }, streams)
}

/// The most frequent form; ties go to the alphabetically first, so the choice is stable.
fn most_frequent_form(forms: HashMap<String, u64>) -> Option<String> {
    forms
        .into_iter()
        .max_by(|(fa, na), (fb, nb)| na.cmp(nb).then_with(|| fb.cmp(fa)))
        .map(|(form, _)| form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_frequent_form_breaks_ties_alphabetically() {
        let forms: HashMap<String, u64> =
            [("masses".to_string(), 3), ("mass".to_string(), 1)].into();
        assert_eq!(most_frequent_form(forms).as_deref(), Some("masses"));
        let tie: HashMap<String, u64> = [("b".to_string(), 2), ("a".to_string(), 2)].into();
        assert_eq!(most_frequent_form(tie).as_deref(), Some("a"));
    }
}
