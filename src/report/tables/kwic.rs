//! `kwic`: keyword-in-context lines for the top keywords.

use polars::prelude::*;

use super::ColumnType::{Str, U32};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const KWIC: TableSpec = TableSpec {
    name: "kwic",
    columns: &[
        col("term", Str),
        col("doc_id", U32),
        col("unit_id", U32),
        col("left", Str),
        col("keyword", Str),
        col("right", Str),
    ],
    build: Builder::Whole(kwic),
    build_csv: None,
};

/// One row per keyword-in-context line: terms in order of choice, then document and text order.
fn kwic(r: &Results) -> PolarsResult<DataFrame> {
    let k = &r.kwic;
    frame(
        KWIC.columns,
        vec![
            values(k.iter().map(|x| term(r, x.term))),
            values(k.iter().map(|x| r.docs[x.doc].doc_id)),
            values(k.iter().map(|x| x.unit_id)),
            values(k.iter().map(|x| x.left.as_str())),
            values(k.iter().map(|x| x.keyword.as_str())),
            values(k.iter().map(|x| x.right.as_str())),
        ],
    )
}
