//! Pipeline: runs the four phases of a run (DESIGN.md, ARCHITECTURE.md) on a thread pool of the
//! configured size, times them and reports progress.
//!
//! - **map** — per batch of documents: read, decode, clean, split ([`crate::ingest`]), then
//!   tokenize against the workers' word tables ([`crate::tokenize`]);
//! - **reduce** — each batch's tokens renumbered into the corpus's vocabulary, in document order;
//!   then the corpus-wide decisions that feed back into tokens: phrases, display forms, thesaurus;
//! - **analyse** — [`analyse`](mod@analyse): per-document counts added up into corpus counts, then
//!   every statistic, one step per function, into [`Results`];
//! - **write** — [`write`](mod@write): the report's tables and files from [`Results`].
//!
//! [`run`] runs all four; [`analyse()`] the first three.

pub mod analyse;
mod concordance;
mod manifest;
mod write;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::analysis::Results;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::ingest::tabular::ParquetGuard;
use crate::ingest::{self, Document};
use crate::progress::{Progress, Silent};
use crate::report::{self, TableRows, WrittenFile};
use crate::storage::{SpilledTexts, TextSpill};
use crate::tokenize::{CorpusTokens, Tokenized, Tokenizer};

pub use concordance::concordance;

/// What a finished run reports.
#[derive(Debug, Clone)]
pub struct Summary {
    pub documents: usize,
    pub analysed: usize,
    /// (path, reason) of each skipped document.
    pub skipped: Vec<(String, String)>,
    /// Files passed over for their extension: (extension, count), by extension.
    pub passed_over: Vec<(String, usize)>,
    /// Bytes that were not valid in their document's encoding and were replaced, and the
    /// documents that had such bytes.
    pub decode_errors: u64,
    pub decode_error_documents: usize,
    pub tokens: u64,
    pub terms: usize,
    pub pairs: usize,
    pub themes: usize,
    pub output: PathBuf,
    pub files: Vec<WrittenFile>,
    /// Rows of each table and of its CSV file, in the order written.
    pub tables: Vec<TableRows>,
    /// `doc_terms` rows: with a count above 0, and kept under the `[doc_terms]` limits.
    pub doc_terms_all: u64,
    pub doc_terms_kept: u64,
    /// The terms per document `doc_terms.max_rows` allowed, when it left rows out.
    pub doc_terms_per_document: Option<usize>,
    /// `doc_terms.parquet_all`.
    pub doc_terms_parquet_all: bool,
    pub timings: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

/// Stage timings, in order: each lap is the time since the previous one.
struct Timer {
    timings: Vec<(&'static str, Duration)>,
    last: Instant,
}

impl Timer {
    fn new() -> Self {
        Timer {
            timings: Vec::new(),
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }

    /// Runs one step of the analyse phase under its stage name: the progress shows it (with
    /// spaces for underscores) and `run.json`'s timings record its time under it.
    fn step<T>(
        &mut self,
        progress: &dyn Progress,
        stage: &'static str,
        f: impl FnOnce() -> T,
    ) -> T {
        progress.start(&stage.replace('_', " "), 0);
        let value = f();
        progress.finish();
        self.lap(stage);
        value
    }

    /// Records the time of a stage whose work was interleaved with another's (the map phase
    /// reads and tokenizes batch after batch); the next lap starts now.
    fn record(&mut self, stage: &'static str, time: Duration) {
        self.timings.push((stage, time));
        self.last = Instant::now();
    }
}

/// The pool of the configured number of worker threads.
fn thread_pool(config: &Config) -> Result<rayon::ThreadPool> {
    let threads = config.threads();
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Threads {
            threads,
            message: e.to_string(),
        })
}

/// What the caller hands a run besides its configuration (the library's default: nothing).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Asked about each Parquet file before ingest reads it ([`ingest::read_file`]); `None`:
    /// Parquet files are read in this process only.
    pub parquet_guard: Option<ParquetGuard>,
}

/// Runs the map, reduce and analyse phases on the configured inputs, on a pool of the configured
/// number of threads; writes nothing.
pub fn analyse(config: &Config, progress: &dyn Progress) -> Result<Results> {
    analyse_with(config, progress, &RunOptions::default())
}

fn analyse_with(config: &Config, progress: &dyn Progress, options: &RunOptions) -> Result<Results> {
    let pool = thread_pool(config)?;
    pool.install(|| analyse_in_pool(config, progress, options))
}

/// The tokenized corpus and what the map phase kept of the texts.
struct Mapped {
    inputs: ingest::InputFingerprint,
    docs: Vec<Document>,
    /// Files passed over for their extension: (extension, count).
    passed_over: Vec<(String, usize)>,
    tokens: Tokenized,
    texts: SpilledTexts,
    /// Per document: share of its letters that are Han characters.
    zh_share: Vec<f64>,
}

/// Input files read, and their documents tokenized, per batch of the map phase: a batch's
/// texts are held until it is tokenized and moved to storage.
const FILES_PER_BATCH: usize = 4096;

/// Map and reduce: the inputs read into documents and tokenized a batch of files at a time,
/// each batch's tokens reduced into the corpus's vocabulary, then the corpus-wide decisions on
/// phrases and display forms. Each batch's texts leave memory for storage as soon as it is
/// tokenized: nothing after this reads whole texts but KWIC and the report, a few paragraphs
/// at a time.
fn map_and_reduce(
    config: &Config,
    progress: &dyn Progress,
    options: &RunOptions,
    timer: &mut Timer,
) -> Result<Mapped> {
    let loading = Instant::now();
    progress.start("load dictionaries", 0);
    let tokenizer = Tokenizer::new(config);
    progress.finish();
    let loaded = loading.elapsed();
    let inputs = ingest::find_inputs(config)?;
    let fingerprint = ingest::fingerprint(&inputs.files);
    let mut spill = TextSpill::create(&report::write::folder_of(&config.settings.output.dir))?;
    let mut reader = ingest::Reader::new(config, options.parquet_guard.as_ref());
    let mut corpus = CorpusTokens::new(&tokenizer, config);
    let mut docs: Vec<Document> = Vec::new();
    let mut zh_share: Vec<f64> = Vec::new();
    let (mut reading, mut tokenizing) = (Duration::ZERO, Duration::ZERO);
    progress.start("read and tokenize", inputs.files.len() as u64);
    for files in inputs.files.chunks(FILES_PER_BATCH) {
        let started = Instant::now();
        let mut batch = reader.read(files, &Silent);
        let read = Instant::now();
        corpus.add(&batch)?;
        zh_share.par_extend(batch.par_iter().map(|d| crate::script::han_share(&d.text)));
        spill.take(&mut batch)?;
        docs.append(&mut batch);
        reading += read - started;
        tokenizing += read.elapsed();
        progress.advance(files.len() as u64);
    }
    progress.finish();
    let finishing = Instant::now();
    let tokens = corpus.finish(progress);
    let texts = spill.finish()?;
    // The many blocks the texts, token forms, adjacency and word tables held go back to the
    // system.
    crate::memory::release_free_memory();
    timer.record("ingest", reading);
    timer.record("tokenize", loaded + tokenizing + finishing.elapsed());
    Ok(Mapped {
        inputs: fingerprint,
        docs,
        passed_over: inputs.passed_over,
        tokens,
        texts,
        zh_share,
    })
}

fn analyse_in_pool(
    config: &Config,
    progress: &dyn Progress,
    options: &RunOptions,
) -> Result<Results> {
    let mut timer = Timer::new();
    let Mapped {
        inputs,
        docs,
        passed_over,
        tokens,
        texts,
        zh_share,
    } = map_and_reduce(config, progress, options, &mut timer)?;
    let Tokenized {
        vocab,
        mut streams,
        phrases,
    } = tokens;

    let mut counted = timer.step(progress, "term_counts", || {
        analyse::count_terms(config, &docs, &vocab, &streams)
    });
    let (keywords, keyness, trends) = timer.step(progress, "keywords_keyness_trends", || {
        let keywords = analyse::keywords(config, &vocab, &streams, &counted.freqs);
        let (keyness, trends) = analyse::keyness_and_trends(config, &docs, &counted.freqs);
        (keywords, keyness, trends)
    });
    let kwic = timer.step(progress, "kwic", || {
        let term_count = &counted.freqs.term_count;
        let lines = analyse::kwic_lines(config, &docs, &texts, &streams, &keywords, term_count);
        analyse::release_spans(config, &mut streams);
        lines
    })?;
    let (cooccurrence, network, thematic_map, bursts) =
        timer.step(progress, "cooccurrence", || {
            let (cooccurrence, network, map) = analyse::network(config, &streams, &counted);
            let bursts = analyse::bursts(config, &docs, &counted.freqs);
            analyse::release_doc_counts(config, &mut counted.freqs);
            (cooccurrence, network, map, bursts)
        });
    let themes = timer.step(progress, "themes", || {
        let (vocab, texts) = (&vocab, &texts);
        analyse::themes(
            config,
            &docs,
            texts,
            vocab,
            &mut streams,
            &counted,
            &network,
        )
    })?;

    let analyse::Counted {
        freqs,
        doc_terms,
        rank_of,
        alphabetical,
    } = counted;
    Ok(Results {
        inputs,
        docs,
        passed_over,
        texts: Arc::new(texts),
        vocab,
        streams,
        phrases,
        zh_share,
        freqs,
        doc_terms,
        keywords,
        keyword_method: config.settings.keywords.method.as_str(),
        network_measure: config.settings.network.measure.clone(),
        rank_of,
        alphabetical,
        cooccurrence,
        network,
        keyness,
        trends,
        kwic,
        themes,
        bursts,
        thematic_map,
        timings: timer.timings,
    })
}

/// Runs the whole pipeline: checks the output folder, runs the map, reduce and analyse phases,
/// then the write phase: every table, the network files, the report and `run.json`.
pub fn run(config: &Config, progress: &dyn Progress) -> Result<Summary> {
    run_with(config, progress, &RunOptions::default())
}

/// [`run`] with the caller's [`RunOptions`].
pub fn run_with(config: &Config, progress: &dyn Progress, options: &RunOptions) -> Result<Summary> {
    let started = Instant::now();
    let out = config.settings.output.dir.clone();
    let _lock = report::write::prepare_output(&out)?;
    let mut results = analyse_with(config, progress, options)?;
    progress.start("write tables", 0);
    let report_start = Instant::now();
    let written = write::write(config, &results, started.elapsed())?;
    results.timings.push(("report", report_start.elapsed()));
    progress.finish();
    let skipped = results
        .docs
        .iter()
        .filter(|d| !d.is_ok())
        .map(|d| (d.path.clone(), d.status.reason().to_string()))
        .collect();
    Ok(Summary {
        documents: results.docs.len(),
        analysed: results.freqs.n_docs,
        skipped,
        passed_over: results.passed_over.clone(),
        decode_errors: results.docs.iter().map(|d| d.decode_errors).sum(),
        decode_error_documents: results.docs.iter().filter(|d| d.decode_errors > 0).count(),
        tokens: results.freqs.total_tokens,
        terms: results.vocab.len(),
        pairs: results.cooccurrence.pairs.len(),
        themes: results.themes.themes.len(),
        output: out,
        files: written.files,
        tables: written.tables,
        doc_terms_all: results.doc_terms.all,
        doc_terms_kept: results.doc_terms.kept,
        doc_terms_per_document: results.doc_terms.per_document,
        doc_terms_parquet_all: config.settings.doc_terms.parquet_all,
        timings: results.timings,
        elapsed: started.elapsed(),
    })
}
