//! Tabular corpora: one document per row of a CSV, TSV, JSON Lines or Parquet file. The text
//! column is named in the configuration (`input.text_column`); every other column is carried into
//! the `documents` table as metadata, as strings.
//!
//! Parquet files are read with polars in this process. A damaged Parquet file can make
//! polars-parquet panic (caught: the file is skipped) or abort the process (for instance by
//! asking for 2^61 bytes, an allocation failure no code can catch). A [`ParquetGuard`] handed to
//! [`ingest`](super::ingest) is asked about each Parquet file before it is read;
//! [`ParquetGuard::child_process`] reads the file once in a separate process first, so that an
//! abort ends that process only and the file becomes a skipped row. The library makes no guard
//! (it starts no process); the `corpuscope` binary hands one to the run.

use std::fmt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Arc;

use polars::prelude::{DataType, ParquetReader, SerReader};

/// One row: its number (1-based data row; the line number for JSON Lines) and its text and
/// metadata, or why it cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u64,
    pub content: Result<RowContent, String>,
}

/// The text of a row and its other columns, in the file's column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowContent {
    pub text: String,
    pub metadata: Vec<(String, String)>,
}

fn missing_column(column: &str, found: &[String]) -> String {
    format!(
        "no text column `{column}` (set input.text_column; columns found: {})",
        if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        }
    )
}

/// Rows of delimited text (`delimiter` b',' for CSV, b'\t' for TSV). A file-level problem (no
/// text column) is an `Err` with the reason.
pub fn delimited_rows(text: &str, delimiter: u8, column: &str) -> Result<Vec<Row>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let Some(text_at) = headers.iter().position(|h| h == column) else {
        return Err(missing_column(column, &headers));
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i as u64 + 1;
        let content = match record {
            Ok(record) => Ok(RowContent {
                text: record.get(text_at).unwrap_or_default().to_string(),
                metadata: headers
                    .iter()
                    .zip(record.iter())
                    .enumerate()
                    .filter(|&(j, _)| j != text_at)
                    .map(|(_, (h, v))| (h.clone(), v.to_string()))
                    .collect(),
            }),
            Err(e) => Err(match e.position() {
                Some(p) => format!("malformed row at line {}: {e}", p.line()),
                None => format!("malformed row: {e}"),
            }),
        };
        rows.push(Row { number, content });
    }
    Ok(rows)
}

/// Rows of JSON Lines: one JSON object a line; blank lines are ignored.
pub fn jsonl_rows(text: &str, column: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = i as u64 + 1;
        let content = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => match map.get(column) {
                Some(value) => Ok(RowContent {
                    text: json_text(value),
                    metadata: map
                        .iter()
                        .filter(|(k, _)| k.as_str() != column)
                        .map(|(k, v)| (k.clone(), json_text(v)))
                        .collect(),
                }),
                None => Err(format!(
                    "line {number}: {}",
                    missing_column(column, &map.keys().cloned().collect::<Vec<_>>())
                )),
            },
            Ok(_) => Err(format!("line {number}: not a JSON object")),
            Err(e) => Err(format!("line {number}: not JSON ({e})")),
        };
        rows.push(Row { number, content });
    }
    rows
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A check made on each Parquet file before it is read in this process: `Ok(())` lets ingest
/// read it, `Err(reason)` makes it a skipped `documents` row with that reason. The arguments are
/// the file and `input.text_column`.
#[derive(Clone)]
pub struct ParquetGuard(Arc<GuardFn>);

/// The check a [`ParquetGuard`] makes: (file, text column) → `Ok(())` or the skip reason.
type GuardFn = dyn Fn(&Path, &str) -> Result<(), String> + Send + Sync;

impl fmt::Debug for ParquetGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ParquetGuard(..)")
    }
}

/// The exit code of a check process whose read returned an error (not a damaged-file abort):
/// the reason, as [`parquet_rows`] gives it, is on its standard output.
pub const CHECK_REFUSED: u8 = 3;

/// Longest part of a check process's standard error quoted in a reason, in characters.
const QUOTED_MAX_CHARS: usize = 200;

