//! Co-occurrence: pairs of terms found in the same context, with every association measure a
//! user may want to filter on.
//!
//! A *context* is, as configured, a window of ±`window` tokens (inside a sentence, paragraph or
//! document), a sentence, a paragraph or a document. Positions are counted after stopwords are
//! removed, and a token never pairs with another token of the same term.
//!
//! Counting by **frequency** (quanteda's `fcm(count = "frequency")`):
//! - window: every two tokens at most `window` apart are one event;
//! - sentence, paragraph, document: a context holding `n_a` tokens of `a` and `n_b` of `b` adds
//!   `n_a · n_b` events of the pair.
//!
//! Counting by **presence** (KH Coder's way, quanteda's `count = "boolean"`): a pair counts once
//! per context holding both terms (within the window, for window contexts).
//!
//! The measures (OUTPUTS.md gives the same formulas):
//! - frequency counting: `T` = 2 × all events, `R(a)` = events involving `a` (the margins of the
//!   symmetric co-occurrence matrix, whose cells add up to `T`);
//! - presence counting: `T` = the number of contexts holding a token, `R(a)` = contexts holding `a`;
//! - `expected = R(a) · R(b) / T`, `pmi = ln(count / expected)`,
//!   `npmi = pmi / −ln(count / T)` (1 when the two terms only occur together);
//! - `g2` = Dunning's log-likelihood `2 Σ O ln(O / E)` over the 2×2 table
//!   `[count, R(a) − count; R(b) − count, T − R(a) − R(b) + count]`;
//! - `jaccard = c / (n_a + n_b − c)`, `dice = 2c / (n_a + n_b)`, `simpson = c / min(n_a, n_b)`,
//!   where `c` is the number of contexts where the pair co-occurs and `n_a` the number of contexts
//!   holding `a`, whichever the counting;
//! - `association_strength = count / expected = count · T / (R(a) · R(b))`, van Eck and
//!   Waltman's measure scaled by `T`: with frequency counting `R` is each term's total
//!   co-occurrence (its total link strength) and `T` twice the total, VOSviewer's
//!   `2m · c_ij / (k_i · k_j)`; with presence counting `R` is the contexts holding the term and
//!   `T` the contexts, van Eck and Waltman's (2009) `c_ij / (s_i · s_j)` with occurrences `s`,
//!   times the number of contexts (with document contexts: documents);
//! - `cosine = c / sqrt(n_a · n_b)`, Salton's cosine, with `c` and `n` as for Jaccard.
//!
//! Only pairs of the `top_terms` most frequent terms seen at least `min_term_count` times are
//! kept, but `T` and `R` count every token, so the measures do not depend on that cut.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::config::{CoContext, CooccurrenceSettings, Counting, WindowWithin};
use crate::tokenize::DocTokens;

/// One reported pair. `a` is the more frequent term (lower rank).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    /// Co-occurrences, as counted (frequency or presence).
    pub count: u64,
    /// Contexts where the pair co-occurs.
    pub contexts: u64,
    /// Documents where the pair co-occurs.
    pub docs: u64,
    pub expected: f64,
    pub pmi: f64,
    pub npmi: f64,
    pub g2: f64,
    pub jaccard: f64,
    pub dice: f64,
    pub simpson: f64,
    /// Association strength (van Eck and Waltman): `count / expected`.
    pub association_strength: f64,
    /// Salton's cosine: `x / sqrt(n_a · n_b)`.
    pub cosine: f64,
}

/// The measures of a pair by name, as `network.measure` names them (every name of
/// [`config::MEASURES`](crate::config::MEASURES)).
impl Pair {
    pub fn measure(&self, name: &str) -> Option<f64> {
        Some(match name {
            "count" => self.count as f64,
            "contexts" => self.contexts as f64,
            "docs" => self.docs as f64,
            "pmi" => self.pmi,
            "npmi" => self.npmi,
            "g2" => self.g2,
            "jaccard" => self.jaccard,
            "dice" => self.dice,
            "simpson" => self.simpson,
            "association_strength" => self.association_strength,
            "cosine" => self.cosine,
            _ => return None,
        })
    }
}

