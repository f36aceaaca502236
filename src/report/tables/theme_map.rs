//! `theme_map`: the thematic map (Callon's strategic diagram), one row per network community
//! with its centrality, density and quadrant.

use polars::prelude::*;

use super::ColumnType::{F64, Str, U32, U64};
use super::{Builder, LABEL_TERMS, LIST_SEPARATOR, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const THEME_MAP: TableSpec = TableSpec {
    name: "theme_map",
    columns: &[
        col("community", U32),
        col("label", Str),
        col("size", U64),
        col("occurrences", U64),
        col("centrality", F64),
        col("density", F64),
        col("quadrant", Str),
        col("silhouette", F64),
        col("terms", Str),
    ],
    build: Builder::Whole(theme_map),
    build_csv: None,
};

/// One row per network community: Callon's centrality and density and the quadrant; by
/// community.
fn theme_map(r: &Results) -> PolarsResult<DataFrame> {
    let th = &r.thematic_map.themes;
    let names: Vec<Vec<&str>> = th
        .iter()
        .map(|t| t.terms.iter().map(|&id| term(r, id)).collect())
        .collect();
    frame(
        THEME_MAP.columns,
        vec![
            values(th.iter().map(|t| t.community)),
            values(
                names
                    .iter()
                    .map(|n| n[..n.len().min(LABEL_TERMS)].join(" / ")),
            ),
            values(th.iter().map(|t| t.terms.len() as u64)),
            values(th.iter().map(|t| t.occurrences)),
            values(th.iter().map(|t| t.centrality)),
            values(th.iter().map(|t| t.density)),
            values(th.iter().map(|t| t.quadrant)),
            values(th.iter().map(|t| t.silhouette)),
            values(names.iter().map(|n| n.join(LIST_SEPARATOR))),
        ],
    )
}
