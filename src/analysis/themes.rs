//! Themes: seeded spherical k-means on the TF-IDF vectors of the analysis units.
//!
//! Units are paragraphs (or whole documents) with at least `min_unit_tokens` tokens. They are
//! described by the terms found in at least `min_df` units (at most `max_terms` of them, the most
//! frequent), weighted by TF-IDF over the units (same formula and options as the `frequency`
//! stage, with n = the number of units) and L2-normalised. Spherical k-means groups them by
//! cosine similarity: k-means++ seeding (distance 1 − cosine), then alternate assignment to the
//! most similar centroid and re-normalised mean centroids until no unit moves, or the total
//! similarity grows by less than `tolerance` (relative), or `max_iter` is reached. `restarts` runs
//! are made, each seeded from `run.seed` and its own stream; the run with the highest total
//! similarity is kept. Themes are numbered by size, largest first.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::analysis::frequency::{self, Counts, Weights};
use crate::config::{FrequencySettings, ThemeSettings, UnitKind};
use crate::ingest::Document;
use crate::tokenize::{DocTokens, Vocabulary};

/// An analysis unit: a paragraph (its unit id, see `ingest::units`) or a whole document
/// (`unit_id` 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Index of the document in the run's document list.
    pub doc: usize,
    pub unit_id: u32,
    pub counts: Counts,
}

/// The units of the analysed documents with at least `min_tokens` tokens.
pub fn units(
    docs: &[Document],
    streams: &[DocTokens],
    kind: UnitKind,
    min_tokens: usize,
) -> Vec<Unit> {
    let mut out = Vec::new();
    for (doc, stream) in streams.iter().enumerate() {
        match kind {
            UnitKind::Document => {
                if stream.terms.len() >= min_tokens.max(1) {
                    out.push(Unit {
                        doc,
                        unit_id: 0,
                        counts: frequency::count_terms(&stream.terms),
                    });
                }
            }
            UnitKind::Paragraph => {
                for (paragraph, range) in docs[doc].paragraphs.iter().zip(stream.paragraphs()) {
                    if range.len() >= min_tokens.max(1) {
                        out.push(Unit {
                            doc,
                            unit_id: paragraph.unit_id,
                            counts: frequency::count_terms(&stream.terms[range]),
                        });
                    }
                }
            }
        }
    }
    out
}

/// One theme: its size and its terms by centroid weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// 1-based, largest theme first.
    pub id: u32,
    /// Units assigned to it.
    pub size: usize,
    /// (term id, weight in the normalised centroid), highest weight first, `top_terms` long.
    pub terms: Vec<(u32, f64)>,
}

/// A unit's theme and its cosine similarity to the theme's centroid.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub doc: usize,
    pub unit_id: u32,
    pub theme: u32,
    pub weight: f64,
}

/// The outcome of the clustering.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Themes {
    /// k as configured.
    pub k_requested: usize,
    /// k as used: lowered when fewer units qualify.
    pub k: usize,
    /// Units clustered.
    pub units: usize,
    /// Terms describing the units.
    pub features: usize,
    /// Total cosine similarity of units to their centroids in the kept run.
    pub objective: f64,
    pub themes: Vec<Theme>,
    /// In unit order.
    pub assignments: Vec<Assignment>,
}

