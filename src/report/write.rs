//! Writing: every table as `<table>.csv` and `<table>.parquet`, and `run.json`, moved into the
//! output folder only when all of them are complete.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::report::Table;

/// A file written to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrittenFile {
    /// File name inside the output folder.
    pub name: String,
    pub bytes: u64,
    /// Hex SHA-256 of the contents.
    pub sha256: String,
}

fn output_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

fn output_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string())
}

fn beside(out: &Path, name: &str) -> PathBuf {
    out.parent().unwrap_or(Path::new("")).join(name)
}

/// The folder that holds `out`, where a run keeps its temporary files (the system's temporary
/// folder when that folder does not exist yet).
pub fn folder_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
        Some(p) if p.is_dir() => p.to_path_buf(),
        _ => std::env::temp_dir(),
    }
}

/// The folder beside `out` that a run writes into before moving its files.
fn staging_dir(out: &Path) -> PathBuf {
    beside(
        out,
        &format!(
            ".{}.corpuscope-tmp-{}",
            output_name(out),
            std::process::id()
        ),
    )
}

/// Holds the output folder for one run: a lock file beside it, removed when dropped.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a process is running (known on Linux; elsewhere assumed running).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Takes the output folder for this run: refuses when another run holds it (a lock file beside
/// it names the process; a lock left by a process that is gone is taken over), and removes the
/// temporary folders of earlier runs that were killed.
fn lock_output(out: &Path) -> Result<OutputLock> {
    let path = beside(out, &format!(".{}.corpuscope-lock", output_name(out)));
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                let _ = writeln!(file, "{}", std::process::id());
                let lock = OutputLock { path };
                remove_stale_staging(out);
                return Ok(lock);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if process_alive(pid) => {
                        return Err(output_error(
                            out,
                            format!(
                                "another corpuscope run (process {pid}) is writing to it; wait for \
                                 it to finish, or remove {} if no run is going",
                                path.display()
                            ),
                        ));
                    }
                    _ => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
            }
            Err(e) => return Err(output_error(out, format!("cannot write beside it: {e}"))),
        }
    }
    Err(output_error(
        out,
        format!("cannot take the lock file {}", path.display()),
    ))
}

fn remove_stale_staging(out: &Path) {
    let prefix = format!(".{}.corpuscope-tmp-", output_name(out));
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Checks, before any work, that the output folder can be written (it is a folder or can be
/// created: its parent exists) and takes it for this run.
pub fn prepare_output(out: &Path) -> Result<OutputLock> {
    match std::fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => return Err(output_error(out, "exists and is not a folder")),
        Ok(_) => {}
        Err(_) => {
            let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(parent) = parent
                && !parent.is_dir()
            {
                return Err(output_error(
                    out,
                    format!(
                        "does not exist, and neither does its parent folder {}",
                        parent.display()
                    ),
                ));
            }
        }
    }
    lock_output(out)
}

fn table_error(table: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Table {
        table: table.to_string(),
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// How files are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Start each CSV file with a UTF-8 byte-order mark (for Excel).
    pub csv_bom: bool,
    /// Also write `report.xlsx`.
    pub xlsx: bool,
    /// A CSV file holds at most this many rows (0: no limit); the Parquet file holds them all.
    pub csv_max_rows: u64,
}

/// The rows of one written table, as `run.json` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableRows {
    #[serde(skip)]
    pub name: &'static str,
    /// Rows of the table, all in its Parquet file.
    pub rows: u64,
    /// Rows of its CSV file.
    pub csv_rows: u64,
    /// Whether `output.csv_max_rows` cut the CSV file (its first `csv_rows` rows are there).
    pub csv_cut: bool,
}

/// What [`write_outputs`] wrote.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Every file, in the order written (`run.json` not included).
    pub files: Vec<WrittenFile>,
    /// Every table, in the order written.
    pub tables: Vec<TableRows>,
}

/// Rows per Parquet row group, as polars writes a whole frame.
const ROW_GROUP_ROWS: usize = 512 * 512;

/// A table to write: its name and its parts, in order (the table is their rows laid end to end).
pub struct TableSource<'a> {
    pub name: &'static str,
    pub parts: Box<dyn Iterator<Item = Result<Table>> + Send + 'a>,
}

