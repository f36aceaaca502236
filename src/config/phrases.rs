//! `[phrases]`: collocations merged into single terms; the shipped and user phrase lists are read
//! here, the shipped one built into the binary.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::bounds::out_of_range;
use super::lists::{list_lines, read_list};
use crate::error::Result;

/// The shipped domain phrases, `config/phrases.txt`.
pub const BUILTIN_PHRASES: &str = include_str!("../../config/phrases.txt");

/// `[phrases]`: collocations merged into single terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PhraseSettings {
    /// Detect two-word phrases (adjacent words of one language) by NPMI, as gensim's Phrases.
    pub detect: bool,
    /// A detected phrase occurs at least this often.
    pub min_count: u64,
    /// A detected phrase scores an NPMI above this (−1 to 1).
    pub threshold: f64,
    /// Merge the shipped domain phrases, `config/phrases.txt`.
    pub builtin: bool,
    /// Phrases always merged, written as in the text (`grass-roots government`, `群众 工作`).
    pub user: Vec<String>,
    /// Files of such phrases, one a line, `#` comments.
    pub user_files: Vec<PathBuf>,
}

impl Default for PhraseSettings {
    fn default() -> Self {
        PhraseSettings {
            detect: true,
            min_count: 5,
            threshold: 0.5,
            builtin: true,
            user: Vec::new(),
            user_files: Vec::new(),
        }
    }
}

/// Checks `[phrases]` and reads its lists: (the shipped phrases when `phrases.builtin`, the user
/// phrases), each as written.
pub(super) fn validate(s: &PhraseSettings) -> Result<(Vec<String>, Vec<String>)> {
    if s.min_count < 1 {
        return Err(out_of_range("phrases.min_count", s.min_count));
    }
    if !(s.threshold.is_finite() && (-1.0..=1.0).contains(&s.threshold)) {
        return Err(out_of_range("phrases.threshold", s.threshold));
    }
    let builtin: Vec<String> = if s.builtin {
        list_lines(BUILTIN_PHRASES).collect()
    } else {
        Vec::new()
    };
    let mut user: Vec<String> = Vec::new();
    user.extend(
        s.user
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty()),
    );
    for (i, path) in s.user_files.iter().enumerate() {
        let text = read_list(&format!("phrases.user_files[{i}]"), "phrase list", path)?;
        user.extend(list_lines(&text));
    }
    Ok((builtin, user))
}
