//! `cooccurrence` (one row per co-occurring pair of terms, with its association measures) and
//! the network built from it: `network_nodes` and `network_edges`.

use polars::prelude::*;

use super::ColumnType::{Bool, F64, Str, U32, U64};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const COOCCURRENCE: TableSpec = TableSpec {
    name: "cooccurrence",
    columns: &[
        col("term_a", Str),
        col("term_b", Str),
        col("count", U64),
        col("contexts", U64),
        col("docs", U64),
        col("expected", F64),
        col("pmi", F64),
        col("npmi", F64),
        col("g2", F64),
        col("jaccard", F64),
        col("dice", F64),
        col("simpson", F64),
        col("association_strength", F64),
        col("cosine", F64),
    ],
    build: Builder::Whole(cooccurrence),
    build_csv: None,
};

pub(super) const NETWORK_NODES: TableSpec = TableSpec {
    name: "network_nodes",
    columns: &[
        col("term", Str),
        col("lang", Str),
        col("count", U64),
        col("degree", U32),
        col("weighted_degree", F64),
        col("pagerank", F64),
        col("betweenness", F64),
        col("community", U32),
    ],
    build: Builder::Whole(network_nodes),
    build_csv: None,
};

pub(super) const NETWORK_EDGES: TableSpec = TableSpec {
    name: "network_edges",
    columns: &[
        col("source", Str),
        col("target", Str),
        col("measure", Str),
        col("weight", F64),
        col("count", U64),
        col("same_community", Bool),
    ],
    build: Builder::Whole(network_edges),
    build_csv: None,
};

/// One row per unordered pair: by count (highest first), then by the terms' ranks.
fn cooccurrence(r: &Results) -> PolarsResult<DataFrame> {
    let p = &r.cooccurrence.pairs;
    frame(
        COOCCURRENCE.columns,
        vec![
            values(p.iter().map(|x| term(r, x.a))),
            values(p.iter().map(|x| term(r, x.b))),
            values(p.iter().map(|x| x.count)),
            values(p.iter().map(|x| x.contexts)),
            values(p.iter().map(|x| x.docs)),
            values(p.iter().map(|x| x.expected)),
            values(p.iter().map(|x| x.pmi)),
            values(p.iter().map(|x| x.npmi)),
            values(p.iter().map(|x| x.g2)),
            values(p.iter().map(|x| x.jaccard)),
            values(p.iter().map(|x| x.dice)),
            values(p.iter().map(|x| x.simpson)),
            values(p.iter().map(|x| x.association_strength)),
            values(p.iter().map(|x| x.cosine)),
        ],
    )
}

/// One row per network node, by the term's rank.
fn network_nodes(r: &Results) -> PolarsResult<DataFrame> {
    let n = &r.network.nodes;
    frame(
        NETWORK_NODES.columns,
        vec![
            values(n.iter().map(|x| term(r, x.term))),
            values(
                n.iter()
                    .map(|x| r.vocab.terms[x.term as usize].lang.as_str()),
            ),
            values(n.iter().map(|x| r.freqs.term_count[x.term as usize])),
            values(n.iter().map(|x| x.degree)),
            values(n.iter().map(|x| x.weighted_degree)),
            values(n.iter().map(|x| x.pagerank)),
            values(n.iter().map(|x| x.betweenness)),
            values(n.iter().map(|x| x.community)),
        ],
    )
}

/// One row per network edge, strongest first.
fn network_edges(r: &Results) -> PolarsResult<DataFrame> {
    let e = &r.network.edges;
    let nodes = &r.network.nodes;
    let pairs = &r.cooccurrence.pairs;
    frame(
        NETWORK_EDGES.columns,
        vec![
            values(e.iter().map(|x| term(r, nodes[x.source].term))),
            values(e.iter().map(|x| term(r, nodes[x.target].term))),
            values(vec![r.network_measure.as_str(); e.len()]),
            values(e.iter().map(|x| x.weight)),
            values(e.iter().map(|x| pairs[x.pair].count)),
            values(
                e.iter()
                    .map(|x| nodes[x.source].community == nodes[x.target].community),
            ),
        ],
    )
}
