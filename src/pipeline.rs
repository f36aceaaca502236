//! Pipeline: wires the stages (config → ingest → tokenize → analysis → report), runs them on a
//! thread pool of the configured size, times them and reports progress.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde_json::json;

use crate::analysis::frequency;
use crate::analysis::keywords::{self, Keyword};
use crate::analysis::kwic::{self, KwicLine};
use crate::analysis::{
    Results, bursts, cooccurrence, keyness, network, thematic_map, themes, trends,
};
use crate::config::{Config, KeywordMethod};
use crate::error::{Error, Result};
use crate::ingest::spill::TextSpill;
use crate::ingest::{self, Document};
use crate::progress::Progress;
use crate::report::{self, TableRows, WrittenFile};
use crate::tokenize::{self, Tokenizer, Vocabulary};

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

/// Runs every analysis stage on the configured inputs, on a pool of the configured number of
/// threads; writes nothing.
pub fn analyse(config: &Config, progress: &dyn Progress) -> Result<Results> {
    let pool = thread_pool(config)?;
    pool.install(|| analyse_in_pool(config, progress))
}

fn analyse_in_pool(config: &Config, progress: &dyn Progress) -> Result<Results> {
    let s = &config.settings;
    let mut timer = Timer::new();
    let mut docs = ingest::ingest(config, progress)?;
    timer.lap("ingest");

    progress.start("load dictionaries", 0);
    let tokenizer = Tokenizer::new(config);
    progress.finish();
    // Nothing after tokenizing reads whole texts but KWIC and the report, a few paragraphs:
    // each batch of texts leaves memory for a temporary file as soon as it is tokenized, so
    // that the texts are never all held beside the token streams.
    let mut spill = TextSpill::create(&report::write::folder_of(&s.output.dir))?;
    let mut zh_share: Vec<f64> = Vec::with_capacity(docs.len());
    let tokenize::Tokenized {
        vocab,
        mut streams,
        phrases,
    } = tokenize::tokenize_corpus(&mut docs, &tokenizer, config, progress, &mut |batch| {
        zh_share.par_extend(batch.par_iter().map(|d| crate::script::han_share(&d.text)));
        spill.take(batch)
    })?;
    let texts = spill.finish()?;
    // The many blocks the texts, token forms, adjacency and word tables held go back to the
    // system.
    crate::memory::release_free_memory();
    timer.lap("tokenize");

    progress.start("frequencies", 0);
    let analysed: Vec<bool> = docs.iter().map(Document::is_ok).collect();
    let mut freqs = frequency::frequencies(&vocab, &streams, &analysed, &s.frequency);
    let doc_terms = frequency::doc_term_rows(&freqs, &s.doc_terms);
    let keywords: Vec<Vec<Keyword>> = match s.keywords.method {
        KeywordMethod::Tfidf => (0..freqs.doc_counts.len())
            .into_par_iter()
            .map(|doc| keywords::top_terms(&freqs.tfidf(doc), &vocab, s.keywords.top_n))
            .collect(),
        KeywordMethod::Textrank => streams
            .par_iter()
            .map(|d| {
                let w = keywords::textrank(&d.terms, &vocab, s.keywords.span);
                keywords::top_terms(&w, &vocab, s.keywords.top_n)
            })
            .collect(),
    };
    let alphabetical = alphabetical_order(&vocab);
    let mut rank_of = vec![0u32; vocab.len()];
    for (i, &t) in freqs.ranking.iter().enumerate() {
        rank_of[t as usize] = i as u32 + 1;
    }
    let group_of: Vec<Option<&str>> = docs
        .iter()
        .map(|d| d.fields(std::slice::from_ref(&s.keyness.group)).next())
        .collect();
    let keyness = keyness::keyness(
        &group_of,
        &freqs.doc_counts,
        s.keyness.top_n,
        s.keyness.min_count,
    );
    let period_of: Vec<Option<String>> = docs
        .iter()
        .map(|d| {
            d.fields(&s.trends.columns)
                .find_map(|v| trends::period_of(v, s.trends.period))
        })
        .collect();
    let top: Vec<u32> = freqs
        .ranking
        .iter()
        .take(s.trends.top_terms)
        .copied()
        .collect();
    let trends = trends::trends(&period_of, &freqs.doc_counts, &top);
    let kwic = kwic::kwic(
        &docs,
        |d| texts.text(d).map(Cow::Owned),
        &streams,
        &kwic_terms(&keywords, &freqs.term_count, s.kwic.top_keywords),
        s.kwic.width,
        s.kwic.max_lines,
    )?;
    // The tokens' byte spans were kept for KWIC; only the `tokens` table reads them after it.
    if !s.output.tokens {
        streams
            .par_iter_mut()
            .for_each(|stream| stream.spans = Vec::new());
    }
    crate::memory::release_free_memory();
    progress.finish();
    timer.lap("frequency");

    progress.start("co-occurrence", 0);
    let cooccurrence =
        cooccurrence::cooccurrence(&streams, &rank_of, &freqs.term_count, &s.cooccurrence);
    let network = network::network(&cooccurrence.pairs, &rank_of, &s.network, s.run.seed);
    let edge_counts: Vec<u64> = network
        .edges
        .iter()
        .map(|e| cooccurrence.pairs[e.pair].count)
        .collect();
    let thematic_map = thematic_map::thematic_map(&network, &edge_counts, &freqs.term_count);
    let year_of: Vec<Option<i32>> = docs
        .iter()
        .map(|d| {
            let fields = if d.is_ok() { &s.bursts.fields[..] } else { &[] };
            d.year_in(fields)
        })
        .collect();
    let burst_terms: Vec<u32> = freqs
        .ranking
        .iter()
        .take(s.bursts.top_terms)
        .copied()
        .collect();
    let bursts = bursts::bursts(
        &year_of,
        &freqs.doc_counts,
        &burst_terms,
        s.bursts.s,
        s.bursts.gamma,
    );
    // The per-document counts are read by nothing after this point but the `doc_terms`
    // Parquet file with every row: without it, they go.
    if !s.doc_terms.parquet_all {
        freqs.doc_counts = Vec::new();
        crate::memory::release_free_memory();
    }
    progress.finish();
    timer.lap("cooccurrence");

    progress.start("themes", 0);
    let text_bytes: Vec<usize> = (0..texts.len()).map(|i| texts.bytes(i)).collect();
    let units = themes::units(
        &docs,
        &streams,
        &text_bytes,
        &s.themes,
        &vocab,
        &freqs.term_count,
        &network,
    );
    // The term ids of the tokens are read by nothing after this point but the `tokens` table:
    // without it, they go.
    if !s.output.tokens {
        streams
            .par_iter_mut()
            .for_each(|stream| stream.terms = Vec::new());
        crate::memory::release_free_memory();
    }
    let mut themes = themes::themes(units, &s.themes, &s.frequency, s.run.seed, &network);
    for example in themes.themes.iter_mut().flat_map(|t| t.examples.iter_mut()) {
        let text = texts.text(example.doc)?;
        example.text = text
            .get(example.range.clone())
            .unwrap_or_default()
            .to_string();
    }
    progress.finish();
    timer.lap("themes");

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
        keyword_method: s.keywords.method.as_str(),
        network_measure: s.network.measure.clone(),
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

/// Each term's place in the alphabetical order of the shown terms, equal for equal spellings.
fn alphabetical_order(vocab: &Vocabulary) -> Vec<u32> {
    let shown = |t: u32| vocab.terms[t as usize].display.as_str();
    let mut by_spelling: Vec<u32> = (0..vocab.len() as u32).collect();
    by_spelling.par_sort_by(|&a, &b| shown(a).cmp(shown(b)));
    let mut place = vec![0u32; vocab.len()];
    for w in by_spelling.windows(2) {
        place[w[1] as usize] = place[w[0] as usize] + u32::from(shown(w[0]) != shown(w[1]));
    }
    place
}

/// Keyword-in-context lines of one term, found after ingest and tokenization only (nothing is
/// written). The query is tokenized as the corpus is: a word matches the term it counts under
/// (`Masses` finds `masses` and `mass`), several words match the phrase they make, and a term
/// may also be given exactly as the `terms` table shows it. Returns the documents and the lines.
pub fn concordance(
    config: &Config,
    query: &str,
    width: usize,
    max_lines: usize,
    progress: &dyn Progress,
) -> Result<(Vec<Document>, Vec<KwicLine>)> {
    let pool = thread_pool(config)?;
    pool.install(|| {
        // Token positions are needed for the lines.
        let mut settings = config.settings.clone();
        settings.output.tokens = true;
        let config = Config {
            settings,
            ..config.clone()
        };
        let mut docs = ingest::ingest(&config, progress)?;
        let tokenizer = Tokenizer::new(&config);
        let tokenized =
            tokenize::tokenize_corpus(&mut docs, &tokenizer, &config, progress, &mut |_| Ok(()))?;
        let words = tokenizer.tokens(query);
        let lang = words.first().map(|t| t.lang);
        let key = lang.map(|l| {
            words
                .iter()
                .map(|t| t.key.as_str())
                .collect::<Vec<_>>()
                .join(l.joiner())
        });
        let terms: Vec<u32> = tokenized
            .vocab
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.display == query.trim() || (Some(t.lang) == lang && Some(&t.key) == key.as_ref())
            })
            .map(|(i, _)| i as u32)
            .collect();
        let text_of = |d: usize| Ok(Cow::Borrowed(docs[d].text.as_str()));
        let lines = kwic::kwic(&docs, text_of, &tokenized.streams, &terms, width, max_lines)?;
        Ok((docs, lines))
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
        xlsx: config.settings.output.xlsx,
        csv_max_rows: config.settings.output.csv_max_rows,
    };
    let choice = report::TableChoice {
        tokens: config.settings.output.tokens,
        doc_terms_parquet_all: config.settings.doc_terms.parquet_all,
    };
    let results_ref = &results;
    let out_ref = &out;
    let tables = report::tables(choice)
        .into_iter()
        .map(|spec| report::TableSource {
            name: spec.name,
            parts: Box::new(spec.parts(results_ref).map(move |part| {
                part.map_err(|e| Error::Table {
                    table: spec.name.to_string(),
                    path: out_ref.clone(),
                    message: e.to_string(),
                })
            })),
        });
    let mut extras = vec![
        (
            "network.graphml".to_string(),
            report::graph::graphml(&results).into_bytes(),
        ),
        (
            "network.gexf".to_string(),
            report::graph::gexf(&results).into_bytes(),
        ),
        (
            "vosviewer_map.txt".to_string(),
            report::vosviewer::map_file(&results).into_bytes(),
        ),
        (
            "vosviewer_network.txt".to_string(),
            report::vosviewer::network_file(&results).into_bytes(),
        ),
    ];
    if config.settings.output.html {
        extras.push((
            "report.html".to_string(),
            report::html::html(&results, config.settings.run.seed).into_bytes(),
        ));
    }
    let written = report::write_outputs(&out, tables, extras, manifest, options)?;
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

/// The terms the `kwic` table shows: the `n` terms most often among documents' keywords (ties
/// by corpus count, then id).
fn kwic_terms(keywords: &[Vec<Keyword>], term_count: &[u64], n: usize) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    let mut times: rustc_hash::FxHashMap<u32, u64> = Default::default();
    for k in keywords.iter().flatten() {
        *times.entry(k.term).or_insert(0) += 1;
    }
    let mut terms: Vec<(u32, u64)> = times.into_iter().collect();
    terms.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| term_count[b.0 as usize].cmp(&term_count[a.0 as usize]))
            .then_with(|| a.0.cmp(&b.0))
    });
    terms.into_iter().take(n).map(|(t, _)| t).collect()
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
            "pairs": r.cooccurrence.pairs.len(),
            "cooccurrence_contexts": r.cooccurrence.contexts,
            "network_nodes": r.network.nodes.len(),
            "network_edges": r.network.edges.len(),
            "keyness_groups": r.keyness.groups.len(),
            "trend_periods": r.trends.periods.len(),
            "theme_units": r.themes.units,
            "theme_features": r.themes.features,
            "themes": r.themes.themes.len(),
            "bursts": r.bursts.len(),
        },
        "doc_terms": {
            "rows_all": r.doc_terms.all,
            "rows_kept": r.doc_terms.kept,
            "per_document": r.doc_terms.per_document,
        },
        "network": {
            "modularity": r.network.modularity,
            "communities": r.network.communities,
            "silhouette": r.thematic_map.silhouette,
        },
        "themes": {
            "method": r.themes.method,
            "k_requested": r.themes.k_requested.map_or(json!("auto"), |k| json!(k)),
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
