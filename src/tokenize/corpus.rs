//! The tokenize stage's reduce side and the corpus-wide decisions that feed back into tokens.
//!
//! Documents are tokenized a batch at a time in parallel ([`super::batch`], the map side); each
//! batch's tokens are then renumbered from their worker's numbering into the corpus's, in
//! document order (the reduce). Once every batch is in, the corpus-wide decisions follow, in
//! this order: the phrases ([`super::phrases`]: found from the corpus's counts, then merged
//! into the streams), the vocabulary and its display forms ([`super::vocabulary`]), and the
//! thesaurus's replacements.

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::batch::{WordTable, tokenize_document};
use super::vocabulary::choose_vocabulary;
use super::{DocTokens, Interner, Phrase, Tokenizer, Vocabulary, phrases, thesaurus};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::ingest::Document;
use crate::progress::Progress;

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

/// A document tokenized by one worker against that worker's numbering, before the corpus-wide
/// merge.
struct LocalDoc {
    worker: usize,
    tokens: DocTokens,
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
/// once nothing more is read of it. Its error stops the tokenizing. A run that reads its inputs
/// a batch at a time uses [`CorpusTokens`] directly.
pub fn tokenize_corpus(
    docs: &mut [Document],
    tokenizer: &Tokenizer,
    config: &Config,
    progress: &dyn Progress,
    tokenized: &mut dyn FnMut(&mut [Document]) -> Result<()>,
) -> Result<Tokenized> {
    progress.start("tokenize", docs.len() as u64);
    let mut corpus = CorpusTokens::new(tokenizer, config);
    let added = docs.chunks_mut(MERGE_CHUNK).try_for_each(|batch| {
        corpus.add(batch)?;
        progress.advance(batch.len() as u64);
        tokenized(batch)
    });
    progress.finish();
    added?;
    Ok(corpus.finish(progress))
}

/// The reduce side's state: the corpus's numbering and streams so far, and the word tables the
/// map side fills, one per worker thread. Documents are added in document order, a batch at a
/// time ([`CorpusTokens::add`]); [`CorpusTokens::finish`] takes the corpus-wide decisions.
pub struct CorpusTokens<'t> {
    tokenizer: &'t Tokenizer,
    config: &'t Config,
    max_vocabulary: usize,
    keep_spans: bool,
    /// One table per worker thread of the pool, locked by its worker while it tokenizes a
    /// document and by the reduce between batches, so never contended.
    tables: Vec<Mutex<WordTable>>,
    ids: Vec<WorkerIds>,
    corpus: phrases::Corpus,
}

impl<'t> CorpusTokens<'t> {
    /// An empty corpus, with a word table for each thread of the current pool.
    pub fn new(tokenizer: &'t Tokenizer, config: &'t Config) -> Self {
        let workers = rayon::current_num_threads().max(1);
        CorpusTokens {
            tokenizer,
            config,
            max_vocabulary: config.settings.tokenize.max_vocabulary,
            // Token positions are kept only for the tables that show them (8 bytes a token).
            keep_spans: config.settings.output.tokens || config.settings.kwic.top_keywords > 0,
            tables: (0..workers).map(|_| Mutex::default()).collect(),
            ids: (0..workers).map(|_| WorkerIds::default()).collect(),
            corpus: phrases::Corpus::default(),
        }
    }

    /// Tokenizes the next documents (map) and adds their streams to the corpus (reduce), a chunk
    /// at a time, so that only one chunk's streams in worker numbering are held at once.
    /// [`Error::Limit`] when the corpus then has more distinct terms than
    /// `tokenize.max_vocabulary`.
    pub fn add(&mut self, docs: &[Document]) -> Result<()> {
        for chunk in docs.chunks(MERGE_CHUNK) {
            let locals = map_batch(chunk, self.tokenizer, &self.tables, self.keep_spans);
            reduce_batch(&mut self.corpus, locals, &self.tables, &mut self.ids);
        }
        check_vocabulary(&self.corpus, self.max_vocabulary)
    }

    /// The corpus-wide decisions, once every document is in: the phrases (found, then merged),
    /// the vocabulary in order of first occurrence with each term's display form, and the
    /// thesaurus's replacements.
    pub fn finish(self, progress: &dyn Progress) -> Tokenized {
        let CorpusTokens {
            tokenizer,
            config,
            mut corpus,
            tables,
            ..
        } = self;
        drop(tables);
        progress.start("phrases", 0);
        let phrases = phrases::find_and_merge(&mut corpus, tokenizer, config);
        progress.finish();
        decide_terms(corpus, phrases, tokenizer)
    }
}

/// The map: a batch's analysed documents tokenized in parallel, each against the word table of
/// the worker thread that takes it.
fn map_batch(
    batch: &[Document],
    tokenizer: &Tokenizer,
    tables: &[Mutex<WordTable>],
    keep_spans: bool,
) -> Vec<Option<LocalDoc>> {
    batch
        .par_iter()
        .with_max_len(4)
        .map(|doc| {
            doc.is_ok().then(|| {
                let worker = rayon::current_thread_index().unwrap_or(0) % tables.len();
                let mut table = tables[worker]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                LocalDoc {
                    worker,
                    tokens: tokenize_document(tokenizer, &mut table, doc, keep_spans),
                }
            })
        })
        .collect()
}

/// The reduce: a batch's streams renumbered from their workers' numbering into the corpus's, in
/// document order, so that corpus ids follow the order of first occurrence whatever the
/// thread count.
fn reduce_batch(
    corpus: &mut phrases::Corpus,
    locals: Vec<Option<LocalDoc>>,
    tables: &[Mutex<WordTable>],
    ids: &mut [WorkerIds],
) {
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
}

/// [`Error::Limit`] when the corpus numbers more distinct terms than `max_vocabulary`.
fn check_vocabulary(corpus: &phrases::Corpus, max_vocabulary: usize) -> Result<()> {
    if corpus.terms.values.len() <= max_vocabulary {
        return Ok(());
    }
    Err(Error::Limit {
        key: "tokenize.max_vocabulary",
        message: format!(
            "the corpus has more than {max_vocabulary} distinct terms (found {} in its \
             first {} documents); raise the limit if memory allows, or leave out the \
             inputs that are not text",
            corpus.terms.values.len(),
            corpus.streams.len()
        ),
    })
}

/// The corpus-wide decisions after the phrases: the vocabulary in order of first occurrence
/// with each term's display form, then the thesaurus's replacements. Forms and adjacency served
/// these decisions; nothing after them reads them, so their memory (5 bytes a token) goes.
fn decide_terms(corpus: phrases::Corpus, phrases: Vec<Phrase>, tokenizer: &Tokenizer) -> Tokenized {
    let (mut vocab, mut streams, mut phrases) = choose_vocabulary(corpus, phrases);
    let stem = |w: &str| tokenizer.english.key(w);
    thesaurus::apply_to_terms(
        &mut vocab,
        &mut streams,
        &mut phrases,
        &tokenizer.thesaurus,
        &stem,
    );
    streams.par_iter_mut().for_each(|s| {
        s.forms = Vec::new();
        s.adjacent = Vec::new();
        s.terms.shrink_to_fit();
        s.spans.shrink_to_fit();
    });
    Tokenized {
        vocab,
        streams,
        phrases,
    }
}
