//! Non-negative matrix factorisation of the unit × term TF-IDF matrix, X ≈ W·H (Frobenius loss),
//! as scikit-learn's `NMF(init="nndsvd", solver="cd")`:
//!
//! - Start: NNDSVD (Boutsidis & Gallopoulos 2008) from the k leading singular triplets of X.
//!   These are found by seeded randomized subspace iteration (k + 10 columns, 7 power
//!   iterations, Rayleigh–Ritz with a Jacobi eigensolver), as scikit-learn's `randomized_svd`;
//!   entries below 1e-6 are set to 0.
//! - Updates: cyclic coordinate descent (HALS), W then H in turn, each entry
//!   `max(0, w − ∂/∂w / hess)`; it stops when the projected-gradient violation of an iteration
//!   falls to `tolerance` times that of the first, or after `max_iter` iterations.
//!
//! Rows of W and H are updated independently, each summing in a fixed order, and the k × k
//! products are summed sequentially, so the result does not depend on the thread count.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::analysis::sparse::SparseRows;

/// A factorisation: `w` is units × k, `h` is k × terms stored transposed (terms × k).
#[derive(Debug, Clone, Default)]
pub struct Nmf {
    pub w: Vec<Vec<f64>>,
    pub ht: Vec<Vec<f64>>,
    /// ‖X − WH‖² at the end.
    pub error: f64,
}

/// Factorises the rows `x` (sparse, over `dim` columns) into `k` topics.
pub fn nmf(
    x: &SparseRows<f64>,
    dim: usize,
    k: usize,
    max_iter: usize,
    tolerance: f64,
    seed: u64,
) -> Nmf {
    let xt = x.transpose(dim);
    let (mut w, mut ht) = nndsvd(x, &xt, k, seed);
    let mut first = None;
    for _ in 0..max_iter {
        let mut violation = update(&mut w, x, &ht);
        violation += update(&mut ht, &xt, &w);
        let first = *first.get_or_insert(violation);
        if first == 0.0 || violation / first <= tolerance {
            break;
        }
    }
    let error = frobenius_error(x, &w, &ht);
    Nmf { w, ht, error }
}

/// `x · m` for sparse rows `x` and a dense matrix `m` stored by rows (one per column of `x`).
fn times(x: &SparseRows<f64>, m: &[Vec<f64>], width: usize) -> Vec<Vec<f64>> {
    x.par_rows()
        .map(|row| {
            let mut out = vec![0.0; width];
            for (j, v) in row.iter() {
                for (o, &y) in out.iter_mut().zip(&m[j as usize]) {
                    *o += v * y;
                }
            }
            out
        })
        .collect()
}

/// `aᵀ · a` for a dense matrix stored by rows, summed in row order.
fn gram(a: &[Vec<f64>], k: usize) -> Vec<Vec<f64>> {
    let mut g = vec![vec![0.0; k]; k];
    for row in a {
        for r in 0..k {
            for c in 0..k {
                g[r][c] += row[r] * row[c];
            }
        }
    }
    g
}

/// One sweep of coordinate descent over the rows of `w` for `x ≈ w · htᵀ`. Returns the summed
/// absolute projected gradient before the steps.
fn update(w: &mut [Vec<f64>], x: &SparseRows<f64>, ht: &[Vec<f64>]) -> f64 {
    let k = ht.first().map_or(0, Vec::len);
    let hht = gram(ht, k);
    let xht = times(x, ht, k);
    let violations: Vec<f64> = w
        .par_iter_mut()
        .zip(&xht)
        .map(|(row, xh)| {
            let mut violation = 0.0;
            for t in 0..k {
                let grad = -xh[t] + (0..k).map(|r| hht[t][r] * row[r]).sum::<f64>();
                let pg = if row[t] == 0.0 { grad.min(0.0) } else { grad };
                violation += pg.abs();
                let hess = hht[t][t];
                if hess != 0.0 {
                    row[t] = (row[t] - grad / hess).max(0.0);
                }
            }
            violation
        })
        .collect();
    violations.iter().sum()
}

