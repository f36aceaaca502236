//! The commands of the `corpuscope` binary, one module each, behind `main.rs`: each loads its
//! configuration, calls the library and prints what it returns.

pub mod args;
pub mod bars;
pub mod kwic;
pub mod parquet;
pub mod run;
pub mod tokenize;

use std::path::Path;

use corpuscope::config::Settings;

/// The settings of `--config FILE`, or the built-in default without one.
fn settings(config: Option<&Path>) -> corpuscope::Result<Settings> {
    match config {
        Some(path) => Settings::from_file(path),
        None => Ok(Settings::builtin_default()),
    }
}