/// The pairs and the corpus-wide totals behind their measures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cooccurrence {
    pub pairs: Vec<Pair>,
    /// Contexts holding at least one token.
    pub contexts: u64,
    /// `T` of the formulas.
    pub total: f64,
}

/// Counts over a share of the documents, merged at the end. Term-indexed vectors grow on
/// demand, so an empty tally costs nothing.
#[derive(Default)]
struct Tally {
    /// (count, contexts, docs) per pair key `a << 32 | b`.
    pairs: HashMap<u64, (u64, u64, u64)>,
    /// Frequency counting: events involving each term (R).
    events_of: Vec<u64>,
    /// Contexts holding each term.
    contexts_of: Vec<u64>,
    /// Frequency counting: all events.
    events: u64,
    /// Contexts holding a token.
    contexts: u64,
}

fn bump(v: &mut Vec<u64>, i: u32, by: u64) {
    let i = i as usize;
    if v.len() <= i {
        v.resize(i + 1, 0);
    }
    v[i] += by;
}

fn add_into(into: &mut Vec<u64>, from: Vec<u64>) {
    if into.len() < from.len() {
        into.resize(from.len(), 0);
    }
    for (x, y) in into.iter_mut().zip(from) {
        *x += y;
    }
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        let (mut big, small) = if self.pairs.len() >= other.pairs.len() {
            (std::mem::take(&mut self.pairs), other.pairs)
        } else {
            (other.pairs, std::mem::take(&mut self.pairs))
        };
        for (k, (c, x, d)) in small {
            let e = big.entry(k).or_insert((0, 0, 0));
            e.0 += c;
            e.1 += x;
            e.2 += d;
        }
        self.pairs = big;
        add_into(&mut self.events_of, other.events_of);
        add_into(&mut self.contexts_of, other.contexts_of);
        self.events += other.events;
        self.contexts += other.contexts;
        self
    }
}

/// What a document is cut into for counting.
fn context_ranges(doc: &DocTokens, s: &CooccurrenceSettings) -> Vec<Range<usize>> {
    let within = match s.context {
        CoContext::Window => s.window_within,
        CoContext::Sentence => WindowWithin::Sentence,
        CoContext::Paragraph => WindowWithin::Paragraph,
        CoContext::Document => WindowWithin::Document,
    };
    match within {
        WindowWithin::Sentence => doc.sentences().collect(),
        WindowWithin::Paragraph => doc.paragraphs().collect(),
        WindowWithin::Document => std::iter::once(0..doc.terms.len()).collect(),
    }
}

/// Per-thread scratch space, reused from context to context.
#[derive(Default)]
struct Scratch {
    sorted: Vec<u32>,
    runs: Vec<(u32, u64)>,
    seen: Vec<u64>,
    doc_pairs: HashMap<u64, (u64, u64)>,
}

/// Counts a document's contexts into `tally`, and each pair once more for the document.
fn count_document(
    doc: &DocTokens,
    s: &CooccurrenceSettings,
    rank_of: &[u32],
    keep: &[bool],
    tally: &mut Tally,
    scratch: &mut Scratch,
) {
    let frequency = s.counting == Counting::Frequency;
    scratch.doc_pairs.clear();
    for range in context_ranges(doc, s) {
        let tokens = &doc.terms[range];
        if tokens.is_empty() {
            continue;
        }
        tally.contexts += 1;
        distinct_terms(tokens, scratch);
        for &(t, _) in &scratch.runs {
            bump(&mut tally.contexts_of, t, 1);
        }
        match s.context {
            CoContext::Window => {
                count_window(tokens, s.window, frequency, rank_of, keep, tally, scratch);
            }
            _ => {
                if frequency {
                    count_context_events(tokens.len() as u64, &scratch.runs, tally);
                }
                count_context_pairs(frequency, rank_of, keep, scratch);
            }
        }
    }
    for (&k, &(count, contexts)) in &scratch.doc_pairs {
        let e = tally.pairs.entry(k).or_insert((0, 0, 0));
        e.0 += count;
        e.1 += contexts;
        e.2 += 1;
    }
}

/// The key of the pair of terms `x` and `y`: `a << 32 | b`, `a` the more frequent (lower
/// rank).
fn pair_key(rank_of: &[u32], x: u32, y: u32) -> u64 {
    let (a, b) = if rank_of[x as usize] < rank_of[y as usize] {
        (x, y)
    } else {
        (y, x)
    };
    (u64::from(a) << 32) | u64::from(b)
}

