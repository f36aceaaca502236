//! Spherical k-means: units grouped by cosine similarity to L2-normalised centroids.
//!
//! k-means++ seeding (distance 1 − cosine, picks weighted by the squared distance), then
//! alternate assignment to the most similar centroid and re-normalised mean centroids until no
//! unit moves, or the total similarity grows by less than `tolerance` (relative), or `max_iter`
//! is reached. `restarts` runs are made, each seeded from the run's seed and its own stream;
//! the run with the highest total similarity is kept (the earliest on a tie).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::analysis::frequency::Weights;

/// The best of `restarts` seeded runs.
pub fn best_of(
    vectors: &[Weights],
    dim: usize,
    k: usize,
    restarts: usize,
    max_iter: usize,
    tolerance: f64,
    seed: u64,
) -> KMeans {
    let runs: Vec<KMeans> = (0..restarts as u64)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(r);
            spherical_kmeans(vectors, dim, k, max_iter, tolerance, &mut rng)
        })
        .collect();
    runs.into_iter()
        .reduce(|best, run| {
            if run.objective > best.objective {
                run
            } else {
                best
            }
        })
        .unwrap_or_default()
}

/// One k-means run.
#[derive(Debug, Clone, Default)]
pub struct KMeans {
    pub centroids: Vec<Vec<f64>>,
    pub assignment: Vec<usize>,
    pub objective: f64,
}

pub fn dot(v: &Weights, centroid: &[f64]) -> f64 {
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
