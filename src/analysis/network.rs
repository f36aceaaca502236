//! The co-occurrence network: the strongest pairs as weighted edges, with each node's degree,
//! weighted degree, PageRank, betweenness and community.
//!
//! - Edges: the pairs whose `network.measure` is above 0 and at least `network.min_value`, the
//!   `network.edges` strongest (ties by count, then by the terms' ranks); the measure is the
//!   edge weight.
//! - PageRank: weighted, damping 0.85, as networkx's `pagerank` (iterated until the values change
//!   by less than 1e-12 in total).
//! - Betweenness: unweighted shortest paths (Brandes), normalised by `(n − 1)(n − 2)` over
//!   ordered pairs, as networkx's `betweenness_centrality`.
//! - Communities: Louvain on the weighted graph with `network.resolution`, visiting the nodes
//!   in an order shuffled from `run.seed`, so the same seed gives the same communities.
//!   Communities are numbered from 1 by size, largest first (ties by their most frequent term).

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::analysis::cooccurrence::Pair;
use crate::config::NetworkSettings;

/// A node: a term with at least one edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub term: u32,
    pub degree: u32,
    pub weighted_degree: f64,
    pub pagerank: f64,
    pub betweenness: f64,
    /// 1-based community.
    pub community: u32,
}

/// An edge: a pair of the co-occurrence table.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index of the pair in the co-occurrence table.
    pub pair: usize,
    /// Node indexes.
    pub source: usize,
    pub target: usize,
    pub weight: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// Nodes by the rank of their term.
    pub nodes: Vec<Node>,
    /// Edges by weight, strongest first.
    pub edges: Vec<Edge>,
    /// Modularity Q of the communities (with the configured resolution).
    pub modularity: f64,
    pub communities: usize,
}

/// Builds the network from the co-occurrence pairs. `rank_of[t]` is term `t`'s rank.
pub fn network(pairs: &[Pair], rank_of: &[u32], s: &NetworkSettings, seed: u64) -> Network {
    let mut chosen: Vec<(usize, f64)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let v = p.measure(&s.measure)?;
            (v.is_finite() && v > 0.0 && v >= s.min_value).then_some((i, v))
        })
        .collect();
    chosen.sort_by(|&(i, v), &(j, w)| {
        let (p, q) = (&pairs[i], &pairs[j]);
        w.total_cmp(&v)
            .then_with(|| q.count.cmp(&p.count))
            .then_with(|| rank_of[p.a as usize].cmp(&rank_of[q.a as usize]))
            .then_with(|| rank_of[p.b as usize].cmp(&rank_of[q.b as usize]))
    });
    if s.edges > 0 {
        chosen.truncate(s.edges);
    }
    let mut terms: Vec<u32> = chosen
        .iter()
        .flat_map(|&(i, _)| [pairs[i].a, pairs[i].b])
        .collect();
    terms.sort_by_key(|&t| rank_of[t as usize]);
    terms.dedup();
    let index = |t: u32| terms.binary_search_by_key(&rank_of[t as usize], |&u| rank_of[u as usize]);
    let edges: Vec<Edge> = chosen
        .iter()
        .filter_map(|&(i, weight)| {
            Some(Edge {
                pair: i,
                source: index(pairs[i].a).ok()?,
                target: index(pairs[i].b).ok()?,
                weight,
            })
        })
        .collect();
    let n = terms.len();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in &edges {
        adj[e.source].push((e.target, e.weight));
        adj[e.target].push((e.source, e.weight));
    }
    for a in &mut adj {
        a.sort_by_key(|&(v, _)| v);
    }
    let pagerank = pagerank(&adj, 0.85);
    let betweenness = betweenness(&adj);
    let (community, modularity) = louvain(&adj, s.resolution, seed);
    let communities = community.iter().max().map_or(0, |&c| c as usize);
    let nodes = (0..n)
        .map(|i| Node {
            term: terms[i],
            degree: adj[i].len() as u32,
            weighted_degree: adj[i].iter().map(|&(_, w)| w).sum(),
            pagerank: pagerank[i],
            betweenness: betweenness[i],
            community: community[i],
        })
        .collect();
    Network {
        nodes,
        edges,
        modularity,
        communities,
    }
}

/// Weighted PageRank with uniform teleport (every node here has an edge, so none dangles).
pub fn pagerank(adj: &[Vec<(usize, f64)>], damping: f64) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let out: Vec<f64> = adj
        .iter()
        .map(|a| a.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..10_000 {
        let mut next = vec![(1.0 - damping) / n as f64; n];
        let mut dangling = 0.0;
        for (i, a) in adj.iter().enumerate() {
            if out[i] > 0.0 {
                for &(j, w) in a {
                    next[j] += damping * x[i] * w / out[i];
                }
            } else {
                dangling += damping * x[i];
            }
        }
        for v in &mut next {
            *v += dangling / n as f64;
        }
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if change < 1e-12 {
            break;
        }
    }
    x
}

