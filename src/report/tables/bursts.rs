//! `bursts`: Kleinberg bursts of the top terms over the years.

use polars::prelude::*;

use super::ColumnType::{F64, I32, Str, U64};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const BURSTS: TableSpec = TableSpec {
    name: "bursts",
    columns: &[
        col("term", Str),
        col("lang", Str),
        col("start", I32),
        col("end", I32),
        col("strength", F64),
        col("docs", U64),
    ],
    build: Builder::Whole(bursts),
    build_csv: None,
};

/// One row per burst, strongest first.
fn bursts(r: &Results) -> PolarsResult<DataFrame> {
    let b = &r.bursts;
    frame(
        BURSTS.columns,
        vec![
            values(b.iter().map(|x| term(r, x.term))),
            values(
                b.iter()
                    .map(|x| r.vocab.terms[x.term as usize].lang.as_str()),
            ),
            values(b.iter().map(|x| x.start)),
            values(b.iter().map(|x| x.end)),
            values(b.iter().map(|x| x.strength)),
            values(b.iter().map(|x| x.docs)),
        ],
    )
}
