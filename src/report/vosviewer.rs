//! The co-occurrence network as VOSviewer map and network files, so that it opens in VOSviewer
//! as it is ("Create a map based on network data", "VOSviewer files").
//!
//! - `vosviewer_map.txt`: tab-separated with a header, one row per node in the order of
//!   `network_nodes`: `id` (1-based), `label`, `cluster` (the Louvain community),
//!   `weight<Links>` (edges at the node), `weight<Total link strength>` (sum of their `count`s)
//!   and `weight<Occurrences>` (the term's count). No `x`, `y`: VOSviewer lays the map out.
//! - `vosviewer_network.txt`: tab-separated without a header, one row per edge in the order of
//!   `network_edges`: the two node ids and the link strength, the pair's `count` (VOSviewer
//!   normalises raw counts itself, by association strength by default).

use std::fmt::Write;

use crate::analysis::Results;

/// A label as one tab-separated field: tabs and line breaks become spaces.
fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The map file.
pub fn map_file(r: &Results) -> String {
    let n = r.network.nodes.len();
    let (mut links, mut strength) = (vec![0u64; n], vec![0u64; n]);
    for e in &r.network.edges {
        let count = r.cooccurrence.pairs[e.pair].count;
        for node in [e.source, e.target] {
            links[node] += 1;
            strength[node] += count;
        }
    }
    let mut out = String::from(
        "id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Occurrences>\n",
    );
    for (i, node) in r.network.nodes.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            field(&r.vocab.terms[node.term as usize].display),
            node.community,
            links[i],
            strength[i],
            r.freqs.term_count[node.term as usize]
        );
    }
    out
}

/// The network file.
pub fn network_file(r: &Results) -> String {
    let mut out = String::new();
    for e in &r.network.edges {
        let _ = writeln!(
            out,
            "{}\t{}\t{}",
            e.source + 1,
            e.target + 1,
            r.cooccurrence.pairs[e.pair].count
        );
    }
    out
}
