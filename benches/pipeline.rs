//! Throughput of each pipeline stage and of the whole run, on generated mixed Chinese/English
//! corpora of 1 MiB and 4 MiB (see `support/corpus_gen.rs`).
//!
//! One group per corpus, with `Throughput::Bytes` of the input files: `seeds` (the sample
//! corpus as shipped), `corpus_<N>MiB` (generated), and `corpus_dir`, the folder named by the
//! environment variable `CORPUSCOPE_BENCH_CORPUS` when it is set (for example a corpus of real
//! text built by `scripts/build_corpus.py`):
//!
//! - `ingest`: `ingest::ingest`, reading, decoding, cleaning and splitting every file;
//! - `tokenize`: `tokenize::tokenize_corpus` on already-ingested documents;
//! - `frequency_keywords`: frequencies, TF-IDF and each document's keywords;
//! - `cooccurrence`: term ranks and co-occurrence pairs;
//! - `themes`: clustering units and spherical k-means;
//! - `pipeline_run`: `pipeline::run` end to end (ingest, dictionaries, every stage, tables
//!   written as CSV and Parquet into a temporary folder).
//!
//! The stage benchmarks run on rayon's global pool (one thread per core, as `run.threads = 0`);
//! their inputs (ingested documents, the jieba tokenizer, token streams, frequencies) are built
//! once, outside the timed loop. `setup/tokenizer_new` times building the tokenizer (jieba
//! dictionary and user dictionary), a fixed cost of every run.
//!
//! Run with `cargo bench --bench pipeline`; filter with e.g. `cargo bench --bench pipeline --
//! corpus_1MiB/`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use corpuscope::analysis::{cooccurrence, frequency, keywords, themes};
use corpuscope::config::{Config, Settings};
use corpuscope::ingest::{self, Document};
use corpuscope::pipeline;
use corpuscope::progress::Silent;
use corpuscope::tokenize::{self, Tokenizer};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

mod corpus_gen {
    include!("support/corpus_gen.rs");
}

use corpus_gen::CorpusGen;

/// Corpus sizes, in MiB.
const SIZES_MIB: &[u64] = &[1, 4];
/// Seed of the corpus generator.
const CORPUS_SEED: u64 = 42;

/// The default settings, reading `input` and writing `output`.
fn config_for(input: &Path, output: &Path) -> Config {
    let mut settings = Settings::builtin_default();
    settings.input.paths = vec![input.to_path_buf()];
    settings.output.dir = output.to_path_buf();
    settings.validate().expect("bench configuration is valid")
}

/// Per-term rank (1 = most frequent), as the pipeline computes it for co-occurrence.
fn ranks(ranking: &[u32], n_terms: usize) -> Vec<u32> {
    let mut rank_of = vec![0u32; n_terms];
    for (i, &t) in ranking.iter().enumerate() {
        rank_of[t as usize] = i as u32 + 1;
    }
    rank_of
}

fn setup(c: &mut Criterion) {
    let config = config_for(&CorpusGen::default_seeds_dir(), Path::new("unused-output"));
    let mut group = c.benchmark_group("setup");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("tokenizer_new", |b| {
        b.iter_with_large_drop(|| Tokenizer::new(black_box(&config)))
    });
    group.finish();
}

fn stages(c: &mut Criterion) {
    // The sample corpus as shipped.
    let seeds = CorpusGen::default_seeds_dir();
    let dir = tempfile::tempdir().expect("temporary folder");
    bench_corpus(c, "seeds", &seeds, &dir.path().join("out"), 1, None);

    let generator =
        CorpusGen::from_seeds(&seeds, CORPUS_SEED).expect("read the sample corpus in seeds/");
    for &mib in SIZES_MIB {
        let dir = tempfile::tempdir().expect("temporary folder");
        let input = dir.path().join("in");
        let stats = generator
            .write_corpus(&input, mib << 20)
            .expect("write the generated corpus");
        let (zh_pool, en_pool) = generator.pool_sizes();
        eprintln!(
            "corpus_{mib}MiB: {:.0}% Chinese by sentence bytes (pools: {zh_pool} zh / {en_pool} en \
             sentences)",
            100.0 * stats.zh_share(),
        );
        bench_corpus(
            c,
            &format!("corpus_{mib}MiB"),
            &input,
            &dir.path().join("out"),
            mib,
            Some(stats.documents),
        );
    }

    // A corpus of real text, such as one built by scripts/build_corpus.py.
    if let Some(input) = std::env::var_os("CORPUSCOPE_BENCH_CORPUS") {
        let input = std::path::PathBuf::from(input);
        let dir = tempfile::tempdir().expect("temporary folder");
        let mib = (folder_bytes(&input) >> 20).max(1);
        bench_corpus(c, "corpus_dir", &input, &dir.path().join("out"), mib, None);
    }
}

