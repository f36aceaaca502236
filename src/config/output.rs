//! `[output]` and `[run]`: where the tables go, which extra files are written, threads and the
//! random seed.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::check_range;
use crate::error::{Error, Result};

/// `[output]`: where the tables go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputSettings {
    pub dir: PathBuf,
    /// Also write the `tokens` table: one row per token (large).
    pub tokens: bool,
    /// Start CSV files with a UTF-8 byte-order mark, so that Excel shows Chinese correctly.
    pub csv_bom: bool,
    /// Also write `report.xlsx`: every table as a worksheet.
    pub xlsx: bool,
    /// Write `report.html`, a self-contained summary page.
    pub html: bool,
    /// A table with more rows than this has its CSV file cut after this many rows (its Parquet
    /// file keeps every row); 0: no limit.
    pub csv_max_rows: u64,
}

/// `[run]`: threads and the random seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RunSettings {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Seed of every random choice (theme clustering).
    pub seed: u64,
}

impl Default for OutputSettings {
    fn default() -> Self {
        OutputSettings {
            dir: PathBuf::from("output"),
            tokens: false,
            csv_bom: false,
            xlsx: false,
            html: true,
            csv_max_rows: CSV_MAX_ROWS,
        }
    }
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            threads: 0,
            seed: 42,
        }
    }
}

/// The default `output.csv_max_rows`: a worksheet's 1,048,576 rows less the header row, so that
/// every CSV file opens whole in a spreadsheet.
pub const CSV_MAX_ROWS: u64 = 1_048_575;

/// The most worker threads `run.threads` (and `--threads`) may ask for.
pub const MAX_THREADS: usize = 1024;

/// Checks `[output]` and `[run]`: an output folder named, a possible number of threads.
pub(super) fn validate(output: &OutputSettings, run: &RunSettings) -> Result<()> {
    if output.dir.as_os_str().is_empty() {
        return Err(Error::value(
            "output.dir",
            "is empty; allowed: a folder path",
        ));
    }
    check_range("run.threads", run.threads, 0, MAX_THREADS)
}
