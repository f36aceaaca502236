//! Tokenize: documents → streams of interned term ids.
//!
//! Second stage of the flow. Each sentence is cut into script runs ([`runs`]); Han runs go to
//! jieba-rs ([`chinese`]), the others are split into Unicode words, lowercased and stemmed
//! ([`english`]). Stopwords, numbers and punctuation are dropped (the word [`filters`]).
//! Documents are tokenized in parallel; term ids are then assigned in document order, so they do
//! not depend on the thread count. An English term is shown in the most frequent surface form among the words sharing
//! its stem (`masses`, not `mass`); the stem stays available as the term's key.

pub mod chinese;
pub mod english;
pub mod filters;
pub mod interner;
pub mod keyword_terms;
pub mod phrases;
pub mod runs;
pub mod thesaurus;

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::config::{Config, TermSource};
use crate::error::{Error, Result};
use crate::ingest::Document;
use crate::progress::Progress;
use chinese::ChineseSegmenter;
use english::EnglishStemmer;
use filters::{KeepSingle, MinLength, NonBlank, PartOfSpeech, ScriptFilter, Stopwords};
pub use interner::Interner;
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

/// Turns text into tokens: script runs cut into words, each passed through the
/// [`filters`] in order. Built once per run and shared by all threads.
#[derive(Debug)]
pub struct Tokenizer {
    chinese: ChineseSegmenter,
    stemmer: EnglishStemmer,
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
            stemmer: EnglishStemmer::new(t.stem),
            stopwords: Stopwords::new(config.stopwords.clone()),
            keep_single: KeepSingle::new(config.keep_single.clone()),
            zh_pos: PartOfSpeech::new(t.zh_pos.clone()),
            word_length: MinLength::new(t.min_word_length),
            han_length: MinLength::new(t.zh_min_length),
            scripts: ScriptFilter::new(t.other_scripts),
            source: config.settings.terms.source,
            keyword_field: config.settings.terms.keyword_field.clone(),
            thesaurus: config.thesaurus.clone(),
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
    /// and the stopwords again; an English word is keyed by its stem, a word of another script
    /// by itself in lowercase.
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
            Lang::En => self.stemmer.stem(&english::unhyphenate(lower)),
            Lang::Zh | Lang::Other => lower.to_string(),
        };
        Some((form, key, lang))
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
    /// Form id of each token (an index into the corpus's interned surface forms). Emptied at the
    /// end of [`tokenize_corpus`], once the display forms are chosen.
    pub forms: Vec<u32>,
    /// Whether each token directly follows the previous one in the text (only whitespace
    /// between them, same sentence): the condition for a phrase. Emptied at the end of
    /// [`tokenize_corpus`], once the phrases are merged.
    pub adjacent: Vec<bool>,
    /// Byte range of each token in the document's text; kept only when the `tokens` table is
    /// written or KWIC lines are made (a run drops them after KWIC unless the `tokens` table
    /// needs them).
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

/// Documents tokenized in parallel before their worker ids are merged into the corpus's.
const MERGE_CHUNK: usize = 512;

/// What one worker thread has seen: each distinct word with its outcome, and the terms and
/// forms it numbered. A word is analysed (lowercased, looked up, stemmed) once per worker.
#[derive(Default)]
struct WorkerTable {
    /// Word → (term, form) in this table's numbering, or `None` when the word is dropped. Han
    /// and other words are kept apart; a word of one kind never has the spelling of the other.
    /// Words of up to 24 bytes (nearly all) are stored inside the table's entries
    /// (`CompactString`), so a lookup compares bytes already in cache instead of following a
    /// pointer to each candidate key.
    han: HashMap<CompactString, Option<(u32, u32)>>,
    other: HashMap<CompactString, Option<(u32, u32)>>,
    terms: Interner<(Lang, String)>,
    forms: Interner<String>,
}

impl WorkerTable {
    /// The (term, form) of `word` in this table's numbering, or `None` when it is dropped.
    fn resolve(&mut self, tokenizer: &Tokenizer, word: Word<'_>) -> Option<(u32, u32)> {
        let (cache, w) = match word {
            Word::Han(w) => (&mut self.han, w),
            Word::Other(w) => (&mut self.other, w),
        };
        if let Some(&hit) = cache.get(w) {
            return hit;
        }
        let ids = tokenizer
            .outcome(word)
            .map(|(form, key, lang)| (self.terms.id((lang, key)), self.forms.id(form)));
        cache.insert(CompactString::new(w), ids);
        ids
    }
}

