//! `phrases`: one row per phrase, given (shipped or the user's) or detected.

use polars::prelude::*;

use super::ColumnType::{F64, Str, U32, U64};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const PHRASES: TableSpec = TableSpec {
    name: "phrases",
    columns: &[
        col("phrase", Str),
        col("lang", Str),
        col("words", U32),
        col("count", U64),
        col("npmi", F64),
        col("source", Str),
    ],
    build: Builder::Whole(phrases),
    build_csv: None,
};

/// One row per phrase: shipped and user phrases first as listed, then detected ones by score.
fn phrases(r: &Results) -> PolarsResult<DataFrame> {
    let p = &r.phrases;
    frame(
        PHRASES.columns,
        vec![
            values(
                p.iter()
                    .map(|x| x.term.map_or(x.text.as_str(), |t| term(r, t))),
            ),
            values(p.iter().map(|x| x.lang.as_str())),
            values(p.iter().map(|x| x.words as u32)),
            values(p.iter().map(|x| x.count)),
            values(p.iter().map(|x| x.score)),
            values(p.iter().map(|x| x.source.as_str())),
        ],
    )
}
