//! Configuration: TOML text → [`Settings`] (every option with its default) → checked [`Config`].
//!
//! This is the first stage of a run. Unknown keys, values of the wrong type and impossible values
//! are refused here, before any document is read, with a message naming the key and what is
//! allowed. The shipped word lists (`config/stopwords_en.txt`, `config/stopwords_zh.txt`,
//! `config/userdict_zh.txt`) and the default configuration (`config/default.toml`) are built
//! into the binary, so a run works from any folder.
//!
//! Relative paths in a configuration (inputs, output, word lists) are resolved against the
//! current working directory, whichever file they come from.

use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The default configuration, `config/default.toml`, as shipped.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");
/// The shipped English stopword list, `config/stopwords_en.txt`.
pub const BUILTIN_STOPWORDS_EN: &str = include_str!("../config/stopwords_en.txt");
/// The shipped Chinese stopword list, `config/stopwords_zh.txt`.
pub const BUILTIN_STOPWORDS_ZH: &str = include_str!("../config/stopwords_zh.txt");
/// The shipped Chinese user dictionary of domain terms, `config/userdict_zh.txt`.
pub const BUILTIN_USERDICT_ZH: &str = include_str!("../config/userdict_zh.txt");
/// The shipped domain phrases, `config/phrases.txt`.
pub const BUILTIN_PHRASES: &str = include_str!("../config/phrases.txt");
/// The shipped keep-list of meaningful single Chinese characters, `config/keep_single_zh.txt`.
pub const BUILTIN_KEEP_SINGLE_ZH: &str = include_str!("../config/keep_single_zh.txt");

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

impl InputFormat {
    /// The bibliographic format it names (`None` for `auto` and `plain`).
    pub fn biblio(self) -> Option<crate::ingest::biblio::Format> {
        use crate::ingest::biblio::Format;
        match self {
            InputFormat::Auto | InputFormat::Plain => None,
            InputFormat::Ris => Some(Format::Ris),
            InputFormat::Refworks => Some(Format::RefWorks),
            InputFormat::Endnote => Some(Format::EndNote),
            InputFormat::Noteexpress => Some(Format::NoteExpress),
            InputFormat::Wos => Some(Format::WebOfScience),
        }
    }
}

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

/// `[bursts]`: Kleinberg's burst detection over years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BurstSettings {
    /// Metadata fields holding the year, the first a document has is used (empty: no bursts).
    pub fields: Vec<String>,
    /// The most frequent terms tested for bursts.
    pub top_terms: usize,
    /// The burst state's rate is `s` times the base rate.
    pub s: f64,
    /// The cost of entering the burst state is `gamma · ln(n)`.
    pub gamma: f64,
}

impl Default for BurstSettings {
    fn default() -> Self {
        BurstSettings {
            fields: vec!["year".into(), "date".into(), "posted_on".into()],
            top_terms: 200,
            s: 2.0,
            gamma: 1.0,
        }
    }
}

/// `[output]`: where the tables go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputSettings {
    pub dir: PathBuf,
    /// Also write the `tokens` table: one row per token (large).
    pub tokens: bool,
    /// Start CSV files with a UTF-8 byte-order mark, so that Excel shows Chinese correctly.
    pub csv_bom: bool,
    /// Also write `report.xlsx`: every table as a worksheet.
    pub xlsx: bool,
    /// Write `report.html`, a self-contained summary page.
    pub html: bool,
    /// A table with more rows than this has its CSV file cut after this many rows (its Parquet
    /// file keeps every row); 0: no limit.
    pub csv_max_rows: u64,
}

/// `[run]`: threads and the random seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RunSettings {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Seed of every random choice (theme clustering).
    pub seed: u64,
}

/// `[clean]`: normalisation and text removed before analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanSettings {
    /// Unicode NFKC normalisation (full-width letters and digits become ASCII).
    pub nfkc: bool,
    /// Convert Traditional Chinese characters to Simplified.
    pub traditional_to_simplified: bool,
    /// Regular expressions; a line (trimmed) matching any of them is dropped.
    pub drop_lines: Vec<String>,
}

/// `[metadata]`: fields read out of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetadataSettings {
    /// Regular expressions with named groups; each named group of a rule's first match becomes a
    /// field (a column of `documents`).
    pub rules: Vec<String>,
    /// Remove the lines a rule matched from the text, so the header is not analysed as body.
    pub remove_matched_lines: bool,
}

