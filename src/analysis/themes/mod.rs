//! Themes: groups of units (documents, paragraphs or sentences) found by spherical k-means, NMF
//! or the co-occurrence network's communities, each named by its most distinctive terms, shown
//! by its most typical units and measured by its coherence.
//!
//! Units are those with at least `min_unit_tokens` tokens. They are described by the terms found
//! in at least `min_df` units (at most `max_terms` of them, the most frequent) — for
//! `communities`, by the network's terms — weighted by TF-IDF over the units (same formula and
//! options as the `frequency` stage, with n = the number of units) and L2-normalised. Then:
//!
//! - `kmeans` ([`kmeans`]): a unit's theme is its centroid's; its weight the cosine similarity.
//! - `nmf` ([`nmf`]): a unit's theme is its largest entry in W; its weight that entry's share
//!   of the row (its share of every theme is the whole row, normalised).
//! - `communities`: a theme is a community of the network; a unit's score on it is the sum of
//!   its TF-IDF weights on the community's terms, its theme the highest score (the first
//!   community on a tie), its weight that score's share of its scores.
//!
//! With `k = "auto"`, each k from `k_min` to `k_max` (at most the number of units) is tried and
//! the best kept: for k-means the highest mean cosine silhouette (exact, over every unit), for
//! NMF the highest mean coherence; the smaller k on a tie. Every k tried is recorded.
//!
//! Themes are numbered by size, largest first (ties by their first unit). Each is described by
//! its terms ranked by c-TF-IDF ([`quality::c_tfidf`]; for communities only the community's own
//! terms), its coherence ([`quality::coherence`], NPMI over the first ten terms, units as
//! contexts), and its examples: the units most similar (cosine) to its centre, the normalised
//! sum of its units' vectors (for k-means, the centroid).

pub mod kmeans;
pub mod nmf;
pub mod quality;

use std::ops::Range;

use rayon::prelude::*;

use crate::analysis::frequency;
use crate::analysis::network::Network;
use crate::analysis::sparse::{Entries, Row, SparseRows, Weighted};
use crate::config::{FrequencySettings, ThemeCount, ThemeMethod, ThemeSettings, UnitKind};
use crate::ingest::Document;
use crate::tokenize::{DocTokens, Vocabulary};

/// An analysis unit: a paragraph or a sentence (its unit id, see `ingest::units`) or a whole
/// document (`unit_id` 0). Held in 16 bytes, as a large corpus has millions of units: texts
/// are at most [`crate::ingest::units::MAX_TEXT_BYTES`] long, so their byte offsets fit 32
/// bits.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Index of the document in the run's document list.
    doc: u32,
    unit_id: u32,
    start: u32,
    end: u32,
}

impl Unit {
    fn new(doc: usize, unit_id: u32, range: Range<usize>) -> Unit {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Unit {
            doc: narrow(doc),
            unit_id,
            start: narrow(range.start),
            end: narrow(range.end),
        }
    }

    /// Index of the document in the run's document list.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    pub fn unit_id(&self) -> u32 {
        self.unit_id
    }

    /// Byte range of the unit in the document's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The units of a corpus and their counts over the features: row `i` of `counts` is unit
/// `i`'s (column, count), by column; column `j` is the term `features[j]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitCounts {
    pub units: Vec<Unit>,
    pub counts: SparseRows<u32>,
    /// Term id of each column, in increasing order.
    pub features: Vec<u32>,
}

/// Documents whose units are counted in parallel before they are appended, in order, to the
/// corpus's: the parts in flight stay small next to the whole.
const UNIT_CHUNK: usize = 2048;

/// Documents whose units one task counts.
const UNIT_TASK: usize = 32;

