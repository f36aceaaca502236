//! What describes and measures a set of themes: c-TF-IDF term weights, NPMI coherence and the
//! cosine silhouette.

use rayon::prelude::*;

use crate::analysis::sparse::{Entries, SparseRows, Weighted};

/// Class-based TF-IDF (BERTopic's c-TF-IDF): the units of each class are pooled and term `t`
/// of class `c` weighs `tf(t, c) / Σ tf(·, c) · ln(1 + A / f(t))`, where `tf(t, c)` counts `t`
/// in the class's units, `f(t)` counts it in all classes and `A` is the mean number of tokens
/// per class. Returns each class's weights over the `dim` columns.
pub fn c_tfidf(counts: &SparseRows<u32>, class: &[usize], k: usize, dim: usize) -> Vec<Vec<f64>> {
    // Counted over one block of units per thread (k × dim counts each) and added up: whole
    // numbers, so the same whatever the thread count.
    let blocks = rayon::current_num_threads().max(1);
    let block = counts.len().div_ceil(blocks).max(1);
    let tf: Vec<Vec<u64>> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let mut tf = vec![vec![0u64; dim]; k];
            let rows = (b * block).min(counts.len())..((b + 1) * block).min(counts.len());
            for i in rows {
                for (j, n) in counts.row(i).iter() {
                    tf[class[i]][j as usize] += u64::from(n);
                }
            }
            tf
        })
        .reduce_with(|mut a, b| {
            for (x, y) in a.iter_mut().flatten().zip(b.into_iter().flatten()) {
                *x += y;
            }
            a
        })
        .unwrap_or_else(|| vec![vec![0; dim]; k]);
    let tf: Vec<Vec<f64>> = tf
        .into_iter()
        .map(|row| row.into_iter().map(|n| n as f64).collect())
        .collect();
    let f: Vec<f64> = (0..dim)
        .map(|j| tf.iter().map(|row| row[j]).sum())
        .collect();
    let average = f.iter().sum::<f64>() / k.max(1) as f64;
    tf.into_iter()
        .map(|row| {
            let total: f64 = row.iter().sum();
            row.iter()
                .zip(&f)
                .map(|(&n, &ft)| {
                    if n > 0.0 {
                        n / total * (1.0 + average / ft).ln()
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect()
}

/// Terms a theme's coherence is measured over: its first ten.
pub const COHERENCE_TERMS: usize = 10;

/// C_NPMI coherence of a ranked list of columns: the mean NPMI over all pairs of its first
/// [`COHERENCE_TERMS`], contexts being the units (`present` = each unit's columns, sorted).
/// With `D(x)` the units holding x and N the units, `NPMI = ln(P(a,b) / (P(a)P(b))) / −ln P(a,b)`,
/// P(x) = D(x)/N; −1 for a pair never together, 1 for a pair in every unit. None for fewer than
/// two terms.
pub fn coherence<T: Copy + Send + Sync>(top: &[usize], present: &SparseRows<T>) -> Option<f64> {
    let top = &top[..top.len().min(COHERENCE_TERMS)];
    if top.len() < 2 || present.is_empty() {
        return None;
    }
    let t = top.len();
    // Counted per thread over the units and added up: whole numbers, so the same whatever the
    // thread count.
    let empty = || (vec![0u64; t], vec![vec![0u64; t]; t], Vec::with_capacity(t));
    let (single, joint, _) = present
        .par_rows()
        .fold(empty, |(mut single, mut joint, mut held), unit| {
            held.clear();
            held.extend((0..t).filter(|&i| unit.cols.binary_search(&(top[i] as u32)).is_ok()));
            for (x, &a) in held.iter().enumerate() {
                single[a] += 1;
                for &b in &held[x + 1..] {
                    joint[a][b] += 1;
                }
            }
            (single, joint, held)
        })
        .reduce(empty, |(mut single, mut joint, held), (s, j, _)| {
            for (x, y) in single.iter_mut().zip(s) {
                *x += y;
            }
            for (row, other) in joint.iter_mut().zip(j) {
                for (x, y) in row.iter_mut().zip(other) {
                    *x += y;
                }
            }
            (single, joint, held)
        });
    let n = present.len() as f64;
    let mut sum = 0.0;
    let mut pairs = 0usize;
    for a in 0..t {
        for b in a + 1..t {
            let pab = joint[a][b] as f64 / n;
            let npmi = if joint[a][b] == 0 {
                -1.0
            } else if pab >= 1.0 {
                1.0
            } else {
                let pmi = (pab / (single[a] as f64 / n * (single[b] as f64 / n))).ln();
                pmi / -pab.ln()
            };
            sum += npmi;
            pairs += 1;
        }
    }
    Some(sum / pairs as f64)
}

/// Mean silhouette with cosine distance (1 − cos) of L2-normalised `vectors` in clusters
/// `class` (0..k), computed exactly over all units: the mean distance from a unit to a cluster
/// is `1 − v · S / n` with S the cluster's vector sum, so no pairwise table is needed. A unit
/// alone in its cluster scores 0, as in scikit-learn's `silhouette_score`. None when fewer than
/// two clusters are used.
pub fn silhouette<W: Weighted>(vectors: &W, class: &[usize], k: usize, dim: usize) -> Option<f64> {
    let mut sums = vec![vec![0.0; dim]; k];
    let mut sizes = vec![0usize; k];
    for (v, &c) in vectors.each_row().zip(class) {
        sizes[c] += 1;
        for (j, w) in v.entries() {
            sums[c][j as usize] += w;
        }
    }
    if sizes.iter().filter(|&&s| s > 0).count() < 2 {
        return None;
    }
    // Each unit's score, computed in parallel a block of units at a time (its weights read
    // once), then added in unit order, so the mean does not depend on the thread count.
    const BLOCK: usize = 1 << 16;
    let score = |row: &mut Vec<(u32, f64)>, v: W::Row<'_>, c: usize| {
        if sizes[c] < 2 {
            return None;
        }
        row.clear();
        row.extend(v.entries());
        let dot = |sum: &[f64]| row.iter().map(|&(j, w)| w * sum[j as usize]).sum::<f64>();
        let own = row.iter().map(|&(_, w)| w * w).sum::<f64>();
        let a = 1.0 - (dot(&sums[c]) - own) / (sizes[c] - 1) as f64;
        let b = (0..k)
            .filter(|&o| o != c && sizes[o] > 0)
            .map(|o| 1.0 - dot(&sums[o]) / sizes[o] as f64)
            .fold(f64::INFINITY, f64::min);
        let m = a.max(b);
        (m > 0.0).then(|| (b - a) / m)
    };
    let mut total = 0.0;
    for start in (0..vectors.count()).step_by(BLOCK) {
        let end = (start + BLOCK).min(vectors.count());
        let scores: Vec<Option<f64>> = (start..end)
            .into_par_iter()
            .map_init(Vec::new, |row, i| score(row, vectors.row_at(i), class[i]))
            .collect();
        for s in scores.into_iter().flatten() {
            total += s;
        }
    }
    Some(total / vectors.count() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_tfidf_prefers_terms_specific_to_the_class() {
        // Column 0 is everywhere; column 1 only in class 0, column 2 only in class 1.
        let counts: SparseRows<u32> = [vec![(0, 2), (1, 1)], vec![(0, 2), (2, 1)]]
            .into_iter()
            .collect();
        let w = c_tfidf(&counts, &[0, 1], 2, 3);
        // A = 3 tokens a class; f = [4, 1, 1].
        let expect0 = 2.0 / 3.0 * (1.0f64 + 3.0 / 4.0).ln();
        let expect1 = 1.0 / 3.0 * (1.0f64 + 3.0).ln();
        assert!((w[0][0] - expect0).abs() < 1e-12);
        assert!((w[0][1] - expect1).abs() < 1e-12);
        assert!(w[0][1] > w[0][0]);
        assert_eq!(w[0][2], 0.0);
    }

    #[test]
    fn coherence_of_terms_always_together_and_never_together() {
        let units: SparseRows<u32> = [vec![(0, 1), (1, 1)], vec![(2, 1)], vec![(3, 1)]]
            .into_iter()
            .collect();
        // 0 and 1 share their one unit: P = 1/3 each, jointly 1/3: ln 3 / ln 3 = 1.
        assert_eq!(coherence(&[0, 1], &units), Some(1.0));
        assert_eq!(coherence(&[2, 3], &units), Some(-1.0));
        assert_eq!(coherence(&[2], &units), None);
    }

    #[test]
    fn silhouette_of_two_tight_clusters() {
        let v: SparseRows<f64> = [
            vec![(0, 1.0)],
            vec![(0, 1.0)],
            vec![(1, 1.0)],
            vec![(1, 1.0)],
        ]
        .into_iter()
        .collect();
        assert_eq!(silhouette(&v, &[0, 0, 1, 1], 2, 2), Some(1.0));
        assert_eq!(silhouette(&v, &[0, 0, 0, 0], 1, 2), None);
        // Mixed clusters: a = 1 − 0 = 1 (own partner orthogonal), b = 1 − 1/2.
        assert_eq!(silhouette(&v, &[0, 1, 0, 1], 2, 2), Some(-0.5));
    }
}
