//! Themes: groups of units (documents, paragraphs or sentences) found by spherical k-means, NMF
//! or the co-occurrence network's communities, each named by its most distinctive terms, shown
//! by its most typical units and measured by its coherence.
//!
//! Units are those with at least `min_unit_tokens` tokens. They are described by the terms found
//! in at least `min_df` units (at most `max_terms` of them, the most frequent) — for
//! `communities`, by the network's terms — weighted by TF-IDF over the units (same formula and
//! options as the `frequency` stage, with n = the number of units) and L2-normalised. Then:
//!
//! - `kmeans` ([`kmeans`]): a unit's theme is its centroid's; its weight the cosine similarity.
//! - `nmf` ([`nmf`]): a unit's theme is its largest entry in W; its weight that entry's share
//!   of the row (its share of every theme is the whole row, normalised).
//! - `communities`: a theme is a community of the network; a unit's score on it is the sum of
//!   its TF-IDF weights on the community's terms, its theme the highest score (the first
//!   community on a tie), its weight that score's share of its scores.
//!
//! With `k = "auto"`, each k from `k_min` to `k_max` (at most the number of units) is tried and
//! the best kept: for k-means the highest mean cosine silhouette (exact, over every unit), for
//! NMF the highest mean coherence; the smaller k on a tie. Every k tried is recorded.
//!
//! Themes are numbered by size, largest first (ties by their first unit). Each is described by
//! its terms ranked by c-TF-IDF ([`quality::c_tfidf`]; for communities only the community's own
//! terms), its coherence ([`quality::coherence`], NPMI over the first ten terms, units as
//! contexts), and its examples: the units most similar (cosine) to its centre, the normalised
//! sum of its units' vectors (for k-means, the centroid).
//!
//! The stage runs in steps, a file each: [`units()`] cuts the documents into units and counts
//! them over the feature terms that [`features`] chooses from the corpus's reduced counts;
//! `vectors` turns the counts into the units' TF-IDF vectors; `cluster` runs the method for
//! each k tried and keeps the best; `describe` labels, numbers and illustrates the themes and
//! shares the documents among them.

mod cluster;
mod describe;
pub mod features;
pub mod kmeans;
pub mod nmf;
pub mod quality;
mod units;
mod vectors;

use std::ops::Range;

use crate::analysis::network::Network;
use crate::analysis::sparse::Weighted;
use crate::config::{FrequencySettings, ThemeCount, ThemeMethod, ThemeSettings};

pub use units::{Unit, UnitCounts, count_units, units};

/// One theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// 1-based, largest theme first.
    pub id: u32,
    /// Units assigned to it.
    pub size: usize,
    /// (term id, c-TF-IDF weight), highest first, at most `top_terms` long.
    pub terms: Vec<(u32, f64)>,
    /// NPMI coherence of its first ten terms (None with fewer than two terms).
    pub coherence: Option<f64>,
    /// Its units most similar to its centre, most similar first.
    pub examples: Vec<Example>,
}

/// A unit shown as an example of its theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub doc: usize,
    pub unit_id: u32,
    /// Byte range of the unit in the document's text.
    pub range: Range<usize>,
    /// Cosine similarity of the unit's vector to the theme's centre.
    pub similarity: f64,
    /// The unit's text (filled in by the pipeline, which holds the texts; empty until then).
    pub text: String,
}

/// A unit's theme and its weight (see the module notes for each method).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub doc: usize,
    pub unit_id: u32,
    pub theme: u32,
    pub weight: f64,
}

/// A document's share of one theme: the mean of its units' shares of it (hard assignments count
/// 1 for the unit's theme and 0 for the others), and its units assigned to it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocShare {
    pub doc: usize,
    pub theme: u32,
    pub share: f64,
    pub units: usize,
}

/// One k tried, with the score it was chosen by.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub k: usize,
    /// `silhouette` (k-means) or `coherence` (NMF and communities).
    pub criterion: &'static str,
    /// None when it cannot be computed (a single theme, or themes of one term).
    pub score: Option<f64>,
    pub chosen: bool,
}

/// The outcome of the theme stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Themes {
    /// `kmeans`, `nmf` or `communities`.
    pub method: &'static str,
    /// k as configured (None for `auto` and for communities).
    pub k_requested: Option<usize>,
    /// k as used.
    pub k: usize,
    /// Units clustered.
    pub units: usize,
    /// Terms describing the units.
    pub features: usize,
    /// k-means: total cosine similarity of units to their centroids; NMF: ‖X − WH‖²;
    /// communities: 0.
    pub objective: f64,
    pub themes: Vec<Theme>,
    /// In unit order.
    pub assignments: Vec<Assignment>,
    /// By document, then theme.
    pub doc_shares: Vec<DocShare>,
    /// By k.
    pub selection: Vec<Selection>,
}

/// Finds the themes of `units` (taken, so that the units left without any feature can be
/// dropped from their counts in place). `network` gives the communities for that method.
pub fn themes(
    units: UnitCounts,
    settings: &ThemeSettings,
    tfidf: &FrequencySettings,
    seed: u64,
    network: &Network,
) -> Themes {
    let UnitCounts {
        units,
        counts,
        features,
    } = units;
    let m = vectors::matrix(&units, counts, features, tfidf);
    let n = m.vectors.count();
    let mut result = Themes {
        method: match settings.method {
            ThemeMethod::Kmeans => "kmeans",
            ThemeMethod::Nmf => "nmf",
            ThemeMethod::Communities => "communities",
        },
        k_requested: match (settings.method, settings.k) {
            (ThemeMethod::Communities, _) | (_, ThemeCount::Auto) => None,
            (_, ThemeCount::Fixed(k)) => Some(k),
        },
        units: n,
        features: m.features.len(),
        ..Themes::default()
    };
    if n == 0 {
        return result;
    }
    let best = cluster::best_partition(&m, settings, seed, network, &mut result.selection);
    if let Some((partition, described)) = best {
        describe::finish(&mut result, &m, partition, described, settings.examples);
    }
    result
}
