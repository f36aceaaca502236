//! `tokens` (only with `output.tokens = true`): one row per token, with its sentence, its
//! character offsets into the cleaned text, its surface form and its term.

use std::ops::Range;

use polars::prelude::*;

use super::ColumnType::{Str, U32, U64};
use super::{Builder, CharOffsets, TableSpec, col, frame, texts_of, values};
use crate::analysis::Results;

pub(super) const TOKENS: TableSpec = TableSpec {
    name: "tokens",
    columns: &[
        col("doc_id", U32),
        col("unit_id", U32),
        col("position", U64),
        col("start_char", U64),
        col("end_char", U64),
        col("surface", Str),
        col("term", Str),
        col("lang", Str),
    ],
    build: Builder::ByDocuments(tokens),
    build_csv: None,
};

/// One row per token (only when `output.tokens` is set): by doc_id and position.
fn tokens(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    let (mut doc_id, mut unit_id, mut position) = (Vec::new(), Vec::new(), Vec::new());
    let (mut start, mut end, mut surface, mut terms, mut lang) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let texts = texts_of(r, docs.clone())?;
    for ((doc, stream), text) in r.docs[docs.clone()]
        .iter()
        .zip(&r.streams[docs])
        .zip(&texts)
    {
        if stream.spans.len() != stream.terms.len() {
            continue;
        }
        let mut chars = CharOffsets::new(text);
        let sentence_ids: Vec<u32> = doc.segments.sentences().map(|s| s.unit_id).collect();
        for (s, range) in stream.sentences().enumerate() {
            for i in range {
                let (b0, b1) = stream.spans[i];
                doc_id.push(doc.doc_id);
                unit_id.push(sentence_ids.get(s).copied().unwrap_or(0));
                position.push(i as u64 + 1);
                start.push(chars.at(b0 as usize));
                end.push(chars.at(b1 as usize));
                surface.push(text.get(b0 as usize..b1 as usize).unwrap_or_default());
                let t = &r.vocab.terms[stream.terms[i] as usize];
                terms.push(t.display.as_str());
                lang.push(t.lang.as_str());
            }
        }
    }
    frame(
        TOKENS.columns,
        vec![
            values(doc_id),
            values(unit_id),
            values(position),
            values(start),
            values(end),
            values(surface),
            values(terms),
            values(lang),
        ],
    )
}
