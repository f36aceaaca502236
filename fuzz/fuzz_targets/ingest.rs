//! Ingesting an arbitrary file: the first byte chooses the extension (text, HTML, CSV, TSV,
//! JSON Lines, Parquet), the rest is the file. Reading it never panics (outside the Parquet
//! reader, whose panics corpuscope catches), and every document it gives is either analysed or
//! skipped with a reason.
#![no_main]

use std::sync::OnceLock;

use corpuscope::config::{Config, Settings};
use corpuscope::ingest::read_file;
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 6] = ["txt", "html", "csv", "tsv", "jsonl", "parquet"];

fn setup() -> &'static (Config, tempfile::TempDir) {
    static SETUP: OnceLock<(Config, tempfile::TempDir)> = OnceLock::new();
    SETUP.get_or_init(|| {
        // The Parquet reader panics on some damaged files; corpuscope catches that and skips the
        // file. Any other panic still aborts, as the fuzzer's own hook would.
        std::panic::set_hook(Box::new(|info| {
            let in_polars = info.location().is_some_and(|l| l.file().contains("polars"));
            if !in_polars {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
        let config = Settings::builtin_default()
            .validate()
            .expect("default config");
        (config, tempfile::tempdir().expect("temporary folder"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let (config, dir) = setup();
    let path = dir.path().join(format!(
        "input.{}",
        EXTENSIONS[kind as usize % EXTENSIONS.len()]
    ));
    std::fs::write(&path, bytes).expect("write input");
    for doc in read_file(&path, config) {
        assert_eq!(doc.is_ok(), doc.status.reason().is_empty());
        assert!(doc.text.is_empty() || doc.is_ok());
    }
});
