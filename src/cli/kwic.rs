//! The `kwic` command: the corpus read and tokenized as `run` reads it, then each occurrence of
//! one term printed with its context, tab-separated.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use corpuscope::config::Overrides;
use corpuscope::pipeline;

use super::bars::Bars;
use super::parquet;

/// The `kwic` command; returns the number of lines printed.
pub fn kwic(
    term: &str,
    config: Option<PathBuf>,
    input: Vec<PathBuf>,
    width: Option<usize>,
    limit: Option<usize>,
) -> corpuscope::Result<usize> {
    let mut settings = super::settings(config.as_deref())?;
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
    let options = parquet::run_options();
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