/// How a document is split into paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphBreak {
    /// Every non-empty line is a paragraph (scraped pages, one paragraph per line).
    Line,
    /// Paragraphs are separated by empty lines (hard-wrapped text).
    BlankLine,
}

/// `[units]`: how documents are split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UnitSettings {
    pub paragraph_break: ParagraphBreak,
}

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

/// `[frequency]`: TF-IDF options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrequencySettings {
    /// Use 1 + ln(count) instead of the raw count as term frequency.
    pub sublinear_tf: bool,
    /// idf = ln((1 + n) / (1 + df)) + 1 when true, ln(n / df) + 1 when false.
    pub smooth_idf: bool,
}

/// `[doc_terms]`: which (document, term) rows the `doc_terms` table keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DocTermSettings {
    /// A row needs its term at least this many times in the document.
    pub min_count: u64,
    /// Each document keeps at most its `top_n` terms by TF-IDF (0: no per-document limit).
    pub top_n: usize,
    /// The most rows the table keeps: each document keeps its `n` strongest terms, `n` the
    /// largest for which the rows fit (0: no limit).
    pub max_rows: u64,
    /// Write every row with a count above 0 to `doc_terms.parquet`, whatever the limits above;
    /// `doc_terms.csv` keeps the limited rows.
    pub parquet_all: bool,
}

/// `[keywords]`: per-document keywords.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KeywordSettings {
    /// Keywords kept per document.
    pub top_n: usize,
    /// How keywords are scored.
    pub method: KeywordMethod,
    /// TextRank: terms at most `span − 1` positions apart are linked.
    pub span: usize,
}

/// How a document's keywords are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeywordMethod {
    Tfidf,
    Textrank,
}

impl KeywordMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            KeywordMethod::Tfidf => "tfidf",
            KeywordMethod::Textrank => "textrank",
        }
    }
}

/// `[keyness]`: each group of documents against the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KeynessSettings {
    /// The metadata column that groups documents (empty: no keyness).
    pub group: String,
    /// Key terms kept per group.
    pub top_n: usize,
    /// Terms seen fewer times than this in a group are not key terms of it.
    pub min_count: u64,
}

/// `[trends]`: term frequencies across an ordered metadata column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrendSettings {
    /// Metadata columns holding the period, the first a document has is used (empty: no trends).
    pub columns: Vec<String>,
    /// What is read from the value.
    pub period: Period,
    /// The most frequent terms followed.
    pub top_terms: usize,
}

/// What a trend period is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Year,
    Month,
    Value,
}

/// `[kwic]`: keyword-in-context lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KwicSettings {
    /// Write the `kwic` table for this many of the corpus's top keywords (0: no table).
    pub top_keywords: usize,
    /// Characters of context on each side.
    pub width: usize,
    /// Lines per term at most.
    pub max_lines: usize,
}

/// `[cooccurrence]`: term pairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CooccurrenceSettings {
    /// What two tokens must share to co-occur.
    pub context: CoContext,
    /// Window contexts: two tokens co-occur when at most this many positions apart.
    pub window: usize,
    /// Window contexts: the unit a window does not cross.
    pub window_within: WindowWithin,
    /// Count every co-occurrence, or a pair once per context.
    pub counting: Counting,
    /// Only pairs of the most frequent `top_terms` terms are reported.
    pub top_terms: usize,
    /// Terms seen fewer times than this form no pairs.
    pub min_term_count: u64,
    /// Pairs counted fewer times than this are not reported.
    pub min_count: u64,
    /// The most pairs the pair table may hold; `top_terms` is refused when its pairs could
    /// exceed it.
    pub max_pairs: u64,
}

/// The context of a co-occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoContext {
    Window,
    Sentence,
    Paragraph,
    Document,
}

/// The unit a co-occurrence window stays inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowWithin {
    Sentence,
    Paragraph,
    Document,
}

/// How co-occurrences are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Every co-occurrence (quanteda's `count = "frequency"`).
    Frequency,
    /// Once per context holding both terms (KH Coder; quanteda's `count = "boolean"`).
    Presence,
}

/// `[network]`: the co-occurrence network drawn from the pairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkSettings {
    /// The pair measure that ranks and weighs the edges.
    pub measure: String,
    /// The strongest edges kept (0: every pair passing `min_value`).
    pub edges: usize,
    /// Edges weaker than this are left out.
    pub min_value: f64,
    /// Louvain resolution (1: plain modularity; higher gives more, smaller communities).
    pub resolution: f64,
}

/// What a theme clustering unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Document,
    Paragraph,
    Sentence,
}

