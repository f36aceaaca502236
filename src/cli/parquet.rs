//! Parquet files read in a separate process: the guard `run` and `kwic` hand the library, and the
//! hidden `__check-parquet` command it starts for each Parquet input.

use std::path::Path;

use corpuscope::ingest::tabular::{self, ParquetGuard};
use corpuscope::pipeline::RunOptions;

/// The run options of `run` and `kwic`: each Parquet input read first in a child process.
pub fn run_options() -> RunOptions {
    RunOptions {
        parquet_guard: Some(parquet_guard()),
    }
}

/// Reads each Parquet input in a child process (this program's `__check-parquet` command)
/// before the run reads it, with the child's memory limited to half of the machine's.
fn parquet_guard() -> ParquetGuard {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            let reason = format!(
                "cannot check the Parquet file in a separate process: cannot locate the \
                 corpuscope program ({e})"
            );
            return ParquetGuard::new(move |_, _| Err(reason.clone()));
        }
    };
    ParquetGuard::child_process(
        move |path, column| {
            let mut command = std::process::Command::new(&exe);
            command
                .arg("__check-parquet")
                .arg(format!("--column={column}"))
                .arg("--")
                .arg(path);
            command
        },
        physical_memory().map(|bytes| bytes / 2),
    )
}

/// The machine's memory in bytes (`MemTotal` of /proc/meminfo), where known.
fn physical_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line
        .trim_start_matches("MemTotal:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    kib.checked_mul(1024)
}

/// The `__check-parquet` command: reads the file as `run` does; `Err` holds the reader's error.
pub fn check(path: &Path, column: &str) -> Result<(), String> {
    tabular::parquet_rows(path, column).map(drop)
}
