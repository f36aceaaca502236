//! The themes' feature terms: the corpus-wide decision taken between counting and clustering.
//! Once the corpus's counts are reduced ([`unit_df`] here, the term totals by `frequency`),
//! [`choose`] keeps the terms the units are described by, and only then are the units counted
//! over them ([`super::count_units`]). For `communities` the features are the network's terms
//! ([`network_terms`]).

use rayon::prelude::*;

use crate::analysis::network::Network;
use crate::analysis::themes::units::{each_unit, min_tokens};
use crate::config::ThemeSettings;
use crate::ingest::Document;
use crate::tokenize::{DocTokens, Vocabulary};

/// For each of `n_terms` terms, the number of units with at least `settings.min_unit_tokens`
/// tokens that hold it. Counted per thread over whole documents, with a mark per term of the
/// last unit that counted it.
pub fn unit_df(
    docs: &[Document],
    streams: &[DocTokens],
    settings: &ThemeSettings,
    n_terms: usize,
) -> Vec<u64> {
    let (kind, min_tokens) = (settings.unit, min_tokens(settings));
    let count = |(mut df, mut mark, mut unit): (Vec<u64>, Vec<u32>, u32), doc: usize| {
        let stream = &streams[doc];
        each_unit(&docs[doc], 0..0, stream, kind, |_, _, tokens| {
            if tokens.len() >= min_tokens {
                unit += 1;
                for &t in &stream.terms[tokens] {
                    if mark[t as usize] != unit {
                        mark[t as usize] = unit;
                        df[t as usize] += 1;
                    }
                }
            }
        });
        (df, mark, unit)
    };
    let empty = || (vec![0u64; n_terms], vec![0u32; n_terms], 0u32);
    (0..streams.len().min(docs.len()))
        .into_par_iter()
        // A few large folds: each holds two arrays the size of the vocabulary.
        .with_min_len(1024)
        .fold(empty, count)
        .map(|(df, ..)| df)
        .reduce(
            || vec![0u64; n_terms],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        )
}

/// The feature terms, in increasing order: those found in at least `min_df` units
/// (`unit_df`), at most `max_terms` of them, the most frequent (`term_count`; the first by
/// display form on a tie).
pub fn choose(
    unit_df: &[u64],
    vocab: &Vocabulary,
    term_count: &[u64],
    settings: &ThemeSettings,
) -> Vec<u32> {
    let mut features: Vec<u32> = (0..vocab.len() as u32)
        .filter(|&t| unit_df[t as usize] >= settings.min_df as u64)
        .collect();
    features.sort_by(|&a, &b| {
        term_count[b as usize]
            .cmp(&term_count[a as usize])
            .then_with(|| {
                vocab.terms[a as usize]
                    .display
                    .cmp(&vocab.terms[b as usize].display)
            })
    });
    features.truncate(settings.max_terms);
    features.sort_unstable();
    features
}

/// The feature terms of `communities`: the network's terms, in increasing order.
pub fn network_terms(network: &Network) -> Vec<u32> {
    let mut terms: Vec<u32> = network.nodes.iter().map(|n| n.term).collect();
    terms.sort_unstable();
    terms
}
