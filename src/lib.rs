//! corpuscope: a batch pipeline for mixed Chinese/English text corpora.
//!
//! The data flow, one module a stage: [`config`] → [`ingest`] (find, read, clean, split) →
//! [`tokenize`] (script runs, jieba-rs for Chinese, Unicode words and Snowball stems or lemmas
//! for English, stopwords) → [`analysis`] (frequencies and TF-IDF, keywords, co-occurrence, themes)
//! → [`report`] (tables, CSV and Parquet, `run.json`). [`pipeline`] wires the stages and owns
//! progress reporting; the `corpuscope` binary only parses the command line. Below every stage,
//! [`script`] classifies characters by script (Han, Latin) for any stage that needs it.
//!
//! ```no_run
//! use corpuscope::{config::Settings, pipeline, progress::Silent};
//! let config = Settings::builtin_default().validate()?;
//! let summary = pipeline::run(&config, &Silent)?;
//! println!("{} terms", summary.terms);
//! # Ok::<(), corpuscope::Error>(())
//! ```

pub mod analysis;
pub mod config;
pub mod error;
pub mod ingest;
pub mod memory;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod script;
pub mod storage;
pub mod tokenize;

pub use error::{Error, Result};