/// The units of the analysed documents with at least `settings.min_unit_tokens` tokens, and
/// their counts over the features: the network's terms for `communities`, otherwise the terms
/// found in at least `min_df` units, at most `max_terms` of them, the most frequent
/// (`term_count`). The features are chosen first, from a count of the units holding each term,
/// so that only their counts are ever held. `text_bytes` gives each document's length (the
/// range of a whole-document unit).
#[allow(clippy::too_many_arguments)]
pub fn units(
    docs: &[Document],
    streams: &[DocTokens],
    text_bytes: &[usize],
    settings: &ThemeSettings,
    vocab: &Vocabulary,
    term_count: &[u64],
    network: &Network,
) -> UnitCounts {
    let (kind, min_tokens) = (settings.unit, settings.min_unit_tokens.max(1));
    let features = match settings.method {
        ThemeMethod::Communities => {
            let mut terms: Vec<u32> = network.nodes.iter().map(|n| n.term).collect();
            terms.sort_unstable();
            terms
        }
        _ => {
            let unit_df = unit_df(docs, streams, kind, min_tokens, vocab.len());
            select_features(&unit_df, vocab, term_count, settings)
        }
    };
    let mut column = vec![u32::MAX; vocab.len()];
    for (i, &t) in features.iter().enumerate() {
        if let Some(c) = column.get_mut(t as usize) {
            *c = i as u32;
        }
    }
    let mut all = UnitCounts {
        features,
        ..UnitCounts::default()
    };
    for (c, chunk) in streams.chunks(UNIT_CHUNK).enumerate() {
        // Each task counts a few documents' units into one part: parts per document would
        // cost more in allocations than the counting itself.
        let parts: Vec<(Vec<Unit>, SparseRows<u32>)> = chunk
            .par_chunks(UNIT_TASK)
            .enumerate()
            .map(|(t, task)| {
                let mut units = Vec::new();
                let mut counts = SparseRows::default();
                let (mut columns, mut sorted) = (Vec::new(), Vec::new());
                for (i, stream) in task.iter().enumerate() {
                    let doc = c * UNIT_CHUNK + t * UNIT_TASK + i;
                    let whole = 0..text_bytes.get(doc).copied().unwrap_or(0);
                    each_unit(&docs[doc], whole, stream, kind, |unit_id, range, tokens| {
                        if tokens.len() >= min_tokens {
                            units.push(Unit::new(doc, unit_id, range));
                            columns.clear();
                            columns.extend(
                                stream.terms[tokens]
                                    .iter()
                                    .map(|&t| column[t as usize])
                                    .filter(|&c| c != u32::MAX),
                            );
                            frequency::push_counts(&mut counts, &columns, &mut sorted);
                        }
                    });
                }
                (units, counts)
            })
            .collect();
        for (units, counts) in parts {
            all.units.extend(units);
            all.counts.append(&counts);
        }
    }
    all
}

/// For each term, the number of units with at least `min_tokens` tokens that hold it. Counted
/// per thread over whole documents, with a mark per term of the last unit that counted it.
fn unit_df(
    docs: &[Document],
    streams: &[DocTokens],
    kind: UnitKind,
    min_tokens: usize,
    n_terms: usize,
) -> Vec<u64> {
    let count = |(mut df, mut mark, mut unit): (Vec<u64>, Vec<u32>, u32), doc: usize| {
        let stream = &streams[doc];
        each_unit(&docs[doc], 0..0, stream, kind, |_, _, tokens| {
            if tokens.len() >= min_tokens {
                unit += 1;
                for &t in &stream.terms[tokens] {
                    if mark[t as usize] != unit {
                        mark[t as usize] = unit;
                        df[t as usize] += 1;
                    }
                }
            }
        });
        (df, mark, unit)
    };
    let empty = || (vec![0u64; n_terms], vec![0u32; n_terms], 0u32);
    (0..streams.len().min(docs.len()))
        .into_par_iter()
        // A few large folds: each holds two arrays the size of the vocabulary.
        .with_min_len(1024)
        .fold(empty, count)
        .map(|(df, ..)| df)
        .reduce(
            || vec![0u64; n_terms],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        )
}

/// Calls `f(unit_id, byte range, token range)` for each unit of a document of the given kind,
/// whatever its number of tokens. `whole` is the range of the whole-document unit.
fn each_unit(
    document: &Document,
    whole: Range<usize>,
    stream: &DocTokens,
    kind: UnitKind,
    mut f: impl FnMut(u32, Range<usize>, Range<usize>),
) {
    let text_units = &document.units;
    match kind {
        UnitKind::Document => f(0, whole, 0..stream.terms.len()),
        UnitKind::Paragraph => {
            for (p, tokens) in text_units.paragraphs().zip(stream.paragraphs()) {
                f(p.unit_id, p.range, tokens);
            }
        }
        UnitKind::Sentence => {
            for (s, tokens) in text_units.sentences().zip(stream.sentences()) {
                f(s.unit_id, s.range, tokens);
            }
        }
    }
}

