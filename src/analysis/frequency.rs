//! Term frequencies and TF-IDF, computed as scikit-learn's `TfidfVectorizer` does with
//! `norm="l2"`: tf is the raw count (or 1 + ln(count) with sublinear tf), idf is
//! ln((1 + n) / (1 + df)) + 1 (or ln(n / df) + 1 without smoothing), and each document's
//! tf × idf vector is divided by its Euclidean length.
//!
//! Also chooses the rows of the `doc_terms` table under the `[doc_terms]` limits
//! ([`doc_term_rows`]), so that a large corpus keeps each document's strongest terms.

use rayon::prelude::*;

use crate::analysis::sparse::{Row, SparseRows};
use crate::config::{DocTermSettings, FrequencySettings};
use crate::tokenize::{DocTokens, Vocabulary};

/// A sparse count vector: (term id, count), sorted by term id, counts > 0.
pub type Counts = Vec<(u32, u32)>;
/// A sparse weight vector: (term id, weight), sorted by term id.
pub type Weights = Vec<(u32, f64)>;

/// Counts the term ids of a token stream.
pub fn count_terms(tokens: &[u32]) -> Counts {
    let mut sorted = Vec::new();
    sorted_runs(tokens, &mut sorted).collect()
}

/// Adds one row to `rows`: the term counts of a token stream (`sorted` is scratch space).
pub fn push_counts(rows: &mut SparseRows<u32>, tokens: &[u32], sorted: &mut Vec<u32>) {
    rows.push_row(sorted_runs(tokens, sorted));
}

/// (term id, count) of a token stream, by term id: the tokens are sorted into `sorted` and its
/// runs counted. Sorting a copy and counting runs beats a hash map on the short token lists of
/// documents, paragraphs and sentences.
fn sorted_runs<'a>(
    tokens: &[u32],
    sorted: &'a mut Vec<u32>,
) -> impl Iterator<Item = (u32, u32)> + 'a {
    sorted.clear();
    sorted.extend_from_slice(tokens);
    sorted.sort_unstable();
    sorted
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len() as u32))
}

/// Inverse document frequency of each term, given `n` documents.
pub fn idf(n: usize, doc_freq: &[u64], smooth: bool) -> Vec<f64> {
    let n = n as f64;
    doc_freq
        .iter()
        .map(|&df| {
            let df = df as f64;
            if smooth {
                ((1.0 + n) / (1.0 + df)).ln() + 1.0
            } else if df > 0.0 {
                (n / df).ln() + 1.0
            } else {
                0.0
            }
        })
        .collect()
}

/// The weights of [`tfidf`] for a row of counts, written to `out` (one per entry).
pub fn tfidf_into(counts: Row<'_, u32>, idf: &[f64], sublinear_tf: bool, out: &mut [f64]) {
    weigh(counts.iter(), idf, sublinear_tf, out);
}

/// The L2-normalised TF-IDF vector of one document.
pub fn tfidf(counts: &Counts, idf: &[f64], sublinear_tf: bool) -> Weights {
    let mut values = vec![0.0; counts.len()];
    weigh(counts.iter().copied(), idf, sublinear_tf, &mut values);
    counts.iter().map(|&(t, _)| t).zip(values).collect()
}

/// The term frequency of a count: the count, or 1 + ln(count) with `sublinear_tf`.
#[inline]
pub fn tf(count: u32, sublinear_tf: bool) -> f64 {
    if sublinear_tf {
        1.0 + f64::from(count).ln()
    } else {
        f64::from(count)
    }
}

/// TF-IDF weights of (term id, count) entries into `out`, divided by their L2 norm (unless 0).
fn weigh(
    counts: impl Iterator<Item = (u32, u32)>,
    idf: &[f64],
    sublinear_tf: bool,
    out: &mut [f64],
) {
    for (w, (t, c)) in out.iter_mut().zip(counts) {
        *w = tf(c, sublinear_tf) * idf[t as usize];
    }
    let norm = out.iter().map(|&w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for w in out {
            *w /= norm;
        }
    }
}

/// Document frequency of each of `n_terms` terms over sparse count vectors.
pub fn doc_freq<'a>(docs: impl IntoIterator<Item = &'a Counts>, n_terms: usize) -> Vec<u64> {
    let mut df = vec![0u64; n_terms];
    for counts in docs {
        for &(t, _) in counts {
            df[t as usize] += 1;
        }
    }
    df
}

