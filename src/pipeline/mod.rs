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
use crate::ingest::{self, Document};
use crate::progress::Progress;
use crate::report::{self, TableRows, WrittenFile};
use crate::storage::{SpilledTexts, TextSpill};
use crate::tokenize::{self, Tokenized, Tokenizer};

pub use concordance::concordance;

/// What a finished run reports.
#[derive(Debug, Clone)]
pub struct Summary {
    pub documents: usize,
    pub analysed: usize,
    /// (path, reason) of each skipped document.
    pub skipped: Vec<(String, String)>,
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

/// Runs the map, reduce and analyse phases on the configured inputs, on a pool of the configured
/// number of threads; writes nothing.
pub fn analyse(config: &Config, progress: &dyn Progress) -> Result<Results> {
    let pool = thread_pool(config)?;
    pool.install(|| analyse_in_pool(config, progress))
}

/// The tokenized corpus and what the map phase kept of the texts.
struct Mapped {
    docs: Vec<Document>,
    tokens: Tokenized,
    texts: SpilledTexts,
    /// Per document: share of its letters that are Han characters.
    zh_share: Vec<f64>,
}

/// Map and reduce: every input read into documents, tokenized a batch at a time and reduced
/// into the corpus's vocabulary, with the corpus-wide decisions on phrases and display forms.
/// Each batch's texts leave memory for storage as soon as it is tokenized: nothing after this
/// reads whole texts but KWIC and the report, a few paragraphs at a time.
fn map_and_reduce(config: &Config, progress: &dyn Progress, timer: &mut Timer) -> Result<Mapped> {
    let mut docs = ingest::ingest(config, progress)?;
    timer.lap("ingest");
    progress.start("load dictionaries", 0);
    let tokenizer = Tokenizer::new(config);
    progress.finish();
    let mut spill = TextSpill::create(&report::write::folder_of(&config.settings.output.dir))?;
    let mut zh_share: Vec<f64> = Vec::with_capacity(docs.len());
    let tokens =
        tokenize::tokenize_corpus(&mut docs, &tokenizer, config, progress, &mut |batch| {
            zh_share.par_extend(
                batch
                    .par_iter()
                    .map(|d| tokenize::script::han_share(&d.text)),
            );
            spill.take(batch)
        })?;
    let texts = spill.finish()?;
    // The many blocks the texts, token forms, adjacency and word tables held go back to the
    // system.
    crate::memory::release_free_memory();
    timer.lap("tokenize");
    Ok(Mapped {
        docs,
        tokens,
        texts,
        zh_share,
    })
}

fn analyse_in_pool(config: &Config, progress: &dyn Progress) -> Result<Results> {
    let mut timer = Timer::new();
    let Mapped {
        docs,
        tokens,
        texts,
        zh_share,
    } = map_and_reduce(config, progress, &mut timer)?;
    let Tokenized {
        vocab,
        mut streams,
        phrases,
    } = tokens;

    progress.start("term counts", 0);
    let mut counted = analyse::count_terms(config, &docs, &vocab, &streams);
    progress.finish();
    timer.lap("term_counts");

    progress.start("keywords", 0);
    let keywords = analyse::keywords(config, &vocab, &streams, &counted.freqs);
    let (keyness, trends) = analyse::keyness_and_trends(config, &docs, &counted.freqs);
    progress.finish();
    timer.lap("keywords_keyness_trends");

    progress.start("keyword in context", 0);
    let kwic = analyse::kwic_lines(
        config,
        &docs,
        &texts,
        &streams,
        &keywords,
        &counted.freqs.term_count,
    )?;
    analyse::release_spans(config, &mut streams);
    progress.finish();
    timer.lap("kwic");

    progress.start("co-occurrence", 0);
    let (cooccurrence, network, thematic_map) = analyse::network(config, &streams, &counted);
    let bursts = analyse::bursts(config, &docs, &counted.freqs);
    analyse::release_doc_counts(config, &mut counted.freqs);
    progress.finish();
    timer.lap("cooccurrence");

    progress.start("themes", 0);
    let themes = analyse::themes(
        config,
        &docs,
        &texts,
        &vocab,
        &mut streams,
        &counted,
        &network,
    )?;
    progress.finish();
    timer.lap("themes");

    let analyse::Counted {
        freqs,
        doc_terms,
        rank_of,
        alphabetical,
    } = counted;
    Ok(Results {
        docs,
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
    let started = Instant::now();
    let out = config.settings.output.dir.clone();
    let _lock = report::write::prepare_output(&out)?;
    let mut results = analyse(config, progress)?;
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
