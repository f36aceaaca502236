//! `[tokenize]`: how text becomes terms; its word lists (stopwords, the jieba user dictionary,
//! the single characters kept) are read and parsed here, the shipped ones built into the binary.

use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::check_range;
use super::lists::{add_words, read_list};
use crate::error::{Error, Result};

/// The shipped English stopword list, `config/stopwords_en.txt`.
pub const BUILTIN_STOPWORDS_EN: &str = include_str!("../../config/stopwords_en.txt");
/// The shipped Chinese stopword list, `config/stopwords_zh.txt`.
pub const BUILTIN_STOPWORDS_ZH: &str = include_str!("../../config/stopwords_zh.txt");
/// The shipped Chinese user dictionary of domain terms, `config/userdict_zh.txt`.
pub const BUILTIN_USERDICT_ZH: &str = include_str!("../../config/userdict_zh.txt");
/// The shipped keep-list of meaningful single Chinese characters, `config/keep_single_zh.txt`.
pub const BUILTIN_KEEP_SINGLE_ZH: &str = include_str!("../../config/keep_single_zh.txt");

/// The largest `tokenize.max_vocabulary`: term ids are 32-bit.
pub const MAX_VOCABULARY: usize = 4_000_000_000;

/// `[tokenize]`: how text becomes terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TokenizeSettings {
    /// jieba's HMM for words missing from its dictionary.
    pub hmm: bool,
    /// Snowball English stemming; terms sharing a stem are counted as one term.
    pub stem: bool,
    /// Latin-script words shorter than this (in characters) are dropped.
    pub min_word_length: usize,
    /// Use the shipped English and Chinese stopword lists.
    pub builtin_stopwords: bool,
    /// More stopword files, one word per line, `#` starts a comment.
    pub stopword_files: Vec<PathBuf>,
    /// More stopwords, given inline.
    pub stopwords: Vec<String>,
    /// Use the shipped Chinese user dictionary of domain terms.
    pub builtin_dictionary: bool,
    /// More jieba user dictionaries: `word [freq] [tag]` per line.
    pub dictionary_files: Vec<PathBuf>,
    /// Chinese words shorter than this (in characters) are dropped, unless kept by the
    /// single-character keep-list.
    pub zh_min_length: usize,
    /// Use the shipped keep-list of meaningful single characters, `config/keep_single_zh.txt`.
    pub builtin_keep_single: bool,
    /// More Chinese words kept whatever their length.
    pub keep_single: Vec<String>,
    /// jieba part-of-speech tags (prefixes) of the Chinese words kept; empty keeps every word.
    pub zh_pos: Vec<String>,
    /// Words of scripts other than Han and Latin (Cyrillic, Greek, kana …): kept or dropped.
    pub other_scripts: OtherScripts,
    /// The run stops with an error when the corpus has more distinct terms than this.
    pub max_vocabulary: usize,
}

/// What happens to words of other scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherScripts {
    Keep,
    Drop,
}

impl Default for TokenizeSettings {
    fn default() -> Self {
        TokenizeSettings {
            hmm: true,
            stem: true,
            min_word_length: 2,
            builtin_stopwords: true,
            stopword_files: Vec::new(),
            stopwords: Vec::new(),
            builtin_dictionary: true,
            dictionary_files: Vec::new(),
            zh_min_length: 2,
            builtin_keep_single: true,
            keep_single: Vec::new(),
            zh_pos: Vec::new(),
            other_scripts: OtherScripts::Keep,
            max_vocabulary: 10_000_000,
        }
    }
}

/// One user dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct DictEntry {
    pub word: String,
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

/// The word lists of `[tokenize]`, loaded.
pub(super) struct WordLists {
    pub stopwords: HashSet<String>,
    pub dictionary: Vec<DictEntry>,
    pub keep_single: HashSet<String>,
}

