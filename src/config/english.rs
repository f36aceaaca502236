//! `[english]`: how an English word becomes a term's key (Snowball stem, dictionary lemma, or
//! the word itself); the stem exception lists and the lemma table are read and parsed here, the
//! shipped ones built into the binary.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::lists::read_list;
use crate::error::{Error, Result};

/// The shipped stem exceptions, `config/stem_exceptions_en.txt`: `word<TAB>key` lines.
pub const BUILTIN_STEM_EXCEPTIONS_EN: &str = include_str!("../../config/stem_exceptions_en.txt");
/// The shipped lemma table, `config/lemmas_en.tsv`: `form<TAB>lemma` lines.
pub const BUILTIN_LEMMAS_EN: &str = include_str!("../../config/lemmas_en.tsv");

/// `[english]`: how English words are keyed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnglishSettings {
    /// The key of an English word: its Snowball stem, its dictionary lemma, or the word.
    pub normalize: Normalize,
    /// In `stem` mode, key the words of `config/stem_exceptions_en.txt` by their listed key.
    pub builtin_stem_exceptions: bool,
    /// More stem exception lists: `word<TAB>key` per line, `#` comments.
    pub stem_exceptions_files: Vec<PathBuf>,
}

impl Default for EnglishSettings {
    fn default() -> Self {
        EnglishSettings {
            normalize: Normalize::Stem,
            builtin_stem_exceptions: true,
            stem_exceptions_files: Vec::new(),
        }
    }
}

/// `english.normalize`: what an English word (lowercased, hyphens and possessive removed) is
/// keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Normalize {
    /// Its Snowball stem, unless a stem exception list gives its key.
    Stem,
    /// Its lemma in `config/lemmas_en.tsv`, or the word when the table lacks it.
    Lemma,
    /// The word itself.
    None,
}

/// How English words are keyed, as a run uses it: the mode in effect and its table.
#[derive(Clone)]
pub struct EnglishKeying {
    /// `english.normalize`, `none` when it says `stem` and `tokenize.stem` is false.
    pub mode: Normalize,
    /// Word → key: the stem exceptions in `stem` mode, the lemma table in `lemma` mode, empty
    /// in `none` mode.
    pub table: Arc<HashMap<String, String>>,
}

impl std::fmt::Debug for EnglishKeying {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnglishKeying")
            .field("mode", &self.mode)
            .field("table", &self.table.len())
            .finish()
    }
}

/// Checks `[english]` and loads the table its mode needs. `stem` is `tokenize.stem`: false turns
/// Snowball stemming off, so `normalize = "stem"` then keys words by themselves (as before
/// `[english]` existed); it does not change `lemma` or `none`. Named exception files are read
/// (and refused when unreadable) whatever the mode.
pub(super) fn validate(s: &EnglishSettings, stem: bool) -> Result<EnglishKeying> {
    let mut exceptions = HashMap::default();
    if s.builtin_stem_exceptions && s.normalize == Normalize::Stem {
        let path = Path::new("config/stem_exceptions_en.txt");
        parse_pairs_of(
            "english.builtin_stem_exceptions",
            "stem exception list",
            path,
            BUILTIN_STEM_EXCEPTIONS_EN,
            &mut exceptions,
        )?;
    }
    for (i, path) in s.stem_exceptions_files.iter().enumerate() {
        let key = format!("english.stem_exceptions_files[{i}]");
        let text = read_list(&key, "stem exception list", path)?;
        parse_pairs_of(&key, "stem exception list", path, &text, &mut exceptions)?;
    }
    let mode = match s.normalize {
        Normalize::Stem if !stem => Normalize::None,
        mode => mode,
    };
    let table = match mode {
        Normalize::Stem => exceptions,
        Normalize::Lemma => {
            let mut lemmas = HashMap::default();
            parse_pairs_of(
                "english.normalize",
                "lemma table",
                Path::new("config/lemmas_en.tsv"),
                BUILTIN_LEMMAS_EN,
                &mut lemmas,
            )?;
            lemmas
        }
        Normalize::None => HashMap::default(),
    };
    Ok(EnglishKeying {
        mode,
        table: Arc::new(table),
    })
}

/// [`parse_pairs`], its error naming the key and the file.
fn parse_pairs_of(
    key: &str,
    what: &'static str,
    path: &Path,
    text: &str,
    into: &mut HashMap<String, String>,
) -> Result<()> {
    parse_pairs(text, into).map_err(|(line, message)| Error::WordList {
        key: key.to_string(),
        what,
        path: path.to_path_buf(),
        message: format!("line {line}: {message}"),
    })
}

/// Reads `word<TAB>key` lines (any run of spaces or tabs between the two; `#` starts a comment)
/// into `into`, both lowercased; a later line for a word replaces an earlier one. The error is
/// the line number and what is wrong.
fn parse_pairs(
    text: &str,
    into: &mut HashMap<String, String>,
) -> std::result::Result<(), (usize, String)> {
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [word, key] = fields[..] else {
            return Err((
                i + 1,
                format!("{line:?} is not a pair; expected `word<TAB>key`"),
            ));
        };
        into.insert(word.to_lowercase(), key.to_lowercase());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> std::result::Result<HashMap<String, String>, (usize, String)> {
        let mut map = HashMap::default();
        parse_pairs(text, &mut map).map(|()| map)
    }

    #[test]
    fn pairs_parse_with_comments_and_case() {
        let map = pairs("# header\nGovernments\tgovernment\n\nrelative  relative # note\n")
            .expect("valid pairs");
        assert_eq!(map.len(), 2);
        assert_eq!(map["governments"], "government");
        assert_eq!(map["relative"], "relative");
        assert_eq!(pairs("a\tb\nc\n").unwrap_err().0, 2);
        assert_eq!(pairs("a b c\n").unwrap_err().0, 1);
    }

    #[test]
    fn the_shipped_tables_parse_and_hold_the_pairs_the_issue_names() {
        let mut exceptions = HashMap::default();
        parse_pairs(BUILTIN_STEM_EXCEPTIONS_EN, &mut exceptions).unwrap();
        for (word, key) in [
            ("government", "government"),
            ("governments", "government"),
            ("governance", "governance"),
            ("experience", "experience"),
            ("experiment", "experiment"),
            ("authority", "authority"),
            ("polite", "polite"),
            ("political", "political"),
            ("politics", "politics"),
            ("relative", "relative"),
            ("relation", "relation"),
        ] {
            assert_eq!(
                exceptions.get(word).map(String::as_str),
                Some(key),
                "{word}"
            );
        }
        let mut lemmas = HashMap::default();
        parse_pairs(BUILTIN_LEMMAS_EN, &mut lemmas).unwrap();
        assert!(lemmas.len() > 30_000, "{}", lemmas.len());
        assert!(lemmas.iter().all(|(form, lemma)| form != lemma));
    }
}
