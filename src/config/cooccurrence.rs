//! `[cooccurrence]` and `[network]`: which term pairs are counted, in what contexts, and the
//! network drawn from them; the names of the pair measures are listed here.

use serde::{Deserialize, Serialize};

use super::bounds::out_of_range;
use super::check_range;
use crate::error::{Error, Result};

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

/// The pair measures `network.measure` may name, as the co-occurrence analysis computes them.
pub const MEASURES: &[&str] = &[
    "count",
    "contexts",
    "docs",
    "pmi",
    "npmi",
    "g2",
    "jaccard",
    "dice",
    "simpson",
    "association_strength",
    "cosine",
];

/// Checks `[cooccurrence]` and `[network]`.
pub(super) fn validate(s: &CooccurrenceSettings, network: &NetworkSettings) -> Result<()> {
    check_range("cooccurrence.window", s.window, 1, 100)?;
    check_range("cooccurrence.top_terms", s.top_terms, 2, 20_000)?;
    if s.min_count < 1 {
        return Err(out_of_range("cooccurrence.min_count", s.min_count));
    }
    if s.min_term_count < 1 {
        return Err(out_of_range(
            "cooccurrence.min_term_count",
            s.min_term_count,
        ));
    }
    check_pair_table(s)?;
    validate_network(network)
}

/// Checks `[network]`: a known measure, a possible number of edges, a finite `min_value`, a
/// resolution above 0 and at most 100.
fn validate_network(s: &NetworkSettings) -> Result<()> {
    if !MEASURES.contains(&s.measure.as_str()) {
        return Err(Error::value(
            "network.measure",
            format!(
                "{:?} is not a pair measure; allowed: {}",
                s.measure,
                MEASURES.join(", ")
            ),
        ));
    }
    check_range("network.edges", s.edges, 0, 100_000)?;
    if !s.min_value.is_finite() {
        return Err(out_of_range("network.min_value", s.min_value));
    }
    if !(s.resolution.is_finite() && (0.0..=100.0).contains(&s.resolution)) || s.resolution <= 0.0 {
        return Err(out_of_range("network.resolution", s.resolution));
    }
    Ok(())
}

/// Refuses a `top_terms` whose pairs could outgrow `max_pairs`, saying what to change.
fn check_pair_table(s: &CooccurrenceSettings) -> Result<()> {
    const MAX_PAIRS: u64 = 500_000_000;
    if s.max_pairs < 1 || s.max_pairs > MAX_PAIRS {
        return Err(out_of_range("cooccurrence.max_pairs", s.max_pairs));
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

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn out_of_range_value_names_key_and_range() {
        let s = Settings::from_toml("[cooccurrence]\nwindow = 0\n", "t.toml").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert_eq!(
            msg,
            "invalid config value for `cooccurrence.window`: 0 is out of range; allowed: an integer from 1 to 100"
        );
    }
}