impl ParquetGuard {
    /// A guard calling `check(path, text_column)`.
    pub fn new(check: impl Fn(&Path, &str) -> Result<(), String> + Send + Sync + 'static) -> Self {
        ParquetGuard(Arc::new(check))
    }

    /// A guard that reads each Parquet file in a separate process before ingest reads it here.
    ///
    /// `command(path, text_column)` builds the process, which must read the file with
    /// [`parquet_rows`] and exit with 0 when that returns rows, or print the error on standard
    /// output and exit with [`CHECK_REFUSED`] (the `corpuscope` binary's hidden
    /// `__check-parquet` command does). The file is then read here only when it was read there:
    /// every Parquet input is read twice. When the process is ended by a signal (an abort, as on
    /// an allocation failure) or exits otherwise, the file is skipped:
    /// `the Parquet file is damaged: the reader aborted (memory allocation of … bytes failed)`.
    /// Its standard output and error are captured, never shown; the last line of its standard
    /// error (run without backtraces) goes into the reason.
    ///
    /// On Linux the process is started through `/bin/sh` with its address space limited to
    /// `memory_limit` bytes (`ulimit -v`), when given, and no core dump (`ulimit -c 0`).
    pub fn child_process(
        command: impl Fn(&Path, &str) -> Command + Send + Sync + 'static,
        memory_limit: Option<u64>,
    ) -> Self {
        ParquetGuard::new(move |path, column| {
            let mut child = command(path, column);
            // No backtrace: the message above it is what the reason quotes.
            child.env("RUST_BACKTRACE", "0");
            let mut child = with_limits(child, memory_limit);
            let output = child
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("cannot check the Parquet file in a separate process: {e}"))?;
            verdict(output.status, &output.stdout, &output.stderr, memory_limit)
        })
    }

    /// Asks the guard about one file.
    pub fn check(&self, path: &Path, column: &str) -> Result<(), String> {
        (self.0)(path, column)
    }
}

/// `command` run through `/bin/sh` with `ulimit -c 0` and, given a limit, `ulimit -v`. A limit
/// the shell cannot set is left out (the process still runs). Elsewhere than on Linux, or
/// without `/bin/sh`, `command` unchanged.
fn with_limits(command: Command, memory_limit: Option<u64>) -> Command {
    const SHELL: &str = "/bin/sh";
    if !cfg!(target_os = "linux") || !Path::new(SHELL).exists() {
        return command;
    }
    let kib = memory_limit.map_or_else(|| "unlimited".to_string(), |b| (b / 1024).to_string());
    let mut shell = Command::new(SHELL);
    shell
        .arg("-c")
        .arg(r#"ulimit -c 0 2>/dev/null; ulimit -v "$1" 2>/dev/null; shift; exec "$@""#)
        .arg("corpuscope-check")
        .arg(kib)
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        shell.current_dir(dir);
    }
    shell
}

/// What a check process's end says about the file.
fn verdict(
    status: ExitStatus,
    stdout: &[u8],
    stderr: &[u8],
    memory_limit: Option<u64>,
) -> Result<(), String> {
    if status.success() {
        return Ok(());
    }
    let said = last_line(stderr);
    let quoted = if said.is_empty() {
        String::new()
    } else {
        format!(" ({said})")
    };
    if status.code() == Some(i32::from(CHECK_REFUSED)) {
        let reason = String::from_utf8_lossy(stdout).trim().to_string();
        if !reason.is_empty() {
            return Err(reason);
        }
    }
    let how = match (status.code(), signal_of(status)) {
        // An uncaught panic (the reader's panics are caught; this one escaped).
        (Some(101), _) => "the reader panicked".to_string(),
        (Some(code), _) => {
            return Err(format!(
                "cannot check the Parquet file in a separate process: the check exited with \
                 code {code}{quoted}"
            ));
        }
        (None, Some(6)) => "the reader aborted".to_string(),
        (None, Some(signal)) => format!("the reader was ended by signal {signal}"),
        (None, None) => "the reader ended abnormally".to_string(),
    };
    // Out of memory under the limit: the file may be sound and just large. One request larger
    // than the whole limit (2^61 bytes, say) is the damage speaking.
    let memory = match (memory_limit, allocation_failed(&said)) {
        (Some(limit), Some(asked)) if asked.is_none_or(|asked| asked <= limit) => format!(
            " or needs more than the {:.1} GiB of memory the check may use",
            limit as f64 / f64::from(1u32 << 30)
        ),
        _ => String::new(),
    };
    Err(format!(
        "the Parquet file is damaged{memory}: {how}{quoted}"
    ))
}