/// A document tokenized by one worker against that worker's numbering, before the corpus-wide
/// merge.
struct LocalDoc {
    worker: usize,
    tokens: DocTokens,
}

fn tokenize_local(
    tokenizer: &Tokenizer,
    table: &mut WorkerTable,
    doc: &Document,
    keep_spans: bool,
) -> DocTokens {
    let mut tokens = DocTokens::default();
    let text_terms = tokenizer.source.text();
    for paragraph in doc.units.paragraphs() {
        for sentence in paragraph.sentences() {
            if !text_terms {
                tokens.sentence_ends.push(0);
                continue;
            }
            let base = sentence.range.start;
            let text = &doc.text[sentence.range];
            let mut previous_end: Option<usize> = None;
            tokenizer.each_word(text, |range, word| {
                let Some((term, form)) = table.resolve(tokenizer, word) else {
                    return;
                };
                tokens.terms.push(term);
                tokens.forms.push(form);
                tokens
                    .adjacent
                    .push(previous_end.is_some_and(|end| text[end..range.start].trim().is_empty()));
                previous_end = Some(range.end);
                if keep_spans {
                    // Offsets in the text, which `Units::split` allows up to `u32::MAX` bytes.
                    tokens
                        .spans
                        .push(((base + range.start) as u32, (base + range.end) as u32));
                }
            });
            tokens.sentence_ends.push(tokens.terms.len() as u32);
        }
        tokens.paragraph_ends.push(tokens.terms.len() as u32);
    }
    if tokenizer.source.keywords() {
        // The keywords: one last paragraph of one sentence, spans empty at the end of the text.
        let keyword_terms = tokenizer.keyword_terms(doc);
        if !keyword_terms.is_empty() {
            for (form, key, lang) in keyword_terms {
                tokens.terms.push(table.terms.id((lang, key)));
                tokens.forms.push(table.forms.id(form));
                tokens.adjacent.push(false);
                if keep_spans {
                    let end = doc.text.len() as u32;
                    tokens.spans.push((end, end));
                }
            }
            tokens.sentence_ends.push(tokens.terms.len() as u32);
            tokens.paragraph_ends.push(tokens.terms.len() as u32);
        }
    }
    // The vectors grew by doubling; held until the end of the stage, their spare capacity
    // would add up to a third of the streams' memory.
    tokens.terms.shrink_to_fit();
    tokens.forms.shrink_to_fit();
    tokens.adjacent.shrink_to_fit();
    tokens.spans.shrink_to_fit();
    tokens.sentence_ends.shrink_to_fit();
    tokens.paragraph_ends.shrink_to_fit();
    tokens
}

/// Corpus ids of one worker's terms and forms, filled as they are first met in document order.
#[derive(Default)]
struct WorkerIds {
    terms: Vec<u32>,
    forms: Vec<u32>,
}

/// The corpus id of worker id `local`: looked up in `ids`, or numbered in `interner` on first
/// sight, so that corpus ids follow the order of first occurrence in the documents.
fn corpus_id<K: std::hash::Hash + Eq + Clone>(
    ids: &mut Vec<u32>,
    local: u32,
    values: &[K],
    interner: &mut Interner<K>,
) -> u32 {
    let local = local as usize;
    if ids.len() <= local {
        ids.resize(values.len().max(local + 1), u32::MAX);
    }
    if ids[local] == u32::MAX {
        ids[local] = interner.id(values[local].clone());
    }
    ids[local]
}

