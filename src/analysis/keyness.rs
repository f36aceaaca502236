//! Keyness: the terms that set a group of documents apart from the rest, as quanteda's
//! `textstat_keyness`.
//!
//! Documents are grouped by a metadata column (`keyness.group`); documents without a value are
//! left out of every group and every reference. For each group (the target) against all other
//! grouped documents (the reference), each term gets the 2×2 table
//! `[a, b; c, d]` = `[count in target, count in reference; other target tokens, other reference
//! tokens]`, with `N = a + b + c + d` and `E = (a + b)(a + c) / N`:
//! - `chi2`: Pearson's χ² with Yates' continuity correction, as R's `chisq.test(correct = TRUE)`
//!   (the correction is `min(0.5, |O − E|)` per cell), negative when `a < E`;
//! - `g2`: the log-likelihood ratio `2 Σ O ln(O / E)` with the same sign;
//! - `chi2_p`, `g2_p`: their p-values, χ² with 1 degree of freedom;
//! - `log_ratio`: `log2((a / T) / (b / R))` with T and R the target's and reference's tokens and
//!   0.5 in place of a zero count (Hardie's log ratio).
//!
//! The `top_n` terms of each group with the highest `chi2` are kept, those with `a ≥ min_count`.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::analysis::cooccurrence::g2;
use crate::analysis::frequency::Counts;

/// One key term of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// Index into [`Keyness::groups`].
    pub group: usize,
    pub rank: u32,
    pub term: u32,
    pub target: u64,
    pub reference: u64,
    pub chi2: f64,
    pub chi2_p: f64,
    pub g2: f64,
    pub g2_p: f64,
    pub log_ratio: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keyness {
    /// The group values, sorted, with their documents and tokens.
    pub groups: Vec<Group>,
    pub keys: Vec<Key>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub value: String,
    pub documents: u64,
    pub tokens: u64,
}

/// The p-value of a χ² statistic with 1 degree of freedom.
pub fn chi2_p(x: f64) -> f64 {
    libm::erfc((x.max(0.0) / 2.0).sqrt())
}

/// Yates-corrected χ² of a 2×2 table, as R's `chisq.test(correct = TRUE)`, unsigned.
pub fn chi2_yates(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let n = a + b + c + d;
    let cells = [
        (a, (a + b) * (a + c) / n),
        (b, (a + b) * (b + d) / n),
        (c, (c + d) * (a + c) / n),
        (d, (c + d) * (b + d) / n),
    ];
    let yates = cells
        .iter()
        .map(|&(o, e)| (o - e).abs())
        .fold(0.5f64, f64::min);
    cells
        .iter()
        .map(|&(o, e)| {
            let x = (o - e).abs() - yates;
            if e > 0.0 { x * x / e } else { 0.0 }
        })
        .sum()
}

