//! Term frequencies and TF-IDF, computed as scikit-learn's `TfidfVectorizer` does with
//! `norm="l2"`: tf is the raw count (or 1 + ln(count) with sublinear tf), idf is
//! ln((1 + n) / (1 + df)) + 1 (or ln(n / df) + 1 without smoothing), and each document's
//! tf × idf vector is divided by its Euclidean length.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::config::FrequencySettings;
use crate::tokenize::{DocTokens, Vocabulary};

/// A sparse count vector: (term id, count), sorted by term id, counts > 0.
pub type Counts = Vec<(u32, u32)>;
/// A sparse weight vector: (term id, weight), sorted by term id.
pub type Weights = Vec<(u32, f64)>;

/// Counts the term ids of a token stream.
pub fn count_terms(tokens: &[u32]) -> Counts {
    let mut map: HashMap<u32, u32> = HashMap::default();
    for &t in tokens {
        *map.entry(t).or_insert(0) += 1;
    }
    let mut counts: Counts = map.into_iter().collect();
    counts.sort_unstable_by_key(|&(t, _)| t);
    counts
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

/// The L2-normalised TF-IDF vector of one document.
pub fn tfidf(counts: &Counts, idf: &[f64], sublinear_tf: bool) -> Weights {
    let mut weights: Weights = counts
        .iter()
        .map(|&(t, c)| {
            let tf = if sublinear_tf {
                1.0 + f64::from(c).ln()
            } else {
                f64::from(c)
            };
            (t, tf * idf[t as usize])
        })
        .collect();
    let norm = weights.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut weights {
            *w /= norm;
        }
    }
    weights
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
    /// Per document (skipped ones empty): its term counts.
    pub doc_counts: Vec<Counts>,
    /// Per document: its tokens.
    pub doc_tokens: Vec<u64>,
    /// Per term: occurrences in the corpus.
    pub term_count: Vec<u64>,
    /// Per term: documents holding it.
    pub doc_freq: Vec<u64>,
    /// Per term: inverse document frequency.
    pub idf: Vec<f64>,
    /// Per document: its TF-IDF vector.
    pub tfidf: Vec<Weights>,
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
    let tfidf = doc_counts
        .par_iter()
        .map(|c| tfidf(c, &idf, options.sublinear_tf))
        .collect();
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
        doc_counts,
        doc_tokens,
        term_count,
        doc_freq,
        idf,
        tfidf,
        ranking,
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
    fn counts_are_sorted_by_term() {
        assert_eq!(count_terms(&[3, 1, 3, 3, 0]), vec![(0, 1), (1, 1), (3, 3)]);
    }
}
