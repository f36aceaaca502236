//! Typed errors of the corpuscope library.
//!
//! Every error that involves a file names the file; every configuration error names the key and
//! what is allowed. The binary turns these into messages and exit codes; the library never prints.

use std::path::PathBuf;

/// Everything that can stop a corpuscope run.
///
/// Problems with single input documents are not errors: such documents are reported as
/// `skipped` rows of the `documents` table and the run goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration file could not be read.
    #[error("cannot read config file {path}: {source}")]
    ConfigRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The configuration text is not valid TOML, has an unknown key or a value of the wrong type.
    #[error("invalid config {origin}: {message}")]
    ConfigSyntax { origin: String, message: String },
    /// A configuration value is out of range or otherwise impossible.
    #[error("invalid config value for `{key}`: {message}")]
    ConfigValue { key: String, message: String },
    /// A word list or dictionary named by the configuration could not be read or parsed.
    #[error("cannot load {what} {path} (from `{key}`): {message}")]
    WordList {
        key: String,
        what: &'static str,
        path: PathBuf,
        message: String,
    },
    /// An input path named by the configuration does not exist or cannot be listed.
    #[error("input path {path} (from `input.paths`): {message}")]
    Input { path: PathBuf, message: String },
    /// The inputs hold no file to read.
    #[error("input {}: {message}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    NoInput {
        paths: Vec<PathBuf>,
        message: String,
    },
    /// The output folder cannot be created or written.
    #[error("output folder {path}: {message}")]
    Output { path: PathBuf, message: String },
    /// The temporary file holding the documents' texts during a run cannot be created,
    /// written or read back.
    #[error("temporary file in {path}: {message}")]
    Spill { path: PathBuf, message: String },
    /// A table could not be built or written.
    #[error("cannot write table `{table}` to {path}: {message}")]
    Table {
        table: String,
        path: PathBuf,
        message: String,
    },
    /// The input exceeds a configured limit that guards memory.
    #[error("{message} (limit set by `{key}`)")]
    Limit { key: &'static str, message: String },
    /// The worker thread pool could not be started.
    #[error("cannot start {threads} worker threads: {message}")]
    Threads { threads: usize, message: String },
}

/// Result type of the corpuscope library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A configuration value error for `key`.
    pub fn value(key: &str, message: impl Into<String>) -> Self {
        Error::ConfigValue {
            key: key.to_string(),
            message: message.into(),
        }
    }

    /// Whether the error comes from the configuration (checked before any work is done).
    pub fn is_config(&self) -> bool {
        matches!(
            self,
            Error::ConfigRead { .. }
                | Error::ConfigSyntax { .. }
                | Error::ConfigValue { .. }
                | Error::WordList { .. }
        )
    }
}