fn frobenius_error(x: &SparseRows<f64>, w: &[Vec<f64>], ht: &[Vec<f64>]) -> f64 {
    // ‖X‖² − 2 tr(Wᵀ X H ᵀ) + tr(WᵀW · HHᵀ)
    let k = ht.first().map_or(0, Vec::len);
    let xx: f64 = x.values().iter().map(|&v| v * v).sum();
    let xht = times(x, ht, k);
    let cross: f64 = w
        .iter()
        .zip(&xht)
        .map(|(a, b)| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>())
        .sum();
    let (wtw, hht) = (gram(w, k), gram(ht, k));
    let quad: f64 = (0..k)
        .flat_map(|r| (0..k).map(move |c| (r, c)))
        .map(|(r, c)| wtw[r][c] * hht[r][c])
        .sum();
    (xx - 2.0 * cross + quad).max(0.0)
}

/// NNDSVD start: W (rows × k) and Hᵀ (columns × k).
fn nndsvd(
    x: &SparseRows<f64>,
    xt: &SparseRows<f64>,
    k: usize,
    seed: u64,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let (u, s, v) = randomized_svd(x, xt, k, seed);
    let mut w = vec![vec![0.0; k]; x.len()];
    let mut ht = vec![vec![0.0; k]; xt.len()];
    for j in 0..s.len() {
        let (uj, vj) = (&u[j], &v[j]);
        let (col_u, col_v, sigma): (Vec<f64>, Vec<f64>, f64) = if j == 0 {
            (
                uj.iter().map(|a| a.abs()).collect(),
                vj.iter().map(|a| a.abs()).collect(),
                1.0,
            )
        } else {
            let pos = |a: &[f64]| a.iter().map(|&y| y.max(0.0)).collect::<Vec<_>>();
            let neg = |a: &[f64]| a.iter().map(|&y| (-y).max(0.0)).collect::<Vec<_>>();
            let (xp, xn, yp, yn) = (pos(uj), neg(uj), pos(vj), neg(vj));
            let (nxp, nxn, nyp, nyn) = (norm(&xp), norm(&xn), norm(&yp), norm(&yn));
            let (mp, mn) = (nxp * nyp, nxn * nyn);
            if mp > mn {
                (scale(&xp, nxp), scale(&yp, nyp), mp)
            } else {
                (scale(&xn, nxn), scale(&yn, nyn), mn)
            }
        };
        let lambda = (s[j] * sigma).sqrt();
        for (row, &a) in w.iter_mut().zip(&col_u) {
            row[j] = lambda * a;
        }
        for (row, &a) in ht.iter_mut().zip(&col_v) {
            row[j] = lambda * a;
        }
    }
    for value in w.iter_mut().chain(ht.iter_mut()).flatten() {
        if *value < 1e-6 {
            *value = 0.0;
        }
    }
    (w, ht)
}

fn norm(a: &[f64]) -> f64 {
    a.iter().map(|y| y * y).sum::<f64>().sqrt()
}

fn scale(a: &[f64], by: f64) -> Vec<f64> {
    if by > 0.0 {
        a.iter().map(|y| y / by).collect()
    } else {
        vec![0.0; a.len()]
    }
}

/// Orthonormalises the vectors in place (modified Gram–Schmidt, twice); a vector left without
/// length becomes 0.
fn orthonormalise(q: &mut [Vec<f64>]) {
    for _ in 0..2 {
        for i in 0..q.len() {
            let (done, rest) = q.split_at_mut(i);
            let v = &mut rest[0];
            for u in done.iter() {
                let d: f64 = u.iter().zip(v.iter()).map(|(a, b)| a * b).sum();
                for (y, a) in v.iter_mut().zip(u) {
                    *y -= d * a;
                }
            }
            let n = norm(v);
            for y in v.iter_mut() {
                *y = if n > 1e-12 { *y / n } else { 0.0 };
            }
        }
    }
}

/// `a · q` for each dense vector `q`, `a` given by its sparse rows.
fn project(a: &SparseRows<f64>, q: &[Vec<f64>]) -> Vec<Vec<f64>> {
    q.par_iter()
        .map(|qv| {
            a.rows()
                .map(|row| row.iter().map(|(i, v)| v * qv[i as usize]).sum())
                .collect()
        })
        .collect()
}

