//! `[input]`: which files are read, in what encoding and format, and their checks: extensions
//! normalised, glob patterns compiled, the encoding label looked up.

use std::path::PathBuf;

use encoding_rs::Encoding;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use super::bounds::out_of_range;
use crate::error::{Error, Result};

/// `[input]`: which files are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputSettings {
    /// Files or folders; folders are searched recursively.
    pub paths: Vec<PathBuf>,
    /// File name extensions read as documents, without the dot, compared case-insensitively.
    pub extensions: Vec<String>,
    /// Glob patterns; when any are given, a file found in a folder is read only if its path
    /// relative to that folder matches one of them.
    pub include: Vec<String>,
    /// Glob patterns; a file found in a folder whose relative path matches one is not read.
    pub exclude: Vec<String>,
    /// `auto` (byte-order mark, then detection), or an encoding label such as `gb18030`.
    pub encoding: String,
    /// The column holding the text in tabular inputs (CSV, TSV, JSON Lines, Parquet).
    pub text_column: String,
    /// Leave documents whose cleaned text repeats an earlier document's out of the statistics.
    pub skip_duplicates: bool,
    /// Files larger than this many bytes are not read; each is a skipped `documents` row.
    pub max_file_bytes: u64,
    /// How `.txt`, `.ris` and `.enw` files are read: recognised by their tags, or one format.
    pub format: InputFormat,
}

/// `input.format`: what a text file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// A bibliographic export when its first line is one's tag, else plain text.
    Auto,
    /// Always one plain-text document a file.
    Plain,
    Ris,
    Refworks,
    Endnote,
    Noteexpress,
    Wos,
}

impl Default for InputSettings {
    fn default() -> Self {
        InputSettings {
            paths: vec![PathBuf::from("seeds")],
            extensions: [
                "txt", "md", "html", "htm", "csv", "tsv", "jsonl", "parquet", "ris", "enw", "pdf",
                "docx", "odt",
            ]
            .map(String::from)
            .to_vec(),
            include: Vec::new(),
            exclude: Vec::new(),
            encoding: "auto".into(),
            text_column: "text".into(),
            skip_duplicates: true,
            format: InputFormat::Auto,
            max_file_bytes: 256 * 1024 * 1024,
        }
    }
}

/// `[input]` checked: what [`Config`](super::Config) keeps of it.
pub(super) struct CheckedInput {
    pub extensions: Vec<String>,
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
    pub encoding: Option<&'static Encoding>,
}

/// Checks `[input]`: paths and extensions given, files not limited to 0 bytes, patterns and the
/// encoding label valid, the text column named.
pub(super) fn validate(s: &InputSettings) -> Result<CheckedInput> {
    if s.paths.is_empty() {
        return Err(Error::value(
            "input.paths",
            "is empty; allowed: a list of one or more files or folders",
        ));
    }
    let extensions = extensions(&s.extensions)?;
    if s.max_file_bytes == 0 {
        return Err(out_of_range("input.max_file_bytes", s.max_file_bytes));
    }
    let include = if s.include.is_empty() {
        None
    } else {
        Some(compile_globs("input.include", &s.include)?)
    };
    let exclude = compile_globs("input.exclude", &s.exclude)?;
    let encoding = match s.encoding.trim() {
        e if e.eq_ignore_ascii_case("auto") => None,
        label => Some(Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            Error::value(
                "input.encoding",
                format!(
                    "{label:?} is not an encoding label; allowed: \"auto\" or a WHATWG label such as \"utf-8\", \"gb18030\", \"gbk\", \"big5\", \"utf-16le\", \"shift_jis\", \"windows-1252\""
                ),
            )
        })?),
    };
    if s.text_column.trim().is_empty() {
        return Err(Error::value(
            "input.text_column",
            "is empty; allowed: the name of the column holding the text, such as \"text\"",
        ));
    }
    Ok(CheckedInput {
        extensions,
        include,
        exclude,
        encoding,
    })
}

/// `input.extensions` lowercased, without dots, each once.
fn extensions(given: &[String]) -> Result<Vec<String>> {
    if given.is_empty() {
        return Err(Error::value(
            "input.extensions",
            "is empty; allowed: a list of file name extensions such as [\"txt\", \"md\"]",
        ));
    }
    let mut extensions = Vec::new();
    for ext in given {
        let e = ext.trim().trim_start_matches('.').to_lowercase();
        if e.is_empty() || e.contains(['/', '\\']) {
            return Err(Error::value(
                "input.extensions",
                format!("{ext:?} is not a file name extension; allowed: e.g. \"txt\""),
            ));
        }
        if !extensions.contains(&e) {
            extensions.push(e);
        }
    }
    Ok(extensions)
}

fn compile_globs(key: &str, patterns: &[String]) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for (i, pattern) in patterns.iter().enumerate() {
        let glob = Glob::new(pattern).map_err(|e| {
            Error::value(
                &format!("{key}[{i}]"),
                format!("{pattern:?} is not a valid glob pattern: {e}; allowed: e.g. \"**/*.txt\""),
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| Error::value(key, format!("invalid glob patterns: {e}")))
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn bad_encoding_and_glob_are_named() {
        let s = Settings::from_toml("[input]\nencoding = \"klingon\"\n", "t").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(
            msg.contains("input.encoding") && msg.contains("gb18030"),
            "{msg}"
        );
        let s = Settings::from_toml("[input]\nexclude = [\"a[\"]\n", "t").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(msg.contains("input.exclude[0]"), "{msg}");
        let ok = Settings::from_toml("[input]\nencoding = \"GBK\"\n", "t").unwrap();
        assert_eq!(ok.validate().unwrap().encoding, Some(encoding_rs::GBK));
    }
}
