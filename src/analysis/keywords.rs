//! Keywords: each document's top terms by TF-IDF.

use crate::analysis::frequency::Weights;
use crate::tokenize::Vocabulary;

/// One keyword of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub rank: u32,
    pub term: u32,
    pub score: f64,
}

/// The `top_n` terms of a TF-IDF vector, highest score first; ties go to the term shown first
/// alphabetically, so the order is stable.
pub fn top_terms(weights: &Weights, vocab: &Vocabulary, top_n: usize) -> Vec<Keyword> {
    // Highest score first, then by the shown term, then by term id (the order of `weights`, so
    // this is the order a stable sort would give).
    let order = |a: &(u32, f64), b: &(u32, f64)| {
        b.1.total_cmp(&a.1)
            .then_with(|| {
                vocab.terms[a.0 as usize]
                    .display
                    .cmp(&vocab.terms[b.0 as usize].display)
            })
            .then(a.0.cmp(&b.0))
    };
    let mut top: Vec<(u32, f64)> = weights.clone();
    if top_n < top.len() {
        top.select_nth_unstable_by(top_n, order);
        top.truncate(top_n);
    }
    top.sort_by(order);
    // A new vector of the keywords' own size: collecting in place would keep the capacity of
    // every term of the document, for every document.
    top.iter()
        .enumerate()
        .map(|(i, &(term, score))| Keyword {
            rank: i as u32 + 1,
            term,
            score,
        })
        .collect()
}

pub fn textrank(terms: &[u32], vocab: &Vocabulary, span: usize) -> Weights {
    use rustc_hash::FxHashMap as HashMap;
    let mut edges: HashMap<(u32, u32), f64> = HashMap::default();
    for (i, &a) in terms.iter().enumerate() {
        for &b in terms.iter().skip(i + 1).take(span.saturating_sub(1)) {
            *edges.entry((a, b)).or_insert(0.0) += 1.0;
        }
    }
    // Adjacency as jieba builds it: each edge listed at both ends (a self-loop twice at its
    // one end), in the order the edges were first seen.
    let mut order: Vec<((u32, u32), f64)> = edges.into_iter().collect();
    order.sort_by_key(|&(k, _)| k);
    let mut nodes: Vec<u32> = order.iter().flat_map(|&((a, b), _)| [a, b]).collect();
    nodes.sort_by(|&x, &y| {
        vocab.terms[x as usize]
            .display
            .cmp(&vocab.terms[y as usize].display)
            .then(x.cmp(&y))
    });
    nodes.dedup();
    if nodes.is_empty() {
        return Vec::new();
    }
    let index: HashMap<u32, usize> = nodes.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nodes.len()];
    for &((a, b), w) in &order {
        let (i, j) = (index[&a], index[&b]);
        adj[i].push((j, w));
        adj[j].push((i, w));
    }
    let out: Vec<f64> = adj
        .iter()
        .map(|a| a.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut ws = vec![1.0 / nodes.len() as f64; nodes.len()];
    const D: f64 = 0.85;
    for _ in 0..10 {
        for n in 0..nodes.len() {
            let s: f64 = adj[n].iter().map(|&(m, w)| w / out[m] * ws[m]).sum();
            ws[n] = (1.0 - D) + D * s;
        }
    }
    let min = ws.iter().copied().fold(f64::MAX, f64::min);
    let max = ws.iter().copied().fold(f64::MIN, f64::max);
    nodes
        .iter()
        .zip(ws)
        .map(|(&t, w)| (t, (w - min / 10.0) / (max - min / 10.0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{Lang, Term};

    fn vocab(words: &[&str]) -> Vocabulary {
        Vocabulary {
            terms: words
                .iter()
                .map(|w| Term {
                    display: w.to_string(),
                    key: w.to_string(),
                    lang: Lang::En,
                })
                .collect(),
        }
    }

    #[test]
    fn the_top_terms_by_score_then_shown_term_then_id() {
        // Terms 1 and 3 tie on score and are ordered by their shown form; terms 0 and 4 share
        // a shown form and a score, so by id.
        let v = vocab(&["same", "beta", "gamma", "alpha", "same"]);
        let weights: Weights = vec![(0, 0.5), (1, 0.7), (2, 0.9), (3, 0.7), (4, 0.5)];
        let ranked: Vec<(u32, u32)> = top_terms(&weights, &v, 5)
            .iter()
            .map(|k| (k.rank, k.term))
            .collect();
        assert_eq!(ranked, vec![(1, 2), (2, 3), (3, 1), (4, 0), (5, 4)]);
        let top2: Vec<u32> = top_terms(&weights, &v, 2).iter().map(|k| k.term).collect();
        assert_eq!(top2, vec![2, 3]);
        assert!(top_terms(&Vec::new(), &v, 3).is_empty());
    }

    #[test]
    fn keywords_hold_no_memory_beyond_their_own() {
        // Kept for every document of a corpus: the vector must not keep the capacity of all
        // the document's terms.
        let words: Vec<String> = (0..1000).map(|i| format!("w{i:04}")).collect();
        let v = vocab(&words.iter().map(String::as_str).collect::<Vec<_>>());
        let weights: Weights = (0..1000).map(|i| (i, f64::from(i))).collect();
        let top = top_terms(&weights, &v, 10);
        assert_eq!(top.len(), 10);
        assert_eq!(top.capacity(), 10);
        assert_eq!(top[0].term, 999);
    }
}