/// The `k` leading singular triplets of `x`: left vectors (length rows), values, right vectors
/// (length columns).
#[allow(clippy::type_complexity)]
fn randomized_svd(
    x: &SparseRows<f64>,
    xt: &SparseRows<f64>,
    k: usize,
    seed: u64,
) -> (Vec<Vec<f64>>, Vec<f64>, Vec<Vec<f64>>) {
    let (n, m) = (x.len(), xt.len());
    let l = (k + 10).min(n).min(m);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Vectors over columns, then over rows, alternately.
    let mut z: Vec<Vec<f64>> = (0..l)
        .map(|_| (0..m).map(|_| rng.random::<f64>() * 2.0 - 1.0).collect())
        .collect();
    let mut q: Vec<Vec<f64>> = Vec::new();
    for pass in 0..=7 {
        q = project(x, &z);
        orthonormalise(&mut q);
        if pass < 7 {
            z = project(xt, &q);
            orthonormalise(&mut z);
        }
    }
    // B = Qᵀ X, rows of length m; the eigenvectors of B Bᵀ give the singular vectors.
    let b = project(xt, &q);
    let mut g = vec![vec![0.0; l]; l];
    for r in 0..l {
        for c in 0..=r {
            let d: f64 = b[r].iter().zip(&b[c]).map(|(p, q)| p * q).sum();
            g[r][c] = d;
            g[c][r] = d;
        }
    }
    let (values, vectors) = jacobi_eigen(g);
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let mut us = Vec::new();
    let mut ss = Vec::new();
    let mut vs = Vec::new();
    for &e in order.iter().take(k) {
        let sigma = values[e].max(0.0).sqrt();
        let ev: Vec<f64> = (0..l).map(|r| vectors[r][e]).collect();
        let u: Vec<f64> = (0..n)
            .map(|i| (0..l).map(|r| q[r][i] * ev[r]).sum())
            .collect();
        let v: Vec<f64> = (0..m)
            .map(|j| {
                if sigma > 0.0 {
                    (0..l).map(|r| b[r][j] * ev[r]).sum::<f64>() / sigma
                } else {
                    0.0
                }
            })
            .collect();
        us.push(u);
        ss.push(sigma);
        vs.push(v);
    }
    (us, ss, vs)
}

/// Eigenvalues and eigenvectors (as columns) of a symmetric matrix, by cyclic Jacobi rotations.
fn jacobi_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        let scale: f64 = (0..n).map(|i| a[i][i] * a[i][i]).sum();
        if off <= 1e-30 * scale.max(1e-300) {
            break;
        }
        for p in 0..n {
            for r in p + 1..n {
                if a[p][r] == 0.0 {
                    continue;
                }
                let theta = (a[r][r] - a[p][p]) / (2.0 * a[p][r]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (x, y) = (row[p], row[r]);
                    row[p] = c * x - s * y;
                    row[r] = s * x + c * y;
                }
                let (top, bottom) = a.split_at_mut(r);
                for (x, y) in top[p].iter_mut().zip(bottom[0].iter_mut()) {
                    let (xv, yv) = (*x, *y);
                    *x = c * xv - s * yv;
                    *y = s * xv + c * yv;
                }
                for row in v.iter_mut() {
                    let (x, y) = (row[p], row[r]);
                    row[p] = c * x - s * y;
                    row[r] = s * x + c * y;
                }
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_small_symmetric_matrix() {
        let (values, vectors) = jacobi_eigen(vec![vec![2.0, 1.0], vec![1.0, 2.0]]);
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        assert!((sorted[0] - 1.0).abs() < 1e-12 && (sorted[1] - 3.0).abs() < 1e-12);
        // A v = λ v for each column.
        for (e, &lambda) in values.iter().enumerate() {
            let (x, y) = (vectors[0][e], vectors[1][e]);
            assert!((2.0 * x + y - lambda * x).abs() < 1e-12);
        }
    }

    #[test]
    fn block_matrix_factorises_into_its_blocks() {
        // Rows 0–1 use columns 0–1, rows 2–3 columns 2–3.
        let x: SparseRows<f64> = [
            vec![(0, 0.8), (1, 0.6)],
            vec![(0, 0.6), (1, 0.8)],
            vec![(2, 0.8), (3, 0.6)],
            vec![(2, 0.6), (3, 0.8)],
        ]
        .into_iter()
        .collect();
        let f = nmf(&x, 4, 2, 200, 1e-6, 7);
        let argmax = |row: &Vec<f64>| usize::from(row[1] > row[0]);
        let topics: Vec<usize> = f.w.iter().map(argmax).collect();
        assert_eq!(topics[0], topics[1]);
        assert_eq!(topics[2], topics[3]);
        assert_ne!(topics[0], topics[2]);
        assert!(f.error < 0.1, "{}", f.error);
    }
}
