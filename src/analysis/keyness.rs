//! Keyness: the terms that set a group of documents apart from the rest, as quanteda's
//! `textstat_keyness`.
//!
//! Documents are grouped by a metadata column (`keyness.group`); documents without a value are
//! left out of every group and every reference. For each group (the target) against all other
//! grouped documents (the reference), each term gets the 2×2 table
//! `[a, b; c, d]` = `[count in target, count in reference; other target tokens, other reference
//! tokens]`, with `N = a + b + c + d` and `E = (a + b)(a + c) / N`:
//! - `chi2`: Pearson's χ² `Σ (|O − E| − y)² / E`, negative when `a < E`;
//! - `g2`: the log-likelihood ratio `2 Σ O' ln(O' / E)` with the same sign, `O'` each cell moved
//!   `y` towards its expected count;
//! - `chi2_p`, `g2_p`: their p-values, χ² with 1 degree of freedom;
//! - `log_ratio`: `log2((a / T) / (b / R))` with T and R the target's and reference's tokens and
//!   0.5 in place of a zero count (Hardie's log ratio).
//!
//! `y` is Yates' continuity correction, chosen by `keyness.correction` ([`continuity`]):
//! - `quanteda` (the default), as quanteda.textstats' `textstat_keyness` with its default
//!   correction (`yates_correction` in its `keyness.cpp`, the same rule as the R functions
//!   `keyness_chi2_dt` and `keyness_lr` before it): `y = 0.5` when one of the four expected counts
//!   is below 5 and `|ad − bc| ≥ N / 2` (that is, `|O − E| ≥ 0.5`), else `y = 0`, for χ² and G²
//!   alike. quanteda adds 1e-9 inside each logarithm of G² (against zero cells), which raises
//!   its G² by about `2·10⁻⁹·N`; here G² is exact, with `0 ln 0 = 0`;
//! - `yates`: every table, as R's `chisq.test(correct = TRUE)`: `y = min(0.5, |O − E|)`;
//! - `none`: `y = 0`.
//!
//! The `top_n` terms of each group with the highest `chi2` are kept, those with `a ≥ min_count`.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::analysis::cooccurrence::g2;
use crate::analysis::frequency::Counts;
use crate::config::KeynessCorrection;

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

/// The four cells of a 2×2 table `[a, b; c, d]`, each with its expected count.
fn cells(a: f64, b: f64, c: f64, d: f64) -> [(f64, f64); 4] {
    let n = a + b + c + d;
    [
        (a, (a + b) * (a + c) / n),
        (b, (a + b) * (b + d) / n),
        (c, (c + d) * (a + c) / n),
        (d, (c + d) * (b + d) / n),
    ]
}

/// How far `correction` moves each cell of the 2×2 table `[a, b; c, d]` towards its expected
/// count (every cell of a 2×2 table is as far from it, `|ad − bc| / N`).
pub fn continuity(a: f64, b: f64, c: f64, d: f64, correction: KeynessCorrection) -> f64 {
    let cells = cells(a, b, c, d);
    match correction {
        KeynessCorrection::Uncorrected => 0.0,
        KeynessCorrection::Yates => cells
            .iter()
            .map(|&(o, e)| (o - e).abs())
            .fold(0.5f64, f64::min),
        KeynessCorrection::Quanteda => {
            let n = a + b + c + d;
            let small = cells.iter().any(|&(_, e)| e < 5.0);
            if small && (a * d - b * c).abs() >= n / 2.0 {
                0.5
            } else {
                0.0
            }
        }
    }
}

/// Pearson's χ² of a 2×2 table, each `|O − E|` less `y`, unsigned.
pub fn chi2(a: f64, b: f64, c: f64, d: f64, y: f64) -> f64 {
    cells(a, b, c, d)
        .iter()
        .map(|&(o, e)| {
            let x = (o - e).abs() - y;
            if e > 0.0 { x * x / e } else { 0.0 }
        })
        .sum()
}

/// Yates-corrected χ² of a 2×2 table, as R's `chisq.test(correct = TRUE)`, unsigned.
pub fn chi2_yates(a: f64, b: f64, c: f64, d: f64) -> f64 {
    chi2(a, b, c, d, continuity(a, b, c, d, KeynessCorrection::Yates))
}

/// Dunning's G² of a 2×2 table with each cell moved `y` towards its expected count (the
/// margins stay), unsigned.
pub fn g2_moved(a: f64, b: f64, c: f64, d: f64, y: f64) -> f64 {
    let n = a + b + c + d;
    let toward = if a > (a + b) * (a + c) / n { -y } else { y };
    g2(a + toward, a + b, a + c, n).max(0.0)
}

/// The statistics of `term` in group `gi`, seen `counts` = (a, b) times in the target and the
/// reference of `tokens` = (T, R) tokens; rank 0.
fn key(
    gi: usize,
    term: u32,
    counts: (u64, u64),
    tokens: (f64, f64),
    correction: KeynessCorrection,
) -> Key {
    let (t, r) = tokens;
    let (a, b) = (counts.0 as f64, counts.1 as f64);
    let (c, d) = (t - a, r - b);
    let e = (a + b) * (a + c) / (a + b + c + d);
    let sign = if a < e { -1.0 } else { 1.0 };
    let y = continuity(a, b, c, d, correction);
    let x2 = chi2(a, b, c, d, y);
    let g = g2_moved(a, b, c, d, y);
    let ratio = |x: f64, of: f64| if x > 0.0 { x / of } else { 0.5 / of };
    Key {
        group: gi,
        rank: 0,
        term,
        target: counts.0,
        reference: counts.1,
        chi2: sign * x2,
        chi2_p: chi2_p(x2),
        g2: sign * g,
        g2_p: chi2_p(g),
        log_ratio: if r > 0.0 {
            (ratio(a, t) / ratio(b, r)).log2()
        } else {
            0.0
        },
    }
}

