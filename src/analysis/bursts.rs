//! Bursts: Kleinberg's burst detection over years, as CiteSpace finds keyword bursts.
//!
//! For each of the most frequent terms, the years from the first to the last year of the
//! documents form a sequence; in year `t`, `d_t` documents were published and `r_t` of them hold
//! the term. A two-state automaton (Kleinberg 2003, the enumerating form for batched data)
//! explains the sequence: in the base state a document holds the term with probability
//! `p0 = Σ r / Σ d`, in the burst state with `p1 = s · p0` (at most 0.9999). Staying in a state
//! for year `t` costs `−ln(p^r_t (1 − p)^(d_t − r_t))`; moving up from the base to the burst state
//! costs `gamma · ln(n)` (n: the number of years), moving down is free; the sequence starts in
//! the base state. The cheapest state sequence (Viterbi) is kept, and each run of burst years is
//! a burst: its first and last year, and its strength — the cost the burst state saves over its
//! years, `Σ (cost_0(t) − cost_1(t))`, as Kleinberg's weight of a burst.

use crate::analysis::frequency::Counts;

/// One burst of one term.
#[derive(Debug, Clone, PartialEq)]
pub struct Burst {
    pub term: u32,
    pub start: i32,
    pub end: i32,
    pub strength: f64,
    /// Documents holding the term in the burst's years.
    pub docs: u64,
}

