//! `trends`: the top terms' counts and shares per period (year, month or metadata value).

use polars::prelude::*;

use super::ColumnType::{F64, Str, U64};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;
use crate::analysis::trends::TrendRow;

pub(super) const TRENDS: TableSpec = TableSpec {
    name: "trends",
    columns: &[
        col("period", Str),
        col("term", Str),
        col("count", U64),
        col("documents", U64),
        col("tokens", U64),
        col("share", F64),
        col("per_10k", F64),
    ],
    build: Builder::Whole(trends),
    build_csv: None,
};

/// One row per (period, term): periods in order, terms by rank, zeros included.
fn trends(r: &Results) -> PolarsResult<DataFrame> {
    let t = &r.trends;
    let rows = &t.rows;
    let tokens = |p: usize| t.periods[p].tokens;
    let share = |x: &TrendRow| {
        let n = tokens(x.period);
        if n > 0 {
            x.count as f64 / n as f64
        } else {
            0.0
        }
    };
    frame(
        TRENDS.columns,
        vec![
            values(rows.iter().map(|x| t.periods[x.period].value.as_str())),
            values(rows.iter().map(|x| term(r, x.term))),
            values(rows.iter().map(|x| x.count)),
            values(rows.iter().map(|x| t.periods[x.period].documents)),
            values(rows.iter().map(|x| tokens(x.period))),
            values(rows.iter().map(share)),
            values(rows.iter().map(|x| 10_000.0 * share(x))),
        ],
    )
}