/// A context's distinct terms with their counts, by term, into `scratch.runs`.
fn distinct_terms(tokens: &[u32], scratch: &mut Scratch) {
    scratch.sorted.clear();
    scratch.sorted.extend_from_slice(tokens);
    scratch.sorted.sort_unstable();
    scratch.runs.clear();
    for &t in &scratch.sorted {
        match scratch.runs.last_mut() {
            Some((last, n)) if *last == t => *n += 1,
            _ => scratch.runs.push((t, 1)),
        }
    }
}

/// Window contexts: every two tokens at most `window` apart. With frequency counting each is
/// an event (of the tally, and of the document's pair when both terms are kept); either way
/// the context counts once for each kept pair it holds (with presence counting, that is the
/// pair's count too).
fn count_window(
    tokens: &[u32],
    window: usize,
    frequency: bool,
    rank_of: &[u32],
    keep: &[bool],
    tally: &mut Tally,
    scratch: &mut Scratch,
) {
    scratch.seen.clear();
    for (i, &x) in tokens.iter().enumerate() {
        for &y in tokens.iter().skip(i + 1).take(window) {
            if x == y {
                continue;
            }
            if frequency {
                tally.events += 1;
                bump(&mut tally.events_of, x, 1);
                bump(&mut tally.events_of, y, 1);
            }
            if keep[x as usize] && keep[y as usize] {
                let k = pair_key(rank_of, x, y);
                scratch.seen.push(k);
                if frequency {
                    scratch.doc_pairs.entry(k).or_insert((0, 0)).0 += 1;
                }
            }
        }
    }
    scratch.seen.sort_unstable();
    scratch.seen.dedup();
    for &k in &scratch.seen {
        let e = scratch.doc_pairs.entry(k).or_insert((0, 0));
        e.1 += 1;
        if !frequency {
            e.0 += 1;
        }
    }
}

/// Frequency counting in a sentence, paragraph or document context of `len` tokens whose
/// distinct terms are `runs`: each two tokens of different terms are one event.
fn count_context_events(len: u64, runs: &[(u32, u64)], tally: &mut Tally) {
    let mut squares = 0;
    for &(t, n) in runs {
        bump(&mut tally.events_of, t, n * (len - n));
        squares += n * n;
    }
    tally.events += (len * len - squares) / 2;
}

/// The pairs of kept terms of a sentence, paragraph or document context (its distinct terms
/// in `scratch.runs`): each adds `n_a · n_b` to the pair's count with frequency counting, 1
/// with presence counting, and 1 to its contexts.
fn count_context_pairs(frequency: bool, rank_of: &[u32], keep: &[bool], scratch: &mut Scratch) {
    let kept: Vec<(u32, u64)> = scratch
        .runs
        .iter()
        .copied()
        .filter(|&(t, _)| keep[t as usize])
        .collect();
    for (i, &(x, nx)) in kept.iter().enumerate() {
        for &(y, ny) in &kept[i + 1..] {
            let e = scratch
                .doc_pairs
                .entry(pair_key(rank_of, x, y))
                .or_insert((0, 0));
            e.0 += if frequency { nx * ny } else { 1 };
            e.1 += 1;
        }
    }
}

/// `x ln(x / e)`, 0 when `x` is 0.
fn xlogx(x: f64, e: f64) -> f64 {
    if x > 0.0 { x * (x / e).ln() } else { 0.0 }
}

/// Dunning's log-likelihood G² of a 2×2 table given by its first cell, its margins and total.
pub fn g2(o11: f64, row: f64, col: f64, total: f64) -> f64 {
    let o12 = row - o11;
    let o21 = col - o11;
    let o22 = total - row - col + o11;
    let e = |r: f64, c: f64| r * c / total;
    let (other_row, other_col) = (total - row, total - col);
    2.0 * (xlogx(o11, e(row, col))
        + xlogx(o12, e(row, other_col))
        + xlogx(o21, e(other_row, col))
        + xlogx(o22, e(other_row, other_col)))
}

