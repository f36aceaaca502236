//! Co-occurrence: pairs of terms found near each other.
//!
//! Two tokens co-occur when they are in the same sentence and at most `window` positions apart
//! (positions counted after stopwords are removed); each such pair of tokens is one event. A
//! token does not pair with another token of the same term. Over all events of the corpus:
//!
//! - `P` = the number of events, `c(a,b)` = events of the pair, `m(a)` = events involving `a`
//!   (so the m's add up to 2P);
//! - `pmi = ln(c(a,b) · 2P / (m(a) · m(b)))`, the pointwise mutual information of the symmetric
//!   co-occurrence matrix, whose cells add up to 2P;
//! - `npmi = pmi / −ln(c(a,b) / 2P)`, in [−1, 1]: 1 when a and b co-occur only with each other.
//!
//! Only pairs of the `top_terms` most frequent terms are kept, but `P` and `m` count every
//! event, so the measures do not depend on that cut.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::config::CooccurrenceSettings;
use crate::tokenize::DocTokens;

/// One reported pair. `a` is the more frequent term (lower rank).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    /// Co-occurrence events.
    pub count: u64,
    /// Documents with at least one event of the pair.
    pub docs: u64,
    pub pmi: f64,
    pub npmi: f64,
}

/// Per-document tallies.
struct DocPairs {
    pairs: HashMap<(u32, u32), u64>,
    marginal: HashMap<u32, u64>,
    events: u64,
}

/// Counts co-occurrences in every document. `rank_of[t]` is term `t`'s rank (1 = most
/// frequent); only terms with rank ≤ `top_terms` form reported pairs.
pub fn cooccurrence(
    streams: &[DocTokens],
    rank_of: &[u32],
    settings: &CooccurrenceSettings,
) -> Vec<Pair> {
    let window = settings.window;
    let top = settings.top_terms as u32;
    let per_doc: Vec<DocPairs> = streams
        .par_iter()
        .map(|doc| {
            let mut tally = DocPairs {
                pairs: HashMap::default(),
                marginal: HashMap::default(),
                events: 0,
            };
            for sentence in doc.sentences() {
                let tokens = &doc.terms[sentence];
                for (i, &x) in tokens.iter().enumerate() {
                    for &y in tokens.iter().skip(i + 1).take(window) {
                        if x == y {
                            continue;
                        }
                        tally.events += 1;
                        *tally.marginal.entry(x).or_insert(0) += 1;
                        *tally.marginal.entry(y).or_insert(0) += 1;
                        if rank_of[x as usize] <= top && rank_of[y as usize] <= top {
                            let key = if rank_of[x as usize] < rank_of[y as usize] {
                                (x, y)
                            } else {
                                (y, x)
                            };
                            *tally.pairs.entry(key).or_insert(0) += 1;
                        }
                    }
                }
            }
            tally
        })
        .collect();

    let mut events = 0u64;
    let mut marginal = vec![0u64; rank_of.len()];
    let mut pairs: HashMap<(u32, u32), (u64, u64)> = HashMap::default();
    for tally in per_doc {
        events += tally.events;
        for (t, m) in tally.marginal {
            marginal[t as usize] += m;
        }
        for (key, c) in tally.pairs {
            let e = pairs.entry(key).or_insert((0, 0));
            e.0 += c;
            e.1 += 1;
        }
    }

    let total = 2.0 * events as f64;
    let mut out: Vec<Pair> = pairs
        .into_iter()
        .filter(|&(_, (count, _))| count >= settings.min_count)
        .map(|((a, b), (count, docs))| {
            let c = count as f64;
            let pmi =
                (c * total / (marginal[a as usize] as f64 * marginal[b as usize] as f64)).ln();
            let p = c / total;
            let npmi = if p >= 1.0 { 1.0 } else { pmi / -p.ln() };
            Pair {
                a,
                b,
                count,
                docs,
                pmi,
                npmi,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| rank_of[x.a as usize].cmp(&rank_of[y.a as usize]))
            .then_with(|| rank_of[x.b as usize].cmp(&rank_of[y.b as usize]))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(terms: &[u32], sentence_ends: &[u32]) -> DocTokens {
        DocTokens {
            terms: terms.to_vec(),
            sentence_ends: sentence_ends.to_vec(),
            paragraph_ends: vec![terms.len() as u32],
            ..DocTokens::default()
        }
    }

    #[test]
    fn window_stays_inside_sentences_and_counts_by_hand() {
        // Terms 0,1,2 with ranks 1,2,3. Sentence 1: 0 1 2 ; sentence 2: 0 1.
        // Window 1: events (0,1), (1,2) in sentence 1 and (0,1) in sentence 2: P = 3.
        // m0 = 2, m1 = 3, m2 = 1.
        let streams = vec![doc(&[0, 1, 2, 0, 1], &[3, 5])];
        let settings = CooccurrenceSettings {
            window: 1,
            top_terms: 10,
            min_count: 1,
        };
        let pairs = cooccurrence(&streams, &[1, 2, 3], &settings);
        assert_eq!(pairs.len(), 2);
        let p01 = &pairs[0];
        assert_eq!((p01.a, p01.b, p01.count, p01.docs), (0, 1, 2, 1));
        // pmi = ln(2 · 6 / (2 · 3)) = ln 2 ; npmi = ln 2 / −ln(2/6) = ln 2 / ln 3
        assert!((p01.pmi - 2f64.ln()).abs() < 1e-12);
        assert!((p01.npmi - 2f64.ln() / 3f64.ln()).abs() < 1e-12);
        let p12 = &pairs[1];
        assert_eq!((p12.a, p12.b, p12.count), (1, 2, 1));
        // pmi = ln(1 · 6 / (3 · 1)) = ln 2
        assert!((p12.pmi - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn wider_window_same_term_and_cut() {
        // One sentence: 0 0 1 ; window 5: events (0,1) twice ((0,0) skipped).
        let streams = vec![doc(&[0, 0, 1], &[3]), doc(&[1, 0], &[2])];
        let settings = CooccurrenceSettings {
            window: 5,
            top_terms: 10,
            min_count: 1,
        };
        let pairs = cooccurrence(&streams, &[2, 1], &settings);
        assert_eq!(pairs.len(), 1);
        // Term 1 has rank 1, so it is `a`.
        assert_eq!(
            (pairs[0].a, pairs[0].b, pairs[0].count, pairs[0].docs),
            (1, 0, 3, 2)
        );
        // Only pair in the corpus: npmi = 1.
        assert!((pairs[0].npmi - 1.0).abs() < 1e-12);
        let strict = CooccurrenceSettings {
            min_count: 4,
            ..settings
        };
        assert!(cooccurrence(&streams, &[2, 1], &strict).is_empty());
    }
}
