//! Word lists named by the configuration: read from files (UTF-8, a byte-order mark allowed) and
//! split into entries, one a line, `#` starting a comment.

use rustc_hash::FxHashSet as HashSet;
use std::path::Path;

use crate::error::{Error, Result};

/// The entries of a list: one a line, `#` starts a comment, blank lines ignored.
pub(super) fn list_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
}

/// Reads a list file as text; its errors name the key and the file.
pub(super) fn read_list(key: &str, what: &'static str, path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::WordList {
        key: key.to_string(),
        what,
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| Error::WordList {
        key: key.to_string(),
        what,
        path: path.to_path_buf(),
        message: format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Adds the words of a list (one per line, `#` comments) to a stopword set. English words are
/// lowercased, as the tokenizer lowercases them before the lookup.
pub(super) fn add_words(set: &mut HashSet<String>, text: &str) {
    for line in text.lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if !word.is_empty() {
            set.insert(word.to_lowercase());
        }
    }
}
