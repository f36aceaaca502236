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
    let mut sorted: Vec<(u32, f64)> = weights.clone();
    sorted.sort_by(|a, b| {
        b.1.total_cmp(&a.1).then_with(|| {
            vocab.terms[a.0 as usize]
                .display
                .cmp(&vocab.terms[b.0 as usize].display)
        })
    });
    sorted
        .into_iter()
        .take(top_n)
        .enumerate()
        .map(|(i, (term, score))| Keyword {
            rank: i as u32 + 1,
            term,
            score,
        })
        .collect()
}

/// TextRank weights of a document's terms, as jieba's `TextRank`: an undirected graph whose
/// edges join terms at most `span − 1` positions apart (weighted by how often), ranked by 10
/// in-place iterations of `ws(n) = (1 − d) + d · Σ w(n,m) / out(m) · ws(m)` over the terms in
/// sorted order, with d = 0.85, then scaled by `(w − min/10) / (max − min/10)`. It runs on the
/// document's terms (stopwords already removed), across its sentences, as jieba runs on the
/// words of its text. Returns (term, weight) in no particular order.
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
