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
