//! `units`: one row per unit of each analysed document (the document, its paragraphs and
//! their sentences), with character offsets into the cleaned text.

use std::ops::Range;

use polars::prelude::*;

use super::ColumnType::{Str, U32, U64};
use super::{Builder, CharOffsets, TableSpec, col, frame, texts_of, values};
use crate::analysis::Results;

pub(super) const UNITS: TableSpec = TableSpec {
    name: "units",
    columns: &[
        col("doc_id", U32),
        col("unit_id", U32),
        col("kind", Str),
        col("paragraph", U32),
        col("start_char", U64),
        col("end_char", U64),
        col("chars", U64),
        col("tokens", U64),
    ],
    build: Builder::ByDocuments(units),
    build_csv: None,
};

/// One row per unit of each analysed document: the document itself (unit 0), then each
/// paragraph followed by its sentences, with character offsets into the cleaned text.
fn units(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    let (mut doc_id, mut unit_id, mut kind, mut paragraph) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut start, mut end, mut tokens) = (Vec::new(), Vec::new(), Vec::new());
    let texts = texts_of(r, docs.clone())?;
    for (i, text) in docs.zip(&texts) {
        let (doc, stream) = (&r.docs[i], &r.streams[i]);
        if !doc.is_ok() {
            continue;
        }
        // Byte offset → character offset, walking forward through the text.
        let mut chars = CharOffsets::new(text);
        doc_id.push(doc.doc_id);
        unit_id.push(0u32);
        kind.push("document");
        paragraph.push(None);
        start.push(0u64);
        end.push(r.texts.chars(i));
        tokens.push(r.freqs.doc_tokens[i]);
        let mut sentence_tokens = stream.sentences();
        for ((p, para), para_tokens) in doc
            .segments
            .paragraphs()
            .enumerate()
            .zip(stream.paragraphs())
        {
            doc_id.push(doc.doc_id);
            unit_id.push(para.unit_id);
            kind.push("paragraph");
            paragraph.push(Some(p as u32 + 1));
            let para_start = chars.at(para.range.start);
            start.push(para_start);
            tokens.push(para_tokens.len() as u64);
            let mut sentence_bounds = Vec::new();
            for sentence in para.sentences() {
                let range = sentence.range;
                sentence_bounds.push((
                    sentence.unit_id,
                    chars.at(range.start),
                    chars.at(range.end),
                ));
            }
            end.push(chars.at(para.range.end));
            for (id, s, e) in sentence_bounds {
                doc_id.push(doc.doc_id);
                unit_id.push(id);
                kind.push("sentence");
                paragraph.push(Some(p as u32 + 1));
                start.push(s);
                end.push(e);
                tokens.push(sentence_tokens.next().map_or(0, |t| t.len() as u64));
            }
        }
    }
    let chars: Vec<u64> = start.iter().zip(&end).map(|(s, e)| e - s).collect();
    frame(
        UNITS.columns,
        vec![
            values(doc_id),
            values(unit_id),
            values(kind),
            values(paragraph),
            values(start),
            values(end),
            values(chars),
            values(tokens),
        ],
    )
}