/// Writes one table part by part: its CSV rows (cut after `options.csv_max_rows`), its Parquet
/// file, and the rows its worksheet can hold (`sheet`: how many, and where, when a workbook is
/// written). Only one part is in memory at a time. Returns the rows written and the rows meant
/// for the CSV file before the cut.
fn write_table(
    source: TableSource<'_>,
    csv_path: &Path,
    parquet_path: &Path,
    options: WriteOptions,
    mut sheet: Option<(usize, &mut Option<DataFrame>)>,
) -> Result<(TableRows, usize)> {
    let name = source.name;
    let csv_error = |e: &dyn std::fmt::Display| table_error(name, csv_path, e);
    let parquet_error = |e: &dyn std::fmt::Display| table_error(name, parquet_path, e);
    let mut csv_file = BufWriter::new(File::create(csv_path).map_err(|e| csv_error(&e))?);
    let mut parquet_file =
        BufWriter::new(File::create(parquet_path).map_err(|e| parquet_error(&e))?);
    let mut csv = None;
    let mut parquet = None;
    let max = usize::try_from(options.csv_max_rows).unwrap_or(usize::MAX);
    let (mut rows, mut csv_rows, mut csv_all) = (0u64, 0usize, 0usize);
    for part in source.parts {
        let mut part = part?;
        let csv_part = part.csv_frame();
        let room = if max == 0 {
            usize::MAX
        } else {
            max.saturating_sub(csv_rows)
        };
        let take = room.min(csv_part.height());
        if csv.is_none() {
            csv = Some(
                CsvWriter::new(&mut csv_file)
                    .include_header(true)
                    .include_bom(options.csv_bom)
                    .batched(csv_part.schema())
                    .map_err(|e| csv_error(&e))?,
            );
        }
        if let Some(w) = csv.as_mut() {
            w.write_batch(&csv_part.slice(0, take))
                .map_err(|e| csv_error(&e))?;
        }
        csv_rows += take;
        csv_all += csv_part.height();
        if let Some((max_rows, frame)) = sheet.as_mut() {
            let held = frame.as_ref().map_or(0, DataFrame::height);
            let more = csv_part.slice(0, max_rows.saturating_sub(held));
            match frame.as_mut() {
                None => **frame = Some(more),
                Some(f) => {
                    f.vstack_mut(&more).map_err(|e| csv_error(&e))?;
                }
            }
        }
        if parquet.is_none() {
            parquet = Some(
                ParquetWriter::new(&mut parquet_file)
                    .with_compression(ParquetCompression::Zstd(None))
                    .batched(part.frame.schema())
                    .map_err(|e| parquet_error(&e))?,
            );
        }
        rows += part.frame.height() as u64;
        if let Some(w) = parquet.as_mut() {
            let groups = polars::frame::chunk_df_for_writing(&mut part.frame, ROW_GROUP_ROWS)
                .map_err(|e| parquet_error(&e))?;
            w.write_batch(&groups).map_err(|e| parquet_error(&e))?;
        }
    }
    if let Some(mut w) = csv {
        w.finish().map_err(|e| csv_error(&e))?;
    }
    if let Some(w) = parquet {
        w.finish().map_err(|e| parquet_error(&e))?;
    }
    csv_file.flush().map_err(|e| csv_error(&e))?;
    parquet_file.flush().map_err(|e| parquet_error(&e))?;
    let entry = TableRows {
        name,
        rows,
        csv_rows: csv_rows as u64,
        csv_cut: csv_rows < csv_all,
    };
    Ok((entry, csv_all))
}

/// What writing one table gave: its rows and its CSV and Parquet files.
type TableWritten = (TableRows, [WrittenFile; 2]);

/// Writes every table into `staging`; with a workbook (`report.xlsx`, saved there too) one table
/// at a time, in order, as its sheets are added; without one, the tables are built and written
/// concurrently, each a part at a time. The results keep the tables' order.
fn write_tables(
    sources: Vec<TableSource<'_>>,
    staging: &Path,
    options: WriteOptions,
) -> Result<Vec<Result<TableWritten>>> {
    if !options.xlsx {
        return Ok(sources
            .into_par_iter()
            .map(|source| {
                let (entry, _, files) = write_table_files(source, staging, options, None)?;
                Ok((entry, files))
            })
            .collect());
    }
    let xlsx_path = staging.join("report.xlsx");
    let mut workbook =
        super::xlsx::Report::new(staging).map_err(|e| output_error(&xlsx_path, e.to_string()))?;
    let mut results = Vec::new();
    for source in sources {
        let name = source.name;
        let mut sheet_rows = None;
        let sheet = Some((workbook.max_rows(), &mut sheet_rows));
        let written = write_table_files(source, staging, options, sheet);
        let written = written.and_then(|(entry, csv_all, files)| {
            let frame = sheet_rows.unwrap_or_default();
            workbook
                .add(name, &frame, csv_all)
                .map_err(|e| table_error(name, &xlsx_path, e))?;
            Ok((entry, files))
        });
        let failed = written.is_err();
        results.push(written);
        if failed {
            return Ok(results);
        }
    }
    workbook
        .save(&xlsx_path)
        .map_err(|e| output_error(&xlsx_path, e))?;
    Ok(results)
}

/// Moves the written `files` and `run.json` from `staging` into `out`, and removes the files an
/// earlier run wrote there that this one does not (a table or workbook switched off), so the
/// folder holds one run's output; other files are left alone.
fn move_into_place(staging: &Path, out: &Path, files: &[WrittenFile]) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| output_error(out, format!("cannot create: {e}")))?;
    let mut names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    names.push("run.json".into());
    let previous = previous_files(out);
    for name in &names {
        std::fs::rename(staging.join(name), out.join(name))
            .map_err(|e| output_error(&out.join(name), format!("cannot move into place: {e}")))?;
    }
    for name in previous {
        if !names.contains(&name) {
            let _ = std::fs::remove_file(out.join(&name));
        }
    }
    Ok(())
}