/// Clusters `units` into themes.
pub fn themes(
    units: &[Unit],
    vocab: &Vocabulary,
    term_count: &[u64],
    settings: &ThemeSettings,
    tfidf: &FrequencySettings,
    seed: u64,
) -> Themes {
    // Feature selection: unit document frequency ≥ min_df, then the most frequent max_terms.
    let unit_df = frequency::doc_freq(units.iter().map(|u| &u.counts), vocab.len());
    let mut features: Vec<u32> = (0..vocab.len() as u32)
        .filter(|&t| unit_df[t as usize] >= settings.min_df as u64)
        .collect();
    features.sort_by(|&a, &b| {
        term_count[b as usize]
            .cmp(&term_count[a as usize])
            .then_with(|| {
                vocab.terms[a as usize]
                    .display
                    .cmp(&vocab.terms[b as usize].display)
            })
    });
    features.truncate(settings.max_terms);
    features.sort_unstable();
    let mut column = vec![u32::MAX; vocab.len()];
    for (i, &t) in features.iter().enumerate() {
        column[t as usize] = i as u32;
    }

    // Units re-expressed over the features; units left without any feature are not clustered.
    let kept: Vec<(usize, Counts)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let counts: Counts = u
                .counts
                .iter()
                .filter(|&&(t, _)| column[t as usize] != u32::MAX)
                .map(|&(t, c)| (column[t as usize], c))
                .collect();
            (!counts.is_empty()).then_some((i, counts))
        })
        .collect();
    let k = settings.k.min(kept.len());
    let mut result = Themes {
        k_requested: settings.k,
        k,
        units: kept.len(),
        features: features.len(),
        ..Themes::default()
    };
    if k == 0 {
        return result;
    }
    let df = frequency::doc_freq(kept.iter().map(|(_, c)| c), features.len());
    let idf = frequency::idf(kept.len(), &df, tfidf.smooth_idf);
    let vectors: Vec<Weights> = kept
        .iter()
        .map(|(_, c)| frequency::tfidf(c, &idf, tfidf.sublinear_tf))
        .collect();

    let runs: Vec<KMeans> = (0..settings.restarts as u64)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(r);
            spherical_kmeans(
                &vectors,
                features.len(),
                k,
                settings.max_iter,
                settings.tolerance,
                &mut rng,
            )
        })
        .collect();
    // The best objective; the earliest restart on a tie.
    let best = runs
        .into_iter()
        .reduce(|best, run| {
            if run.objective > best.objective {
                run
            } else {
                best
            }
        })
        .unwrap_or_default();

    // Number themes by size, largest first; ties by first unit.
    let mut order: Vec<usize> = (0..k).collect();
    let sizes: Vec<usize> = (0..k)
        .map(|c| best.assignment.iter().filter(|&&a| a == c).count())
        .collect();
    let first: Vec<usize> = (0..k)
        .map(|c| {
            best.assignment
                .iter()
                .position(|&a| a == c)
                .unwrap_or(usize::MAX)
        })
        .collect();
    order.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(first[a].cmp(&first[b])));
    let mut theme_id = vec![0u32; k];
    for (i, &c) in order.iter().enumerate() {
        theme_id[c] = i as u32 + 1;
    }
    result.objective = best.objective;
    result.themes = order
        .iter()
        .map(|&c| {
            let mut terms: Vec<(u32, f64)> = best.centroids[c]
                .iter()
                .enumerate()
                .filter(|&(_, &w)| w > 0.0)
                .map(|(j, &w)| (features[j], w))
                .collect();
            terms.sort_by(|a, b| {
                b.1.total_cmp(&a.1).then_with(|| {
                    vocab.terms[a.0 as usize]
                        .display
                        .cmp(&vocab.terms[b.0 as usize].display)
                })
            });
            terms.truncate(settings.top_terms);
            Theme {
                id: theme_id[c],
                size: sizes[c],
                terms,
            }
        })
        .collect();
    result.assignments = kept
        .iter()
        .zip(&best.assignment)
        .zip(&vectors)
        .map(|(((i, _), &c), v)| Assignment {
            doc: units[*i].doc,
            unit_id: units[*i].unit_id,
            theme: theme_id[c],
            weight: dot(v, &best.centroids[c]),
        })
        .collect();
    result
}

/// One k-means run.
#[derive(Debug, Clone, Default)]
struct KMeans {
    centroids: Vec<Vec<f64>>,
    assignment: Vec<usize>,
    objective: f64,
}

fn dot(v: &Weights, centroid: &[f64]) -> f64 {
    v.iter().map(|&(j, w)| w * centroid[j as usize]).sum()
}

/// The most similar centroid (the first on a tie) and the similarity.
fn nearest(v: &Weights, centroids: &[Vec<f64>]) -> (usize, f64) {
    let mut best = (0, f64::NEG_INFINITY);
    for (c, centroid) in centroids.iter().enumerate() {
        let s = dot(v, centroid);
        if s > best.1 {
            best = (c, s);
        }
    }
    best
}

