//! The thematic map and the clustering's silhouette: what reviewers report of a keyword network.
//!
//! **Thematic map** (Callon's strategic diagram, as bibliometrix's `thematicMap`): each
//! community of the network is a theme. Its links are weighed by Callon's equivalence index
//! `e_ij = c_ij² / (c_i · c_j)`, `c_ij` the pair's `count` and `c_i` the term's occurrences (the
//! documents holding a keyword, when terms are keywords counted once per document). Then
//! - `centrality = 10 · Σ e_ij` over the network edges from the theme to other themes (how much it
//!   is linked to the rest of the field);
//! - `density = 100 · Σ e_ij` over the edges inside the theme, divided by its number of terms (how
//!   developed it is);
//! - the quadrant, by the themes' ranks of centrality and of density (tied values share their
//!   mean rank), high when at or above the mean rank `(k + 1) / 2`, where bibliometrix draws its
//!   axes — the median, except that many tied values (themes without outside links) fall
//!   together below it: `motor` (high centrality, high density), `basic` (high, low), `niche`
//!   (low, high), `emerging or declining` (low, low).
//!
//! **Silhouette** (as CiteSpace reports the homogeneity of its clusters): each node's profile is
//! its row of the network's weighted adjacency matrix (edge weights, 0 on the diagonal); the
//! distance of two nodes is `1 − cosine` of their profiles. A node's silhouette is
//! `(b − a) / max(a, b)`, `a` its mean distance to the other nodes of its community, `b` the
//! smallest mean distance to another community's nodes; 0 for a node alone in its community.
//! The network's `S` is the mean over its nodes, a theme's over its nodes; there is no `S` with
//! fewer than two communities.

use crate::analysis::network::Network;

/// A theme of the map: one network community.
#[derive(Debug, Clone, PartialEq)]
pub struct MapTheme {
    pub community: u32,
    /// Its terms, most frequent first (by the order of the network's nodes: term rank).
    pub terms: Vec<u32>,
    /// Occurrences of its terms, summed.
    pub occurrences: u64,
    pub centrality: f64,
    pub density: f64,
    pub quadrant: &'static str,
    /// Mean silhouette of its nodes (None with fewer than two communities).
    pub silhouette: Option<f64>,
}

/// The thematic map and the silhouettes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThematicMap {
    /// By community.
    pub themes: Vec<MapTheme>,
    /// Per network node, its silhouette (empty with fewer than two communities).
    pub node_silhouette: Vec<f64>,
    /// Mean silhouette S of the network's nodes.
    pub silhouette: Option<f64>,
}

/// The rank of each value (1 = smallest), tied values sharing their mean rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut rank = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            rank[o] = mean;
        }
        i = j + 1;
    }
    rank
}

