//! Ingesting an arbitrary file: the first byte chooses the extension (its value modulo 8: text,
//! HTML, CSV, TSV, JSON Lines, Parquet, RIS, EndNote) and `input.format` (its value divided by 8,
//! modulo 7: auto, plain, RIS, RefWorks, EndNote, NoteExpress, Web of Science), the rest is the
//! file. With `auto`, a text file whose first line is a bibliographic tag goes to that format's
//! reader; the forced formats give every text file to one reader. Reading never panics (outside
//! the Parquet reader, whose panics corpuscope catches), and every document it gives is either
//! analysed or skipped with a reason.
//!
//! Parquet files are checked as the `corpuscope` binary checks them: read first in a child
//! process (this program again, started with `CORPUSCOPE_FUZZ_CHECK_PARQUET` naming the file, which
//! reads it in its init and exits), so that a file on which polars-parquet aborts is a skipped
//! document instead of the end of the fuzzer.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use corpuscope::config::{Config, InputFormat, Settings};
use corpuscope::ingest::read_file;
use corpuscope::ingest::tabular::{self, ParquetGuard};
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 8] = [
    "txt", "html", "csv", "tsv", "jsonl", "parquet", "ris", "enw",
];
const FORMATS: [InputFormat; 7] = [
    InputFormat::Auto,
    InputFormat::Plain,
    InputFormat::Ris,
    InputFormat::Refworks,
    InputFormat::Endnote,
    InputFormat::Noteexpress,
    InputFormat::Wos,
];

/// Set in the child process: the Parquet file to read, and the text column.
const CHECK_PATH: &str = "CORPUSCOPE_FUZZ_CHECK_PARQUET";
const CHECK_COLUMN: &str = "CORPUSCOPE_FUZZ_CHECK_COLUMN";

/// The child's side of the Parquet check, run before fuzzing starts: reads the file as ingest
/// does and exits as the binary's `__check-parquet` command does.
fn check_parquet_child() {
    let Some(path) = std::env::var_os(CHECK_PATH) else {
        return;
    };
    // libfuzzer-sys aborts on any panic; the reader's panics are caught here as in a run.
    let _ = std::panic::take_hook();
    let column = std::env::var(CHECK_COLUMN).unwrap_or_else(|_| "text".to_string());
    match tabular::parquet_rows(Path::new(&path), &column) {
        Ok(_) => std::process::exit(0),
        Err(reason) => {
            println!("{reason}");
            std::process::exit(i32::from(tabular::CHECK_REFUSED));
        }
    }
}

/// The configurations (one per input format), the Parquet guard and the inputs' folder.
type Setup = (Vec<Config>, ParquetGuard, tempfile::TempDir);

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
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
        let exe = std::env::current_exe().expect("the fuzzer's own program");
        let guard = ParquetGuard::child_process(
            move |path, column| {
                let mut command = std::process::Command::new(&exe);
                command.env(CHECK_PATH, path).env(CHECK_COLUMN, column);
                command
            },
            Some(4 << 30),
        );
        let configs = FORMATS
            .iter()
            .map(|&format| {
                let mut settings = Settings::builtin_default();
                settings.input.format = format;
                settings.validate().expect("default config")
            })
            .collect();
        (configs, guard, tempfile::tempdir().expect("temporary folder"))
    })
}

fuzz_target!(init: check_parquet_child(), |data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let (configs, guard, dir) = setup();
    let kind = usize::from(kind);
    let config = &configs[kind / EXTENSIONS.len() % FORMATS.len()];
    let path = dir
        .path()
        .join(format!("input.{}", EXTENSIONS[kind % EXTENSIONS.len()]));
    std::fs::write(&path, bytes).expect("write input");
    for doc in read_file(&path, config, Some(guard)) {
        assert_eq!(doc.is_ok(), doc.status.reason().is_empty());
        assert!(doc.text.is_empty() || doc.is_ok());
    }
});
