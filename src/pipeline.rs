//! Pipeline: wires the stages (config → ingest → tokenize → analysis → report), runs them on a
//! thread pool of the configured size, times them and reports progress.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde_json::json;

use crate::analysis::cooccurrence::{self, Pair};
use crate::analysis::frequency::{self, Frequencies};
use crate::analysis::keywords::{self, Keyword};
use crate::analysis::themes::{self, Themes};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::ingest::{self, Document};
use crate::progress::Progress;
use crate::report::{self, WrittenFile};
use crate::tokenize::{self, DocTokens, Phrase, Tokenizer, Vocabulary};

/// Everything a run computes, before it is turned into tables.
#[derive(Debug, Clone)]
pub struct Results {
    pub docs: Vec<Document>,
    pub vocab: Vocabulary,
    pub streams: Vec<DocTokens>,
    /// Phrases merged into single terms.
    pub phrases: Vec<Phrase>,
    /// Per document: share of its letters that are Han characters.
    pub zh_share: Vec<f64>,
    pub freqs: Frequencies,
    /// Per document: its keywords.
    pub keywords: Vec<Vec<Keyword>>,
    pub pairs: Vec<Pair>,
    pub themes: Themes,
    /// (stage, time taken), in order.
    pub timings: Vec<(&'static str, Duration)>,
}

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
    pub timings: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

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

/// Runs every analysis stage on the configured inputs, on a pool of the configured number of
/// threads; writes nothing.
pub fn analyse(config: &Config, progress: &dyn Progress) -> Result<Results> {
    let threads = config.threads();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Threads {
            threads,
            message: e.to_string(),
        })?;
    pool.install(|| analyse_in_pool(config, progress))
}

fn analyse_in_pool(config: &Config, progress: &dyn Progress) -> Result<Results> {
    let s = &config.settings;
    let mut timer = Timer::new();
    let docs = ingest::ingest(config, progress)?;
    timer.lap("ingest");

    progress.start("load dictionaries", 0);
    let tokenizer = Tokenizer::new(config);
    progress.finish();
    let tokenize::Tokenized {
        vocab,
        streams,
        phrases,
    } = tokenize::tokenize_corpus(&docs, &tokenizer, config, progress)?;
    let zh_share = docs
        .par_iter()
        .map(|d| tokenize::script::han_share(&d.text))
        .collect();
    timer.lap("tokenize");

    progress.start("frequencies", 0);
    let analysed: Vec<bool> = docs.iter().map(Document::is_ok).collect();
    let freqs = frequency::frequencies(&vocab, &streams, &analysed, &s.frequency);
    let keywords = freqs
        .tfidf
        .par_iter()
        .map(|w| keywords::top_terms(w, &vocab, s.keywords.top_n))
        .collect();
    progress.finish();
    timer.lap("frequency");

    progress.start("co-occurrence", 0);
    let mut rank_of = vec![0u32; vocab.len()];
    for (i, &t) in freqs.ranking.iter().enumerate() {
        rank_of[t as usize] = i as u32 + 1;
    }
    let pairs = cooccurrence::cooccurrence(&streams, &rank_of, &s.cooccurrence);
    progress.finish();
    timer.lap("cooccurrence");

    progress.start("themes", 0);
    let units = themes::units(&docs, &streams, s.themes.unit, s.themes.min_unit_tokens);
    let themes = themes::themes(
        &units,
        &vocab,
        &freqs.term_count,
        &s.themes,
        &s.frequency,
        s.run.seed,
    );
    progress.finish();
    timer.lap("themes");

    Ok(Results {
        docs,
        vocab,
        streams,
        phrases,
        zh_share,
        freqs,
        keywords,
        pairs,
        themes,
        timings: timer.timings,
    })
}

/// Runs the whole pipeline: checks the output folder, analyses, writes every table and
/// `run.json`.
pub fn run(config: &Config, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let out = config.settings.output.dir.clone();
    let _lock = report::write::prepare_output(&out)?;
    let mut results = analyse(config, progress)?;
    progress.start("write tables", 0);
    let report_start = Instant::now();
    let manifest = manifest(config, &results, started.elapsed());
    let options = report::WriteOptions {
        csv_bom: config.settings.output.csv_bom,
    };
    let tables = report::tables(config.settings.output.tokens)
        .into_iter()
        .map(|(name, build)| {
            let frame = build(&results).map_err(|e| Error::Table {
                table: name.to_string(),
                path: out.clone(),
                message: e.to_string(),
            })?;
            Ok(report::Table { name, frame })
        });
    let files = report::write_outputs(&out, tables, manifest, options)?;
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
        pairs: results.pairs.len(),
        themes: results.themes.themes.len(),
        output: out,
        files,
        timings: results.timings,
        elapsed: started.elapsed(),
    })
}

/// The content of `run.json`, less the tables and files the writer adds.
fn manifest(
    config: &Config,
    r: &Results,
    elapsed: Duration,
) -> serde_json::Map<String, serde_json::Value> {
    let skipped = r.docs.iter().filter(|d| !d.is_ok()).count();
    let timings: serde_json::Map<String, serde_json::Value> = r
        .timings
        .iter()
        .map(|(stage, d)| (stage.to_string(), json!(d.as_secs_f64())))
        .collect();
    let value = json!({
        "program": "corpuscope",
        "version": env!("CARGO_PKG_VERSION"),
        "config": config.settings,
        "threads": config.threads(),
        "counts": {
            "documents": r.docs.len(),
            "analysed": r.freqs.n_docs,
            "skipped": skipped,
            "input_bytes": r.docs.iter().map(|d| d.bytes).sum::<u64>(),
            "tokens": r.freqs.total_tokens,
            "terms": r.vocab.len(),
            "phrases": r.phrases.iter().filter(|p| p.count > 0).count(),
            "pairs": r.pairs.len(),
            "theme_units": r.themes.units,
            "theme_features": r.themes.features,
            "themes": r.themes.themes.len(),
        },
        "themes": {
            "k_requested": r.themes.k_requested,
            "k": r.themes.k,
            "objective": r.themes.objective,
        },
        "timings_seconds": timings,
        "seconds_before_writing": elapsed.as_secs_f64(),
    });
    match value {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}
