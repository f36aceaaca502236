//! Determinism: the whole output folder of a run on the seeds plus a corpus of every kind of
//! input, good and bad, is the same for 1, 2 and 8 threads and between two runs: every CSV and
//! Parquet byte, and run.json apart from the fields that describe the run rather than its
//! results (timings, peak memory, thread count, output folder).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::ingest::mixed_corpus;
use crate::util::TABLES;

/// Every file of an output folder by name: the bytes, with run.json's run-specific fields
/// removed.
fn output_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(out).expect("output folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut bytes = std::fs::read(&path).expect("output file");
        if name == "run.json" {
            let mut run: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
            let map = run.as_object_mut().expect("object");
            for key in [
                "timings_seconds",
                "seconds_before_writing",
                "peak_memory_bytes",
                "threads",
            ] {
                assert!(map.remove(key).is_some(), "run.json has no {key}");
            }
            // `inputs` stays: its digest covers the input files' modification times, and every
            // run here reads the same files, written once before the first run, so it must be
            // the same whatever the threads. `dependencies` are the build's, the same too.
            assert!(
                map["inputs"]["digest"].is_string(),
                "run.json has no inputs.digest"
            );
            assert!(
                map["dependencies"].is_object(),
                "run.json has no dependencies"
            );
            let config = map["config"].as_object_mut().expect("config");
            config["run"].as_object_mut().unwrap().remove("threads");
            config["output"].as_object_mut().unwrap().remove("dir");
            bytes = serde_json::to_vec_pretty(&run).unwrap();
        }
        files.insert(name, bytes);
    }
    files
}

#[test]
fn whole_output_is_identical_for_any_thread_count_and_between_runs() {
    let corpus = mixed_corpus();
    let mut df = DataFrame::new_infer_height(vec![
        Column::new("id".into(), [1i64, 2]),
        Column::new(
            "text".into(),
            ["Cadres visit villages.", "群众路线是党的生命线。"],
        ),
    ])
    .unwrap();
    let file = std::fs::File::create(corpus.input().join("k_rows.parquet")).unwrap();
    ParquetWriter::new(file).finish(&mut df).unwrap();

    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let run = |threads: usize, name: &str| -> PathBuf {
        let mut s = corpus.settings();
        s.input.paths = vec![seeds.clone(), corpus.input()];
        s.output.dir = corpus.dir.path().join(name);
        s.output.tokens = true;
        s.run.threads = threads;
        corpus.run(s);
        corpus.dir.path().join(name)
    };
    let first = output_files(&run(1, "out1"));
    for table in TABLES.iter().chain(&["tokens"]) {
        for format in ["csv", "parquet"] {
            let name = format!("{table}.{format}");
            assert!(first.contains_key(&name), "no {name}");
        }
    }
    assert!(first.contains_key("run.json"));
    for (threads, name) in [(2, "out2"), (8, "out8"), (8, "out8-again")] {
        let other = output_files(&run(threads, name));
        assert_eq!(
            other.keys().collect::<Vec<_>>(),
            first.keys().collect::<Vec<_>>()
        );
        for (file, bytes) in &first {
            assert!(
                other[file] == *bytes,
                "{file} differs between 1 thread and {threads} threads ({name})"
            );
        }
    }
}

/// The map phase's batches: reading the inputs a batch of files at a time numbers the documents
/// and flags duplicates (also of a document in an earlier batch) exactly as reading them at
/// once, and adding the batches' tokens to the corpus one batch at a time gives the same
/// vocabulary and streams, whatever the batch size.
#[test]
fn batches_of_any_size_give_the_same_documents_and_tokens() {
    use corpuscope::ingest::{self, Reader};
    use corpuscope::progress::Silent;
    use corpuscope::tokenize::{CorpusTokens, Tokenizer};

    let corpus = mixed_corpus();
    corpus.write(
        "z_dup.txt",
        "Cadres visit villages.\n群众路线是党的生命线。\n".as_bytes(),
    );
    corpus.write(
        "z_dup2.txt",
        "Cadres visit villages.\n群众路线是党的生命线。\n".as_bytes(),
    );
    let config = corpus.settings().validate().expect("valid config");
    let files = ingest::find_inputs(&config).expect("inputs").files;
    let whole = ingest::ingest(&config, None, &Silent).expect("ingest");
    assert!(whole.iter().any(|d| d.duplicate_of.is_some()));
    let tokenizer = Tokenizer::new(&config);
    let all_at_once = {
        let mut tokens = CorpusTokens::new(&tokenizer, &config);
        tokens.add(&whole).expect("tokens");
        tokens.finish(&Silent)
    };
    for size in [1, 2, 3] {
        let mut reader = Reader::new(&config, None);
        let mut tokens = CorpusTokens::new(&tokenizer, &config);
        let mut docs = Vec::new();
        for batch in files.chunks(size) {
            let read = reader.read(batch, &Silent);
            tokens.add(&read).expect("tokens");
            docs.extend(read);
        }
        let key =
            |d: &ingest::Document| (d.doc_id, d.path.clone(), d.status.clone(), d.duplicate_of);
        assert_eq!(
            docs.iter().map(key).collect::<Vec<_>>(),
            whole.iter().map(key).collect::<Vec<_>>(),
            "batches of {size} files"
        );
        let batched = tokens.finish(&Silent);
        assert_eq!(
            batched.vocab.terms, all_at_once.vocab.terms,
            "batches of {size}"
        );
        assert_eq!(batched.streams, all_at_once.streams, "batches of {size}");
    }
}
