//! The `corpuscope` command: parses the command line, runs the library, prints a summary and
//! turns errors into messages and exit codes (0 done, 1 error, 2 usage).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use clap::{Parser, Subcommand};
use corpuscope::config::{DEFAULT_TOML, Overrides, Settings};
use corpuscope::ingest::clean::normalize;
use corpuscope::ingest::tabular::{self, ParquetGuard};
use corpuscope::pipeline::{self, RunOptions, Summary};
use corpuscope::progress::Progress;
use corpuscope::tokenize::Tokenizer;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Parser)]
#[command(
    name = "corpuscope",
    version,
    about = "Term frequencies, TF-IDF, keywords, co-occurrence and themes for mixed Chinese/English corpora"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the inputs and write every table (CSV and Parquet) and run.json.
    Run {
        /// Configuration file (TOML); without it, the built-in config/default.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Input file or folder, replacing `input.paths` (repeatable).
        #[arg(long, value_name = "PATH")]
        input: Vec<PathBuf>,
        /// Output folder, replacing `output.dir`.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Worker threads (0 = one per core), replacing `run.threads`.
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// No progress bars.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Show how a text is tokenized under a configuration: one line per token with its surface
    /// form, term form, stem, language and character offsets (tab-separated). Reads TEXT, or
    /// --file, or standard input. Phrases, which depend on the whole corpus, are not merged.
    Tokenize {
        /// The text to tokenize.
        text: Option<String>,
        /// Read the text from this file (UTF-8) instead.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        file: Option<PathBuf>,
        /// Configuration file (TOML); without it, the built-in config/default.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print keyword-in-context lines for a term (tab-separated: doc_id, path, unit_id, left
    /// context, keyword, right context). The term is tokenized as the corpus is, so `masses`
    /// also finds `mass`, and several words find the phrase they make.
    Kwic {
        /// The term, word or phrase.
        term: String,
        /// Configuration file (TOML); without it, the built-in config/default.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Input file or folder, replacing `input.paths` (repeatable).
        #[arg(long, value_name = "PATH")]
        input: Vec<PathBuf>,
        /// Characters of context on each side, replacing `kwic.width`.
        #[arg(long, value_name = "N")]
        width: Option<usize>,
        /// Lines at most, replacing `kwic.max_lines`.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Print the default configuration, every option with its default and meaning.
    DefaultConfig,
    /// Read a Parquet file as `run` does and exit 0 when it was read; when the reader returns an
    /// error, print it and exit 3. `run` and `kwic` start this for each Parquet input before
    /// reading it themselves, so that a file on which the reader aborts ends this process only.
    #[command(name = "__check-parquet", hide = true)]
    CheckParquet {
        /// The text column (`input.text_column`).
        #[arg(long)]
        column: String,
        path: PathBuf,
    },
}

/// Draws one indicatif bar per stage on standard error.
struct Bars {
    current: Mutex<Option<ProgressBar>>,
    hidden: bool,
}

impl Bars {
    fn new(hidden: bool) -> Self {
        Bars {
            current: Mutex::new(None),
            hidden,
        }
    }
}

impl Progress for Bars {
    fn start(&self, stage: &str, total: u64) {
        if self.hidden {
            return;
        }
        let bar = if total > 0 {
            // Throughput and time left: in bytes where the stage counts bytes (tokenize).
            let rate = if stage == "tokenize" {
                "{binary_bytes_per_sec}"
            } else {
                "{per_sec}"
            };
            ProgressBar::new(total).with_style(
                ProgressStyle::with_template(&format!(
                    "{{prefix:>18}} [{{bar:30}}] {{percent:>3}}% {{elapsed}} {rate}, eta {{eta}} {{msg}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            )
        } else {
            let b = ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{prefix:>18} {spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(100));
            b
        };
        bar.set_prefix(stage.to_string());
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_with_message("done");
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Tokenize { text, file, config } => match tokenize(text, file, config) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("corpuscope: error: {message}");
                ExitCode::from(1)
            }
        },
        Command::Kwic {
            term,
            config,
            input,
            width,
            limit,
        } => match kwic(&term, config, input, width, limit) {
            Ok(0) => {
                eprintln!("corpuscope: no occurrence of {term:?}");
                ExitCode::SUCCESS
            }
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("corpuscope: error: {e}");
                ExitCode::from(1)
            }
        },
        Command::CheckParquet { column, path } => match tabular::parquet_rows(&path, &column) {
            Ok(_) => ExitCode::SUCCESS,
            Err(reason) => {
                let _ = writeln!(std::io::stdout(), "{reason}");
                ExitCode::from(tabular::CHECK_REFUSED)
            }
        },
        Command::DefaultConfig => {
            let _ = std::io::stdout().write_all(DEFAULT_TOML.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Run {
            config,
            input,
            output,
            threads,
            quiet,
        } => {
            let overrides = Overrides {
                input,
                output,
                threads,
            };
            match run(config, &overrides, quiet) {
                Ok(summary) => {
                    print_summary(&summary);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("corpuscope: error: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn run(config: Option<PathBuf>, overrides: &Overrides, quiet: bool) -> corpuscope::Result<Summary> {
    let mut settings = match &config {
        Some(path) => Settings::from_file(path)?,
        None => Settings::builtin_default(),
    };
    settings.apply(overrides);
    let config = settings.validate()?;
    let options = RunOptions {
        parquet_guard: Some(parquet_guard()),
    };
    let bars = Bars::new(quiet || !std::io::stderr().is_terminal());
    pipeline::run_with(&config, &bars, &options)
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

/// The `kwic` command; returns the number of lines printed.
fn kwic(
    term: &str,
    config: Option<PathBuf>,
    input: Vec<PathBuf>,
    width: Option<usize>,
    limit: Option<usize>,
) -> corpuscope::Result<usize> {
    let mut settings = match &config {
        Some(path) => Settings::from_file(path)?,
        None => Settings::builtin_default(),
    };
    settings.apply(&Overrides {
        input,
        ..Overrides::default()
    });
    if let Some(width) = width {
        settings.kwic.width = width;
    }
    if let Some(limit) = limit {
        settings.kwic.max_lines = limit;
    }
    let config = settings.validate()?;
    let options = RunOptions {
        parquet_guard: Some(parquet_guard()),
    };
    let bars = Bars::new(!std::io::stderr().is_terminal());
    let (docs, lines) = pipeline::concordance(
        &config,
        term,
        config.settings.kwic.width,
        config.settings.kwic.max_lines,
        &bars,
        &options,
    )?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "doc_id\tpath\tunit_id\tleft\tkeyword\tright");
    for l in &lines {
        let doc = &docs[l.doc];
        let clean = |s: &str| s.replace('\t', " ");
        let line = format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            doc.doc_id,
            clean(&doc.path),
            l.unit_id,
            clean(&l.left),
            clean(&l.keyword),
            clean(&l.right)
        );
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(lines.len())
}

/// The `tokenize` command: the text cleaned as ingest cleans it, then tokenized.
fn tokenize(
    text: Option<String>,
    file: Option<PathBuf>,
    config: Option<PathBuf>,
) -> Result<(), String> {
    let settings = match &config {
        Some(path) => Settings::from_file(path).map_err(|e| e.to_string())?,
        None => Settings::builtin_default(),
    };
    let config = settings.validate().map_err(|e| e.to_string())?;
    let raw = match (text, file) {
        (Some(text), _) => text,
        (None, Some(path)) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        (None, None) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            text
        }
    };
    let clean = &config.settings.clean;
    let text = normalize(&raw, clean.nfkc, clean.traditional_to_simplified);
    let tokenizer = Tokenizer::new(&config);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "surface\tform\tstem\tlang\tstart_char\tend_char");
    let mut chars = 0usize;
    let mut byte = 0usize;
    for token in tokenizer.tokens(&text) {
        chars += text[byte..token.range.start].chars().count();
        let start = chars;
        chars += token.surface.chars().count();
        byte = token.range.end;
        let line = format!(
            "{}\t{}\t{}\t{}\t{start}\t{chars}",
            token.surface,
            token.form,
            token.key,
            token.lang.as_str()
        );
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}

fn print_summary(s: &Summary) {
    let mut out = std::io::stdout().lock();
    let skipped = s.skipped.len();
    let _ = writeln!(
        out,
        "corpuscope: {} documents read ({} analysed, {} skipped); {} tokens, {} terms, {} co-occurring pairs, {} themes",
        s.documents, s.analysed, skipped, s.tokens, s.terms, s.pairs, s.themes
    );
    for (path, reason) in s.skipped.iter().take(20) {
        let _ = writeln!(out, "  skipped {path}: {reason}");
    }
    if skipped > 20 {
        let _ = writeln!(out, "  … and {} more (see documents.csv)", skipped - 20);
    }
    let tables = s.files.iter().filter(|f| f.name.ends_with(".csv")).count();
    let has = |name: &str| s.files.iter().any(|f| f.name == name);
    let workbook = match (has("report.html"), has("report.xlsx")) {
        (true, true) => ", report.html, report.xlsx",
        (true, false) => ", report.html",
        (false, true) => ", report.xlsx",
        (false, false) => "",
    };
    let _ = writeln!(
        out,
        "wrote {tables} tables as CSV and Parquet, the network as GraphML, GEXF and VOSviewer files{workbook}, \
         and run.json, to {}/ in {:.2} s",
        s.output.display(),
        s.elapsed.as_secs_f64()
    );
    if let Some(n) = s.doc_terms_per_document {
        let (table, parquet) = if s.doc_terms_parquet_all {
            ("doc_terms.csv", "doc_terms.parquet holds every row")
        } else {
            (
                "doc_terms",
                "set doc_terms.parquet_all = true for every row in doc_terms.parquet",
            )
        };
        let _ = writeln!(
            out,
            "{table} keeps {} of {} (document, term) rows: each document's {n} strongest terms \
             by TF-IDF, to stay within doc_terms.max_rows; {parquet}",
            s.doc_terms_kept, s.doc_terms_all
        );
    }
    for t in s.tables.iter().filter(|t| t.csv_cut) {
        eprintln!(
            "corpuscope: warning: {name}.csv was cut after {} of its {} rows (output.csv_max_rows); \
             {name}.parquet holds every row",
            t.csv_rows,
            t.rows,
            name = t.name
        );
    }
}