/// Checks `[tokenize]` and loads its word lists: the shipped ones asked for and every file named.
pub(super) fn validate(s: &TokenizeSettings) -> Result<WordLists> {
    check_range("tokenize.min_word_length", s.min_word_length, 1, 100)?;
    check_range("tokenize.zh_min_length", s.zh_min_length, 1, 100)?;
    check_range(
        "tokenize.max_vocabulary",
        s.max_vocabulary,
        1,
        MAX_VOCABULARY,
    )?;
    for (i, tag) in s.zh_pos.iter().enumerate() {
        if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(Error::value(
                &format!("tokenize.zh_pos[{i}]"),
                format!(
                    "{tag:?} is not a part-of-speech tag; allowed: jieba tags or their prefixes, such as \"n\", \"v\", \"vn\", \"nr\""
                ),
            ));
        }
    }
    let stopwords = stopwords(s)?;
    let dictionary = dictionary(s)?;
    let mut keep_single = HashSet::default();
    if s.builtin_keep_single {
        add_words(&mut keep_single, BUILTIN_KEEP_SINGLE_ZH);
    }
    for word in &s.keep_single {
        add_words(&mut keep_single, word);
    }
    Ok(WordLists {
        stopwords,
        dictionary,
        keep_single,
    })
}

/// Every stopword: the shipped lists (when `tokenize.builtin_stopwords`), the files, the inline
/// words.
fn stopwords(s: &TokenizeSettings) -> Result<HashSet<String>> {
    let mut stopwords = HashSet::default();
    if s.builtin_stopwords {
        add_words(&mut stopwords, BUILTIN_STOPWORDS_EN);
        add_words(&mut stopwords, BUILTIN_STOPWORDS_ZH);
    }
    for (i, path) in s.stopword_files.iter().enumerate() {
        let text = read_list(
            &format!("tokenize.stopword_files[{i}]"),
            "stopword list",
            path,
        )?;
        add_words(&mut stopwords, &text);
    }
    for word in &s.stopwords {
        add_words(&mut stopwords, word);
    }
    Ok(stopwords)
}

/// The user dictionary entries: the shipped dictionary (when `tokenize.builtin_dictionary`),
/// then each file's.
fn dictionary(s: &TokenizeSettings) -> Result<Vec<DictEntry>> {
    let mut dictionary = Vec::new();
    if s.builtin_dictionary {
        dictionary.extend(parse_dictionary_of(
            "tokenize.builtin_dictionary",
            Path::new("config/userdict_zh.txt"),
            BUILTIN_USERDICT_ZH,
        )?);
    }
    for (i, path) in s.dictionary_files.iter().enumerate() {
        let key = format!("tokenize.dictionary_files[{i}]");
        let text = read_list(&key, "user dictionary", path)?;
        dictionary.extend(parse_dictionary_of(&key, path, &text)?);
    }
    Ok(dictionary)
}

/// [`parse_dictionary`], its error naming the key and the file.
fn parse_dictionary_of(key: &str, path: &Path, text: &str) -> Result<Vec<DictEntry>> {
    parse_dictionary(text).map_err(|(line, msg)| Error::WordList {
        key: key.to_string(),
        what: "user dictionary",
        path: path.to_path_buf(),
        message: format!("line {line}: {msg}"),
    })
}

/// Parses a jieba user dictionary: `word [freq] [tag]` per line, `#` comments.
fn parse_dictionary(text: &str) -> std::result::Result<Vec<DictEntry>, (usize, String)> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let word = parts.next().unwrap_or_default().to_string();
        let (freq, tag) = match (parts.next(), parts.next()) {
            (None, _) => (None, None),
            (Some(f), tag) => match f.parse::<usize>() {
                Ok(freq) => (Some(freq), tag.map(str::to_string)),
                Err(_) if tag.is_none() => (None, Some(f.to_string())),
                Err(_) => {
                    return Err((
                        i + 1,
                        format!("{f:?} is not a word frequency; expected `word [freq] [tag]`"),
                    ));
                }
            },
        };
        entries.push(DictEntry { word, freq, tag });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn missing_stopword_file_names_key_and_path() {
        let s = Settings::from_toml("[tokenize]\nstopword_files = [\"no/such/list.txt\"]\n", "t")
            .unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(msg.contains("tokenize.stopword_files[0]"), "{msg}");
        assert!(msg.contains("no/such/list.txt"), "{msg}");
    }

    #[test]
    fn dictionary_lines_parse() {
        let d = parse_dictionary("群众路线 20 n\n党员干部\n# comment\n社区治理 nz\n").unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].freq, Some(20));
        assert_eq!(d[0].tag.as_deref(), Some("n"));
        assert_eq!(d[1].freq, None);
        assert_eq!(d[2].tag.as_deref(), Some("nz"));
        assert!(parse_dictionary("词 x y\n").is_err());
    }
}