/// Corpus-wide and per-document frequencies.
#[derive(Debug, Clone)]
pub struct Frequencies {
    /// Analysed documents (`n` of the idf formula).
    pub n_docs: usize,
    /// Tokens over all documents.
    pub total_tokens: u64,
    /// Per document (skipped ones empty): its term counts. A run empties them after the
    /// co-occurrence stage, the last to read them (unless `doc_terms.parquet_all` needs every
    /// row): `unique_terms` and the kept `doc_terms` rows stay.
    pub doc_counts: Vec<Counts>,
    /// Per document: its distinct terms.
    pub unique_terms: Vec<u64>,
    /// Per document: its tokens.
    pub doc_tokens: Vec<u64>,
    /// Per term: occurrences in the corpus.
    pub term_count: Vec<u64>,
    /// Per term: documents holding it.
    pub doc_freq: Vec<u64>,
    /// Per term: inverse document frequency.
    pub idf: Vec<f64>,
    /// tf is 1 + ln(count) rather than the count (`frequency.sublinear_tf`).
    pub sublinear_tf: bool,
    /// Term ids by count, highest first, ties by displayed term: rank r is `ranking[r - 1]`.
    pub ranking: Vec<u32>,
}

/// Computes the frequencies of tokenized documents. `analysed[i]` says whether document `i`
/// counts in `n` (skipped documents do not).
pub fn frequencies(
    vocab: &Vocabulary,
    streams: &[DocTokens],
    analysed: &[bool],
    options: &FrequencySettings,
) -> Frequencies {
    let doc_counts: Vec<Counts> = streams.par_iter().map(|s| count_terms(&s.terms)).collect();
    let n_docs = analysed.iter().filter(|&&a| a).count();
    let mut term_count = vec![0u64; vocab.len()];
    for counts in &doc_counts {
        for &(t, c) in counts {
            term_count[t as usize] += u64::from(c);
        }
    }
    let doc_freq = doc_freq(&doc_counts, vocab.len());
    let idf = idf(n_docs, &doc_freq, options.smooth_idf);
    let doc_tokens: Vec<u64> = streams.iter().map(|s| s.terms.len() as u64).collect();
    let mut ranking: Vec<u32> = (0..vocab.len() as u32).collect();
    ranking.sort_by(|&a, &b| {
        term_count[b as usize]
            .cmp(&term_count[a as usize])
            .then_with(|| {
                vocab.terms[a as usize]
                    .display
                    .cmp(&vocab.terms[b as usize].display)
            })
            .then_with(|| {
                vocab.terms[a as usize]
                    .lang
                    .cmp(&vocab.terms[b as usize].lang)
            })
    });
    Frequencies {
        n_docs,
        total_tokens: doc_tokens.iter().sum(),
        unique_terms: doc_counts.iter().map(|c| c.len() as u64).collect(),
        doc_counts,
        doc_tokens,
        term_count,
        doc_freq,
        idf,
        sublinear_tf: options.sublinear_tf,
        ranking,
    }
}

impl Frequencies {
    /// Document `doc`'s TF-IDF vector. Computed when asked rather than kept for every document:
    /// it would take 16 bytes per (document, term), more than the counts themselves.
    pub fn tfidf(&self, doc: usize) -> Weights {
        self.doc_counts
            .get(doc)
            .map(|c| tfidf(c, &self.idf, self.sublinear_tf))
            .unwrap_or_default()
    }
}

/// The (document, term) rows the `doc_terms` table keeps under the `[doc_terms]` limits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTermRows {
    /// Per document: its kept (term id, count, TF-IDF weight), by term id. Kept apart from the
    /// counts, so that a run can drop the counts (8 bytes a document-term pair) once the other
    /// stages are done with them.
    pub rows: Vec<Vec<(u32, u32, f64)>>,
    /// Rows with a count above 0: the table without limits.
    pub all: u64,
    /// Rows kept.
    pub kept: u64,
    /// The number of terms per document `max_rows` allowed, when it left rows out (None when
    /// every row passing `min_count` and `top_n` fits).
    pub per_document: Option<usize>,
}

/// A document's terms that pass `min_count`, strongest first: by TF-IDF weight (highest first),
/// then count (highest first), then term id (the term met first in the corpus first); at most
/// `top_n` of them when `top_n` is above 0. Returns indices into `counts`.
pub fn strongest_terms(
    counts: &Counts,
    weights: &Weights,
    min_count: u64,
    top_n: usize,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..counts.len())
        .filter(|&i| u64::from(counts[i].1) >= min_count)
        .collect();
    let weight = |i: usize| weights.get(i).map_or(0.0, |&(_, w)| w);
    order.sort_by(|&a, &b| {
        weight(b)
            .total_cmp(&weight(a))
            .then_with(|| counts[b].1.cmp(&counts[a].1))
            .then_with(|| counts[a].0.cmp(&counts[b].0))
    });
    if top_n > 0 {
        order.truncate(top_n);
    }
    order
}

