//! Configuration: TOML text → [`Settings`] (every option with its default) → checked [`Config`].
//!
//! This is the first stage of a run. Unknown keys, values of the wrong type and impossible values
//! are refused here, before any document is read, with a message naming the key and what is
//! allowed. The shipped word lists (`config/stopwords_en.txt`, `config/stopwords_zh.txt`,
//! `config/userdict_zh.txt`, `config/stem_exceptions_en.txt`, `config/lemmas_en.tsv`) and the
//! default configuration (`config/default.toml`) are built into the binary, so a run works from
//! any folder.
//!
//! Relative paths in a configuration (inputs, output, word lists) are resolved against the
//! current working directory, whichever file they come from.
//!
//! One file a section (or a few related sections) holds its settings, their defaults and their
//! checks; `raw` parses the TOML text, `lists` reads the word lists the sections name.

mod bounds;
mod clean;
mod cooccurrence;
mod english;
mod frequency;
mod input;
mod keyness;
mod lists;
mod output;
mod phrases;
mod raw;
mod terms;
mod themes;
mod tokenize;

use rustc_hash::FxHashSet as HashSet;
use std::path::PathBuf;

use encoding_rs::Encoding;
use globset::GlobSet;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use clean::{CleanSettings, MetadataSettings, ParagraphBreak, UnitSettings};
pub use cooccurrence::{
    CoContext, CooccurrenceSettings, Counting, MEASURES, NetworkSettings, PAIR_BYTES, WindowWithin,
};
pub use english::{
    BUILTIN_LEMMAS_EN, BUILTIN_STEM_EXCEPTIONS_EN, EnglishKeying, EnglishSettings, Normalize,
};
pub use frequency::{DocTermSettings, FrequencySettings, KeywordMethod, KeywordSettings};
pub use input::{InputFormat, InputSettings};
pub use keyness::{
    BurstSettings, KeynessCorrection, KeynessSettings, KwicSettings, Period, TrendSettings,
};
pub use output::{CSV_MAX_ROWS, MAX_THREADS, OutputSettings, RunSettings};
pub use phrases::{BUILTIN_PHRASES, PhraseSettings};
pub use terms::{QUOTES, TermSettings, TermSource, ThesaurusRow, parse_thesaurus};
pub use themes::{ThemeCount, ThemeMethod, ThemeSettings, UnitKind};
pub use tokenize::{
    BUILTIN_KEEP_SINGLE_ZH, BUILTIN_STOPWORDS_EN, BUILTIN_STOPWORDS_ZH, BUILTIN_USERDICT_ZH,
    DictEntry, MAX_VOCABULARY, OtherScripts, TokenizeSettings,
};

/// The default configuration, `config/default.toml`, as shipped.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// Every option of a run, with defaults filled in. Serialised into `run.json` as the resolved
/// configuration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub input: InputSettings,
    pub output: OutputSettings,
    pub run: RunSettings,
    pub clean: CleanSettings,
    pub metadata: MetadataSettings,
    pub units: UnitSettings,
    pub tokenize: TokenizeSettings,
    pub english: EnglishSettings,
    pub phrases: PhraseSettings,
    pub frequency: FrequencySettings,
    pub doc_terms: DocTermSettings,
    pub keywords: KeywordSettings,
    pub cooccurrence: CooccurrenceSettings,
    pub network: NetworkSettings,
    pub keyness: KeynessSettings,
    pub trends: TrendSettings,
    pub kwic: KwicSettings,
    pub themes: ThemeSettings,
    pub terms: TermSettings,
    pub bursts: BurstSettings,
}

/// Command-line values that replace the configuration's.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub input: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub threads: Option<usize>,
}

impl Settings {
    /// The shipped default configuration.
    pub fn builtin_default() -> Settings {
        // A test checks that the shipped file parses to exactly the compiled-in defaults.
        Settings::from_toml(DEFAULT_TOML, "built-in default").unwrap_or_default()
    }

    /// Applies command-line overrides.
    pub fn apply(&mut self, overrides: &Overrides) {
        if !overrides.input.is_empty() {
            self.input.paths = overrides.input.clone();
        }
        if let Some(dir) = &overrides.output {
            self.output.dir = dir.clone();
        }
        if let Some(threads) = overrides.threads {
            self.run.threads = threads;
        }
    }

    /// Checks every value and loads the word lists: the configuration a run can start from.
    pub fn validate(self) -> Result<Config> {
        Config::new(self)
    }
}