/// One theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// 1-based, largest theme first.
    pub id: u32,
    /// Units assigned to it.
    pub size: usize,
    /// (term id, c-TF-IDF weight), highest first, at most `top_terms` long.
    pub terms: Vec<(u32, f64)>,
    /// NPMI coherence of its first ten terms (None with fewer than two terms).
    pub coherence: Option<f64>,
    /// Its units most similar to its centre, most similar first.
    pub examples: Vec<Example>,
}

/// A unit shown as an example of its theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub doc: usize,
    pub unit_id: u32,
    /// Byte range of the unit in the document's text.
    pub range: Range<usize>,
    /// Cosine similarity of the unit's vector to the theme's centre.
    pub similarity: f64,
    /// The unit's text (filled in by the pipeline, which holds the texts; empty until then).
    pub text: String,
}

/// A unit's theme and its weight (see the module notes for each method).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub doc: usize,
    pub unit_id: u32,
    pub theme: u32,
    pub weight: f64,
}

/// A document's share of one theme: the mean of its units' shares of it (hard assignments count
/// 1 for the unit's theme and 0 for the others), and its units assigned to it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocShare {
    pub doc: usize,
    pub theme: u32,
    pub share: f64,
    pub units: usize,
}

/// One k tried, with the score it was chosen by.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub k: usize,
    /// `silhouette` (k-means) or `coherence` (NMF and communities).
    pub criterion: &'static str,
    /// None when it cannot be computed (a single theme, or themes of one term).
    pub score: Option<f64>,
    pub chosen: bool,
}

/// The outcome of the theme stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Themes {
    /// `kmeans`, `nmf` or `communities`.
    pub method: &'static str,
    /// k as configured (None for `auto` and for communities).
    pub k_requested: Option<usize>,
    /// k as used.
    pub k: usize,
    /// Units clustered.
    pub units: usize,
    /// Terms describing the units.
    pub features: usize,
    /// k-means: total cosine similarity of units to their centroids; NMF: ‖X − WH‖²;
    /// communities: 0.
    pub objective: f64,
    pub themes: Vec<Theme>,
    /// In unit order.
    pub assignments: Vec<Assignment>,
    /// By document, then theme.
    pub doc_shares: Vec<DocShare>,
    /// By k.
    pub selection: Vec<Selection>,
}

/// A partition of the kept units into k groups.
struct Partition {
    k: usize,
    class: Vec<usize>,
    /// Each unit's weight on its own group.
    weight: Vec<f64>,
    /// Each unit's share of every group (None: hard, 1 for its own group).
    shares: Option<Vec<Vec<f64>>>,
    objective: f64,
}

/// The matrix a clustering works on.
struct Matrix<'a> {
    /// Kept units' indexes into the unit list.
    kept: Vec<usize>,
    /// Their TF-IDF vectors over the feature columns, L2-normalised.
    vectors: Vectors,
    /// Term id of each column.
    features: Vec<u32>,
    units: &'a [Unit],
}

/// Units' TF-IDF vectors, L2-normalised, computed from their counts as they are read, with the
/// arithmetic of [`frequency::tfidf_into`] (so the same values to the bit). On a large corpus
/// the units' counts run to tens of millions of entries; weights held beside them would take
/// twice their memory again.
struct Vectors {
    counts: SparseRows<u32>,
    idf: Vec<f64>,
    sublinear_tf: bool,
    /// The term frequency of the counts below [`SMALL_COUNTS`], looked up instead of computed.
    small_tf: [f64; SMALL_COUNTS],
    /// Each row's L2 norm before normalising; 1 for a row whose weights are all 0 (it stays as
    /// it is).
    norms: Vec<f64>,
}

/// Counts whose term frequency [`Vectors`] looks up: nearly every count in a unit.
const SMALL_COUNTS: usize = 64;

/// One row of [`Vectors`].
#[derive(Clone, Copy)]
struct VectorRow<'a> {
    of: &'a Vectors,
    counts: Row<'a, u32>,
    norm: f64,
}

