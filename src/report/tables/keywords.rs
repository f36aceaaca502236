//! `keywords`: each document's top terms, by TF-IDF or TextRank.

use polars::prelude::*;

use super::ColumnType::{F64, Str, U32};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const KEYWORDS: TableSpec = TableSpec {
    name: "keywords",
    columns: &[
        col("doc_id", U32),
        col("rank", U32),
        col("term", Str),
        col("score", F64),
        col("method", Str),
    ],
    build: Builder::Whole(keywords),
    build_csv: None,
};

/// One row per (document, rank).
fn keywords(r: &Results) -> PolarsResult<DataFrame> {
    let (mut doc_id, mut rank, mut terms, mut score) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (doc, kws) in r.docs.iter().zip(&r.keywords) {
        for k in kws {
            doc_id.push(doc.doc_id);
            rank.push(k.rank);
            terms.push(term(r, k.term));
            score.push(k.score);
        }
    }
    let n = doc_id.len();
    frame(
        KEYWORDS.columns,
        vec![
            values(doc_id),
            values(rank),
            values(terms),
            values(score),
            values(vec![r.keyword_method; n]),
        ],
    )
}