/// Computes keyness. `groups[i]` is document `i`'s group value (None: in no group), and
/// `doc_counts[i]` its term counts.
pub fn keyness(
    group_of: &[Option<&str>],
    doc_counts: &[Counts],
    top_n: usize,
    min_count: u64,
    correction: KeynessCorrection,
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
                    let b = all[&term] - n;
                    key(gi, term, (n, b), (t, r), correction)
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

    /// (χ², G²) of `[a, b; c, d]` under a correction, unsigned.
    fn stats(table: [f64; 4], correction: KeynessCorrection) -> (f64, f64) {
        let [a, b, c, d] = table;
        let y = continuity(a, b, c, d, correction);
        (chi2(a, b, c, d, y), g2_moved(a, b, c, d, y))
    }

    fn close(got: (f64, f64), want: (f64, f64)) {
        assert!(
            (got.0 - want.0).abs() < 1e-12 && (got.1 - want.1).abs() < 1e-12,
            "got {got:?}, want {want:?}"
        );
    }

    #[test]
    fn corrections_by_hand_with_and_without_a_small_expected_count() {
        use KeynessCorrection::{Quanteda, Uncorrected, Yates};
        let ln = f64::ln;
        // [4, 0; 6, 10]: N = 20, E = [2, 2; 8, 8], |O − E| = 2, |ad − bc| = 40 ≥ N/2 and two
        // expected counts below 5: quanteda corrects (by 0.5), as Yates does (min(0.5, 2)).
        let small = [4.0, 0.0, 6.0, 10.0];
        let sum_inverse_e = 0.5 + 0.5 + 0.125 + 0.125;
        let plain = (
            4.0 * sum_inverse_e,
            2.0 * (4.0 * ln(2.0) + 6.0 * ln(0.75) + 10.0 * ln(1.25)),
        );
        // Cells moved 0.5 towards E: [3.5, 0.5; 6.5, 9.5].
        let corrected = (
            1.5 * 1.5 * sum_inverse_e,
            2.0 * (3.5 * ln(1.75) + 0.5 * ln(0.25) + 6.5 * ln(6.5 / 8.0) + 9.5 * ln(9.5 / 8.0)),
        );
        close(stats(small, Quanteda), corrected);
        close(stats(small, Yates), corrected);
        close(stats(small, Uncorrected), plain);
        assert_eq!(corrected.0, 2.8125);
        // [20, 10; 30, 40]: N = 100, E = [15, 15; 35, 35], |O − E| = 5: no expected count below
        // 5, so quanteda does not correct; Yates does.
        let large = [20.0, 10.0, 30.0, 40.0];
        let sum_inverse_e = 2.0 / 15.0 + 2.0 / 35.0;
        let plain = (
            25.0 * sum_inverse_e,
            2.0 * (20.0 * ln(4.0 / 3.0)
                + 10.0 * ln(2.0 / 3.0)
                + 30.0 * ln(6.0 / 7.0)
                + 40.0 * ln(8.0 / 7.0)),
        );
        let yates = (
            4.5 * 4.5 * sum_inverse_e,
            2.0 * (19.5 * ln(1.3)
                + 10.5 * ln(0.7)
                + 30.5 * ln(30.5 / 35.0)
                + 39.5 * ln(39.5 / 35.0)),
        );
        close(stats(large, Quanteda), plain);
        close(stats(large, Uncorrected), plain);
        close(stats(large, Yates), yates);
        assert!((plain.0 - 100.0 / 21.0).abs() < 1e-12 && (yates.0 - 27.0 / 7.0).abs() < 1e-12);
        // [3, 14; 2, 10]: E11 = 85/29 < 5 but |ad − bc| = 2 < N/2: quanteda leaves it;
        // chisq.test's correction, min(0.5, |O − E|) = |O − E|, takes every difference to 0.
        let near = [3.0, 14.0, 2.0, 10.0];
        let (x2, g) = stats(near, Quanteda);
        assert!((x2 - 29.0 * 4.0 / (17.0 * 12.0 * 5.0 * 24.0)).abs() < 1e-15);
        close((x2, g), stats(near, Uncorrected));
        let (x2, g) = stats(near, Yates);
        assert!(x2.abs() < 1e-12 && g.abs() < 1e-12, "{x2} {g}");
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
        let k = keyness(
            &[Some("x"), Some("y"), None],
            &counts,
            10,
            1,
            KeynessCorrection::Yates,
        );
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
            KeynessCorrection::Quanteda,
        );
        let first = &k.keys[0];
        assert_eq!((first.group, first.term, first.reference), (0, 0, 0));
        assert!((first.log_ratio - ((2.0f64 / 2.0) / (0.5 / 2.0)).log2()).abs() < 1e-12);
    }
}