/// Brandes' betweenness on unweighted shortest paths, normalised by `(n − 1)(n − 2)`.
pub fn betweenness(adj: &[Vec<(usize, f64)>]) -> Vec<f64> {
    let n = adj.len();
    let mut cb = vec![0.0; n];
    let mut stack = Vec::with_capacity(n);
    let mut queue = std::collections::VecDeque::with_capacity(n);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for s in 0..n {
        stack.clear();
        for p in &mut preds {
            p.clear();
        }
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![usize::MAX; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &(w, _) in &adj[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        for v in &mut cb {
            *v *= scale;
        }
    }
    cb
}

/// A graph at one Louvain level: edges without self-loops, plus each node's self-loop weight.
struct Level {
    adj: Vec<Vec<(usize, f64)>>,
    self_loop: Vec<f64>,
    /// Weighted degree (a self-loop counts twice).
    degree: Vec<f64>,
}

/// Louvain community detection. Returns each node's 1-based community and the modularity.
pub fn louvain(adj: &[Vec<(usize, f64)>], resolution: f64, seed: u64) -> (Vec<u32>, f64) {
    let n = adj.len();
    let total: f64 = adj.iter().flatten().map(|&(_, w)| w).sum::<f64>() / 2.0;
    if n == 0 || total <= 0.0 {
        return ((1..=n as u32).collect(), 0.0);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut level = Level {
        adj: adj.to_vec(),
        self_loop: vec![0.0; n],
        degree: adj
            .iter()
            .map(|a| a.iter().map(|&(_, w)| w).sum())
            .collect(),
    };
    // The community of every original node, as an index into the current level's nodes.
    let mut membership: Vec<usize> = (0..n).collect();
    loop {
        let (comm, moved) = one_level(&level, total, resolution, &mut rng);
        if !moved {
            break;
        }
        // Renumber the communities in order of first node.
        let mut renumber = vec![usize::MAX; comm.len()];
        let mut count = 0;
        for &c in &comm {
            if renumber[c] == usize::MAX {
                renumber[c] = count;
                count += 1;
            }
        }
        let comm: Vec<usize> = comm.iter().map(|&c| renumber[c]).collect();
        for m in &mut membership {
            *m = comm[*m];
        }
        level = aggregate(&level, &comm, count);
        if count == 1 {
            break;
        }
    }
    // Number communities by size, largest first, ties by their first (most frequent) node.
    let groups = level.adj.len();
    let mut size = vec![0usize; groups];
    let mut first = vec![usize::MAX; groups];
    for (node, &c) in membership.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(node);
    }
    let mut order: Vec<usize> = (0..groups).filter(|&c| size[c] > 0).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut id = vec![0u32; groups];
    for (i, &c) in order.iter().enumerate() {
        id[c] = i as u32 + 1;
    }
    let labels: Vec<u32> = membership.iter().map(|&c| id[c]).collect();
    let q = modularity(adj, &labels, resolution);
    (labels, q)
}

/// Moves nodes between communities while modularity grows. Returns each node's community and
/// whether any node moved.
fn one_level(g: &Level, m: f64, resolution: f64, rng: &mut ChaCha8Rng) -> (Vec<usize>, bool) {
    let n = g.adj.len();
    let mut comm: Vec<usize> = (0..n).collect();
    let mut tot: Vec<f64> = g.degree.clone();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut weight_to = vec![0.0f64; n];
    let mut is_touched = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    loop {
        let mut moved = false;
        for &u in &order {
            let home = comm[u];
            let k = g.degree[u];
            touched.clear();
            for &(v, w) in &g.adj[u] {
                let c = comm[v];
                if !is_touched[c] {
                    is_touched[c] = true;
                    touched.push(c);
                }
                weight_to[c] += w;
            }
            tot[home] -= k;
            let gain = |c: usize, w: f64| w / m - resolution * tot[c] * k / (2.0 * m * m);
            let mut best = home;
            let mut best_gain = gain(home, weight_to[home]);
            for &c in &touched {
                let g = gain(c, weight_to[c]);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            tot[best] += k;
            if best != home {
                comm[u] = best;
                moved = true;
                moved_any = true;
            }
            for &c in &touched {
                weight_to[c] = 0.0;
                is_touched[c] = false;
            }
        }
        if !moved {
            break;
        }
    }
    (comm, moved_any)
}

/// The graph whose nodes are the communities of `g`.
fn aggregate(g: &Level, comm: &[usize], count: usize) -> Level {
    let mut self_loop = vec![0.0; count];
    let mut degree = vec![0.0; count];
    let mut weights: Vec<rustc_hash::FxHashMap<usize, f64>> = vec![Default::default(); count];
    for u in 0..g.adj.len() {
        let cu = comm[u];
        self_loop[cu] += g.self_loop[u];
        degree[cu] += g.degree[u];
        for &(v, w) in &g.adj[u] {
            let cv = comm[v];
            if cu == cv {
                // Each internal edge is seen from both ends.
                self_loop[cu] += w / 2.0;
            } else {
                *weights[cu].entry(cv).or_insert(0.0) += w;
            }
        }
    }
    let adj = weights
        .into_iter()
        .map(|m| {
            let mut a: Vec<(usize, f64)> = m.into_iter().collect();
            a.sort_by_key(|&(v, _)| v);
            a
        })
        .collect();
    Level {
        adj,
        self_loop,
        degree,
    }
}

/// Newman's modularity with resolution γ: `Σ_c [L_c / m − γ (d_c / 2m)²]`, where `L_c` is the
/// weight inside community `c` and `d_c` the total weighted degree of its nodes.
pub fn modularity(adj: &[Vec<(usize, f64)>], community: &[u32], resolution: f64) -> f64 {
    let m: f64 = adj.iter().flatten().map(|&(_, w)| w).sum::<f64>() / 2.0;
    if m <= 0.0 {
        return 0.0;
    }
    let groups = community.iter().max().map_or(0, |&c| c as usize) + 1;
    let mut inside = vec![0.0; groups];
    let mut degree = vec![0.0; groups];
    for (u, a) in adj.iter().enumerate() {
        let cu = community[u] as usize;
        for &(v, w) in a {
            degree[cu] += w;
            if community[v] as usize == cu {
                inside[cu] += w / 2.0;
            }
        }
    }
    (0..groups)
        .map(|c| inside[c] / m - resolution * (degree[c] / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Vec<(usize, f64)>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            adj[a].push((b, w));
            adj[b].push((a, w));
        }
        adj
    }

    #[test]
    fn two_triangles_joined_by_a_bridge() {
        // 0-1-2 and 3-4-5 triangles, bridge 2-3.
        let adj = graph(
            6,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
                (2, 3, 1.0),
            ],
        );
        for seed in [1, 2, 3, 42] {
            let (c, q) = louvain(&adj, 1.0, seed);
            assert_eq!(c, vec![1, 1, 1, 2, 2, 2], "seed {seed}");
            // m = 7; each side: 3 inside, degree 7 → 2 · (3/7 − (7/14)²) = 6/7 − 1/2.
            assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
        }
        // Betweenness of a bridge end: paths from {0,1} to {3,4,5} (6 pairs) plus {0,1}×… :
        // node 2 lies on every shortest path between {0,1} and {3,4,5}: 6 unordered pairs,
        // 12 ordered, over (5 · 4) = 20.
        let b = betweenness(&adj);
        assert!((b[2] - 12.0 / 20.0).abs() < 1e-12);
        assert!((b[0]).abs() < 1e-12);
        // PageRank: symmetric, so nodes 2 and 3 match, 0 and 5 match; it adds up to 1.
        let pr = pagerank(&adj, 0.85);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!((pr[2] - pr[3]).abs() < 1e-9 && (pr[0] - pr[5]).abs() < 1e-9);
        assert!(pr[2] > pr[0]);
    }

    #[test]
    fn pagerank_of_a_star_by_hand() {
        // Star: centre 0 with 3 leaves. Stationary: leaf x, centre c with
        // c = 0.15/4 + 0.85 · 3x, x = 0.15/4 + 0.85 · c / 3, c + 3x = 1.
        let adj = graph(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let pr = pagerank(&adj, 0.85);
        let t = 0.15 / 4.0;
        // x = t + 0.85 c / 3 and c = 1 − 3x → x = t + 0.85 (1 − 3x)/3 → x (1 + 0.85) = t + 0.85/3.
        let x = (t + 0.85 / 3.0) / 1.85;
        assert!((pr[1] - x).abs() < 1e-10);
        assert!((pr[0] - (1.0 - 3.0 * x)).abs() < 1e-10);
    }

    #[test]
    fn modularity_of_one_community_is_zero() {
        let adj = graph(3, &[(0, 1, 2.0), (1, 2, 1.0)]);
        assert!(modularity(&adj, &[1, 1, 1], 1.0).abs() < 1e-12);
    }
}
