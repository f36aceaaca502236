//! `[keyness]`, `[trends]`, `[kwic]` and `[bursts]`: groups of documents against the rest, terms
//! across periods, keyword-in-context lines and bursts of terms over years.

use serde::{Deserialize, Serialize};

use super::bounds::out_of_range;
use super::check_range;
use crate::error::Result;

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
    /// The continuity correction of each term's 2×2 table, for χ² and G² alike.
    pub correction: KeynessCorrection,
}

/// When keyness applies Yates' continuity correction to a term's 2×2 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeynessCorrection {
    /// As quanteda's `textstat_keyness` (`correction = "default"`): only when an expected count
    /// is below 5 and `|ad − bc| ≥ N / 2`, then by 0.5.
    Quanteda,
    /// Always, as R's `chisq.test(correct = TRUE)`: by `min(0.5, |O − E|)`.
    Yates,
    /// Never.
    #[serde(rename = "none")]
    Uncorrected,
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

impl Default for KeynessSettings {
    fn default() -> Self {
        KeynessSettings {
            group: "subject".into(),
            top_n: 20,
            min_count: 2,
            correction: KeynessCorrection::Quanteda,
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

/// Checks `[keyness]`, `[trends]`, `[kwic]` and `[bursts]`.
pub(super) fn validate(
    keyness: &KeynessSettings,
    trends: &TrendSettings,
    kwic: &KwicSettings,
    bursts: &BurstSettings,
) -> Result<()> {
    check_range("keyness.top_n", keyness.top_n, 1, 100_000)?;
    if keyness.min_count < 1 {
        return Err(out_of_range("keyness.min_count", keyness.min_count));
    }
    check_range("trends.top_terms", trends.top_terms, 1, 10_000)?;
    check_range("kwic.top_keywords", kwic.top_keywords, 0, 10_000)?;
    check_range("kwic.width", kwic.width, 1, 1_000)?;
    check_range("kwic.max_lines", kwic.max_lines, 1, 1_000_000)?;
    validate_bursts(bursts)
}

/// Checks `[bursts]`: a possible number of terms, a burst rate above the base rate, a cost of 0
/// or more.
fn validate_bursts(s: &BurstSettings) -> Result<()> {
    check_range("bursts.top_terms", s.top_terms, 0, 100_000)?;
    if !(s.s.is_finite() && s.s > 1.0) {
        return Err(out_of_range("bursts.s", s.s));
    }
    if !(s.gamma.is_finite() && s.gamma >= 0.0) {
        return Err(out_of_range("bursts.gamma", s.gamma));
    }
    Ok(())
}