/// The thematic map of a network. `pair_count[e]` is the `count` of edge `e`'s pair and
/// `term_count[t]` term `t`'s occurrences.
pub fn thematic_map(network: &Network, pair_count: &[u64], term_count: &[u64]) -> ThematicMap {
    let nodes = &network.nodes;
    let k = network.communities;
    if nodes.is_empty() || k == 0 {
        return ThematicMap::default();
    }
    let community = |i: usize| nodes[i].community as usize - 1;
    let mut internal = vec![0.0; k];
    let mut external = vec![0.0; k];
    for (e, edge) in network.edges.iter().enumerate() {
        let c = pair_count.get(e).copied().unwrap_or(0) as f64;
        let (ci, cj) = (
            term_count[nodes[edge.source].term as usize] as f64,
            term_count[nodes[edge.target].term as usize] as f64,
        );
        let equivalence = if ci > 0.0 && cj > 0.0 {
            c * c / (ci * cj)
        } else {
            0.0
        };
        let (a, b) = (community(edge.source), community(edge.target));
        if a == b {
            internal[a] += equivalence;
        } else {
            external[a] += equivalence;
            external[b] += equivalence;
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for i in 0..nodes.len() {
        members[community(i)].push(i);
    }
    let centrality: Vec<f64> = external.iter().map(|x| 10.0 * x).collect();
    let density: Vec<f64> = (0..k)
        .map(|c| 100.0 * internal[c] / members[c].len().max(1) as f64)
        .collect();
    // bibliometrix draws the axes at the mean rank; a theme on it counts as high.
    let (rc, rd) = (ranks(&centrality), ranks(&density));
    let middle = (k as f64 + 1.0) / 2.0;
    let node_silhouette = silhouettes(network);
    let themes = (0..k)
        .map(|c| MapTheme {
            community: c as u32 + 1,
            terms: members[c].iter().map(|&i| nodes[i].term).collect(),
            occurrences: members[c]
                .iter()
                .map(|&i| term_count[nodes[i].term as usize])
                .sum(),
            centrality: centrality[c],
            density: density[c],
            quadrant: match (rc[c] >= middle, rd[c] >= middle) {
                (true, true) => "motor",
                (true, false) => "basic",
                (false, true) => "niche",
                (false, false) => "emerging or declining",
            },
            silhouette: (!node_silhouette.is_empty()).then(|| {
                members[c].iter().map(|&i| node_silhouette[i]).sum::<f64>()
                    / members[c].len().max(1) as f64
            }),
        })
        .collect();
    let silhouette = (!node_silhouette.is_empty())
        .then(|| node_silhouette.iter().sum::<f64>() / node_silhouette.len() as f64);
    ThematicMap {
        themes,
        node_silhouette,
        silhouette,
    }
}

/// Each node's silhouette (empty with fewer than two communities). Cosines come from the
/// neighbours' neighbours, so the cost grows with the sum of squared degrees, not with n³.
fn silhouettes(network: &Network) -> Vec<f64> {
    let n = network.nodes.len();
    let k = network.communities;
    if k < 2 {
        return Vec::new();
    }
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in &network.edges {
        adj[e.source].push((e.target, e.weight));
        adj[e.target].push((e.source, e.weight));
    }
    let norm: Vec<f64> = adj
        .iter()
        .map(|a| a.iter().map(|(_, w)| w * w).sum::<f64>().sqrt())
        .collect();
    let community: Vec<usize> = network
        .nodes
        .iter()
        .map(|x| x.community as usize - 1)
        .collect();
    let mut size = vec![0usize; k];
    for &c in &community {
        size[c] += 1;
    }
    let mut dot = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    (0..n)
        .map(|i| {
            for &(m, w_im) in &adj[i] {
                for &(j, w_mj) in &adj[m] {
                    if j != i {
                        if dot[j] == 0.0 {
                            touched.push(j);
                        }
                        dot[j] += w_im * w_mj;
                    }
                }
            }
            // Σ cosine to each community's other nodes.
            let mut cosines = vec![0.0; k];
            for &j in &touched {
                if norm[i] > 0.0 && norm[j] > 0.0 {
                    cosines[community[j]] += dot[j] / (norm[i] * norm[j]);
                }
                dot[j] = 0.0;
            }
            touched.clear();
            let own = community[i];
            let others = |c: usize| size[c] - usize::from(c == own);
            if others(own) == 0 {
                return 0.0;
            }
            let mean_distance = |c: usize| 1.0 - cosines[c] / others(c) as f64;
            let a = mean_distance(own);
            let b = (0..k)
                .filter(|&c| c != own && others(c) > 0)
                .map(mean_distance)
                .fold(f64::INFINITY, f64::min);
            if !b.is_finite() || a.max(b) == 0.0 {
                0.0
            } else {
                (b - a) / a.max(b)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::network::{Edge, Node};

    fn node(term: u32, community: u32) -> Node {
        Node {
            term,
            degree: 0,
            weighted_degree: 0.0,
            pagerank: 0.0,
            betweenness: 0.0,
            community,
        }
    }

    fn edge(source: usize, target: usize, weight: f64) -> Edge {
        Edge {
            pair: 0,
            source,
            target,
            weight,
        }
    }

    #[test]
    fn callon_centrality_density_and_quadrants_by_hand() {
        // Communities: 1 = {0, 1}, 2 = {2, 3}, 3 = {4}, 4 = {5}; every term occurs 2 times.
        // Edges (count): 0–1 (2), 2–3 (1), 1–2 (1), 1–4 (2), 3–5 (1).
        // e = c² / 4: 1, 0.25, 0.25, 1, 0.25.
        // centrality = 10 · external: c1 = 10 (0.25 + 1) = 12.5, c2 = 10 (0.25 + 0.25) = 5,
        //   c3 = 10, c4 = 2.5: ranks 4, 2, 3, 1, high from the mean rank 2.5.
        // density = 100 · internal / size: c1 = 100 · 1 / 2 = 50, c2 = 100 · 0.25 / 2 = 12.5,
        //   c3 = 0, c4 = 0: ranks 4, 3, 1.5, 1.5.
        let network = Network {
            nodes: vec![
                node(0, 1),
                node(1, 1),
                node(2, 2),
                node(3, 2),
                node(4, 3),
                node(5, 4),
            ],
            edges: vec![
                edge(0, 1, 2.0),
                edge(2, 3, 1.0),
                edge(1, 2, 1.0),
                edge(1, 4, 2.0),
                edge(3, 5, 1.0),
            ],
            modularity: 0.0,
            communities: 4,
        };
        let map = thematic_map(&network, &[2, 1, 1, 2, 1], &[2; 6]);
        let got: Vec<(u32, f64, f64, &str)> = map
            .themes
            .iter()
            .map(|t| (t.community, t.centrality, t.density, t.quadrant))
            .collect();
        assert_eq!(
            got,
            [
                (1, 12.5, 50.0, "motor"),
                (2, 5.0, 12.5, "niche"),
                (3, 10.0, 0.0, "basic"),
                (4, 2.5, 0.0, "emerging or declining"),
            ]
        );
        assert_eq!(map.themes[0].terms, [0, 1]);
        assert_eq!(map.themes[0].occurrences, 4);
    }

    #[test]
    fn tied_ranks_share_their_mean() {
        assert_eq!(ranks(&[0.0, 3.0, 0.0, 1.0, 0.0]), [2.0, 5.0, 2.0, 4.0, 2.0]);
    }

    #[test]
    fn silhouette_by_hand() {
        // Two triangles {0, 1, 2} and {3, 4, 5} joined by the edge 2–3, all weights 1.
        // Profiles: 0 = (0,1,1,0,0,0), 1 = (1,0,1,0,0,0), 2 = (1,1,0,1,0,0), 3 = (0,0,1,0,1,1) …
        // Node 0: cos(0,1) = 1/2, cos(0,2) = 1/sqrt6; a = 1 − (1/2 + 1/sqrt6)/2.
        //   Other side: cos(0,3) = 1/sqrt6 (shares node 2), cos(0,4) = cos(0,5) = 0;
        //   b = 1 − (1/sqrt6)/3.
        // Node 2: cos(2,0) = cos(2,1) = 1/sqrt6; a = 1 − 1/sqrt6; cos(2,3) = 0,
        //   cos(2,4) = cos(2,5) = 1/sqrt6 (share node 3); b = 1 − (2/sqrt6)/3.
        let mut nodes: Vec<Node> = (0..6).map(|i| node(i, if i < 3 { 1 } else { 2 })).collect();
        nodes[0].term = 0;
        let network = Network {
            nodes,
            edges: vec![
                edge(0, 1, 1.0),
                edge(0, 2, 1.0),
                edge(1, 2, 1.0),
                edge(3, 4, 1.0),
                edge(3, 5, 1.0),
                edge(4, 5, 1.0),
                edge(2, 3, 1.0),
            ],
            modularity: 0.0,
            communities: 2,
        };
        let map = thematic_map(&network, &[1; 7], &[1; 6]);
        let r6 = 6f64.sqrt();
        let s = |a: f64, b: f64| (b - a) / a.max(b);
        let s0 = s(1.0 - (0.5 + 1.0 / r6) / 2.0, 1.0 - 1.0 / r6 / 3.0);
        let s2 = s(1.0 - 1.0 / r6, 1.0 - 2.0 / r6 / 3.0);
        let want = [s0, s0, s2, s2, s0, s0];
        for (got, want) in map.node_silhouette.iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        let mean = (4.0 * s0 + 2.0 * s2) / 6.0;
        assert!((map.silhouette.unwrap() - mean).abs() < 1e-12);
        assert!((map.themes[0].silhouette.unwrap() - (2.0 * s0 + s2) / 3.0).abs() < 1e-12);
        // One community: no S.
        let one = Network {
            communities: 1,
            nodes: (0..3).map(|i| node(i, 1)).collect(),
            edges: vec![edge(0, 1, 1.0)],
            modularity: 0.0,
        };
        assert_eq!(thematic_map(&one, &[1], &[1; 3]).silhouette, None);
    }
}