/// For Rust's `memory allocation of N bytes failed`: `Some(Some(N))` (`Some(None)` when N does
/// not parse); `None` for any other message.
fn allocation_failed(message: &str) -> Option<Option<u64>> {
    let rest = message.strip_prefix("memory allocation of ")?;
    let bytes = rest.strip_suffix(" bytes failed")?;
    Some(bytes.parse().ok())
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_status: ExitStatus) -> Option<i32> {
    None
}

/// The last line of a process's standard error that is neither blank nor one of Rust's `note:`
/// lines (`note: run with RUST_BACKTRACE=1 …`), trimmed, at most [`QUOTED_MAX_CHARS`]
/// characters (an ellipsis marks a cut).
fn last_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("note: "))
        .unwrap_or("");
    if line.chars().count() > QUOTED_MAX_CHARS {
        let mut cut: String = line.chars().take(QUOTED_MAX_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        line.to_string()
    }
}

/// Rows of a Parquet file; every column is read as text. Read in this process: see
/// [`ParquetGuard`] for the files on which the reader aborts.
pub fn parquet_rows(path: &Path, column: &str) -> Result<Vec<Row>, String> {
    // The Parquet reader can panic on a damaged file instead of returning an error: that file
    // is skipped like any other unreadable one.
    std::panic::catch_unwind(|| read_parquet(path, column))
        .unwrap_or_else(|_| Err("cannot read Parquet: the file is damaged".to_string()))
}