impl Entries for VectorRow<'_> {
    fn entries(self) -> impl Iterator<Item = (u32, f64)> {
        let (cols, counts) = (self.counts.cols, self.counts.values);
        cols.iter()
            .zip(counts)
            .map(move |(&j, &c)| (j, self.of.tf(c) * self.of.idf[j as usize] / self.norm))
    }
}

impl Vectors {
    fn new(counts: SparseRows<u32>, idf: Vec<f64>, sublinear_tf: bool) -> Vectors {
        let norms = counts
            .par_rows()
            .map(|row| {
                let norm = row
                    .iter()
                    .map(|(j, c)| {
                        let w = frequency::tf(c, sublinear_tf) * idf[j as usize];
                        w * w
                    })
                    .sum::<f64>()
                    .sqrt();
                if norm > 0.0 { norm } else { 1.0 }
            })
            .collect();
        Vectors {
            counts,
            idf,
            sublinear_tf,
            small_tf: std::array::from_fn(|c| frequency::tf(c as u32, sublinear_tf)),
            norms,
        }
    }

    #[inline]
    fn tf(&self, count: u32) -> f64 {
        match self.small_tf.get(count as usize) {
            Some(&tf) => tf,
            None => frequency::tf(count, self.sublinear_tf),
        }
    }

    /// The vectors held as values (for NMF, which reads them by column too).
    fn held(&self) -> SparseRows<f64> {
        let weights = self.counts.par_map_rows(|row, out| {
            frequency::tfidf_into(row, &self.idf, self.sublinear_tf, out);
        });
        self.counts.with_shape_of(weights)
    }
}

impl Weighted for Vectors {
    type Row<'a> = VectorRow<'a>;

    fn count(&self) -> usize {
        self.counts.len()
    }

    fn row_at(&self, i: usize) -> VectorRow<'_> {
        VectorRow {
            of: self,
            counts: self.counts.row(i),
            norm: self.norms[i],
        }
    }
}

/// Finds the themes of `units` (taken, so that the units left without any feature can be
/// dropped from their counts in place). `network` gives the communities for that method.
pub fn themes(
    units: UnitCounts,
    settings: &ThemeSettings,
    tfidf: &FrequencySettings,
    seed: u64,
    network: &Network,
) -> Themes {
    let UnitCounts {
        units,
        counts,
        features,
    } = units;
    let m = matrix(&units, counts, features, tfidf);
    let n = m.vectors.count();
    let mut result = Themes {
        method: match settings.method {
            ThemeMethod::Kmeans => "kmeans",
            ThemeMethod::Nmf => "nmf",
            ThemeMethod::Communities => "communities",
        },
        k_requested: match (settings.method, settings.k) {
            (ThemeMethod::Communities, _) | (_, ThemeCount::Auto) => None,
            (_, ThemeCount::Fixed(k)) => Some(k),
        },
        units: n,
        features: m.features.len(),
        ..Themes::default()
    };
    if n == 0 {
        return result;
    }
    let community = |t: u32| {
        network
            .nodes
            .iter()
            .find(|node| node.term == t)
            .map_or(0, |node| node.community as usize - 1)
    };
    let term_group: Option<Vec<usize>> = (settings.method == ThemeMethod::Communities)
        .then(|| m.features.iter().map(|&t| community(t)).collect());
    let candidates: Vec<usize> = match (settings.method, settings.k) {
        (ThemeMethod::Communities, _) => vec![network.communities],
        (_, ThemeCount::Fixed(k)) => vec![k.min(n)],
        (_, ThemeCount::Auto) => {
            let ks: Vec<usize> = (settings.k_min..=settings.k_max.min(n)).collect();
            if ks.is_empty() { vec![n] } else { ks }
        }
    };
    // NMF reads the vectors by column too: for it they are held.
    let held = match settings.method {
        ThemeMethod::Nmf => m.vectors.held(),
        _ => SparseRows::new(),
    };
    let mut best: Option<(Option<f64>, Partition, Vec<Described>)> = None;
    for k in candidates {
        if k == 0 {
            continue;
        }
        let partition = match settings.method {
            ThemeMethod::Kmeans => {
                let run = kmeans::best_of(
                    &m.vectors,
                    m.features.len(),
                    k,
                    settings.restarts,
                    settings.sample,
                    settings.max_iter,
                    settings.tolerance,
                    seed,
                );
                let weight = m
                    .vectors
                    .par_each_row()
                    .zip(&run.assignment)
                    .map(|(v, &c)| kmeans::dot(v, &run.centroids[c]))
                    .collect();
                Partition {
                    k,
                    class: run.assignment,
                    weight,
                    shares: None,
                    objective: run.objective,
                }
            }
            ThemeMethod::Nmf => {
                let f = nmf::nmf(
                    &held,
                    m.features.len(),
                    k,
                    settings.max_iter,
                    settings.tolerance,
                    seed,
                );
                let mut p = from_scores(k, f.w);
                p.objective = f.error;
                p
            }
            ThemeMethod::Communities => {
                let groups = term_group.as_deref().unwrap_or_default();
                let scores = m
                    .vectors
                    .each_row()
                    .map(|v| {
                        let mut s = vec![0.0; k];
                        for (j, w) in v.entries() {
                            s[groups[j as usize]] += w;
                        }
                        s
                    })
                    .collect();
                from_scores(k, scores)
            }
        };
        let described = describe(&m, &partition, settings, term_group.as_deref());
        let (criterion, score) = match settings.method {
            ThemeMethod::Kmeans => (
                "silhouette",
                quality::silhouette(&m.vectors, &partition.class, k, m.features.len()),
            ),
            _ => {
                let values: Vec<f64> = described.iter().filter_map(|d| d.coherence).collect();
                let mean =
                    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
                ("coherence", mean)
            }
        };
        result.selection.push(Selection {
            k,
            criterion,
            score,
            chosen: false,
        });
        let better = match &best {
            None => true,
            Some((s, ..)) => score.unwrap_or(f64::NEG_INFINITY) > s.unwrap_or(f64::NEG_INFINITY),
        };
        if better {
            best = Some((score, partition, described));
        }
    }
    let Some((_, partition, described)) = best else {
        return result;
    };
    for s in &mut result.selection {
        s.chosen = s.k == partition.k;
    }
    finish(&mut result, &m, partition, described, settings.examples);
    result
}

