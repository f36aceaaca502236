//! The themes' units and their counts: the first step of the theme stage, run over the token
//! streams once the corpus-wide counts are reduced. Each document is cut into units
//! (documents, paragraphs or sentences) and the units long enough are counted over the feature
//! terms chosen by [`super::features`]; [`super::themes`] then clusters them.

use std::ops::Range;

use rayon::prelude::*;

use crate::analysis::frequency;
use crate::analysis::network::Network;
use crate::analysis::sparse::SparseRows;
use crate::analysis::themes::features;
use crate::config::{ThemeMethod, ThemeSettings, UnitKind};
use crate::ingest::Document;
use crate::tokenize::{DocTokens, Vocabulary};

/// An analysis unit: a paragraph or a sentence (its unit id, see `ingest::segments`) or a whole
/// document (`unit_id` 0). Held in 16 bytes, as a large corpus has millions of units: texts
/// are at most [`crate::ingest::segments::MAX_TEXT_BYTES`] long, so their byte offsets fit 32
/// bits.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Index of the document in the run's document list.
    doc: u32,
    unit_id: u32,
    start: u32,
    end: u32,
}

impl Unit {
    fn new(doc: usize, unit_id: u32, range: Range<usize>) -> Unit {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Unit {
            doc: narrow(doc),
            unit_id,
            start: narrow(range.start),
            end: narrow(range.end),
        }
    }

    /// Index of the document in the run's document list.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    pub fn unit_id(&self) -> u32 {
        self.unit_id
    }

    /// Byte range of the unit in the document's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The units of a corpus and their counts over the features: row `i` of `counts` is unit
/// `i`'s (column, count), by column; column `j` is the term `features[j]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitCounts {
    pub units: Vec<Unit>,
    pub counts: SparseRows<u32>,
    /// Term id of each column, in increasing order.
    pub features: Vec<u32>,
}

/// Documents whose units are counted in parallel before they are appended, in order, to the
/// corpus's: the parts in flight stay small next to the whole.
const UNIT_CHUNK: usize = 2048;

/// Documents whose units one task counts.
const UNIT_TASK: usize = 32;

/// The units of the analysed documents with at least `settings.min_unit_tokens` tokens, and
/// their counts over the features: the network's terms for `communities`
/// ([`features::network_terms`]), otherwise the terms [`features::choose`] keeps from the count
/// of the units holding each term ([`features::unit_df`]) and the terms' totals
/// (`term_count`). The features are chosen first, so that only their counts are ever held.
/// `text_bytes` gives each document's length (the range of a whole-document unit).
#[allow(clippy::too_many_arguments)]
pub fn units(
    docs: &[Document],
    streams: &[DocTokens],
    text_bytes: &[usize],
    settings: &ThemeSettings,
    vocab: &Vocabulary,
    term_count: &[u64],
    network: &Network,
) -> UnitCounts {
    let features = match settings.method {
        ThemeMethod::Communities => features::network_terms(network),
        _ => {
            let unit_df = features::unit_df(docs, streams, settings, vocab.len());
            features::choose(&unit_df, vocab, term_count, settings)
        }
    };
    count_units(docs, streams, text_bytes, settings, features, vocab.len())
}

/// The units with at least `settings.min_unit_tokens` tokens and their counts over `features`
/// (term ids, in increasing order, of a vocabulary of `n_terms` terms). `text_bytes` gives
/// each document's length (the range of a whole-document unit).
pub fn count_units(
    docs: &[Document],
    streams: &[DocTokens],
    text_bytes: &[usize],
    settings: &ThemeSettings,
    features: Vec<u32>,
    n_terms: usize,
) -> UnitCounts {
    let (kind, min_tokens) = (settings.unit, min_tokens(settings));
    let mut column = vec![u32::MAX; n_terms];
    for (i, &t) in features.iter().enumerate() {
        if let Some(c) = column.get_mut(t as usize) {
            *c = i as u32;
        }
    }
    let mut all = UnitCounts {
        features,
        ..UnitCounts::default()
    };
    for (c, chunk) in streams.chunks(UNIT_CHUNK).enumerate() {
        // Each task counts a few documents' units into one part: parts per document would
        // cost more in allocations than the counting itself.
        let parts: Vec<(Vec<Unit>, SparseRows<u32>)> = chunk
            .par_chunks(UNIT_TASK)
            .enumerate()
            .map(|(t, task)| {
                let mut units = Vec::new();
                let mut counts = SparseRows::default();
                let (mut columns, mut sorted) = (Vec::new(), Vec::new());
                for (i, stream) in task.iter().enumerate() {
                    let doc = c * UNIT_CHUNK + t * UNIT_TASK + i;
                    let whole = 0..text_bytes.get(doc).copied().unwrap_or(0);
                    each_unit(&docs[doc], whole, stream, kind, |unit_id, range, tokens| {
                        if tokens.len() >= min_tokens {
                            units.push(Unit::new(doc, unit_id, range));
                            columns.clear();
                            columns.extend(
                                stream.terms[tokens]
                                    .iter()
                                    .map(|&t| column[t as usize])
                                    .filter(|&c| c != u32::MAX),
                            );
                            frequency::push_counts(&mut counts, &columns, &mut sorted);
                        }
                    });
                }
                (units, counts)
            })
            .collect();
        for (units, counts) in parts {
            all.units.extend(units);
            all.counts.append(&counts);
        }
    }
    all
}

/// The fewest tokens a unit is clustered with (at least 1).
pub(super) fn min_tokens(settings: &ThemeSettings) -> usize {
    settings.min_unit_tokens.max(1)
}

/// Calls `f(unit_id, byte range, token range)` for each unit of a document of the given kind,
/// whatever its number of tokens. `whole` is the range of the whole-document unit.
pub(super) fn each_unit(
    document: &Document,
    whole: Range<usize>,
    stream: &DocTokens,
    kind: UnitKind,
    mut f: impl FnMut(u32, Range<usize>, Range<usize>),
) {
    let text_units = &document.segments;
    match kind {
        UnitKind::Document => f(0, whole, 0..stream.terms.len()),
        UnitKind::Paragraph => {
            for (p, tokens) in text_units.paragraphs().zip(stream.paragraphs()) {
                f(p.unit_id, p.range, tokens);
            }
        }
        UnitKind::Sentence => {
            for (s, tokens) in text_units.sentences().zip(stream.sentences()) {
                f(s.unit_id, s.range, tokens);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_keep_their_document_id_and_range() {
        let unit = Unit::new(170_730, 12, 4_000..4_000_000_000);
        assert_eq!(std::mem::size_of::<Unit>(), 16);
        assert_eq!(unit.doc(), 170_730);
        assert_eq!(unit.unit_id(), 12);
        assert_eq!(unit.range(), 4_000..4_000_000_000);
    }
}
