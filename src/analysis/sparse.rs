//! Sparse rows stored end to end (compressed sparse rows): the unit × term matrices of the
//! themes stage hold tens of millions of entries on large corpora, and one allocation per row
//! would cost more than the entries themselves.

use rayon::prelude::*;

/// Rows of a sparse matrix, laid end to end: row `i`'s columns are
/// `cols[offsets[i]..offsets[i + 1]]` (sorted, distinct) and its values are at the same places of
/// `values`.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseRows<T> {
    offsets: Vec<usize>,
    cols: Vec<u32>,
    values: Vec<T>,
}

/// One row of [`SparseRows`]: its columns and their values, side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a, T> {
    pub cols: &'a [u32],
    pub values: &'a [T],
}

impl<T> Default for SparseRows<T> {
    fn default() -> Self {
        SparseRows {
            offsets: vec![0],
            cols: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T: Copy + Send + Sync> SparseRows<T> {
    /// No rows.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a row from its (column, value) entries, in column order.
    pub fn push_row(&mut self, entries: impl IntoIterator<Item = (u32, T)>) {
        for (c, v) in entries {
            self.cols.push(c);
            self.values.push(v);
        }
        self.offsets.push(self.cols.len());
    }

    /// Adds every row of `other` after these.
    pub fn append(&mut self, other: &SparseRows<T>) {
        let base = self.cols.len();
        self.cols.extend_from_slice(&other.cols);
        self.values.extend_from_slice(&other.values);
        self.offsets
            .extend(other.offsets[1..].iter().map(|&o| base + o));
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of entries over all rows.
    pub fn entries(&self) -> usize {
        self.cols.len()
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> Row<'_, T> {
        let range = self.offsets[i]..self.offsets[i + 1];
        Row {
            cols: &self.cols[range.clone()],
            values: &self.values[range],
        }
    }

    /// The rows in order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_, T>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// The rows in order, in parallel.
    pub fn par_rows(&self) -> impl IndexedParallelIterator<Item = Row<'_, T>> + '_ {
        (0..self.len()).into_par_iter().map(|i| self.row(i))
    }

    /// One value per entry, computed in parallel a row at a time: `f(row, out)` fills the
    /// row's values in `out`. The values are written in place, with no copy of the whole.
    pub fn par_map_rows<U: Copy + Default + Send>(
        &self,
        f: impl Fn(Row<'_, T>, &mut [U]) + Sync,
    ) -> Vec<U> {
        const BLOCK: usize = 4096;
        let mut out = vec![U::default(); self.entries()];
        let mut blocks = Vec::with_capacity(self.len().div_ceil(BLOCK));
        let mut rest = out.as_mut_slice();
        for first in (0..self.len()).step_by(BLOCK) {
            let last = (first + BLOCK).min(self.len());
            let (block, tail) = rest.split_at_mut(self.offsets[last] - self.offsets[first]);
            blocks.push((first..last, block));
            rest = tail;
        }
        blocks.into_par_iter().for_each(|(rows, block)| {
            let base = self.offsets[rows.start];
            for i in rows {
                let range = self.offsets[i] - base..self.offsets[i + 1] - base;
                f(self.row(i), &mut block[range]);
            }
        });
        out
    }

    /// A matrix of the same shape (the same rows and columns) holding `values`, one per entry.
    pub fn with_shape_of<U>(&self, values: Vec<U>) -> SparseRows<U> {
        assert_eq!(values.len(), self.cols.len(), "one value per entry");
        SparseRows {
            offsets: self.offsets.clone(),
            cols: self.cols.clone(),
            values,
        }
    }

    /// Keeps the entries for which `keep(column)` is `Some(new column)`, renamed, and then the
    /// rows left with at least one entry; returns the indices of the rows kept. Renaming must
    /// keep each row's columns in order. Done in place, without a second copy of the entries.
    pub fn retain_columns(&mut self, keep: impl Fn(u32) -> Option<u32>) -> Vec<usize> {
        let mut kept_rows = Vec::new();
        let mut write = 0;
        let mut new_offsets = vec![0];
        for i in 0..self.len() {
            let (start, end) = (self.offsets[i], self.offsets[i + 1]);
            let row_start = write;
            for e in start..end {
                if let Some(c) = keep(self.cols[e]) {
                    self.cols[write] = c;
                    self.values[write] = self.values[e];
                    write += 1;
                }
            }
            if write > row_start {
                kept_rows.push(i);
                new_offsets.push(write);
            }
        }
        self.cols.truncate(write);
        self.values.truncate(write);
        self.cols.shrink_to_fit();
        self.values.shrink_to_fit();
        self.offsets = new_offsets;
        kept_rows
    }

    /// The values, entry by entry (rows end to end).
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The columns, entry by entry (rows end to end).
    pub fn cols(&self) -> &[u32] {
        &self.cols
    }

    /// The transpose, over `n_cols` columns: row `j` holds (row index, value) of column `j`.
    pub fn transpose(&self, n_cols: usize) -> SparseRows<T> {
        let mut offsets = vec![0usize; n_cols + 1];
        for &c in &self.cols {
            offsets[c as usize + 1] += 1;
        }
        for j in 0..n_cols {
            offsets[j + 1] += offsets[j];
        }
        let mut next = offsets.clone();
        let mut cols = vec![0u32; self.cols.len()];
        let mut values = self.values.clone();
        for (i, row) in self.rows().enumerate() {
            for (c, v) in row.iter() {
                let at = &mut next[c as usize];
                cols[*at] = i as u32;
                values[*at] = v;
                *at += 1;
            }
        }
        SparseRows {
            offsets,
            cols,
            values,
        }
    }
}

impl<T: Copy + Send + Sync, R: IntoIterator<Item = (u32, T)>> FromIterator<R> for SparseRows<T> {
    fn from_iter<I: IntoIterator<Item = R>>(rows: I) -> Self {
        let mut out = SparseRows::new();
        for row in rows {
            out.push_row(row);
        }
        out
    }
}

impl<'a, T: Copy> Row<'a, T> {
    /// (column, value) of each entry, in column order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (u32, T)> + 'a {
        self.cols.iter().copied().zip(self.values.iter().copied())
    }

    pub fn len(&self) -> usize {
        self.cols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }
}

/// One row of weights, read entry by entry: a row held in [`SparseRows`], or one computed from
/// other values as it is read.
pub trait Entries: Copy + Send {
    /// (column, weight) of each entry, in column order.
    fn entries(self) -> impl Iterator<Item = (u32, f64)>;
}

impl Entries for Row<'_, f64> {
    fn entries(self) -> impl Iterator<Item = (u32, f64)> {
        self.cols.iter().copied().zip(self.values.iter().copied())
    }
}

/// Rows of weights over the same columns, held or computed as they are read: what the themes'
/// clusterings and measures read, so that the largest matrix need not be held twice.
pub trait Weighted: Sync {
    type Row<'a>: Entries
    where
        Self: 'a;

    /// Number of rows.
    fn count(&self) -> usize;

    /// Row `i`.
    fn row_at(&self, i: usize) -> Self::Row<'_>;

    /// The rows in order.
    fn each_row(&self) -> impl ExactSizeIterator<Item = Self::Row<'_>> {
        (0..self.count()).map(|i| self.row_at(i))
    }

    /// The rows in order, in parallel.
    fn par_each_row(&self) -> impl IndexedParallelIterator<Item = Self::Row<'_>> {
        (0..self.count()).into_par_iter().map(|i| self.row_at(i))
    }
}

impl Weighted for SparseRows<f64> {
    type Row<'a> = Row<'a, f64>;