/// Feature selection: unit document frequency ≥ min_df, then the most frequent max_terms.
fn select_features(
    unit_df: &[u64],
    vocab: &Vocabulary,
    term_count: &[u64],
    settings: &ThemeSettings,
) -> Vec<u32> {
    let mut features: Vec<u32> = (0..vocab.len() as u32)
        .filter(|&t| unit_df[t as usize] >= settings.min_df as u64)
        .collect();
    features.sort_by(|&a, &b| {
        term_count[b as usize]
            .cmp(&term_count[a as usize])
            .then_with(|| {
                vocab.terms[a as usize]
                    .display
                    .cmp(&vocab.terms[b as usize].display)
            })
    });
    features.truncate(settings.max_terms);
    features.sort_unstable();
    features
}

/// The number of rows holding each of `n_cols` columns.
fn column_counts<T: Copy + Send + Sync>(rows: &SparseRows<T>, n_cols: usize) -> Vec<u64> {
    let mut df = vec![0u64; n_cols];
    for &c in rows.cols() {
        df[c as usize] += 1;
    }
    df
}

/// Units' TF-IDF vectors over the features; units left without any feature are not clustered
/// (their rows are dropped in place, with no second copy).
fn matrix<'a>(
    units: &'a [Unit],
    mut counts: SparseRows<u32>,
    features: Vec<u32>,
    tfidf: &FrequencySettings,
) -> Matrix<'a> {
    let kept = counts.retain_columns(Some);
    let df = column_counts(&counts, features.len());
    let idf = frequency::idf(counts.len(), &df, tfidf.smooth_idf);
    Matrix {
        kept,
        vectors: Vectors::new(counts, idf, tfidf.sublinear_tf),
        features,
        units,
    }
}

