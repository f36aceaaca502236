//! `[terms]`: where the terms come from (the text, each document's keywords, or both), and the
//! thesaurus merging their variants, read and parsed here.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::lists::read_list;
use crate::error::{Error, Result};

/// `[terms]`: where the terms come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TermSettings {
    /// `text`: words and phrases of the text; `keywords`: each document's keywords, whole;
    /// `both`.
    pub source: TermSource,
    /// The metadata field holding a document's keywords.
    pub keyword_field: String,
    /// A VOSviewer thesaurus (`label<TAB>replace by`) merging variants before counting.
    pub thesaurus_file: Option<PathBuf>,
}

/// `terms.source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermSource {
    Text,
    Keywords,
    Both,
}

impl TermSource {
    pub fn text(self) -> bool {
        self != TermSource::Keywords
    }

    pub fn keywords(self) -> bool {
        self != TermSource::Text
    }
}

impl Default for TermSettings {
    fn default() -> Self {
        TermSettings {
            source: TermSource::Text,
            keyword_field: "keywords".into(),
            thesaurus_file: None,
        }
    }
}

/// The quotation marks trimmed off the ends of a keyword or thesaurus label when it is cleaned.
pub const QUOTES: &[char] = &[
    '"', '\'', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{300C}', '\u{300D}', '\u{300E}',
    '\u{300F}', '\u{300A}', '\u{300B}',
];

/// A row of a VOSviewer thesaurus: a label and what replaces it, as written (an empty
/// replacement removes the label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThesaurusRow {
    pub label: String,
    pub replacement: String,
}

/// Checks `[terms]` and reads `terms.thesaurus_file` (no rows without one).
pub(super) fn validate(s: &TermSettings) -> Result<Vec<ThesaurusRow>> {
    let thesaurus = match &s.thesaurus_file {
        None => Vec::new(),
        Some(path) => {
            let text = read_list("terms.thesaurus_file", "thesaurus", path)?;
            parse_thesaurus(&text).map_err(|(line, message)| Error::WordList {
                key: "terms.thesaurus_file".into(),
                what: "thesaurus",
                path: path.clone(),
                message: format!("line {line}: {message}"),
            })?
        }
    };
    if s.keyword_field.trim().is_empty() {
        return Err(Error::value(
            "terms.keyword_field",
            "is empty; allowed: the metadata field holding the keywords, such as \"keywords\"",
        ));
    }
    Ok(thesaurus)
}

/// Reads a VOSviewer thesaurus: a header line `label<TAB>replace by` (optional), then
/// `label<TAB>replacement` rows; blank lines are ignored. A label left empty once cleaned (NFKC,
/// spaces and [`QUOTES`] trimmed) is refused. An error is (line, message).
pub fn parse_thesaurus(text: &str) -> std::result::Result<Vec<ThesaurusRow>, (usize, String)> {
    let mut rows = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((label, replacement)) = line.split_once('\t') else {
            return Err((
                i + 1,
                format!(
                    "{line:?} has no tab; expected `label<TAB>replace by` (an empty replacement removes the label)"
                ),
            ));
        };
        if i == 0 && label.trim() == "label" {
            continue;
        }
        if label
            .nfkc()
            .all(|c| c.is_whitespace() || QUOTES.contains(&c))
        {
            return Err((i + 1, "the label is empty".to_string()));
        }
        rows.push(ThesaurusRow {
            label: label.to_string(),
            replacement: replacement.to_string(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thesaurus_rows_parse() {
        let rows = parse_thesaurus("label\treplace by\nMass-Line\tmass line\nnoise\t\n\n").unwrap();
        assert_eq!(
            rows,
            [
                ThesaurusRow {
                    label: "Mass-Line".into(),
                    replacement: "mass line".into()
                },
                ThesaurusRow {
                    label: "noise".into(),
                    replacement: String::new()
                },
            ]
        );
        assert_eq!(parse_thesaurus("a\tb\nno tab\n").unwrap_err().0, 2);
        let empty = parse_thesaurus("x\ty\n \u{201C}\u{FF02}\u{3000}\tz\n").unwrap_err();
        assert_eq!(empty, (2, "the label is empty".to_string()));
    }
}
