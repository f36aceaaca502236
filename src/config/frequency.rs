//! `[frequency]`, `[doc_terms]` and `[keywords]`: TF-IDF options, the rows of the `doc_terms`
//! table and each document's keywords.

use serde::{Deserialize, Serialize};

use super::bounds::out_of_range;
use super::check_range;
use crate::error::Result;

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

/// Checks `[doc_terms]` and `[keywords]` (every `[frequency]` value is possible).
pub(super) fn validate(doc_terms: &DocTermSettings, keywords: &KeywordSettings) -> Result<()> {
    check_range("keywords.top_n", keywords.top_n, 1, 10_000)?;
    if doc_terms.min_count < 1 || doc_terms.min_count > u64::from(u32::MAX) {
        return Err(out_of_range("doc_terms.min_count", doc_terms.min_count));
    }
    check_range("keywords.span", keywords.span, 2, 100)
}