/// Counts co-occurrences in every document. `rank_of[t]` is term `t`'s rank (1 = most
/// frequent) and `term_count[t]` its occurrences; only terms with rank ≤ `top_terms` and at
/// least `min_term_count` occurrences form reported pairs.
pub fn cooccurrence(
    streams: &[DocTokens],
    rank_of: &[u32],
    term_count: &[u64],
    settings: &CooccurrenceSettings,
) -> Cooccurrence {
    let top = settings.top_terms as u32;
    let keep: Vec<bool> = rank_of
        .iter()
        .zip(term_count)
        .map(|(&r, &c)| r <= top && c >= settings.min_term_count)
        .collect();
    let tally = streams
        .par_iter()
        .with_min_len(32)
        .fold(
            || (Tally::default(), Scratch::default()),
            |(mut tally, mut scratch), doc| {
                count_document(doc, settings, rank_of, &keep, &mut tally, &mut scratch);
                (tally, scratch)
            },
        )
        .map(|(tally, _)| tally)
        .reduce(Tally::default, Tally::merge);

    let n = rank_of.len();
    let mut contexts_of = tally.contexts_of;
    contexts_of.resize(n.max(contexts_of.len()), 0);
    let (total, margin) = match settings.counting {
        Counting::Frequency => {
            let mut events_of = tally.events_of;
            events_of.resize(n.max(events_of.len()), 0);
            (2.0 * tally.events as f64, events_of)
        }
        Counting::Presence => (tally.contexts as f64, contexts_of.clone()),
    };
    let mut pairs: Vec<Pair> = tally
        .pairs
        .into_iter()
        .filter(|&(_, (count, _, _))| count >= settings.min_count)
        .map(|(k, (count, contexts, docs))| {
            let (a, b) = ((k >> 32) as u32, k as u32);
            let c = count as f64;
            let (ra, rb) = (margin[a as usize] as f64, margin[b as usize] as f64);
            let expected = ra * rb / total;
            let pmi = (c / expected).ln();
            let p = c / total;
            let npmi = if p >= 1.0 { 1.0 } else { pmi / -p.ln() };
            let (na, nb) = (
                contexts_of[a as usize] as f64,
                contexts_of[b as usize] as f64,
            );
            let x = contexts as f64;
            Pair {
                a,
                b,
                count,
                contexts,
                docs,
                expected,
                pmi,
                npmi,
                g2: g2(c, ra, rb, total),
                jaccard: x / (na + nb - x),
                dice: 2.0 * x / (na + nb),
                simpson: x / na.min(nb),
                association_strength: c / expected,
                cosine: x / (na * nb).sqrt(),
            }
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| rank_of[x.a as usize].cmp(&rank_of[y.a as usize]))
            .then_with(|| rank_of[x.b as usize].cmp(&rank_of[y.b as usize]))
    });
    Cooccurrence {
        pairs,
        contexts: tally.contexts,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_the_configuration_allows_is_known() {
        let pair = Pair {
            a: 0,
            b: 1,
            count: 1,
            contexts: 1,
            docs: 1,
            expected: 1.0,
            pmi: 0.0,
            npmi: 0.0,
            g2: 0.0,
            jaccard: 1.0,
            dice: 1.0,
            simpson: 1.0,
            association_strength: 1.0,
            cosine: 1.0,
        };
        for name in crate::config::MEASURES {
            assert!(pair.measure(name).is_some(), "{name}");
        }
    }

    fn doc(terms: &[u32], sentence_ends: &[u32]) -> DocTokens {
        DocTokens {
            terms: terms.to_vec(),
            sentence_ends: sentence_ends.to_vec(),
            paragraph_ends: vec![terms.len() as u32],
            ..DocTokens::default()
        }
    }

    fn settings(window: usize) -> CooccurrenceSettings {
        CooccurrenceSettings {
            window,
            top_terms: 10,
            min_count: 1,
            min_term_count: 1,
            ..CooccurrenceSettings::default()
        }
    }

    fn counts(streams: &[DocTokens], ranks: &[u32]) -> Vec<u64> {
        let mut c = vec![0; ranks.len()];
        for d in streams {
            for &t in &d.terms {
                c[t as usize] += 1;
            }
        }
        c
    }

    #[test]
    fn window_stays_inside_sentences_and_counts_by_hand() {
        // Terms 0,1,2 with ranks 1,2,3. Sentence 1: 0 1 2 ; sentence 2: 0 1.
        // Window 1: events (0,1), (1,2) in sentence 1 and (0,1) in sentence 2: T = 6.
        // R0 = 2, R1 = 3, R2 = 1.
        let streams = vec![doc(&[0, 1, 2, 0, 1], &[3, 5])];
        let ranks = [1, 2, 3];
        let co = cooccurrence(&streams, &ranks, &counts(&streams, &ranks), &settings(1));
        assert_eq!(co.total, 6.0);
        assert_eq!(co.contexts, 2);
        let pairs = co.pairs;
        assert_eq!(pairs.len(), 2);
        let p01 = &pairs[0];
        assert_eq!(
            (p01.a, p01.b, p01.count, p01.contexts, p01.docs),
            (0, 1, 2, 2, 1)
        );
        // expected = 2 · 3 / 6 = 1 ; pmi = ln 2 ; npmi = ln 2 / −ln(2/6) = ln 2 / ln 3
        assert!((p01.expected - 1.0).abs() < 1e-12);
        assert!((p01.pmi - 2f64.ln()).abs() < 1e-12);
        assert!((p01.npmi - 2f64.ln() / 3f64.ln()).abs() < 1e-12);
        // Both terms are in both sentences: every set measure is 1.
        assert_eq!((p01.jaccard, p01.dice, p01.simpson), (1.0, 1.0, 1.0));
        // G² over [2, 0; 1, 3]: E = [1, 1; 2, 2].
        let g = 2.0 * (2.0 * 2f64.ln() + 1.0 * 0.5f64.ln() + 3.0 * 1.5f64.ln());
        assert!((p01.g2 - g).abs() < 1e-12, "{} vs {g}", p01.g2);
        let p12 = &pairs[1];
        assert_eq!((p12.a, p12.b, p12.count), (1, 2, 1));
        // pmi = ln(1 · 6 / (3 · 1)) = ln 2 ; 1 of the 2 contexts holding `1` holds `2`.
        assert!((p12.pmi - 2f64.ln()).abs() < 1e-12);
        assert_eq!((p12.jaccard, p12.dice, p12.simpson), (0.5, 2.0 / 3.0, 1.0));
        // association strength = 1 · 6 / (3 · 1) = 2 ; cosine = 1 / sqrt(2 · 1).
        assert!((p12.association_strength - 2.0).abs() < 1e-12);
        assert!((p12.cosine - 0.5f64.sqrt()).abs() < 1e-12);
        assert!((p01.association_strength - 2.0).abs() < 1e-12);
        assert_eq!(p01.cosine, 1.0);
    }

    #[test]
    fn wider_window_same_term_and_cut() {
        // One sentence: 0 0 1 ; window 5: events (0,1) twice ((0,0) skipped).
        let streams = vec![doc(&[0, 0, 1], &[3]), doc(&[1, 0], &[2])];
        let ranks = [2, 1];
        let tc = counts(&streams, &ranks);
        let pairs = cooccurrence(&streams, &ranks, &tc, &settings(5)).pairs;
        assert_eq!(pairs.len(), 1);
        // Term 1 has rank 1, so it is `a`.
        assert_eq!(
            (pairs[0].a, pairs[0].b, pairs[0].count, pairs[0].docs),
            (1, 0, 3, 2)
        );
        // Only pair in the corpus: npmi = 1.
        assert!((pairs[0].npmi - 1.0).abs() < 1e-12);
        let strict = CooccurrenceSettings {
            min_count: 4,
            ..settings(5)
        };
        assert!(
            cooccurrence(&streams, &ranks, &tc, &strict)
                .pairs
                .is_empty()
        );
        let rare = CooccurrenceSettings {
            min_term_count: 3,
            ..settings(5)
        };
        assert!(cooccurrence(&streams, &ranks, &tc, &rare).pairs.is_empty());
    }

    #[test]
    fn document_contexts_by_frequency_and_presence() {
        // Doc 1: a a b c ; doc 2: a b b ; doc 3: c.
        // Frequency (quanteda fcm, document context): (a,b) = 2·1 + 1·2 = 4, (a,c) = 2, (b,c) = 1.
        // Events: doc 1 = (16 − 4 − 1 − 1)/2 = 5, doc 2 = (9 − 1 − 4)/2 = 2, doc 3 = 0 → T = 14.
        // R(a) = 2·2 + 1·2 = 6, R(b) = 1·3 + 2·1 = 5, R(c) = 1·3 = 3.
        let streams = vec![
            doc(&[0, 0, 1, 2], &[4]),
            doc(&[0, 1, 1], &[3]),
            doc(&[2], &[1]),
        ];
        let ranks = [1, 2, 3];
        let tc = counts(&streams, &ranks);
        let freq = CooccurrenceSettings {
            context: CoContext::Document,
            ..settings(5)
        };
        let co = cooccurrence(&streams, &ranks, &tc, &freq);
        assert_eq!(co.total, 14.0);
        let got: Vec<(u32, u32, u64, u64)> = co
            .pairs
            .iter()
            .map(|p| (p.a, p.b, p.count, p.contexts))
            .collect();
        assert_eq!(got, vec![(0, 1, 4, 2), (0, 2, 2, 1), (1, 2, 1, 1)]);
        let ab = &co.pairs[0];
        assert!((ab.expected - 6.0 * 5.0 / 14.0).abs() < 1e-12);
        // a in 2 docs, c in 2 docs, both in 1: jaccard 1/3, dice 1/2, simpson 1/2.
        let ac = &co.pairs[1];
        assert_eq!((ac.jaccard, ac.dice, ac.simpson), (1.0 / 3.0, 0.5, 0.5));

        // Presence: T = 3 documents, R = documents holding the term: a 2, b 2, c 2.
        let presence = CooccurrenceSettings {
            counting: Counting::Presence,
            ..freq
        };
        let co = cooccurrence(&streams, &ranks, &tc, &presence);
        assert_eq!(co.total, 3.0);
        let got: Vec<(u32, u32, u64)> = co.pairs.iter().map(|p| (p.a, p.b, p.count)).collect();
        assert_eq!(got, vec![(0, 1, 2), (0, 2, 1), (1, 2, 1)]);
        let ab = &co.pairs[0];
        // expected = 2·2/3 ; pmi = ln(2 / (4/3)) = ln 1.5 ; npmi = ln 1.5 / −ln(2/3) = 1.
        assert!((ab.expected - 4.0 / 3.0).abs() < 1e-12);
        assert!((ab.pmi - 1.5f64.ln()).abs() < 1e-12);
        assert!((ab.npmi - 1.0).abs() < 1e-12);
        // G² over [2, 0; 0, 1]: E = [4/3, 2/3; 2/3, 1/3].
        let g = 2.0 * (2.0 * 1.5f64.ln() + 1.0 * 3f64.ln());
        assert!((ab.g2 - g).abs() < 1e-12);
        // Association strength: 2 · 3 / (2 · 2) = 1.5 ; cosine: 2 / sqrt(2 · 2) = 1.
        assert!((ab.association_strength - 1.5).abs() < 1e-12);
        assert!((ab.cosine - 1.0).abs() < 1e-12);
        // (a, c): 1 · 3 / (2 · 2) = 0.75 ; 1 / 2.
        let ac = &co.pairs[1];
        assert!((ac.association_strength - 0.75).abs() < 1e-12);
        assert!((ac.cosine - 0.5).abs() < 1e-12);
    }

    #[test]
    fn g2_matches_a_worked_table() {
        // [10, 20; 30, 40]: margins 30, 40 of 100; E = [12, 18; 28, 42].
        let want = 2.0
            * (10.0 * (10.0f64 / 12.0).ln()
                + 20.0 * (20.0f64 / 18.0).ln()
                + 30.0 * (30.0f64 / 28.0).ln()
                + 40.0 * (40.0f64 / 42.0).ln());
        assert!((g2(10.0, 30.0, 40.0, 100.0) - want).abs() < 1e-12);
        assert!(g2(3.0, 6.0, 4.0, 8.0) >= 0.0);
        // Independence gives 0.
        assert!(g2(2.0, 4.0, 5.0, 10.0).abs() < 1e-12);
    }
}
