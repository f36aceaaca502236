//! `keyness`: each group's key terms against the other grouped documents (χ², log-likelihood,
//! log ratio).

use polars::prelude::*;

use super::ColumnType::{F64, Str, U32, U64};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const KEYNESS: TableSpec = TableSpec {
    name: "keyness",
    columns: &[
        col("group", Str),
        col("rank", U32),
        col("term", Str),
        col("target_count", U64),
        col("reference_count", U64),
        col("target_tokens", U64),
        col("chi2", F64),
        col("chi2_p", F64),
        col("g2", F64),
        col("g2_p", F64),
        col("log_ratio", F64),
    ],
    build: Builder::Whole(keyness),
    build_csv: None,
};

/// One row per (group, rank): each group's key terms, groups in sorted order.
fn keyness(r: &Results) -> PolarsResult<DataFrame> {
    let k = &r.keyness;
    let keys = &k.keys;
    frame(
        KEYNESS.columns,
        vec![
            values(keys.iter().map(|x| k.groups[x.group].value.as_str())),
            values(keys.iter().map(|x| x.rank)),
            values(keys.iter().map(|x| term(r, x.term))),
            values(keys.iter().map(|x| x.target)),
            values(keys.iter().map(|x| x.reference)),
            values(keys.iter().map(|x| k.groups[x.group].tokens)),
            values(keys.iter().map(|x| x.chi2)),
            values(keys.iter().map(|x| x.chi2_p)),
            values(keys.iter().map(|x| x.g2)),
            values(keys.iter().map(|x| x.g2_p)),
            values(keys.iter().map(|x| x.log_ratio)),
        ],
    )
}