/// The largest `n` for which Σ min(length, n) over the documents stays within `max_rows`
/// (binary search; the sum grows with `n`). `lengths` are the documents' eligible terms.
pub fn per_document_limit(lengths: &[usize], max_rows: u64) -> usize {
    let rows = |n: usize| -> u64 { lengths.iter().map(|&l| l.min(n) as u64).sum() };
    let (mut low, mut high) = (0, lengths.iter().copied().max().unwrap_or(0));
    // rows(low) ≤ max_rows holds throughout (rows(0) = 0).
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if rows(mid) <= max_rows {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

/// Chooses the `doc_terms` rows: in each document the terms seen at least `min_count` times,
/// at most its `top_n` strongest ([`strongest_terms`]); then, when these are more than
/// `max_rows` in all, each document's `n` strongest, `n` the largest that fits
/// ([`per_document_limit`]). `max_rows` and `top_n` of 0 set no limit.
pub fn doc_term_rows(freqs: &Frequencies, limits: &DocTermSettings) -> DocTermRows {
    // Each document's eligible terms: those passing min_count, at most top_n. Counted first,
    // so that the strongest terms are ranked once, with the per-document limit known.
    let lengths: Vec<usize> = freqs
        .doc_counts
        .par_iter()
        .map(|counts| {
            let passing = counts
                .iter()
                .filter(|&&(_, c)| u64::from(c) >= limits.min_count)
                .count();
            if limits.top_n > 0 {
                passing.min(limits.top_n)
            } else {
                passing
            }
        })
        .collect();
    let eligible: u64 = lengths.iter().map(|&l| l as u64).sum();
    let per_document = (limits.max_rows > 0 && eligible > limits.max_rows)
        .then(|| per_document_limit(&lengths, limits.max_rows));
    let rows: Vec<Vec<(u32, u32, f64)>> = freqs
        .doc_counts
        .par_iter()
        .enumerate()
        .map(|(doc, counts)| {
            let weights = freqs.tfidf(doc);
            let mut order = strongest_terms(counts, &weights, limits.min_count, limits.top_n);
            order.truncate(per_document.unwrap_or(usize::MAX));
            order.sort_unstable();
            order
                .iter()
                .map(|&i| (counts[i].0, counts[i].1, weights[i].1))
                .collect()
        })
        .collect();
    DocTermRows {
        all: freqs.doc_counts.iter().map(|c| c.len() as u64).sum(),
        kept: rows.iter().map(|r| r.len() as u64).sum(),
        rows,
        per_document,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_idf_matches_scikit_learn() {
        // n = 3 documents; df = 1, 2, 3.
        let idf = idf(3, &[1, 2, 3], true);
        assert!((idf[0] - (2f64.ln() + 1.0)).abs() < 1e-12);
        assert!((idf[1] - ((4.0f64 / 3.0).ln() + 1.0)).abs() < 1e-12);
        assert!((idf[2] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn unsmoothed_idf() {
        let idf = idf(4, &[1, 4], false);
        assert!((idf[0] - (4f64.ln() + 1.0)).abs() < 1e-12);
        assert!((idf[1] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn tfidf_is_l2_normalised() {
        let w = tfidf(&vec![(0, 2), (1, 1)], &[1.0, 2.0], false);
        // raw: (2, 2) → normalised (1/√2, 1/√2)
        assert!((w[0].1 - 0.5f64.sqrt()).abs() < 1e-12);
        assert!((w[1].1 - 0.5f64.sqrt()).abs() < 1e-12);
        let s = tfidf(&vec![(0, 3)], &[1.0], true);
        assert!((s[0].1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn per_document_limit_is_the_largest_that_fits() {
        // Documents of 5, 3 and 1 terms: n = 3 gives 3 + 3 + 1 = 7 rows, n = 2 gives 5.
        assert_eq!(per_document_limit(&[5, 3, 1], 7), 3);
        assert_eq!(per_document_limit(&[5, 3, 1], 6), 2);
        assert_eq!(per_document_limit(&[5, 3, 1], 9), 5);
        assert_eq!(per_document_limit(&[5, 3, 1], 100), 5);
        assert_eq!(per_document_limit(&[5, 3, 1], 2), 0);
        assert_eq!(per_document_limit(&[5, 3, 1], 3), 1);
        assert_eq!(per_document_limit(&[], 3), 0);
    }

    #[test]
    fn strongest_terms_break_ties_by_count_then_id() {
        // Terms 0..4: weights 0.5, 0.5, 0.5, 0.9, 0.1; counts 1, 2, 2, 1, 3.
        let counts = vec![(0, 1), (1, 2), (2, 2), (3, 1), (4, 3)];
        let weights = vec![(0, 0.5), (1, 0.5), (2, 0.5), (3, 0.9), (4, 0.1)];
        assert_eq!(strongest_terms(&counts, &weights, 1, 0), [3, 1, 2, 0, 4]);
        assert_eq!(strongest_terms(&counts, &weights, 1, 2), [3, 1]);
        assert_eq!(strongest_terms(&counts, &weights, 2, 0), [1, 2, 4]);
    }

    #[test]
    fn counts_are_sorted_by_term() {
        assert_eq!(count_terms(&[3, 1, 3, 3, 0]), vec![(0, 1), (1, 1), (3, 3)]);
    }
}