/// A partition from each unit's non-negative scores: the highest (the first on a tie), its
/// share of the unit's scores as weight. A unit scoring 0 everywhere goes to the first group
/// with weight 0.
fn from_scores(k: usize, scores: Vec<Vec<f64>>) -> Partition {
    let mut class = Vec::with_capacity(scores.len());
    let mut weight = Vec::with_capacity(scores.len());
    let shares: Vec<Vec<f64>> = scores
        .into_iter()
        .map(|row| {
            let mut top = 0;
            for (c, &s) in row.iter().enumerate() {
                if s > row[top] {
                    top = c;
                }
            }
            let total: f64 = row.iter().sum();
            let share: Vec<f64> = if total > 0.0 {
                row.iter().map(|s| s / total).collect()
            } else {
                vec![0.0; row.len()]
            };
            class.push(top);
            weight.push(share[top]);
            share
        })
        .collect();
    Partition {
        k,
        class,
        weight,
        shares: Some(shares),
        objective: 0.0,
    }
}

/// A group's terms and coherence, before themes are numbered.
struct Described {
    terms: Vec<(u32, f64)>,
    coherence: Option<f64>,
}

/// Each group's terms by c-TF-IDF and their coherence. With `term_group`, a group's terms are
/// only its own.
fn describe(
    m: &Matrix,
    p: &Partition,
    settings: &ThemeSettings,
    term_group: Option<&[usize]>,
) -> Vec<Described> {
    let weights = quality::c_tfidf(&m.vectors.counts, &p.class, p.k, m.features.len());
    weights
        .iter()
        .enumerate()
        .map(|(c, w)| {
            let mut columns: Vec<usize> = (0..w.len())
                .filter(|&j| w[j] > 0.0 && term_group.is_none_or(|g| g[j] == c))
                .collect();
            columns.sort_by(|&a, &b| w[b].total_cmp(&w[a]).then(a.cmp(&b)));
            columns.truncate(settings.top_terms);
            Described {
                coherence: quality::coherence(&columns, &m.vectors.counts),
                terms: columns.iter().map(|&j| (m.features[j], w[j])).collect(),
            }
        })
        .collect()
}

