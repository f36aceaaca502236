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
pub mod phrases;
pub mod script;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::config::{Config, OtherScripts};
use crate::error::{Error, Result};
use crate::ingest::Document;
use crate::progress::Progress;
use chinese::ChineseSegmenter;
use english::EnglishStemmer;
pub use phrases::Phrase;

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
}

/// How a non-Han word is analysed: its form, key and language, or `None` when dropped.
type Analysis = Option<(String, String, Lang)>;
type WordCache = HashMap<String, Analysis>;

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
        }
    }

    /// The tokens of `text`, in order; stopwords, numbers and punctuation are left out.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut cache = WordCache::default();
        self.each_token(text, &mut cache, |range, form, key, lang| {
            out.push(Token {
                surface: text[range.clone()].to_string(),
                range,
                form: form.to_string(),
                key: key.to_string(),
                lang,
            })
        });
        out
    }

    /// Calls `emit(range, form, key, lang)` for each kept token of `text`. `cache` maps a
    /// surface word to its analysis, so that each distinct word is lowercased, looked up and
    /// stemmed once.
    fn each_token<F>(&self, text: &str, cache: &mut WordCache, mut emit: F)
    where
        F: FnMut(Range<usize>, &str, &str, Lang),
    {
        for run in script::runs(text) {
            if run.han {
                if self.zh_pos.is_empty() {
                    for (offset, word) in self.chinese.segment(run.text) {
                        if self.keep_chinese(word) {
                            let start = run.start + offset;
                            emit(start..start + word.len(), word, word, Lang::Zh);
                        }
                    }
                } else {
                    for (offset, word, tag) in self.chinese.segment_tagged(run.text) {
                        let tag_ok = self.zh_pos.iter().any(|p| tag.starts_with(p.as_str()));
                        if tag_ok && self.keep_chinese(word) {
                            let start = run.start + offset;
                            emit(start..start + word.len(), word, word, Lang::Zh);
                        }
                    }
                }
            } else {
                for w in english::words(run.text) {
                    let analysed = match cache.get(w.text) {
                        Some(a) => a,
                        None => cache
                            .entry(w.text.to_string())
                            .or_insert_with(|| self.analyse_word(w.text)),
                    };
                    if let Some((form, key, lang)) = analysed {
                        let start = run.start + w.start;
                        emit(start..start + w.text.len(), form, key, *lang);
                    }
                }
            }
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

/// A term of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// How the term is shown: its most frequent surface form (see [`display_form`]).
    pub display: String,
    /// The key words are counted under: the stem for English, the word otherwise; words of a
    /// phrase joined by a space (English) or nothing (Chinese).
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

/// A document's tokens as term ids, with their surface forms, adjacency, and the sentence and
/// paragraph boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTokens {
    /// Term id of each token, in document order.
    pub terms: Vec<u32>,
    /// Form id of each token (an index into the corpus's interned surface forms).
    pub forms: Vec<u32>,
    /// Whether each token directly follows the previous one in the text (only whitespace
    /// between them, same sentence): the condition for a phrase.
    pub adjacent: Vec<bool>,
    /// Byte range of each token in the document's text; kept only when the `tokens` table is
    /// written.
    pub spans: Vec<(u32, u32)>,
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

/// The tokenized corpus.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    pub vocab: Vocabulary,
    /// Per document (skipped ones empty).
    pub streams: Vec<DocTokens>,
    /// Phrases detected or given, merged into single terms.
    pub phrases: Vec<Phrase>,
}

/// Documents tokenized in parallel before their local ids are merged into the corpus's.
const MERGE_CHUNK: usize = 512;

/// A document tokenized against its own local ids, before the corpus-wide merge.
struct LocalDoc {
    keys: Vec<(Lang, String)>,
    forms: Vec<String>,
    tokens: DocTokens,
}

fn tokenize_local(tokenizer: &Tokenizer, doc: &Document, keep_spans: bool) -> LocalDoc {
    // Keys by language, so that a lookup borrows the token's key instead of allocating.
    let mut ids: [HashMap<String, u32>; 3] = Default::default();
    let mut form_ids: HashMap<String, u32> = HashMap::default();
    let mut keys = Vec::new();
    let mut forms = Vec::new();
    let mut tokens = DocTokens::default();
    let mut cache = WordCache::default();
    for paragraph in &doc.paragraphs {
        for sentence in &paragraph.sentences {
            let text = &doc.text[sentence.clone()];
            let mut previous_end: Option<usize> = None;
            tokenizer.each_token(text, &mut cache, |range, form, key, lang| {
                let by_lang = &mut ids[lang as usize];
                let id = match by_lang.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = keys.len() as u32;
                        keys.push((lang, key.to_string()));
                        by_lang.insert(key.to_string(), id);
                        id
                    }
                };
                let form_id = match form_ids.get(form) {
                    Some(&id) => id,
                    None => {
                        let id = forms.len() as u32;
                        forms.push(form.to_string());
                        form_ids.insert(form.to_string(), id);
                        id
                    }
                };
                tokens.terms.push(id);
                tokens.forms.push(form_id);
                tokens
                    .adjacent
                    .push(previous_end.is_some_and(|end| text[end..range.start].trim().is_empty()));
                previous_end = Some(range.end);
                if keep_spans {
                    let base = sentence.start;
                    tokens
                        .spans
                        .push(((base + range.start) as u32, (base + range.end) as u32));
                }
            });
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

/// Tokenizes every analysed document in parallel, interns terms and forms in document order (so
/// ids do not depend on the thread count), merges phrases, and chooses each term's display form.
/// Skipped documents get empty token streams. Stops with [`Error::Limit`] when, after a batch of
/// documents, the corpus has more distinct terms than `tokenize.max_vocabulary`.
pub fn tokenize_corpus(
    docs: &[Document],
    tokenizer: &Tokenizer,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Tokenized> {
    let max_vocabulary = config.settings.tokenize.max_vocabulary;
    // Token positions are kept only for the tables that show them (8 bytes a token).
    let keep_spans = config.settings.output.tokens || config.settings.kwic.top_keywords > 0;
    progress.start("tokenize", docs.iter().map(|d| d.text.len() as u64).sum());
    // Documents are tokenized in parallel a chunk at a time and merged in order, so that only
    // one chunk's document-local word lists are held at once.
    let mut corpus = phrases::Corpus::default();
    for chunk in docs.chunks(MERGE_CHUNK) {
        let locals: Vec<Option<LocalDoc>> = chunk
            .par_iter()
            .map(|doc| {
                let local = doc
                    .is_ok()
                    .then(|| tokenize_local(tokenizer, doc, keep_spans));
                progress.advance(doc.text.len() as u64);
                local
            })
            .collect();
        for local in locals {
            let Some(local) = local else {
                corpus.streams.push(DocTokens::default());
                continue;
            };
            let term_map: Vec<u32> = local.keys.into_iter().map(|k| corpus.terms.id(k)).collect();
            let form_map: Vec<u32> = local
                .forms
                .into_iter()
                .map(|f| corpus.forms.id(f))
                .collect();
            let mut tokens = local.tokens;
            for t in &mut tokens.terms {
                *t = term_map[*t as usize];
            }
            for f in &mut tokens.forms {
                *f = form_map[*f as usize];
            }
            corpus.streams.push(tokens);
        }
        if corpus.terms.values.len() > max_vocabulary {
            progress.finish();
            return Err(Error::Limit {
                key: "tokenize.max_vocabulary",
                message: format!(
                    "the corpus has more than {max_vocabulary} distinct terms (found {} in its \
                     first {} documents); raise the limit if memory allows, or leave out the \
                     inputs that are not text",
                    corpus.terms.values.len(),
                    corpus.streams.len()
                ),
            });
        }
    }
    progress.finish();

    progress.start("phrases", 0);
    let phrases = phrases::find_and_merge(&mut corpus, tokenizer, config);
    progress.finish();
    let (vocab, streams, phrases) = finish(corpus, phrases);
    Ok(Tokenized {
        vocab,
        streams,
        phrases,
    })
}

/// Renumbers the terms that occur, in order of first occurrence, and chooses their display
/// forms from the forms counted over every token.
fn finish(
    corpus: phrases::Corpus,
    mut phrases: Vec<Phrase>,
) -> (Vocabulary, Vec<DocTokens>, Vec<Phrase>) {
    let phrases::Corpus {
        terms: phrases::Interner { values: keys, .. },
        forms: phrases::Interner { values: forms, .. },
        mut streams,
    } = corpus;
    let mut new_id = vec![u32::MAX; keys.len()];
    let mut order: Vec<u32> = Vec::new();
    let mut form_counts: Vec<HashMap<u32, u64>> = Vec::new();
    for stream in &mut streams {
        for (t, &f) in stream.terms.iter_mut().zip(&stream.forms) {
            let old = *t as usize;
            if new_id[old] == u32::MAX {
                new_id[old] = order.len() as u32;
                order.push(*t);
                form_counts.push(HashMap::default());
            }
            *t = new_id[old];
            *form_counts[*t as usize].entry(f).or_insert(0) += 1;
        }
    }
    let terms = order
        .iter()
        .zip(form_counts)
        .map(|(&old, counts)| {
            let (lang, key) = &keys[old as usize];
            let counted: Vec<(&str, u64)> = counts
                .iter()
                .map(|(&f, &n)| (forms[f as usize].as_str(), n))
                .collect();
            Term {
                display: display_form(&counted).unwrap_or_else(|| key.clone()),
                key: key.clone(),
                lang: *lang,
            }
        })
        .collect();
    for phrase in &mut phrases {
        phrase.term = phrase.term.and_then(|t| {
            let id = new_id[t as usize];
            (id != u32::MAX).then_some(id)
        });
    }
    (Vocabulary { terms }, streams, phrases)
}

/// The form a term is shown in. Forms are grouped by their lowercase spelling and the most
/// frequent group wins; it is shown in lowercase if it ever occurs so, otherwise in its most
/// frequent cased spelling (`CPC`, `Beijing`). Ties go to the alphabetically first spelling.
pub fn display_form(forms: &[(&str, u64)]) -> Option<String> {
    // Lowercase spelling → (occurrences, written in lowercase at least once, spellings).
    type Group<'a> = (u64, bool, Vec<(&'a str, u64)>);
    let mut groups: HashMap<String, Group> = HashMap::default();
    for &(form, n) in forms {
        let lower = form.to_lowercase();
        let g = groups
            .entry(lower.clone())
            .or_insert((0, false, Vec::new()));
        g.0 += n;
        g.1 |= form == lower;
        g.2.push((form, n));
    }
    let (lower, (_, has_lower, spellings)) = groups
        .into_iter()
        .max_by(|(la, a), (lb, b)| a.0.cmp(&b.0).then_with(|| lb.cmp(la)))?;
    if has_lower {
        return Some(lower);
    }
    spellings
        .into_iter()
        .max_by(|(fa, na), (fb, nb)| na.cmp(nb).then_with(|| fb.cmp(fa)))
        .map(|(f, _)| f.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_form_prefers_lowercase_unless_the_corpus_never_writes_it_so() {
        assert_eq!(
            display_form(&[("masses", 3), ("mass", 1)]).as_deref(),
            Some("masses")
        );
        assert_eq!(
            display_form(&[("Party", 5), ("party", 2)]).as_deref(),
            Some("party")
        );
        assert_eq!(
            display_form(&[("CPC", 4), ("Cpc", 1)]).as_deref(),
            Some("CPC")
        );
        assert_eq!(display_form(&[("b", 2), ("a", 2)]).as_deref(), Some("a"));
        assert_eq!(
            display_form(&[("grass-roots", 3), ("grassroots", 2), ("Grassroots", 2)]).as_deref(),
            Some("grassroots")
        );
    }
}