fn dense(v: &Weights, dim: usize) -> Vec<f64> {
    let mut d = vec![0.0; dim];
    for &(j, w) in v {
        d[j as usize] = w;
    }
    d
}

/// k-means++ seeding with distance 1 − cosine, weights proportional to the squared distance.
fn seed_centroids(
    vectors: &[Weights],
    dim: usize,
    k: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Vec<f64>> {
    let n = vectors.len();
    let mut chosen = vec![rng.random_range(0..n)];
    let mut dist: Vec<f64> = vec![f64::INFINITY; n];
    while chosen.len() < k {
        let last = dense(&vectors[*chosen.last().unwrap_or(&0)], dim);
        for (i, v) in vectors.iter().enumerate() {
            let d = (1.0 - dot(v, &last)).max(0.0);
            dist[i] = dist[i].min(d * d);
        }
        for &c in &chosen {
            dist[c] = 0.0;
        }
        let total: f64 = dist.iter().sum();
        let next = if total > 0.0 {
            let mut target = rng.random::<f64>() * total;
            let mut pick = n - 1;
            for (i, &d) in dist.iter().enumerate() {
                if d > 0.0 && target < d {
                    pick = i;
                    break;
                }
                target -= d;
            }
            while chosen.contains(&pick) {
                pick = (pick + 1) % n;
            }
            pick
        } else {
            // Every unit sits on a chosen centre: take any unit not chosen yet.
            let free: Vec<usize> = (0..n).filter(|i| !chosen.contains(i)).collect();
            free[rng.random_range(0..free.len())]
        };
        chosen.push(next);
    }
    chosen.iter().map(|&i| dense(&vectors[i], dim)).collect()
}

fn spherical_kmeans(
    vectors: &[Weights],
    dim: usize,
    k: usize,
    max_iter: usize,
    tolerance: f64,
    rng: &mut ChaCha8Rng,
) -> KMeans {
    let mut centroids = seed_centroids(vectors, dim, k, rng);
    let mut assignment = vec![usize::MAX; vectors.len()];
    let mut previous = f64::NEG_INFINITY;
    for _ in 0..max_iter {
        let nearest_now: Vec<(usize, f64)> =
            vectors.par_iter().map(|v| nearest(v, &centroids)).collect();
        let mut changed = false;
        for (a, &(c, _)) in assignment.iter_mut().zip(&nearest_now) {
            if *a != c {
                *a = c;
                changed = true;
            }
        }
        // Summed in unit order, so the value does not depend on the thread count.
        let objective: f64 = nearest_now.iter().map(|&(_, s)| s).sum();
        if !changed || objective - previous <= tolerance * objective.abs() {
            break;
        }
        previous = objective;
        // Give an empty cluster the unit farthest from its centroid, from a cluster of 2 or more.
        loop {
            let mut sizes = vec![0usize; k];
            for &a in &assignment {
                sizes[a] += 1;
            }
            let Some(empty) = sizes.iter().position(|&s| s == 0) else {
                break;
            };
            let far = (0..vectors.len())
                .filter(|&i| sizes[assignment[i]] > 1)
                .min_by(|&a, &b| {
                    let sa = dot(&vectors[a], &centroids[assignment[a]]);
                    let sb = dot(&vectors[b], &centroids[assignment[b]]);
                    sa.total_cmp(&sb).then(a.cmp(&b))
                });
            match far {
                Some(i) => {
                    assignment[i] = empty;
                    centroids[empty] = dense(&vectors[i], dim);
                }
                None => break,
            }
        }
        for (c, centroid) in centroids.iter_mut().enumerate() {
            let mut sum = vec![0.0; dim];
            for (v, _) in vectors.iter().zip(&assignment).filter(|&(_, &a)| a == c) {
                for &(j, w) in v {
                    sum[j as usize] += w;
                }
            }
            let norm = sum.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in &mut sum {
                    *x /= norm;
                }
                *centroid = sum;
            }
        }
    }
    let objective = vectors
        .iter()
        .zip(&assignment)
        .map(|(v, &c)| dot(v, &centroids[c]))
        .sum();
    KMeans {
        centroids,
        assignment,
        objective,
    }
}