/// A checked configuration: every value in range, patterns compiled, word lists loaded.
#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    /// Lowercased extensions.
    pub extensions: Vec<String>,
    /// Compiled `clean.drop_lines`.
    pub drop_lines: Vec<Regex>,
    /// Compiled `metadata.rules`.
    pub metadata_rules: Vec<Regex>,
    /// Compiled `input.include` (None: every file) and `input.exclude`.
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
    /// `input.encoding`: None for `auto`.
    pub encoding: Option<&'static Encoding>,
    /// Every stopword, lowercased (English) or as written (Chinese).
    pub stopwords: HashSet<String>,
    /// User dictionary entries for jieba: (word, frequency, tag).
    pub dictionary: Vec<DictEntry>,
    /// Chinese words kept whatever their length.
    pub keep_single: HashSet<String>,
    /// How English words are keyed (`[english]`, with `tokenize.stem`).
    pub english: EnglishKeying,
    /// Shipped phrases (when `phrases.builtin`), as written.
    pub builtin_phrases: Vec<String>,
    /// User phrases, as written.
    pub user_phrases: Vec<String>,
    /// `terms.thesaurus_file`'s rows (none without one).
    pub thesaurus: Vec<ThesaurusRow>,
}

impl Config {
    /// Checks each section in turn (the word lists, which are read from files, last) and keeps
    /// what the stages use: compiled patterns and loaded lists.
    fn new(settings: Settings) -> Result<Config> {
        let s = &settings;
        let input = input::validate(&s.input)?;
        output::validate(&s.output, &s.run)?;
        frequency::validate(&s.doc_terms, &s.keywords)?;
        cooccurrence::validate(&s.cooccurrence, &s.network)?;
        keyness::validate(&s.keyness, &s.trends, &s.kwic, &s.bursts)?;
        themes::validate(&s.themes)?;
        let (drop_lines, metadata_rules) = clean::validate(&s.clean, &s.metadata)?;
        let words = tokenize::validate(&s.tokenize)?;
        let english = english::validate(&s.english, s.tokenize.stem)?;
        let (builtin_phrases, user_phrases) = phrases::validate(&s.phrases)?;
        let thesaurus = terms::validate(&s.terms)?;
        Ok(Config {
            thesaurus,
            keep_single: words.keep_single,
            english,
            builtin_phrases,
            user_phrases,
            extensions: input.extensions,
            drop_lines,
            metadata_rules,
            include: input.include,
            exclude: input.exclude,
            encoding: input.encoding,
            stopwords: words.stopwords,
            dictionary: words.dictionary,
            settings,
        })
    }

    /// The number of worker threads the run uses.
    pub fn threads(&self) -> usize {
        match self.settings.run.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }
}

/// Refuses an integer outside `min..=max`, naming the key and the range (and what the key's
/// line in `bounds` says after it, such as `" (0: one per core)"`).
fn check_range(key: &str, value: usize, min: usize, max: usize) -> Result<()> {
    if value < min || value > max {
        return Err(Error::value(
            key,
            format!(
                "{value} is out of range; allowed: {}{}",
                bounds::integers(min as u64, max as u64),
                bounds::note(key)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_default_parses_and_equals_compiled_defaults() {
        let parsed = Settings::from_toml(DEFAULT_TOML, "config/default.toml").unwrap();
        assert_eq!(parsed, Settings::default());
        parsed.validate().unwrap();
    }

    #[test]
    fn shipped_default_lists_every_option() {
        let shipped: toml::Table = toml::from_str(DEFAULT_TOML).unwrap();
        let all = toml::Table::try_from(Settings::default()).unwrap();
        for (section, keys) in &all {
            for key in keys.as_table().unwrap().keys() {
                assert!(
                    shipped
                        .get(section)
                        .and_then(|s| s.as_table())
                        .is_some_and(|s| s.contains_key(key)),
                    "config/default.toml does not list {section}.{key}"
                );
            }
        }
    }

    #[test]
    fn overrides_replace_values() {
        let mut s = Settings::default();
        s.apply(&Overrides {
            input: vec!["a".into(), "b".into()],
            output: Some("out".into()),
            threads: Some(3),
        });
        assert_eq!(s.input.paths, vec![PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(s.output.dir, PathBuf::from("out"));
        assert_eq!(s.run.threads, 3);
    }
}