    fn count(&self) -> usize {
        self.len()
    }

    fn row_at(&self, i: usize) -> Row<'_, f64> {
        self.row(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> SparseRows<f64> {
        vec![vec![(0, 1.0), (2, 2.0)], vec![], vec![(1, 3.0)]]
            .into_iter()
            .collect()
    }

    #[test]
    fn rows_are_read_back_as_pushed() {
        let m = example();
        assert_eq!(m.len(), 3);
        assert_eq!(m.entries(), 3);
        assert_eq!(
            m.row(0).iter().collect::<Vec<_>>(),
            vec![(0, 1.0), (2, 2.0)]
        );
        assert!(m.row(1).is_empty());
        assert_eq!(m.row(2).cols, &[1]);
        assert_eq!(m.rows().map(|r| r.len()).collect::<Vec<_>>(), vec![2, 0, 1]);
        let par: Vec<usize> = m.par_rows().map(|r| r.len()).collect();
        assert_eq!(par, vec![2, 0, 1]);
        assert!(SparseRows::<f64>::new().is_empty());
    }

    #[test]
    fn append_and_values_of_the_same_shape() {
        let mut m = example();
        m.append(&example());
        assert_eq!(m.len(), 6);
        assert_eq!(m.row(5).iter().collect::<Vec<_>>(), vec![(1, 3.0)]);
        let counts = vec![7u32, 8, 9, 10, 11, 12];
        let rows: Vec<Vec<(u32, u32)>> = m
            .with_shape_of(counts)
            .rows()
            .map(|r| r.iter().collect())
            .collect();
        assert_eq!(rows[0], vec![(0, 7), (2, 8)]);
        assert_eq!(rows[3], vec![(0, 10), (2, 11)]);
        let doubled = m.par_map_rows(|row, out: &mut [f64]| {
            for (o, v) in out.iter_mut().zip(row.values) {
                *o = 2.0 * v;
            }
        });
        assert_eq!(doubled, vec![2.0, 4.0, 6.0, 2.0, 4.0, 6.0]);
    }

    #[test]
    fn retain_columns_renames_and_drops_rows_left_empty() {
        let mut m = example();
        // Column 0 goes; 1 and 2 become 0 and 1.
        let kept = m.retain_columns(|c| (c > 0).then(|| c - 1));
        assert_eq!(kept, vec![0, 2]);
        assert_eq!(m.len(), 2);
        assert_eq!(m.row(0).iter().collect::<Vec<_>>(), vec![(1, 2.0)]);
        assert_eq!(m.row(1).iter().collect::<Vec<_>>(), vec![(0, 3.0)]);
    }

    #[test]
    fn transpose_lists_each_column_by_row() {
        let t = example().transpose(3);
        assert_eq!(t.len(), 3);
        assert_eq!(t.row(0).iter().collect::<Vec<_>>(), vec![(0, 1.0)]);
        assert_eq!(t.row(1).iter().collect::<Vec<_>>(), vec![(2, 3.0)]);
        assert_eq!(t.row(2).iter().collect::<Vec<_>>(), vec![(0, 2.0)]);
    }
}