/// How themes are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeMethod {
    /// Spherical k-means on the units' TF-IDF vectors.
    Kmeans,
    /// Non-negative matrix factorisation of the unit × term TF-IDF matrix.
    Nmf,
    /// The co-occurrence network's communities, units assigned by their weight on each.
    Communities,
}

/// `themes.k`: a number of themes, or `"auto"` (chosen from `k_min` to `k_max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeCount {
    Fixed(usize),
    Auto,
}

impl Serialize for ThemeCount {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ThemeCount::Fixed(k) => serializer.serialize_u64(*k as u64),
            ThemeCount::Auto => serializer.serialize_str("auto"),
        }
    }
}

impl<'de> Deserialize<'de> for ThemeCount {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ThemeCount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an integer of 1 or more, or \"auto\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<ThemeCount, E> {
                usize::try_from(v)
                    .map(ThemeCount::Fixed)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<ThemeCount, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<ThemeCount, E> {
                if v == "auto" {
                    Ok(ThemeCount::Auto)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `[themes]`: themes found by spherical k-means, NMF or network communities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeSettings {
    /// How themes are found.
    pub method: ThemeMethod,
    /// Number of themes, or `auto`.
    pub k: ThemeCount,
    /// The range of k tried when `k = "auto"`.
    pub k_min: usize,
    pub k_max: usize,
    /// Units clustered.
    pub unit: UnitKind,
    /// Units with fewer tokens are not clustered.
    pub min_unit_tokens: usize,
    /// Terms found in fewer units are left out of the clustering.
    pub min_df: usize,
    /// At most this many terms (the most frequent) describe a unit.
    pub max_terms: usize,
    /// Seeded k-means++ restarts; the one with the best objective is kept.
    pub restarts: usize,
    /// k-means: with more units than this, the restarts run on a seeded sample of this many
    /// units, and the best one's centroids start one run over every unit (0: no sample).
    pub sample: usize,
    /// Iterations per restart at most.
    pub max_iter: usize,
    /// A restart stops when its total similarity grows by less than this fraction.
    pub tolerance: f64,
    /// Terms listed per theme.
    pub top_terms: usize,
    /// Example units shown per theme.
    pub examples: usize,
}

impl Default for InputSettings {
    fn default() -> Self {
        InputSettings {
            paths: vec![PathBuf::from("seeds")],
            extensions: [
                "txt", "md", "html", "htm", "csv", "tsv", "jsonl", "parquet", "ris", "enw",
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

impl Default for OutputSettings {
    fn default() -> Self {
        OutputSettings {
            dir: PathBuf::from("output"),
            tokens: false,
            csv_bom: false,
            xlsx: false,
            html: true,
            csv_max_rows: CSV_MAX_ROWS,
        }
    }
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            threads: 0,
            seed: 42,
        }
    }
}

impl Default for CleanSettings {
    fn default() -> Self {
        CleanSettings {
            nfkc: true,
            traditional_to_simplified: false,
            drop_lines: [
                r"^Font Size:\s*a A A$",
                r"^(?:Abstract/Summary:\s*)?PDF Full Text Request$",
                r"^Abstract/Summary:$",
                r"^Related items$",
                r"^Current location\s+-\s",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl Default for MetadataSettings {
    fn default() -> Self {
        MetadataSettings {
            rules: [
                r"\A\s*(?P<title>[^\n]+)\n\s*Posted on:",
                r"(?m)^Posted on:\s*(?P<posted_on>\d{4}-\d{2}-\d{2})\s*Degree:\s*(?P<degree>.*?)\s*Type:\s*(?P<type>.*?)\s*$",
                r"(?m)^Country:\s*(?P<country>.*?)\s*Candidate:\s*(?P<candidate>.*?)\s*(?:Full Text:.*)?$",
                r"(?m)^GTID:\s*(?P<gtid>\d+)\s*Subject:\s*(?P<subject>.*?)\s*$",
                r"(?m)^Keywords/Search Tags:\s*(?P<keywords>.*?)\s*$",
                r"(?m)^(?:时间|時間):\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*\|\s*(?:来源|來源):\s*(?P<source>.*?)\s*$",
            ]
            .map(String::from)
            .to_vec(),
            remove_matched_lines: true,
        }
    }
}

impl Default for UnitSettings {
    fn default() -> Self {
        UnitSettings {
            paragraph_break: ParagraphBreak::Line,
        }
    }
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

impl Default for FrequencySettings {
    fn default() -> Self {
        FrequencySettings {
            sublinear_tf: false,
            smooth_idf: true,
        }
    }
}

impl Default for DocTermSettings {
    fn default() -> Self {
        DocTermSettings {
            min_count: 1,
            top_n: 0,
            max_rows: 1_000_000,
            parquet_all: false,
        }
    }
}

impl Default for KeywordSettings {
    fn default() -> Self {
        KeywordSettings {
            top_n: 10,
            method: KeywordMethod::Tfidf,
            span: 5,
        }
    }
}

impl Default for CooccurrenceSettings {
    fn default() -> Self {
        CooccurrenceSettings {
            context: CoContext::Window,
            window: 5,
            window_within: WindowWithin::Sentence,
            counting: Counting::Frequency,
            top_terms: 100,
            min_term_count: 1,
            min_count: 2,
            max_pairs: 10_000_000,
        }
    }
}

impl Default for KeynessSettings {
    fn default() -> Self {
        KeynessSettings {
            group: "subject".into(),
            top_n: 20,
            min_count: 2,
        }
    }
}

impl Default for TrendSettings {
    fn default() -> Self {
        TrendSettings {
            columns: vec!["date".into(), "posted_on".into(), "year".into()],
            period: Period::Year,
            top_terms: 20,
        }
    }
}

impl Default for KwicSettings {
    fn default() -> Self {
        KwicSettings {
            top_keywords: 0,
            width: 30,
            max_lines: 50,
        }
    }
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            measure: "jaccard".into(),
            edges: 60,
            min_value: 0.0,
            resolution: 1.0,
        }
    }
}

impl Default for ThemeSettings {
    fn default() -> Self {
        ThemeSettings {
            method: ThemeMethod::Kmeans,
            k: ThemeCount::Fixed(4),
            k_min: 2,
            k_max: 10,
            unit: UnitKind::Paragraph,
            min_unit_tokens: 5,
            min_df: 2,
            max_terms: 5000,
            restarts: 10,
            sample: 20_000,
            max_iter: 100,
            tolerance: 1e-4,
            top_terms: 10,
            examples: 3,
        }
    }
}

/// Command-line values that replace the configuration's.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub input: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub threads: Option<usize>,
}

impl Settings {
    /// Parses configuration text. `origin` names it in messages (a path, or `built-in default`).
    pub fn from_toml(text: &str, origin: &str) -> Result<Settings> {
        let syntax = |message: String| Error::ConfigSyntax {
            origin: origin.to_string(),
            message,
        };
        // TOML syntax first (its messages carry line and column), then the keys and types,
        // with the path of the offending key.
        let table: toml::Table =
            toml::from_str(text).map_err(|e| syntax(e.to_string().trim_end().to_string()))?;
        serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner().to_string();
            let message = friendly(inner.lines().next().unwrap_or_default());
            syntax(if key == "." || key.is_empty() {
                message
            } else {
                format!("`{key}`: {message}")
            })
        })
    }

    /// Reads and parses a configuration file.
    pub fn from_file(path: &Path) -> Result<Settings> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ConfigRead {
            path: path.to_path_buf(),
            source,
        })?;
        Settings::from_toml(&text, &path.display().to_string())
    }

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
    /// Shipped phrases (when `phrases.builtin`), as written.
    pub builtin_phrases: Vec<String>,
    /// User phrases, as written.
    pub user_phrases: Vec<String>,
    /// `terms.thesaurus_file`, read (empty without one).
    pub thesaurus: crate::tokenize::thesaurus::Thesaurus,
    /// Asked about each Parquet file before ingest reads it; a refusal makes the file a skipped
    /// row. `None` (what [`Settings::validate`] gives): Parquet files are read in this process
    /// only, and one on which polars-parquet aborts ends the process. The `corpuscope` binary
    /// sets [`ParquetGuard::child_process`](crate::ingest::tabular::ParquetGuard::child_process),
    /// which reads each file in a separate process first.
    pub parquet_guard: Option<crate::ingest::tabular::ParquetGuard>,
}

/// One user dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct DictEntry {
    pub word: String,
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

/// Rewrites serde's names of Rust types as a config author would say them.
fn friendly(message: &str) -> String {
    message
        .replace("expected usize", "expected an integer of 0 or more")
        .replace("expected u64", "expected an integer of 0 or more")
        .replace("expected a boolean", "expected true or false")
        .replace(
            "expected a sequence",
            "expected a list such as [\"a\", \"b\"]",
        )
}

/// The default `output.csv_max_rows`: a worksheet's 1,048,576 rows less the header row, so that
/// every CSV file opens whole in a spreadsheet.
pub const CSV_MAX_ROWS: u64 = 1_048_575;

/// The largest `tokenize.max_vocabulary`: term ids are 32-bit.
pub const MAX_VOCABULARY: usize = 4_000_000_000;

/// Refuses a `top_terms` whose pairs could outgrow `max_pairs`, saying what to change.
fn check_pair_table(s: &CooccurrenceSettings) -> Result<()> {
    const MAX_PAIRS: u64 = 500_000_000;
    if s.max_pairs < 1 || s.max_pairs > MAX_PAIRS {
        return Err(Error::value(
            "cooccurrence.max_pairs",
            format!(
                "{} is out of range; allowed: an integer from 1 to {MAX_PAIRS}",
                s.max_pairs
            ),
        ));
    }
    let k = s.top_terms as u64;
    let possible = k * k.saturating_sub(1) / 2;
    if possible > s.max_pairs {
        // The largest top_terms whose pairs fit.
        let mut fits = ((2.0 * s.max_pairs as f64).sqrt() as u64).max(2);
        while fits * (fits - 1) / 2 > s.max_pairs {
            fits -= 1;
        }
        while (fits + 1) * fits / 2 <= s.max_pairs {
            fits += 1;
        }
        return Err(Error::value(
            "cooccurrence.top_terms",
            format!(
                "{k} terms make up to {possible} pairs, more than cooccurrence.max_pairs = {} \
                 (each pair takes about {PAIR_BYTES} bytes while counting: {} MB); allowed: \
                 top_terms of at most {fits}, or a larger cooccurrence.max_pairs if the memory \
                 is there",
                s.max_pairs,
                possible * PAIR_BYTES / 1_000_000
            ),
        ));
    }
    Ok(())
}

/// Bytes a pair takes in the counting tables (key, three counts, hash table overhead).
pub const PAIR_BYTES: u64 = 64;

fn check_range(key: &str, value: usize, min: usize, max: usize) -> Result<()> {
    if value < min || value > max {
        return Err(Error::value(
            key,
            format!("{value} is out of range; allowed: an integer from {min} to {max}"),
        ));
    }
    Ok(())
}

impl Config {
    fn new(settings: Settings) -> Result<Config> {
        let s = &settings;
        if s.input.paths.is_empty() {
            return Err(Error::value(
                "input.paths",
                "is empty; allowed: a list of one or more files or folders",
            ));
        }
        if s.input.extensions.is_empty() {
            return Err(Error::value(
                "input.extensions",
                "is empty; allowed: a list of file name extensions such as [\"txt\", \"md\"]",
            ));
        }
        let mut extensions = Vec::new();
        for ext in &s.input.extensions {
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
        if s.output.dir.as_os_str().is_empty() {
            return Err(Error::value(
                "output.dir",
                "is empty; allowed: a folder path",
            ));
        }
        check_range("run.threads", s.run.threads, 0, 1024)?;
        check_range(
            "tokenize.min_word_length",
            s.tokenize.min_word_length,
            1,
            100,
        )?;
        check_range("keywords.top_n", s.keywords.top_n, 1, 10_000)?;
        if s.doc_terms.min_count < 1 || s.doc_terms.min_count > u64::from(u32::MAX) {
            return Err(Error::value(
                "doc_terms.min_count",
                format!(
                    "{} is out of range; allowed: an integer from 1 to {} (1 keeps every term \
                     of a document)",
                    s.doc_terms.min_count,
                    u32::MAX
                ),
            ));
        }
        check_range("cooccurrence.window", s.cooccurrence.window, 1, 100)?;
        check_range(
            "cooccurrence.top_terms",
            s.cooccurrence.top_terms,
            2,
            20_000,
        )?;
        if s.cooccurrence.min_count < 1 {
            return Err(Error::value(
                "cooccurrence.min_count",
                "0 is out of range; allowed: an integer of 1 or more",
            ));
        }
        if s.cooccurrence.min_term_count < 1 {
            return Err(Error::value(
                "cooccurrence.min_term_count",
                "0 is out of range; allowed: an integer of 1 or more",
            ));
        }
        check_pair_table(&s.cooccurrence)?;
        if !crate::analysis::cooccurrence::MEASURES.contains(&s.network.measure.as_str()) {
            return Err(Error::value(
                "network.measure",
                format!(
                    "{:?} is not a pair measure; allowed: {}",
                    s.network.measure,
                    crate::analysis::cooccurrence::MEASURES.join(", ")
                ),
            ));
        }
        check_range("network.edges", s.network.edges, 0, 100_000)?;
        check_range("keywords.span", s.keywords.span, 2, 100)?;
        check_range("keyness.top_n", s.keyness.top_n, 1, 100_000)?;
        if s.keyness.min_count < 1 {
            return Err(Error::value(
                "keyness.min_count",
                "0 is out of range; allowed: an integer of 1 or more",
            ));
        }
        check_range("trends.top_terms", s.trends.top_terms, 1, 10_000)?;
        check_range("kwic.top_keywords", s.kwic.top_keywords, 0, 10_000)?;
        check_range("kwic.width", s.kwic.width, 1, 1_000)?;
        check_range("kwic.max_lines", s.kwic.max_lines, 1, 1_000_000)?;
        if !s.network.min_value.is_finite() {
            return Err(Error::value(
                "network.min_value",
                "is not a number; allowed: a finite number such as 0 or 0.1",
            ));
        }
        if !(s.network.resolution.is_finite() && (0.0..=100.0).contains(&s.network.resolution))
            || s.network.resolution <= 0.0
        {
            return Err(Error::value(
                "network.resolution",
                format!(
                    "{} is out of range; allowed: a number above 0 and at most 100 (1 is plain modularity)",
                    s.network.resolution
                ),
            ));
        }
        if let ThemeCount::Fixed(k) = s.themes.k {
            check_range("themes.k", k, 1, 1000)?;
        }
        check_range("themes.k_min", s.themes.k_min, 2, 1000)?;
        check_range("themes.k_max", s.themes.k_max, s.themes.k_min, 1000)?;
        check_range(
            "themes.min_unit_tokens",
            s.themes.min_unit_tokens,
            1,
            100_000,
        )?;
        check_range("themes.min_df", s.themes.min_df, 1, 1_000_000)?;
        check_range("tokenize.zh_min_length", s.tokenize.zh_min_length, 1, 100)?;
        check_range(
            "tokenize.max_vocabulary",
            s.tokenize.max_vocabulary,
            1,
            MAX_VOCABULARY,
        )?;
        if s.input.max_file_bytes == 0 {
            return Err(Error::value(
                "input.max_file_bytes",
                "0 is out of range; allowed: an integer of 1 or more (bytes)",
            ));
        }
        for (i, tag) in s.tokenize.zh_pos.iter().enumerate() {
            if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(Error::value(
                    &format!("tokenize.zh_pos[{i}]"),
                    format!(
                        "{tag:?} is not a part-of-speech tag; allowed: jieba tags or their prefixes, such as \"n\", \"v\", \"vn\", \"nr\""
                    ),
                ));
            }
        }
        if s.phrases.min_count < 1 {
            return Err(Error::value(
                "phrases.min_count",
                "0 is out of range; allowed: an integer of 1 or more",
            ));
        }
        if !(s.phrases.threshold.is_finite() && (-1.0..=1.0).contains(&s.phrases.threshold)) {
            return Err(Error::value(
                "phrases.threshold",
                format!(
                    "{} is out of range; allowed: a number from -1 to 1 (NPMI)",
                    s.phrases.threshold
                ),
            ));
        }
        check_range("themes.max_terms", s.themes.max_terms, 2, 1_000_000)?;
        check_range("themes.restarts", s.themes.restarts, 1, 1000)?;
        if s.themes.sample != 0 && !(100..=1_000_000_000).contains(&s.themes.sample) {
            return Err(Error::value(
                "themes.sample",
                format!(
                    "{} is out of range; allowed: 0 (every restart on every unit) or an integer \
                     from 100 to 1000000000",
                    s.themes.sample
                ),
            ));
        }
        check_range("themes.max_iter", s.themes.max_iter, 1, 100_000)?;
        check_range("themes.top_terms", s.themes.top_terms, 1, 1000)?;
        check_range("themes.examples", s.themes.examples, 0, 1000)?;
        if !(s.themes.tolerance.is_finite() && (0.0..1.0).contains(&s.themes.tolerance)) {
            return Err(Error::value(
                "themes.tolerance",
                format!(
                    "{} is out of range; allowed: a number from 0 (run to convergence) up to 1",
                    s.themes.tolerance
                ),
            ));
        }

        let drop_lines = compile_regexes("clean.drop_lines", &s.clean.drop_lines)?;
        let metadata_rules = compile_regexes("metadata.rules", &s.metadata.rules)?;
        for (i, rule) in metadata_rules.iter().enumerate() {
            if rule.capture_names().flatten().next().is_none() {
                return Err(Error::value(
                    &format!("metadata.rules[{i}]"),
                    format!(
                        "{:?} has no named group; allowed: a regular expression with groups such as (?P<subject>.*)",
                        rule.as_str()
                    ),
                ));
            }
        }
        let include = if s.input.include.is_empty() {
            None
        } else {
            Some(compile_globs("input.include", &s.input.include)?)
        };
        let exclude = compile_globs("input.exclude", &s.input.exclude)?;
        let encoding = match s.input.encoding.trim() {
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
        if s.input.text_column.trim().is_empty() {
            return Err(Error::value(
                "input.text_column",
                "is empty; allowed: the name of the column holding the text, such as \"text\"",
            ));
        }

        let mut stopwords = HashSet::default();
        if s.tokenize.builtin_stopwords {
            add_words(&mut stopwords, BUILTIN_STOPWORDS_EN);
            add_words(&mut stopwords, BUILTIN_STOPWORDS_ZH);
        }
        for (i, path) in s.tokenize.stopword_files.iter().enumerate() {
            let text = read_list(
                &format!("tokenize.stopword_files[{i}]"),
                "stopword list",
                path,
            )?;
            add_words(&mut stopwords, &text);
        }
        for word in &s.tokenize.stopwords {
            add_words(&mut stopwords, word);
        }

        let mut dictionary = Vec::new();
        if s.tokenize.builtin_dictionary {
            dictionary.extend(
                parse_dictionary(BUILTIN_USERDICT_ZH).map_err(|(line, msg)| Error::WordList {
                    key: "tokenize.builtin_dictionary".into(),
                    what: "user dictionary",
                    path: PathBuf::from("config/userdict_zh.txt"),
                    message: format!("line {line}: {msg}"),
                })?,
            );
        }
        for (i, path) in s.tokenize.dictionary_files.iter().enumerate() {
            let key = format!("tokenize.dictionary_files[{i}]");
            let text = read_list(&key, "user dictionary", path)?;
            dictionary.extend(
                parse_dictionary(&text).map_err(|(line, msg)| Error::WordList {
                    key: key.clone(),
                    what: "user dictionary",
                    path: path.clone(),
                    message: format!("line {line}: {msg}"),
                })?,
            );
        }

        let mut keep_single = HashSet::default();
        if s.tokenize.builtin_keep_single {
            add_words(&mut keep_single, BUILTIN_KEEP_SINGLE_ZH);
        }
        for word in &s.tokenize.keep_single {
            add_words(&mut keep_single, word);
        }
        let builtin_phrases: Vec<String> = if s.phrases.builtin {
            list_lines(BUILTIN_PHRASES).collect()
        } else {
            Vec::new()
        };
        let mut user_phrases: Vec<String> = Vec::new();
        user_phrases.extend(
            s.phrases
                .user
                .iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
        for (i, path) in s.phrases.user_files.iter().enumerate() {
            let text = read_list(&format!("phrases.user_files[{i}]"), "phrase list", path)?;
            user_phrases.extend(list_lines(&text));
        }

        let thesaurus = match &s.terms.thesaurus_file {
            None => Default::default(),
            Some(path) => {
                let text = read_list("terms.thesaurus_file", "thesaurus", path)?;
                crate::tokenize::thesaurus::Thesaurus::parse(&text).map_err(|(line, message)| {
                    Error::WordList {
                        key: "terms.thesaurus_file".into(),
                        what: "thesaurus",
                        path: path.clone(),
                        message: format!("line {line}: {message}"),
                    }
                })?
            }
        };
        if s.terms.keyword_field.trim().is_empty() {
            return Err(Error::value(
                "terms.keyword_field",
                "is empty; allowed: the metadata field holding the keywords, such as \"keywords\"",
            ));
        }
        check_range("bursts.top_terms", s.bursts.top_terms, 0, 100_000)?;
        if !(s.bursts.s.is_finite() && s.bursts.s > 1.0) {
            return Err(Error::value(
                "bursts.s",
                format!(
                    "{} is out of range; allowed: a number above 1 (the burst rate is s times the base rate)",
                    s.bursts.s
                ),
            ));
        }
        if !(s.bursts.gamma.is_finite() && s.bursts.gamma >= 0.0) {
            return Err(Error::value(
                "bursts.gamma",
                format!(
                    "{} is out of range; allowed: a number of 0 or more",
                    s.bursts.gamma
                ),
            ));
        }

        Ok(Config {
            thesaurus,
            keep_single,
            builtin_phrases,
            user_phrases,
            extensions,
            drop_lines,
            metadata_rules,
            include,
            exclude,
            encoding,
            stopwords,
            dictionary,
            settings,
            parquet_guard: None,
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

/// The entries of a list: one a line, `#` starts a comment, blank lines ignored.
fn list_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
}

fn compile_regexes(key: &str, patterns: &[String]) -> Result<Vec<Regex>> {
    patterns
        .iter()
        .enumerate()
        .map(|(i, pattern)| {
            Regex::new(pattern).map_err(|e| {
                Error::value(
                    &format!("{key}[{i}]"),
                    format!(
                        "{pattern:?} is not a valid regular expression; allowed: Rust regex \
                         syntax, such as \"^Related items$\" ({e})"
                    ),
                )
            })
        })
        .collect()
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

fn read_list(key: &str, what: &'static str, path: &Path) -> Result<String> {
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
fn add_words(set: &mut HashSet<String>, text: &str) {
    for line in text.lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if !word.is_empty() {
            set.insert(word.to_lowercase());
        }
    }
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
    fn unknown_key_is_named_with_the_allowed_keys() {
        let err = Settings::from_toml("[cooccurrence]\nwindw = 3\n", "test.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("test.toml"), "{msg}");
        assert!(msg.contains("`cooccurrence.windw`"), "{msg}");
        assert!(
            msg.contains(
                "expected one of `context`, `window`, `window_within`, `counting`, `top_terms`, \
                 `min_term_count`, `min_count`, `max_pairs`"
            ),
            "{msg}"
        );
        assert!(err.is_config());
    }

    #[test]
    fn wrong_type_is_refused() {
        let err = Settings::from_toml("[themes]\nk = \"four\"\n", "t.toml").unwrap_err();
        let msg = err.to_string();
        assert_eq!(
            msg,
            "invalid config t.toml: `themes.k`: invalid value: string \"four\", expected an integer of 1 or more, or \"auto\""
        );
    }

    #[test]
    fn theme_count_is_an_integer_or_auto() {
        let k = |text: &str| Settings::from_toml(text, "t.toml").map(|s| s.themes.k);
        assert_eq!(k("[themes]\nk = 7\n").unwrap(), ThemeCount::Fixed(7));
        assert_eq!(k("[themes]\nk = \"auto\"\n").unwrap(), ThemeCount::Auto);
        let err = k("[themes]\nk = -2\n").unwrap_err().to_string();
        assert!(
            err.contains("`themes.k`") && err.contains("\"auto\""),
            "{err}"
        );
        // Written back as it was given.
        let mut s = Settings::default();
        s.themes.k = ThemeCount::Auto;
        let text = toml::to_string(&s).unwrap();
        assert!(text.contains("k = \"auto\""), "{text}");
        assert_eq!(Settings::from_toml(&text, "t").unwrap(), s);
    }

    #[test]
    fn out_of_range_value_names_key_and_range() {
        let s = Settings::from_toml("[cooccurrence]\nwindow = 0\n", "t.toml").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert_eq!(
            msg,
            "invalid config value for `cooccurrence.window`: 0 is out of range; allowed: an integer from 1 to 100"
        );
    }

    #[test]
    fn bad_enum_value_lists_variants() {
        let err = Settings::from_toml("[themes]\nunit = \"chapter\"\n", "t.toml").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("document") && msg.contains("paragraph"),
            "{msg}"
        );
    }

    #[test]
    fn bad_regex_is_named() {
        let s = Settings::from_toml("[clean]\ndrop_lines = [\"(unclosed\"]\n", "t").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(msg.contains("clean.drop_lines[0]"), "{msg}");
        let s = Settings::from_toml("[metadata]\nrules = [\"no groups\"]\n", "t").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(
            msg.contains("metadata.rules[0]") && msg.contains("named group"),
            "{msg}"
        );
    }

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

    #[test]
    fn missing_stopword_file_names_key_and_path() {
        let s = Settings::from_toml("[tokenize]\nstopword_files = [\"no/such/list.txt\"]\n", "t")
            .unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(msg.contains("tokenize.stopword_files[0]"), "{msg}");
        assert!(msg.contains("no/such/list.txt"), "{msg}");
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