/// Bytes of the files under `dir`.
fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => folder_bytes(&e.path()),
                    _ => e.metadata().map_or(0, |m| m.len()),
                })
                .sum()
        })
        .unwrap_or(0)
}

/// One group of stage benchmarks and a whole run on the corpus in `input`; `mib` scales the
/// measurement time; `documents`, when given, is checked against what ingest reads.
fn bench_corpus(
    c: &mut Criterion,
    name: &str,
    input: &Path,
    output: &Path,
    mib: u64,
    documents: Option<usize>,
) {
    let config = config_for(input, output);
    let s = &config.settings;

    // Inputs of the timed stages, built once.
    let mut docs: Vec<Document> = ingest::ingest(&config, None, &Silent).expect("ingest");
    // Throughput is counted in bytes of the input files.
    let bytes: u64 = docs.iter().map(|d| d.bytes).sum();
    if let Some(n) = documents {
        assert_eq!(docs.len(), n, "every generated file is read");
        assert!(
            docs.iter().all(Document::is_ok),
            "every document is analysed"
        );
    }
    let tokenizer = Tokenizer::new(&config);
    let tokenize::Tokenized { vocab, streams, .. } =
        tokenize::tokenize_corpus(&mut docs, &tokenizer, &config, &Silent, &mut |_| Ok(()))
            .expect("vocabulary");
    let analysed: Vec<bool> = docs.iter().map(Document::is_ok).collect();
    let freqs = frequency::frequencies(&vocab, &streams, &analysed, &s.frequency);
    eprintln!(
        "{name}: {} documents, {bytes} bytes, {} tokens, {} terms",
        docs.len(),
        freqs.total_tokens,
        vocab.len()
    );

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs((4 * mib).min(30)));

    group.bench_function("ingest", |b| {
        b.iter_with_large_drop(|| {
            ingest::ingest(black_box(&config), None, &Silent).expect("ingest")
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter_with_large_drop(|| {
            tokenize::tokenize_corpus(
                black_box(&mut docs),
                &tokenizer,
                &config,
                &Silent,
                &mut |_| Ok(()),
            )
            .expect("vocabulary")
        })
    });
    group.bench_function("frequency_keywords", |b| {
        b.iter_with_large_drop(|| {
            let freqs =
                frequency::frequencies(&vocab, black_box(&streams), &analysed, &s.frequency);
            let keywords: Vec<Vec<keywords::Keyword>> = (0..freqs.doc_counts.len())
                .into_par_iter()
                .map(|doc| keywords::top_terms(&freqs.tfidf(doc), &vocab, s.keywords.top_n))
                .collect();
            (freqs, keywords)
        })
    });
    group.bench_function("cooccurrence", |b| {
        b.iter_with_large_drop(|| {
            let rank_of = ranks(&freqs.ranking, vocab.len());
            cooccurrence::cooccurrence(
                black_box(&streams),
                &rank_of,
                &freqs.term_count,
                &s.cooccurrence,
            )
        })
    });
    let text_bytes: Vec<usize> = docs.iter().map(|d| d.text.len()).collect();
    group.bench_function("themes", |b| {
        b.iter_with_large_drop(|| {
            let network = Default::default();
            let units = themes::units(
                &docs,
                black_box(&streams),
                &text_bytes,
                &s.themes,
                &vocab,
                &freqs.term_count,
                &network,
            );
            themes::themes(units, &s.themes, &s.frequency, s.run.seed, &network)
        })
    });
    // A whole run takes several times the tokenize stage: give it more time.
    group.measurement_time(Duration::from_secs((10 * mib).min(60)));
    group.bench_function("pipeline_run", |b| {
        b.iter(|| pipeline::run(black_box(&config), &Silent).expect("pipeline run"))
    });
    group.finish();
}

criterion_group!(benches, setup, stages);
criterion_main!(benches);
