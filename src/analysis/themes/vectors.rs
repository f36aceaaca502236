//! The matrix the themes are found in: the units' TF-IDF vectors over the feature terms,
//! L2-normalised, built from the units' counts ([`super::UnitCounts`]) between counting and
//! clustering. Each clustering method ([`super::kmeans`], [`super::nmf`], the communities)
//! reads them, and so do the descriptions of the themes.

use rayon::prelude::*;

use crate::analysis::frequency;
use crate::analysis::sparse::{Entries, Row, SparseRows, Weighted};
use crate::analysis::themes::Unit;
use crate::config::FrequencySettings;

/// The matrix a clustering works on.
pub(super) struct Matrix<'a> {
    /// Kept units' indexes into the unit list.
    pub(super) kept: Vec<usize>,
    /// Their TF-IDF vectors over the feature columns, L2-normalised.
    pub(super) vectors: Vectors,
    /// Term id of each column.
    pub(super) features: Vec<u32>,
    pub(super) units: &'a [Unit],
}

/// Units' TF-IDF vectors, L2-normalised, computed from their counts as they are read, with the
/// arithmetic of [`frequency::tfidf_into`] (so the same values to the bit). On a large corpus
/// the units' counts run to tens of millions of entries; weights held beside them would take
/// twice their memory again.
pub(super) struct Vectors {
    pub(super) counts: SparseRows<u32>,
    idf: Vec<f64>,
    sublinear_tf: bool,
    /// The term frequency of the counts below [`SMALL_COUNTS`], looked up instead of computed.
    small_tf: [f64; SMALL_COUNTS],
    /// Each row's L2 norm before normalising; 1 for a row whose weights are all 0 (it stays as
    /// it is).
    norms: Vec<f64>,
}

/// Counts whose term frequency [`Vectors`] looks up: nearly every count in a unit.
const SMALL_COUNTS: usize = 64;

/// One row of [`Vectors`].
#[derive(Clone, Copy)]
pub(super) struct VectorRow<'a> {
    of: &'a Vectors,
    counts: Row<'a, u32>,
    norm: f64,
}

impl Entries for VectorRow<'_> {
    fn entries(self) -> impl Iterator<Item = (u32, f64)> {
        let (cols, counts) = (self.counts.cols, self.counts.values);
        cols.iter()
            .zip(counts)
            .map(move |(&j, &c)| (j, self.of.tf(c) * self.of.idf[j as usize] / self.norm))
    }
}

impl Vectors {
    fn new(counts: SparseRows<u32>, idf: Vec<f64>, sublinear_tf: bool) -> Vectors {
        let norms = counts
            .par_rows()
            .map(|row| {
                let norm = row
                    .iter()
                    .map(|(j, c)| {
                        let w = frequency::tf(c, sublinear_tf) * idf[j as usize];
                        w * w
                    })
                    .sum::<f64>()
                    .sqrt();
                if norm > 0.0 { norm } else { 1.0 }
            })
            .collect();
        Vectors {
            counts,
            idf,
            sublinear_tf,
            small_tf: std::array::from_fn(|c| frequency::tf(c as u32, sublinear_tf)),
            norms,
        }
    }

    #[inline]
    fn tf(&self, count: u32) -> f64 {
        match self.small_tf.get(count as usize) {
            Some(&tf) => tf,
            None => frequency::tf(count, self.sublinear_tf),
        }
    }

    /// The vectors held as values (for NMF, which reads them by column too).
    pub(super) fn held(&self) -> SparseRows<f64> {
        let weights = self.counts.par_map_rows(|row, out| {
            frequency::tfidf_into(row, &self.idf, self.sublinear_tf, out);
        });
        self.counts.with_shape_of(weights)
    }
}

impl Weighted for Vectors {
    type Row<'a> = VectorRow<'a>;

    fn count(&self) -> usize {
        self.counts.len()
    }

    fn row_at(&self, i: usize) -> VectorRow<'_> {
        VectorRow {
            of: self,
            counts: self.counts.row(i),
            norm: self.norms[i],
        }
    }
}

/// The number of rows holding each of `n_cols` columns.
fn column_counts<T: Copy + Send + Sync>(rows: &SparseRows<T>, n_cols: usize) -> Vec<u64> {
    let mut df = vec![0u64; n_cols];
    for &c in rows.cols() {
        df[c as usize] += 1;
    }
    df
}

/// Units' TF-IDF vectors over the features; units left without any feature are not clustered
/// (their rows are dropped in place, with no second copy).
pub(super) fn matrix<'a>(
    units: &'a [Unit],
    mut counts: SparseRows<u32>,
    features: Vec<u32>,
    tfidf: &FrequencySettings,
) -> Matrix<'a> {
    let kept = counts.retain_columns(Some);
    let df = column_counts(&counts, features.len());
    let idf = frequency::idf(counts.len(), &df, tfidf.smooth_idf);
    Matrix {
        kept,
        vectors: Vectors::new(counts, idf, tfidf.sublinear_tf),
        features,
        units,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts with a row of one entry, a row holding a count past the looked-up ones, and a
    /// row of several entries.
    fn counts() -> SparseRows<u32> {
        [
            vec![(1, 3)],
            vec![(0, 1), (2, 200)],
            vec![(0, 2), (1, 1), (2, 7), (3, 64)],
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn computed_vectors_are_the_tfidf_weights_to_the_bit() {
        let idf = vec![1.0, 1.7, 2.3, 1.1];
        for sublinear_tf in [false, true] {
            let held = {
                let c = counts();
                let w =
                    c.par_map_rows(|row, out| frequency::tfidf_into(row, &idf, sublinear_tf, out));
                c.with_shape_of(w)
            };
            let vectors = Vectors::new(counts(), idf.clone(), sublinear_tf);
            assert_eq!(vectors.count(), 3);
            assert_eq!(vectors.held(), held);
            for (i, row) in vectors.each_row().enumerate() {
                let computed: Vec<(u32, u64)> =
                    row.entries().map(|(j, w)| (j, w.to_bits())).collect();
                let expected: Vec<(u32, u64)> =
                    held.row(i).iter().map(|(j, w)| (j, w.to_bits())).collect();
                assert_eq!(computed, expected, "row {i}, sublinear_tf {sublinear_tf}");
            }
            // A row of one entry is the unit vector on its column.
            assert_eq!(vectors.row_at(0).entries().collect::<Vec<_>>(), [(1, 1.0)]);
            let norm: f64 = vectors.row_at(2).entries().map(|(_, w)| w * w).sum();
            assert!((norm - 1.0).abs() < 1e-12);
        }
        // With raw counts, row 1 is (1, 200) · (idf 1, 2.3), normalised.
        let vectors = Vectors::new(counts(), idf, false);
        let (a, b) = (1.0, 200.0 * 2.3);
        let n = f64::sqrt(a * a + b * b);
        assert_eq!(
            vectors.row_at(1).entries().collect::<Vec<_>>(),
            [(0, a / n), (2, b / n)]
        );
    }

    #[test]
    fn a_row_of_zero_weights_stays_as_it_is() {
        let rows: SparseRows<u32> = [vec![(0, 2)], vec![(1, 1)]].into_iter().collect();
        let vectors = Vectors::new(rows, vec![0.0, 2.0], false);
        assert_eq!(vectors.row_at(0).entries().collect::<Vec<_>>(), [(0, 0.0)]);
        assert_eq!(vectors.row_at(1).entries().collect::<Vec<_>>(), [(1, 1.0)]);
    }
}