/// Tokenizes every analysed document in parallel, interns terms and forms in document order (so
/// ids do not depend on the thread count), merges phrases, and chooses each term's display form.
/// Skipped documents get empty token streams. Stops with [`Error::Limit`] when, after a batch of
/// documents, the corpus has more distinct terms than `tokenize.max_vocabulary`.
///
/// Documents are tokenized a batch at a time; `tokenized` is called with each batch, in order,
/// once nothing more is read of it (a run moves the texts out of memory there, so that they
/// are never all held beside the token streams). Its error stops the tokenizing.
pub fn tokenize_corpus(
    docs: &mut [Document],
    tokenizer: &Tokenizer,
    config: &Config,
    progress: &dyn Progress,
    tokenized: &mut dyn FnMut(&mut [Document]) -> Result<()>,
) -> Result<Tokenized> {
    let max_vocabulary = config.settings.tokenize.max_vocabulary;
    // Token positions are kept only for the tables that show them (8 bytes a token).
    let keep_spans = config.settings.output.tokens || config.settings.kwic.top_keywords > 0;
    progress.start("tokenize", docs.iter().map(|d| d.text.len() as u64).sum());
    // One table per worker thread of the pool, locked by its worker while it tokenizes a
    // document and by the merge between chunks, so never contended.
    let workers = rayon::current_num_threads().max(1);
    let tables: Vec<Mutex<WorkerTable>> = (0..workers).map(|_| Mutex::default()).collect();
    let mut ids: Vec<WorkerIds> = (0..workers).map(|_| WorkerIds::default()).collect();
    // Documents are tokenized in parallel a chunk at a time and merged in order, so that only
    // one chunk's token streams in worker numbering are held at once.
    let mut corpus = phrases::Corpus::default();
    for chunk in docs.chunks_mut(MERGE_CHUNK) {
        let locals: Vec<Option<LocalDoc>> = chunk
            .par_iter()
            .with_max_len(4)
            .map(|doc| {
                let local = doc.is_ok().then(|| {
                    let worker = rayon::current_thread_index().unwrap_or(0) % workers;
                    let mut table = tables[worker]
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    LocalDoc {
                        worker,
                        tokens: tokenize_local(tokenizer, &mut table, doc, keep_spans),
                    }
                });
                progress.advance(doc.text.len() as u64);
                local
            })
            .collect();
        for local in locals {
            let Some(LocalDoc { worker, mut tokens }) = local else {
                corpus.streams.push(DocTokens::default());
                continue;
            };
            let table = tables[worker]
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let ids = &mut ids[worker];
            for t in &mut tokens.terms {
                *t = corpus_id(&mut ids.terms, *t, &table.terms.values, &mut corpus.terms);
            }
            for f in &mut tokens.forms {
                *f = corpus_id(&mut ids.forms, *f, &table.forms.values, &mut corpus.forms);
            }
            corpus.streams.push(tokens);
        }
        if let Err(e) = tokenized(chunk) {
            progress.finish();
            return Err(e);
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
    drop(tables);
    progress.finish();

    progress.start("phrases", 0);
    let phrases = phrases::find_and_merge(&mut corpus, tokenizer, config);
    progress.finish();
    let (mut vocab, mut streams, mut phrases) = finish(corpus, phrases);
    let stem = |w: &str| tokenizer.stemmer.stem(w);
    thesaurus::apply_to_terms(
        &mut vocab,
        &mut streams,
        &mut phrases,
        &tokenizer.thesaurus,
        &stem,
    );
    // Forms and adjacency served the display forms and the phrases; nothing after this needs
    // them, so their memory (5 bytes a token) is given back.
    streams.par_iter_mut().for_each(|s| {
        s.forms = Vec::new();
        s.adjacent = Vec::new();
        s.terms.shrink_to_fit();
        s.spans.shrink_to_fit();
    });
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
        terms: Interner { values: keys, .. },
        forms: Interner { values: forms, .. },
        mut streams,
    } = corpus;
    // Terms renumbered in order of first occurrence (one pass in document order), then the
    // forms of each term counted, streams in parallel.
    let mut new_id = vec![u32::MAX; keys.len()];
    let mut order: Vec<u32> = Vec::new();
    for stream in &mut streams {
        for t in stream.terms.iter_mut() {
            let old = *t as usize;
            if new_id[old] == u32::MAX {
                new_id[old] = order.len() as u32;
                order.push(*t);
            }
            *t = new_id[old];
        }
    }
    let pair_counts: HashMap<(u32, u32), u64> = streams
        .par_iter()
        .fold(
            HashMap::default,
            |mut counts: HashMap<(u32, u32), u64>, stream| {
                for (&t, &f) in stream.terms.iter().zip(&stream.forms) {
                    *counts.entry((t, f)).or_insert(0) += 1;
                }
                counts
            },
        )
        .reduce(HashMap::default, |mut a, mut b| {
            // The smaller map is added to the larger.
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (k, n) in b {
                *a.entry(k).or_insert(0) += n;
            }
            a
        });
    let mut form_counts: Vec<Vec<(u32, u64)>> = vec![Vec::new(); order.len()];
    for ((t, f), n) in pair_counts {
        form_counts[t as usize].push((f, n));
    }
    let terms = order
        .iter()
        .zip(form_counts)
        .map(|(&old, counts)| {
            let (lang, key) = &keys[old as usize];
            let counted: Vec<(&str, u64)> = counts
                .iter()
                .map(|&(f, n)| (forms[f as usize].as_str(), n))
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