fn read_parquet(path: &Path, column: &str) -> Result<Vec<Row>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let df = ParquetReader::new(file)
        .finish()
        .map_err(|e| format!("cannot read Parquet: {e}"))?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    if !names.iter().any(|n| n == column) {
        return Err(missing_column(column, &names));
    }
    let mut columns = Vec::with_capacity(names.len());
    for name in &names {
        let series = df
            .column(name)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(|e| format!("cannot read column `{name}` as text: {e}"))?;
        let values: Vec<String> = series
            .str()
            .map_err(|e| format!("cannot read column `{name}` as text: {e}"))?
            .iter()
            .map(|v| v.unwrap_or_default().to_string())
            .collect();
        columns.push(values);
    }
    let text_at = names.iter().position(|n| n == column).unwrap_or(0);
    Ok((0..df.height())
        .map(|i| Row {
            number: i as u64 + 1,
            content: Ok(RowContent {
                text: columns[text_at][i].clone(),
                metadata: names
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != text_at)
                    .map(|(j, n)| (n.clone(), columns[j][i].clone()))
                    .collect(),
            }),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_carry_metadata_and_report_malformed_rows() {
        let text = "year,text,source\n2020,\"first, text\",a\n2021,second\n2022,third,c\n";
        let rows = delimited_rows(text, b',', "text").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0].content,
            Ok(RowContent {
                text: "first, text".into(),
                metadata: vec![
                    ("year".into(), "2020".into()),
                    ("source".into(), "a".into())
                ],
            })
        );
        let bad = rows[1].content.as_ref().unwrap_err();
        assert!(bad.starts_with("malformed row at line 3"), "{bad}");
        assert_eq!(rows[2].content.as_ref().unwrap().text, "third");
        let err = delimited_rows(text, b',', "body").unwrap_err();
        assert_eq!(
            err,
            "no text column `body` (set input.text_column; columns found: year, text, source)"
        );
    }

    /// A guard whose check process is `sh -c script`.
    #[cfg(unix)]
    fn shell_guard(script: &'static str, memory_limit: Option<u64>) -> ParquetGuard {
        ParquetGuard::child_process(
            move |_, column| {
                let mut command = Command::new("sh");
                command.arg("-c").arg(script).env("COLUMN", column);
                command
            },
            memory_limit,
        )
    }

    #[cfg(unix)]
    #[test]
    fn child_process_guard_turns_the_check_process_end_into_a_reason() {
        let path = Path::new("x.parquet");
        let check = |script, limit| shell_guard(script, limit).check(path, "text");
        assert_eq!(check("exit 0", None), Ok(()));
        // The reader's own error, as the check process prints it: the reason as it is.
        assert_eq!(
            check(
                "echo panic noise >&2; echo \"cannot read Parquet: bad $COLUMN\"; exit 3",
                None
            ),
            Err("cannot read Parquet: bad text".to_string())
        );
        // An abort: the last line of standard error, Rust's notes left out.
        let abort = "echo 'memory allocation of 2305843009213693952 bytes failed' >&2; \
                     echo 'note: run with `RUST_BACKTRACE=1` to display a backtrace' >&2; \
                     kill -ABRT $$";
        let damaged = "the Parquet file is damaged: the reader aborted (memory allocation of \
                       2305843009213693952 bytes failed)";
        assert_eq!(check(abort, None), Err(damaged.to_string()));
        // One request larger than the whole limit is damage, not a large file.
        assert_eq!(check(abort, Some(8 << 30)), Err(damaged.to_string()));
        assert_eq!(
            check(
                "echo 'memory allocation of 1048576 bytes failed' >&2; kill -ABRT $$",
                Some(8 << 30)
            ),
            Err(
                "the Parquet file is damaged or needs more than the 8.0 GiB of memory the check \
                 may use: the reader aborted (memory allocation of 1048576 bytes failed)"
                    .to_string()
            )
        );
        assert_eq!(
            check("kill -KILL $$", None),
            Err("the Parquet file is damaged: the reader was ended by signal 9".to_string())
        );
        assert_eq!(
            check("echo 'error: unexpected argument' >&2; exit 2", None),
            Err(
                "cannot check the Parquet file in a separate process: the check exited with \
                 code 2 (error: unexpected argument)"
                    .to_string()
            )
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn child_process_guard_limits_the_memory_of_the_check_process() {
        let guard = shell_guard("echo \"$(ulimit -v) $(ulimit -c)\"; exit 3", Some(1 << 30));
        assert_eq!(
            guard.check(Path::new("x.parquet"), "text"),
            Err("1048576 0".to_string())
        );
        let missing = ParquetGuard::child_process(|_, _| Command::new("/no/such/program"), None);
        let reason = missing
            .check(Path::new("x.parquet"), "text")
            .expect_err("a program that is not there");
        assert!(
            reason.starts_with("cannot check the Parquet file in a separate process: "),
            "{reason}"
        );
    }

    #[test]
    fn quoted_standard_error_is_one_short_line() {
        assert_eq!(last_line(b"first\n  second  \n\n"), "second");
        assert_eq!(last_line(b""), "");
        let long = format!("{}\nnote: run with `RUST_BACKTRACE=1`\n", "x".repeat(500));
        let quoted = last_line(long.as_bytes());
        assert_eq!(quoted.chars().count(), QUOTED_MAX_CHARS);
        assert!(quoted.ends_with('…'));
        assert_eq!(
            allocation_failed("memory allocation of 12 bytes failed"),
            Some(Some(12))
        );
        assert_eq!(
            allocation_failed("fatal runtime error: stack overflow"),
            None
        );
    }

    #[test]
    fn jsonl_lines_that_are_not_objects_are_reported() {
        let text = "{\"text\": \"a\", \"year\": 2020}\n\nnot json\n[1]\n{\"body\": \"b\"}\n";
        let rows = jsonl_rows(text, "text");
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[0].content.as_ref().unwrap().metadata,
            [("year".to_string(), "2020".to_string())]
        );
        assert_eq!(rows[1].number, 3);
        assert!(
            rows[1]
                .content
                .as_ref()
                .unwrap_err()
                .starts_with("line 3: not JSON")
        );
        assert_eq!(rows[2].content, Err("line 4: not a JSON object".into()));
        assert!(
            rows[3]
                .content
                .as_ref()
                .unwrap_err()
                .contains("no text column `text`")
        );
    }
}