/// The bursts of `terms` (tested in that order). `year_of[d]` is document `d`'s year, None
/// when it has none or was skipped; `doc_counts[d]` its term counts. Bursts are sorted by
/// strength, strongest first, then by start year and by the order of `terms`.
pub fn bursts(
    year_of: &[Option<i32>],
    doc_counts: &[Counts],
    terms: &[u32],
    s: f64,
    gamma: f64,
) -> Vec<Burst> {
    let Some(first) = year_of.iter().flatten().min().copied() else {
        return Vec::new();
    };
    let last = year_of.iter().flatten().max().copied().unwrap_or(first);
    let n = (last - first + 1) as usize;
    let mut d = vec![0u64; n];
    // Per tested term (by its position in `terms`), documents per year.
    let position: rustc_hash::FxHashMap<u32, usize> =
        terms.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let mut r = vec![vec![0u64; n]; terms.len()];
    for (year, counts) in year_of.iter().zip(doc_counts) {
        let Some(year) = year else { continue };
        let y = (year - first) as usize;
        d[y] += 1;
        for &(t, _) in counts {
            if let Some(&i) = position.get(&t) {
                r[i][y] += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (i, &term) in terms.iter().enumerate() {
        for (start, end, strength, docs) in detect(&d, &r[i], s, gamma) {
            out.push((
                i,
                Burst {
                    term,
                    start: first + start as i32,
                    end: first + end as i32,
                    strength,
                    docs,
                },
            ));
        }
    }
    out.sort_by(|(i, a), (j, b)| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| a.start.cmp(&b.start))
            .then_with(|| i.cmp(j))
    });
    out.into_iter().map(|(_, b)| b).collect()
}

/// `−ln(p^r (1 − p)^(d − r))`.
fn cost(p: f64, r: u64, d: u64) -> f64 {
    let (r, d) = (r as f64, d as f64);
    let a = if r > 0.0 { r * p.ln() } else { 0.0 };
    let b = if d > r { (d - r) * (1.0 - p).ln() } else { 0.0 };
    -(a + b)
}

/// Bursts of one sequence: (first index, last index, strength, documents holding the term).
pub fn detect(d: &[u64], r: &[u64], s: f64, gamma: f64) -> Vec<(usize, usize, f64, u64)> {
    let (total_d, total_r): (u64, u64) = (d.iter().sum(), r.iter().sum());
    if total_d == 0 || total_r == 0 || d.is_empty() {
        return Vec::new();
    }
    let p0 = total_r as f64 / total_d as f64;
    let p1 = (s * p0).min(0.9999);
    if p1 <= p0 {
        return Vec::new();
    }
    let up = gamma * (d.len() as f64).ln();
    let costs: Vec<[f64; 2]> = d
        .iter()
        .zip(r)
        .map(|(&d, &r)| [cost(p0, r, d), cost(p1, r, d)])
        .collect();
    // Viterbi: best[t][state], from[t][state].
    let mut best = [0.0, up];
    let mut from: Vec<[usize; 2]> = Vec::with_capacity(d.len());
    for (t, c) in costs.iter().enumerate() {
        if t == 0 {
            best = [c[0], up + c[1]];
            from.push([0, 0]);
            continue;
        }
        // Into the base state: from either, free; ties stay in the base state.
        let (b0, f0) = if best[0] <= best[1] {
            (best[0], 0)
        } else {
            (best[1], 1)
        };
        // Into the burst state: ties enter from the base state, so a burst starts no earlier
        // than its evidence.
        let (b1, f1) = if best[1] < best[0] + up {
            (best[1], 1)
        } else {
            (best[0] + up, 0)
        };
        best = [b0 + c[0], b1 + c[1]];
        from.push([f0, f1]);
    }
    let mut state = if best[1] < best[0] { 1 } else { 0 };
    let mut states = vec![0usize; d.len()];
    for t in (0..d.len()).rev() {
        states[t] = state;
        state = from[t][state];
    }
    let mut out = Vec::new();
    let mut t = 0;
    while t < states.len() {
        if states[t] == 1 {
            let start = t;
            while t + 1 < states.len() && states[t + 1] == 1 {
                t += 1;
            }
            let strength = (start..=t).map(|u| costs[u][0] - costs[u][1]).sum();
            let docs = r[start..=t].iter().sum();
            out.push((start, t, strength, docs));
        }
        t += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_worked_by_hand() {
        // Ten documents a year; the term in 1, 1, 6, 6, 1 of them: p0 = 15/50 = 0.3, p1 = 0.6.
        // Base costs: r = 1 → −(ln 0.3 + 9 ln 0.7) ≈ 4.414; r = 6 → ≈ 8.651.
        // Burst costs: r = 1 → ≈ 8.757; r = 6 → ≈ 6.730. Moving up: ln 5 ≈ 1.609.
        // Bursting in years 3 and 4 costs 3·4.414 + 2·6.730 + 1.609 ≈ 28.31 < 30.54 (no burst).
        let got = detect(&[10; 5], &[1, 1, 6, 6, 1], 2.0, 1.0);
        assert_eq!(got.len(), 1);
        let (start, end, strength, docs) = got[0];
        assert_eq!((start, end, docs), (2, 3, 12));
        let want = 2.0 * (6.0 * 2f64.ln() + 4.0 * (0.4f64 / 0.7).ln());
        assert!((strength - want).abs() < 1e-12, "{strength} vs {want}");
        // The burst saves 3.84 over its two years: it still pays at gamma = 2 (moving up costs
        // 2 ln 5 ≈ 3.22), not at gamma = 3 (≈ 4.83).
        assert_eq!(detect(&[10; 5], &[1, 1, 6, 6, 1], 2.0, 2.0).len(), 1);
        assert!(detect(&[10; 5], &[1, 1, 6, 6, 1], 2.0, 3.0).is_empty());
        // An even rate has no burst.
        assert!(detect(&[10; 4], &[3, 3, 3, 3], 2.0, 1.0).is_empty());
    }

    /// The cost of a state sequence, as the automaton defines it.
    fn path_cost(d: &[u64], r: &[u64], states: &[usize], s: f64, gamma: f64) -> f64 {
        let p0 = r.iter().sum::<u64>() as f64 / d.iter().sum::<u64>() as f64;
        let p = [p0, (s * p0).min(0.9999)];
        let up = gamma * (d.len() as f64).ln();
        let mut previous = 0;
        let mut total = 0.0;
        for (t, &state) in states.iter().enumerate() {
            if state > previous {
                total += up;
            }
            total += cost(p[state], r[t], d[t]);
            previous = state;
        }
        total
    }

    #[test]
    fn viterbi_finds_the_cheapest_of_all_state_sequences() {
        // Every one of the 2^7 sequences, on pseudo-random yearly counts.
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..200 {
            let d: Vec<u64> = (0..7).map(|_| 1 + next(20)).collect();
            let r: Vec<u64> = d.iter().map(|&x| next(x + 1)).collect();
            if r.iter().sum::<u64>() == 0 {
                continue;
            }
            let gamma = next(3) as f64 * 0.5;
            let best = (0..1u32 << 7)
                .map(|bits| {
                    let states: Vec<usize> = (0..7).map(|t| ((bits >> t) & 1) as usize).collect();
                    path_cost(&d, &r, &states, 2.0, gamma)
                })
                .fold(f64::INFINITY, f64::min);
            let mut states = vec![0; 7];
            for (start, end, strength, docs) in detect(&d, &r, 2.0, gamma) {
                states[start..=end].fill(1);
                assert_eq!(docs, r[start..=end].iter().sum::<u64>());
                assert!(strength > 0.0 || gamma == 0.0);
            }
            let got = path_cost(&d, &r, &states, 2.0, gamma);
            assert!((got - best).abs() < 1e-9, "{d:?} {r:?}: {got} vs {best}");
        }
    }

    #[test]
    fn bursts_are_placed_in_years() {
        // Documents of 2001, 2003 (none in 2002) and one without a year.
        let year_of = [Some(2001), Some(2003), Some(2003), None, Some(2001)];
        let counts: Vec<Counts> = vec![vec![(0, 1)], vec![(1, 2)], vec![(1, 1)], vec![], vec![]];
        let b = bursts(&year_of, &counts, &[0, 1], 2.0, 0.0);
        // Term 1: p0 = 2/4, p1 = 0.9999: 2003 bursts (both documents), 2001 does not.
        assert!(
            b.iter()
                .any(|x| x.term == 1 && (x.start, x.end, x.docs) == (2003, 2003, 2))
        );
        assert!(b.iter().all(|x| x.start >= 2001 && x.end <= 2003));
    }
}
