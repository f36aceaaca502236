//! Spherical k-means: units grouped by cosine similarity to L2-normalised centroids.
//!
//! k-means++ seeding (distance 1 − cosine, picks weighted by the squared distance), then
//! alternate assignment to the most similar centroid and re-normalised mean centroids until no
//! unit moves, or the total similarity grows by less than `tolerance` (relative), or `max_iter`
//! is reached. `restarts` runs are made, each seeded from the run's seed and its own stream;
//! the run with the highest total similarity is kept (the earliest on a tie).
//!
//! On many units the restarts run on a seeded random sample of them, and the best restart's
//! centroids start one more run over every unit: the restarts search for a good start, the last
//! run assigns every unit and refines the centroids on all of them.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::analysis::sparse::{Entries, SparseRows, Weighted};

/// The best of `restarts` seeded runs. With more than `sample` units (0: no limit) the
/// restarts run on a seeded sample of `sample` units, and the best restart's centroids start
/// one run over every unit.
#[allow(clippy::too_many_arguments)]
pub fn best_of<V: Weighted>(
    vectors: &V,
    dim: usize,
    k: usize,
    restarts: usize,
    sample: usize,
    max_iter: usize,
    tolerance: f64,
    seed: u64,
) -> KMeans {
    let size = sample.max(k);
    if sample == 0 || vectors.count() <= size {
        return best_of_restarts(vectors, dim, k, restarts, max_iter, tolerance, seed);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // The restarts use streams 0, 1, …; the sample its own.
    rng.set_stream(u64::MAX);
    // The sample is copied out, its weights held: the restarts read it over and over, and
    // rows read in place from all over the matrix would miss the cache at every row.
    let subset: SparseRows<f64> = sample_of(vectors.count(), size, &mut rng)
        .into_iter()
        .map(|i| vectors.row_at(i).entries())
        .collect();
    let start = best_of_restarts(&subset, dim, k, restarts, max_iter, tolerance, seed);
    iterate(vectors, dim, start.centroids, max_iter, tolerance)
}

/// `size` of the indices `0..n`, each set of that size equally likely, in increasing order
/// (Knuth's selection sampling, algorithm S).
fn sample_of(n: usize, size: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let mut picked = Vec::with_capacity(size.min(n));
    for i in 0..n {
        let needed = size - picked.len();
        if needed == 0 {
            break;
        }
        if ((n - i) as f64) * rng.random::<f64>() < needed as f64 {
            picked.push(i);
        }
    }
    picked
}

fn best_of_restarts<V: Weighted>(
    vectors: &V,
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

pub fn dot(v: impl Entries, centroid: &[f64]) -> f64 {
    v.entries().map(|(j, w)| w * centroid[j as usize]).sum()
}

/// The centroids term by term: the weights of term `j` in every centroid are
/// `by_term[j * k..(j + 1) * k]`, so that one pass over a unit's terms reads them together.
fn interleave(centroids: &[Vec<f64>], dim: usize) -> Vec<f64> {
    let k = centroids.len();
    let mut by_term = vec![0.0; dim * k];
    for (c, centroid) in centroids.iter().enumerate() {
        for (j, &x) in centroid.iter().enumerate() {
            by_term[j * k + c] = x;
        }
    }
    by_term
}

/// The most similar centroid (the first on a tie) and the similarity, over interleaved
/// centroids in one pass over the unit's terms; `sims` is scratch space of one value per
/// centroid. Each similarity adds the same products in the same order as [`dot`], so it is the
/// same to the bit.
fn nearest_of(v: impl Entries, by_term: &[f64], sims: &mut [f64]) -> (usize, f64) {
    let k = sims.len();
    // `-0.0` is the start of a float sum (`Iterator::sum`), so that an empty sum matches too.
    sims.fill(-0.0);
    for (j, w) in v.entries() {
        let row = &by_term[j as usize * k..(j as usize + 1) * k];
        for (s, &x) in sims.iter_mut().zip(row) {
            *s += w * x;
        }
    }
    let mut best = (0, f64::NEG_INFINITY);
    for (c, &s) in sims.iter().enumerate() {
        if s > best.1 {
            best = (c, s);
        }
    }
    best
}

fn dense(v: impl Entries, dim: usize) -> Vec<f64> {
    let mut d = vec![0.0; dim];
    for (j, w) in v.entries() {
        d[j as usize] = w;
    }
    d
}

/// k-means++ seeding with distance 1 − cosine, weights proportional to the squared distance.
fn seed_centroids<V: Weighted>(
    vectors: &V,
    dim: usize,
    k: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Vec<f64>> {
    let n = vectors.count();
    let mut chosen = vec![rng.random_range(0..n)];
    let mut dist: Vec<f64> = vec![f64::INFINITY; n];
    while chosen.len() < k {
        let last = dense(vectors.row_at(*chosen.last().unwrap_or(&0)), dim);
        for (i, v) in vectors.each_row().enumerate() {
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
    chosen
        .iter()
        .map(|&i| dense(vectors.row_at(i), dim))
        .collect()
}

fn spherical_kmeans<V: Weighted>(
    vectors: &V,
    dim: usize,
    k: usize,
    max_iter: usize,
    tolerance: f64,
    rng: &mut ChaCha8Rng,
) -> KMeans {
    let centroids = seed_centroids(vectors, dim, k, rng);
    iterate(vectors, dim, centroids, max_iter, tolerance)
}

/// k-means iterations from `centroids` until no unit moves, the objective stalls or `max_iter`.
fn iterate<V: Weighted>(
    vectors: &V,
    dim: usize,
    mut centroids: Vec<Vec<f64>>,
    max_iter: usize,
    tolerance: f64,
) -> KMeans {
    let k = centroids.len();
    let mut assignment = vec![usize::MAX; vectors.count()];
    let mut previous = f64::NEG_INFINITY;
    for _ in 0..max_iter {
        let by_term = interleave(&centroids, dim);
        let nearest_now: Vec<(usize, f64)> = vectors
            .par_each_row()
            .with_min_len(256)
            .map_init(|| vec![0.0; k], |sims, v| nearest_of(v, &by_term, sims))
            .collect();
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
            let far = (0..vectors.count())
                .filter(|&i| sizes[assignment[i]] > 1)
                .min_by(|&a, &b| {
                    let sa = dot(vectors.row_at(a), &centroids[assignment[a]]);
                    let sb = dot(vectors.row_at(b), &centroids[assignment[b]]);
                    sa.total_cmp(&sb).then(a.cmp(&b))
                });
            match far {
                Some(i) => {
                    assignment[i] = empty;
                    centroids[empty] = dense(vectors.row_at(i), dim);
                }
                None => break,
            }
        }
        // Summed in one pass over the units, each cluster's in unit order as before.
        let mut sums = vec![vec![0.0; dim]; k];
        for (v, &a) in vectors.each_row().zip(&assignment) {
            let sum = &mut sums[a];
            for (j, w) in v.entries() {
                sum[j as usize] += w;
            }
        }
        for (centroid, mut sum) in centroids.iter_mut().zip(sums) {
            let norm = sum.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in &mut sum {
                    *x /= norm;
                }
                *centroid = sum;
            }
        }
    }
    // Each unit's similarity in parallel, summed in unit order.
    let similarity: Vec<f64> = vectors
        .par_each_row()
        .zip(&assignment)
        .map(|(v, &c)| dot(v, &centroids[c]))
        .collect();
    let objective = similarity.iter().sum();
    KMeans {
        centroids,
        assignment,
        objective,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_of_picks_distinct_indices_in_order_and_covers_the_range() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let picked = sample_of(1000, 100, &mut rng);
        assert_eq!(picked.len(), 100);
        assert!(picked.windows(2).all(|w| w[0] < w[1]));
        assert!(picked.iter().all(|&i| i < 1000));
        // Spread over the range, not the first hundred.
        assert!(picked.iter().any(|&i| i >= 500));
        let mut again = ChaCha8Rng::seed_from_u64(7);
        assert_eq!(sample_of(1000, 100, &mut again), picked);
        let mut all = ChaCha8Rng::seed_from_u64(7);
        assert_eq!(sample_of(5, 10, &mut all), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_sampled_start_still_assigns_every_unit() {
        // 300 units on term 0 or 1 (two themes), 2 in 3 on the first; a sample of 100 finds the
        // centroids and the last run over all 300 assigns each unit to its own.
        let vectors: SparseRows<f64> = (0..300)
            .map(|i| {
                if i % 3 == 2 {
                    vec![(1, 0.8), (2, 0.6)]
                } else {
                    vec![(0, 0.6), (2, 0.8)]
                }
            })
            .collect();
        let run = best_of(&vectors, 3, 2, 3, 100, 50, 1e-4, 42);
        let first = run.assignment[0];
        let second = run.assignment[2];
        assert_ne!(first, second);
        for (i, &a) in run.assignment.iter().enumerate() {
            assert_eq!(a, if i % 3 == 2 { second } else { first }, "unit {i}");
        }
        assert!((run.objective - 300.0).abs() < 1e-9);
        let unsampled = best_of(&vectors, 3, 2, 3, 0, 50, 1e-4, 42);
        assert!((unsampled.objective - run.objective).abs() < 1e-9);
    }
}