/// Computes keyness. `groups[i]` is document `i`'s group value (None: in no group), and
/// `doc_counts[i]` its term counts.
pub fn keyness(
    group_of: &[Option<&str>],
    doc_counts: &[Counts],
    top_n: usize,
    min_count: u64,
) -> Keyness {
    let mut values: Vec<&str> = group_of.iter().flatten().copied().collect();
    values.sort_unstable();
    values.dedup();
    if values.len() < 2 {
        return Keyness {
            groups: values
                .iter()
                .map(|v| Group {
                    value: v.to_string(),
                    documents: group_of.iter().filter(|g| **g == Some(*v)).count() as u64,
                    tokens: 0,
                })
                .collect(),
            keys: Vec::new(),
        };
    }
    let index: HashMap<&str, usize> = values.iter().enumerate().map(|(i, v)| (*v, i)).collect();
    // Term counts per group, and each group's tokens and documents.
    let mut counts: Vec<HashMap<u32, u64>> = vec![HashMap::default(); values.len()];
    let mut tokens = vec![0u64; values.len()];
    let mut documents = vec![0u64; values.len()];
    let mut all: HashMap<u32, u64> = HashMap::default();
    for (g, c) in group_of.iter().zip(doc_counts) {
        let Some(g) = g else { continue };
        let gi = index[g];
        documents[gi] += 1;
        for &(t, n) in c {
            *counts[gi].entry(t).or_insert(0) += u64::from(n);
            *all.entry(t).or_insert(0) += u64::from(n);
            tokens[gi] += u64::from(n);
        }
    }
    let total: u64 = tokens.iter().sum();
    let keys: Vec<Vec<Key>> = (0..values.len())
        .into_par_iter()
        .map(|gi| {
            let t = tokens[gi] as f64;
            let r = (total - tokens[gi]) as f64;
            let mut keys: Vec<Key> = counts[gi]
                .iter()
                .filter(|&(_, &n)| n >= min_count)
                .map(|(&term, &n)| {
                    let a = n as f64;
                    let b = (all[&term] - n) as f64;
                    let (c, d) = (t - a, r - b);
                    let e = (a + b) * (a + c) / (a + b + c + d);
                    let sign = if a < e { -1.0 } else { 1.0 };
                    let chi2 = chi2_yates(a, b, c, d);
                    let g = g2(a, a + b, a + c, a + b + c + d).max(0.0);
                    let ratio = |x: f64, of: f64| if x > 0.0 { x / of } else { 0.5 / of };
                    Key {
                        group: gi,
                        rank: 0,
                        term,
                        target: n,
                        reference: b as u64,
                        chi2: sign * chi2,
                        chi2_p: chi2_p(chi2),
                        g2: sign * g,
                        g2_p: chi2_p(g),
                        log_ratio: if r > 0.0 {
                            (ratio(a, t) / ratio(b, r)).log2()
                        } else {
                            0.0
                        },
                    }
                })
                .collect();
            keys.sort_by(|x, y| {
                y.chi2
                    .total_cmp(&x.chi2)
                    .then_with(|| y.target.cmp(&x.target))
                    .then_with(|| x.term.cmp(&y.term))
            });
            keys.truncate(top_n);
            for (i, k) in keys.iter_mut().enumerate() {
                k.rank = i as u32 + 1;
            }
            keys
        })
        .collect();
    Keyness {
        groups: values
            .iter()
            .enumerate()
            .map(|(i, v)| Group {
                value: v.to_string(),
                documents: documents[i],
                tokens: tokens[i],
            })
            .collect(),
        keys: keys.into_iter().flatten().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yates_matches_r_chisq_test() {
        // R: chisq.test(matrix(c(3, 2, 14, 10), ncol = 2)) prints a value ≈ 0 because every
        // |O − E| is below 0.5; the correction is then |O − E| itself, so χ² = 0.
        assert!(chi2_yates(3.0, 14.0, 2.0, 10.0).abs() < 1e-12);
        // quanteda's test table: d1 "b×7 a×3", d2 "a×7 b×2": for `a`, [3, 7; 7, 2].
        // N = 19; E11 = 10·10/19; |O − E| = 100/19 − 3 = 43/19 for every cell.
        let (a, b, c, d) = (3.0, 7.0, 7.0, 2.0);
        let n = 19.0;
        let diff = 43.0 / 19.0 - 0.5;
        let want = diff
            * diff
            * (1.0 / (10.0 * 10.0 / n)
                + 1.0 / (10.0 * 9.0 / n)
                + 1.0 / (9.0 * 10.0 / n)
                + 1.0 / (9.0 * 9.0 / n));
        assert!((chi2_yates(a, b, c, d) - want).abs() < 1e-12);
    }

    #[test]
    fn p_values_of_known_quantiles() {
        // χ²(1) = 3.841458820694124 is the 95% quantile.
        assert!((chi2_p(3.841458820694124) - 0.05).abs() < 1e-12);
        assert!((chi2_p(0.0) - 1.0).abs() < 1e-15);
        // 6.634896601021214 is the 99% quantile.
        assert!((chi2_p(6.634896601021214) - 0.01).abs() < 1e-12);
    }

    #[test]
    fn two_groups_by_hand() {
        // Group x: doc 0 = {t0: 3, t1: 1}; group y: doc 1 = {t0: 1, t1: 5}; doc 2 ungrouped.
        let counts: Vec<Counts> = vec![vec![(0, 3), (1, 1)], vec![(0, 1), (1, 5)], vec![(0, 9)]];
        let k = keyness(&[Some("x"), Some("y"), None], &counts, 10, 1);
        assert_eq!(k.groups.len(), 2);
        assert_eq!((k.groups[0].documents, k.groups[0].tokens), (1, 4));
        let x: Vec<&Key> = k.keys.iter().filter(|k| k.group == 0).collect();
        // In x, t0 is over-represented (3 of 4 against 1 of 6), t1 under.
        assert_eq!(
            (x[0].term, x[0].target, x[0].reference, x[0].rank),
            (0, 3, 1, 1)
        );
        assert!(x[0].chi2 > 0.0 && x[1].chi2 < 0.0);
        assert!((x[0].chi2 - chi2_yates(3.0, 1.0, 1.0, 5.0)).abs() < 1e-12);
        // log ratio = log2((3/4) / (1/6)) = log2(4.5)
        assert!((x[0].log_ratio - 4.5f64.log2()).abs() < 1e-12);
        // t1 absent from nowhere; an absent reference count uses 0.5.
        let k = keyness(
            &[Some("x"), Some("y")],
            &[vec![(0, 2)], vec![(1, 2)]],
            10,
            1,
        );
        let first = &k.keys[0];
        assert_eq!((first.group, first.term, first.reference), (0, 0, 0));
        assert!((first.log_ratio - ((2.0f64 / 2.0) / (0.5 / 2.0)).log2()).abs() < 1e-12);
    }
}
