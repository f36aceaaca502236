//! The command line of `corpuscope`: its commands and their options, as clap parses them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use corpuscope::config::MAX_THREADS;

#[derive(Parser)]
#[command(
    name = "corpuscope",
    version,
    about = "Term frequencies, TF-IDF, keywords, co-occurrence and themes for mixed Chinese/English corpora"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = threads)]
        threads: Option<usize>,
        /// No progress bars.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Show how a text is tokenized under a configuration: one line per token with its surface
    /// form (cleaned), term form, stem, language and character offsets into the text as given
    /// (tab-separated). Reads TEXT, or --file, or standard input. Phrases, which depend on the
    /// whole corpus, are not merged.
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

/// `--threads`: what `run.threads` accepts. A negative number is taken as a value (not as an
/// unknown option) so that the message names `--threads` and says what is allowed.
fn threads(value: &str) -> Result<usize, String> {
    value
        .parse::<usize>()
        .ok()
        .filter(|&n| n <= MAX_THREADS)
        .ok_or_else(|| format!("allowed: an integer from 0 (one per core) to {MAX_THREADS}"))
}
