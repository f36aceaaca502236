//! The `kwic` command's search: keyword-in-context lines of one term, after the map and reduce
//! phases only (nothing is written).

use std::borrow::Cow;

use super::{RunOptions, thread_pool};
use crate::analysis::kwic::{self, KwicLine};
use crate::config::Config;
use crate::error::Result;
use crate::ingest::{self, Document};
use crate::progress::Progress;
use crate::tokenize::{self, Tokenizer};

/// Keyword-in-context lines of one term, found after ingest and tokenization only (nothing is
/// written). The query is tokenized as the corpus is: a word matches the term it counts under
/// (`Masses` finds `masses` and `mass`), several words match the phrase they make, and a term
/// may also be given exactly as the `terms` table shows it. Returns the documents and the lines.
pub fn concordance(
    config: &Config,
    query: &str,
    width: usize,
    max_lines: usize,
    progress: &dyn Progress,
    options: &RunOptions,
) -> Result<(Vec<Document>, Vec<KwicLine>)> {
    let pool = thread_pool(config)?;
    pool.install(|| {
        // Token positions are needed for the lines.
        let mut settings = config.settings.clone();
        settings.output.tokens = true;
        let config = Config {
            settings,
            ..config.clone()
        };
        let mut docs = ingest::ingest(&config, options.parquet_guard.as_ref(), progress)?;
        let tokenizer = Tokenizer::new(&config);
        let tokenized =
            tokenize::tokenize_corpus(&mut docs, &tokenizer, &config, progress, &mut |_| Ok(()))?;
        let words = tokenizer.tokens(query);
        let lang = words.first().map(|t| t.lang);
        let key = lang.map(|l| {
            words
                .iter()
                .map(|t| t.key.as_str())
                .collect::<Vec<_>>()
                .join(l.joiner())
        });
        let terms: Vec<u32> = tokenized
            .vocab
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.display == query.trim() || (Some(t.lang) == lang && Some(&t.key) == key.as_ref())
            })
            .map(|(i, _)| i as u32)
            .collect();
        let text_of = |d: usize| Ok(Cow::Borrowed(docs[d].text.as_str()));
        let lines = kwic::kwic(&docs, text_of, &tokenized.streams, &terms, width, max_lines)?;
        Ok((docs, lines))
    })
}