/// Writes one table's CSV and Parquet files into `staging` ([`write_table`]) and describes them:
/// the table's rows, the rows meant for its CSV file before any cut, and the two files.
fn write_table_files(
    source: TableSource<'_>,
    staging: &Path,
    options: WriteOptions,
    sheet: Option<(usize, &mut Option<DataFrame>)>,
) -> Result<(TableRows, usize, [WrittenFile; 2])> {
    let name = source.name;
    let csv = staging.join(format!("{name}.csv"));
    let parquet = staging.join(format!("{name}.parquet"));
    let (entry, csv_all) = write_table(source, &csv, &parquet, options, sheet)?;
    fault_after(name, &parquet)?;
    Ok((entry, csv_all, [describe(&csv)?, describe(&parquet)?]))
}

/// A fault switch for tests of failed runs: in debug builds, when the environment variable
/// `CORPUSCOPE_TEST_FAIL_AFTER` names a table, the run fails once that table is written.
fn fault_after(table: &str, path: &Path) -> Result<()> {
    if cfg!(debug_assertions)
        && std::env::var("CORPUSCOPE_TEST_FAIL_AFTER").is_ok_and(|t| t == table)
    {
        return Err(table_error(
            table,
            path,
            "test fault: stopped after writing this table",
        ));
    }
    Ok(())
}

/// The process's peak resident memory so far (Linux: `VmHWM`), or None where unknown.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn describe(path: &Path) -> Result<WrittenFile> {
    let bytes = std::fs::read(path).map_err(|e| output_error(path, e.to_string()))?;
    Ok(WrittenFile {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes: bytes.len() as u64,
        sha256: format!("{:x}", Sha256::digest(&bytes)),
    })
}

/// The files the previous run listed in the output folder's `run.json` (plain names only).
fn previous_files(out: &Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(out.join("run.json")) else {
        return Vec::new();
    };
    let Ok(manifest) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Vec::new();
    };
    manifest["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str())
        .filter(|n| !n.is_empty() && !n.contains(['/', '\\']) && *n != "run.json" && *n != "..")
        .map(str::to_string)
        .collect()
}

/// Writes the tables and the manifest into `out`.
///
/// `tables` are built as they are written, one at a time. `manifest` is the content of
/// `run.json` so far; `tables` (rows of each table and of its CSV file, and whether
/// `output.csv_max_rows` cut it) and `files` (name, size, SHA-256 of every table file) are
/// added to it. Everything is written to a temporary folder beside `out` first; on any error
/// that folder is removed and `out` is left untouched.
pub fn write_outputs<'a>(
    out: &Path,
    tables: impl IntoIterator<Item = TableSource<'a>>,
    extras: Vec<(String, Vec<u8>)>,
    mut manifest: serde_json::Map<String, serde_json::Value>,
    options: WriteOptions,
) -> Result<Written> {
    let staging = staging_dir(out);
    let started = std::time::Instant::now();
    let result = (|| {
        std::fs::create_dir_all(&staging)
            .map_err(|e| output_error(&staging, format!("cannot create: {e}")))?;
        let mut files = Vec::new();
        let mut written_tables = Vec::new();
        let mut rows = serde_json::Map::new();
        let xlsx_path = staging.join("report.xlsx");
        let results = write_tables(tables.into_iter().collect(), &staging, options)?;
        for result in results {
            let (entry, table_files) = result?;
            files.extend(table_files);
            rows.insert(
                entry.name.to_string(),
                serde_json::to_value(&entry).unwrap_or_default(),
            );
            written_tables.push(entry);
        }
        if options.xlsx {
            files.push(describe(&xlsx_path)?);
        }
        for (name, bytes) in extras {
            let path = staging.join(&name);
            std::fs::write(&path, bytes).map_err(|e| output_error(&path, e.to_string()))?;
            files.push(describe(&path)?);
        }
        manifest.insert("tables".into(), rows.into());
        // The report stage's own time and the peak memory, now that every table is written.
        if let Some(serde_json::Value::Object(timings)) = manifest.get_mut("timings_seconds") {
            timings.insert("report".into(), started.elapsed().as_secs_f64().into());
        }
        manifest.insert("peak_memory_bytes".into(), peak_memory_bytes().into());
        manifest.insert(
            "files".into(),
            serde_json::to_value(&files).unwrap_or_default(),
        );
        let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        let run_json = staging.join("run.json");
        std::fs::write(&run_json, json + "\n")
            .map_err(|e| output_error(&run_json, e.to_string()))?;

        move_into_place(&staging, out, &files)?;
        Ok(Written {
            files,
            tables: written_tables,
        })
    })();
    let _ = std::fs::remove_dir_all(&staging);
    result
}
