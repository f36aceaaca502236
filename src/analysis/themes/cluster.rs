//! The clustering of the theme stage, between the units' vectors ([`super::vectors`]) and the
//! description of the themes ([`super::describe`]): the method's dispatch (spherical k-means,
//! NMF or the network's communities) and, with `k = "auto"`, the choice of k by silhouette
//! (k-means) or mean coherence (NMF), every k tried being recorded.

use rayon::prelude::*;

use crate::analysis::network::Network;
use crate::analysis::sparse::{Entries, SparseRows, Weighted};
use crate::analysis::themes::describe::{Described, describe};
use crate::analysis::themes::vectors::Matrix;
use crate::analysis::themes::{Selection, kmeans, nmf, quality};
use crate::config::{ThemeCount, ThemeMethod, ThemeSettings};

/// A partition of the kept units into k groups.
pub(super) struct Partition {
    pub(super) k: usize,
    pub(super) class: Vec<usize>,
    /// Each unit's weight on its own group.
    pub(super) weight: Vec<f64>,
    /// Each unit's share of every group (None: hard, 1 for its own group).
    pub(super) shares: Option<Vec<Vec<f64>>>,
    pub(super) objective: f64,
}

/// The best partition of the units of `m` over the ks tried (the smaller k on a tie), with
/// its groups described; each k tried is pushed onto `selection`, the one kept marked
/// `chosen`. None when no k could be tried.
pub(super) fn best_partition(
    m: &Matrix,
    settings: &ThemeSettings,
    seed: u64,
    network: &Network,
    selection: &mut Vec<Selection>,
) -> Option<(Partition, Vec<Described>)> {
    let term_group: Option<Vec<usize>> = (settings.method == ThemeMethod::Communities)
        .then(|| term_communities(&m.features, network));
    // NMF reads the vectors by column too: for it they are held.
    let held = match settings.method {
        ThemeMethod::Nmf => m.vectors.held(),
        _ => SparseRows::new(),
    };
    let mut best: Option<(Option<f64>, Partition, Vec<Described>)> = None;
    for k in candidates(settings, m.vectors.count(), network) {
        if k == 0 {
            continue;
        }
        let partition = match settings.method {
            ThemeMethod::Kmeans => kmeans_partition(m, k, settings, seed),
            ThemeMethod::Nmf => nmf_partition(m, &held, k, settings, seed),
            ThemeMethod::Communities => {
                community_partition(m, k, term_group.as_deref().unwrap_or_default())
            }
        };
        let described = describe(m, &partition, settings, term_group.as_deref());
        let (criterion, score) = score(m, &partition, &described, settings.method);
        selection.push(Selection {
            k,
            criterion,
            score,
            chosen: false,
        });
        let better = match &best {
            None => true,
            Some((s, ..)) => score.unwrap_or(f64::NEG_INFINITY) > s.unwrap_or(f64::NEG_INFINITY),
        };
        if better {
            best = Some((score, partition, described));
        }
    }
    let (_, partition, described) = best?;
    for s in selection.iter_mut() {
        s.chosen = s.k == partition.k;
    }
    Some((partition, described))
}

/// Each feature's group: its community in the network, from 0 (0 for a term not in it).
fn term_communities(features: &[u32], network: &Network) -> Vec<usize> {
    let community = |t: u32| {
        network
            .nodes
            .iter()
            .find(|node| node.term == t)
            .map_or(0, |node| node.community as usize - 1)
    };
    features.iter().map(|&t| community(t)).collect()
}

/// The ks to try over `n` units: the network's communities, the configured k (at most `n`),
/// or with `auto` each k from `k_min` to `k_max` (at most `n`; `n` when none is left).
fn candidates(settings: &ThemeSettings, n: usize, network: &Network) -> Vec<usize> {
    match (settings.method, settings.k) {
        (ThemeMethod::Communities, _) => vec![network.communities],
        (_, ThemeCount::Fixed(k)) => vec![k.min(n)],
        (_, ThemeCount::Auto) => {
            let ks: Vec<usize> = (settings.k_min..=settings.k_max.min(n)).collect();
            if ks.is_empty() { vec![n] } else { ks }
        }
    }
}

/// Spherical k-means: a unit's group is its centroid's, its weight the cosine similarity.
fn kmeans_partition(m: &Matrix, k: usize, settings: &ThemeSettings, seed: u64) -> Partition {
    let run = kmeans::best_of(
        &m.vectors,
        m.features.len(),
        k,
        settings.restarts,
        settings.sample,
        settings.max_iter,
        settings.tolerance,
        seed,
    );
    let weight = m
        .vectors
        .par_each_row()
        .zip(&run.assignment)
        .map(|(v, &c)| kmeans::dot(v, &run.centroids[c]))
        .collect();
    Partition {
        k,
        class: run.assignment,
        weight,
        shares: None,
        objective: run.objective,
    }
}

/// NMF of the `held` vectors: a unit's scores are its row of W.
fn nmf_partition(
    m: &Matrix,
    held: &SparseRows<f64>,
    k: usize,
    settings: &ThemeSettings,
    seed: u64,
) -> Partition {
    let f = nmf::nmf(
        held,
        m.features.len(),
        k,
        settings.max_iter,
        settings.tolerance,
        seed,
    );
    let mut p = from_scores(k, f.w);
    p.objective = f.error;
    p
}

/// The network's communities: a unit's score on one is the sum of its weights on the
/// community's terms (`groups`: each feature's community).
fn community_partition(m: &Matrix, k: usize, groups: &[usize]) -> Partition {
    let scores = m
        .vectors
        .each_row()
        .map(|v| {
            let mut s = vec![0.0; k];
            for (j, w) in v.entries() {
                s[groups[j as usize]] += w;
            }
            s
        })
        .collect();
    from_scores(k, scores)
}

/// The criterion a k is chosen by and its score: the silhouette for k-means, otherwise the
/// mean coherence of the groups that have one.
fn score(
    m: &Matrix,
    partition: &Partition,
    described: &[Described],
    method: ThemeMethod,
) -> (&'static str, Option<f64>) {
    match method {
        ThemeMethod::Kmeans => (
            "silhouette",
            quality::silhouette(&m.vectors, &partition.class, partition.k, m.features.len()),
        ),
        _ => {
            let values: Vec<f64> = described.iter().filter_map(|d| d.coherence).collect();
            let mean =
                (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
            ("coherence", mean)
        }
    }
}

/// A partition from each unit's non-negative scores: the highest (the first on a tie), its
/// share of the unit's scores as weight. A unit scoring 0 everywhere goes to the first group
/// with weight 0.
fn from_scores(k: usize, scores: Vec<Vec<f64>>) -> Partition {
    let mut class = Vec::with_capacity(scores.len());
    let mut weight = Vec::with_capacity(scores.len());
    let shares: Vec<Vec<f64>> = scores
        .into_iter()
        .map(|row| {
            let mut top = 0;
            for (c, &s) in row.iter().enumerate() {
                if s > row[top] {
                    top = c;
                }
            }
            let total: f64 = row.iter().sum();
            let share: Vec<f64> = if total > 0.0 {
                row.iter().map(|s| s / total).collect()
            } else {
                vec![0.0; row.len()]
            };
            class.push(top);
            weight.push(share[top]);
            share
        })
        .collect();
    Partition {
        k,
        class,
        weight,
        shares: Some(shares),
        objective: 0.0,
    }
}
