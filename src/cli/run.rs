//! The `run` command: the whole pipeline with progress bars, then a summary on standard output
//! (and a warning on standard error for each CSV file cut short).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use corpuscope::config::Overrides;
use corpuscope::pipeline::{self, Summary};

use super::bars::Bars;
use super::parquet;

/// Runs the pipeline on the configuration (`--config`, or the built-in default) with the
/// command line's overrides; bars are drawn unless `quiet` or standard error is no terminal.
pub fn run(
    config: Option<PathBuf>,
    overrides: &Overrides,
    quiet: bool,
) -> corpuscope::Result<Summary> {
    let mut settings = super::settings(config.as_deref())?;
    settings.apply(overrides);
    let config = settings.validate()?;
    let options = parquet::run_options();
    let bars = Bars::new(quiet || !std::io::stderr().is_terminal());
    pipeline::run_with(&config, &bars, &options)
}

/// Prints what a run did: documents, terms, the files written, the `doc_terms` rows left out.
pub fn print_summary(s: &Summary) {
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
    if !s.passed_over.is_empty() {
        let files: usize = s.passed_over.iter().map(|(_, n)| n).sum();
        let _ = writeln!(
            out,
            "passed over {files} files for their extension: {} (input.extensions lists what is read)",
            corpuscope::ingest::discover::passed_over_list(&s.passed_over)
        );
    }
    if s.decode_errors > 0 {
        let _ = writeln!(
            out,
            "{} bytes in {} documents were not valid in their encoding and were replaced by U+FFFD \
             (decode_errors in documents.csv)",
            s.decode_errors, s.decode_error_documents
        );
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