/// Numbers the groups by size and fills in themes, assignments, examples and document shares.
fn finish(out: &mut Themes, m: &Matrix, p: Partition, described: Vec<Described>, examples: usize) {
    let k = p.k;
    let mut sizes = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (i, &c) in p.class.iter().enumerate() {
        sizes[c] += 1;
        first[c] = first[c].min(i);
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(first[a].cmp(&first[b])));
    let mut theme_id = vec![0u32; k];
    for (i, &c) in order.iter().enumerate() {
        theme_id[c] = i as u32 + 1;
    }
    // Centres: the normalised sums of the groups' vectors.
    let dim = m.features.len();
    let mut centres = vec![vec![0.0; dim]; k];
    for (v, &c) in m.vectors.each_row().zip(&p.class) {
        for (j, w) in v.entries() {
            centres[c][j as usize] += w;
        }
    }
    for centre in &mut centres {
        let norm = centre.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            centre.iter_mut().for_each(|x| *x /= norm);
        }
    }
    // Each group's `examples` units most similar to its centre (the first on a tie), kept
    // per thread as the units are read in parallel: most similar first, then by unit.
    let before = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let keep_closest = |list: &mut Vec<(usize, f64)>| {
        list.sort_by(before);
        list.truncate(examples);
    };
    let mut closest: Vec<Vec<(usize, f64)>> = m
        .vectors
        .par_each_row()
        .zip(p.class.par_iter())
        .enumerate()
        .fold(
            || vec![Vec::new(); k],
            |mut lists, (i, (v, &c))| {
                lists[c].push((i, kmeans::dot(v, &centres[c])));
                if lists[c].len() > examples.max(32) * 2 {
                    keep_closest(&mut lists[c]);
                }
                lists
            },
        )
        .reduce(
            || vec![Vec::new(); k],
            |mut a, b| {
                for (list, more) in a.iter_mut().zip(b) {
                    list.extend(more);
                    keep_closest(list);
                }
                a
            },
        );
    closest.iter_mut().for_each(keep_closest);
    let mut described: Vec<Option<Described>> = described.into_iter().map(Some).collect();
    out.k = k;
    out.objective = p.objective;
    out.themes = order
        .iter()
        .map(|&c| {
            let d = described[c].take().unwrap_or(Described {
                terms: Vec::new(),
                coherence: None,
            });
            let members = std::mem::take(&mut closest[c]);
            Theme {
                id: theme_id[c],
                size: sizes[c],
                terms: d.terms,
                coherence: d.coherence,
                examples: members
                    .into_iter()
                    .map(|(i, similarity)| {
                        let u = &m.units[m.kept[i]];
                        Example {
                            doc: u.doc(),
                            unit_id: u.unit_id,
                            range: u.range(),
                            similarity,
                            text: String::new(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    out.assignments = m
        .kept
        .iter()
        .zip(&p.class)
        .zip(&p.weight)
        .map(|((&i, &c), &weight)| Assignment {
            doc: m.units[i].doc(),
            unit_id: m.units[i].unit_id,
            theme: theme_id[c],
            weight,
        })
        .collect();
    // Document shares: units are in document order, so each document's units are contiguous.
    let mut start = 0;
    while start < m.kept.len() {
        let doc = m.units[m.kept[start]].doc();
        let end = (start..m.kept.len())
            .find(|&i| m.units[m.kept[i]].doc() != doc)
            .unwrap_or(m.kept.len());
        let count = (end - start) as f64;
        for &c in &order {
            let units = (start..end).filter(|&i| p.class[i] == c).count();
            let share = match &p.shares {
                Some(shares) => (start..end).map(|i| shares[i][c]).sum::<f64>() / count,
                None => units as f64 / count,
            };
            out.doc_shares.push(DocShare {
                doc,
                theme: theme_id[c],
                share,
                units,
            });
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts with a row of one entry, a row holding a count past the looked-up ones, and a
    /// row of several entries.
    fn counts() -> SparseRows<u32> {
        [
            vec![(1, 3)],
            vec![(0, 1), (2, 200)],
            vec![(0, 2), (1, 1), (2, 7), (3, 64)],
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn computed_vectors_are_the_tfidf_weights_to_the_bit() {
        let idf = vec![1.0, 1.7, 2.3, 1.1];
        for sublinear_tf in [false, true] {
            let held = {
                let c = counts();
                let w =
                    c.par_map_rows(|row, out| frequency::tfidf_into(row, &idf, sublinear_tf, out));
                c.with_shape_of(w)
            };
            let vectors = Vectors::new(counts(), idf.clone(), sublinear_tf);
            assert_eq!(vectors.count(), 3);
            assert_eq!(vectors.held(), held);
            for (i, row) in vectors.each_row().enumerate() {
                let computed: Vec<(u32, u64)> =
                    row.entries().map(|(j, w)| (j, w.to_bits())).collect();
                let expected: Vec<(u32, u64)> =
                    held.row(i).iter().map(|(j, w)| (j, w.to_bits())).collect();
                assert_eq!(computed, expected, "row {i}, sublinear_tf {sublinear_tf}");
            }
            // A row of one entry is the unit vector on its column.
            assert_eq!(vectors.row_at(0).entries().collect::<Vec<_>>(), [(1, 1.0)]);
            let norm: f64 = vectors.row_at(2).entries().map(|(_, w)| w * w).sum();
            assert!((norm - 1.0).abs() < 1e-12);
        }
        // With raw counts, row 1 is (1, 200) · (idf 1, 2.3), normalised.
        let vectors = Vectors::new(counts(), idf, false);
        let (a, b) = (1.0, 200.0 * 2.3);
        let n = f64::sqrt(a * a + b * b);
        assert_eq!(
            vectors.row_at(1).entries().collect::<Vec<_>>(),
            [(0, a / n), (2, b / n)]
        );
    }

    #[test]
    fn a_row_of_zero_weights_stays_as_it_is() {
        let rows: SparseRows<u32> = [vec![(0, 2)], vec![(1, 1)]].into_iter().collect();
        let vectors = Vectors::new(rows, vec![0.0, 2.0], false);
        assert_eq!(vectors.row_at(0).entries().collect::<Vec<_>>(), [(0, 0.0)]);
        assert_eq!(vectors.row_at(1).entries().collect::<Vec<_>>(), [(1, 1.0)]);
    }

    #[test]
    fn units_keep_their_document_id_and_range() {
        let unit = Unit::new(170_730, 12, 4_000..4_000_000_000);
        assert_eq!(std::mem::size_of::<Unit>(), 16);
        assert_eq!(unit.doc(), 170_730);
        assert_eq!(unit.unit_id(), 12);
        assert_eq!(unit.range(), 4_000..4_000_000_000);
    }
}
