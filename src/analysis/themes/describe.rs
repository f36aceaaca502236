//! The description of the themes, after the clustering ([`super::cluster`]): each group's
//! terms ranked by c-TF-IDF and their coherence ([`describe`], for every k tried), then, for
//! the partition kept, the themes numbered by size with their examples (the units most similar
//! to the group's centre), the units' assignments and the documents' shares of each theme
//! ([`finish`]).

use rayon::prelude::*;

use crate::analysis::sparse::{Entries, Weighted};
use crate::analysis::themes::cluster::Partition;
use crate::analysis::themes::vectors::Matrix;
use crate::analysis::themes::{Assignment, DocShare, Example, Theme, Themes, kmeans, quality};
use crate::config::ThemeSettings;

/// A group's terms and coherence, before themes are numbered.
pub(super) struct Described {
    terms: Vec<(u32, f64)>,
    pub(super) coherence: Option<f64>,
}

/// Each group's terms by c-TF-IDF and their coherence. With `term_group`, a group's terms are
/// only its own.
pub(super) fn describe(
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

/// The groups numbered by size, largest first (ties by their first unit).
struct Numbering {
    /// Units in each group.
    sizes: Vec<usize>,
    /// The groups, largest first.
    order: Vec<usize>,
    /// Each group's theme id, from 1.
    theme_id: Vec<u32>,
}

fn numbering(class: &[usize], k: usize) -> Numbering {
    let mut sizes = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (i, &c) in class.iter().enumerate() {
        sizes[c] += 1;
        first[c] = first[c].min(i);
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(first[a].cmp(&first[b])));
    let mut theme_id = vec![0u32; k];
    for (i, &c) in order.iter().enumerate() {
        theme_id[c] = i as u32 + 1;
    }
    Numbering {
        sizes,
        order,
        theme_id,
    }
}

/// Numbers the groups by size and fills in themes, assignments, examples and document shares.
pub(super) fn finish(
    out: &mut Themes,
    m: &Matrix,
    p: Partition,
    described: Vec<Described>,
    examples: usize,
) {
    let Numbering {
        sizes,
        order,
        theme_id,
    } = numbering(&p.class, p.k);
    let centres = centres(m, &p);
    let mut closest = closest(m, &p, &centres, examples);
    let mut described: Vec<Option<Described>> = described.into_iter().map(Some).collect();
    out.k = p.k;
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
                    .map(|(i, similarity)| example(m, i, similarity))
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
            unit_id: m.units[i].unit_id(),
            theme: theme_id[c],
            weight,
        })
        .collect();
    doc_shares(&mut out.doc_shares, m, &p, &order, &theme_id);
}

/// Centres: the normalised sums of the groups' vectors.
fn centres(m: &Matrix, p: &Partition) -> Vec<Vec<f64>> {
    let dim = m.features.len();
    let mut centres = vec![vec![0.0; dim]; p.k];
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
    centres
}

/// Each group's `examples` units most similar to its centre (the first on a tie), as (kept
/// unit, similarity), kept per thread as the units are read in parallel: most similar first,
/// then by unit.
fn closest(
    m: &Matrix,
    p: &Partition,
    centres: &[Vec<f64>],
    examples: usize,
) -> Vec<Vec<(usize, f64)>> {
    let k = p.k;
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
    closest
}

/// Kept unit `i` as an example, its text left for the pipeline to fill in.
fn example(m: &Matrix, i: usize, similarity: f64) -> Example {
    let u = &m.units[m.kept[i]];
    Example {
        doc: u.doc(),
        unit_id: u.unit_id(),
        range: u.range(),
        similarity,
        text: String::new(),
    }
}

/// Each document's share of each theme, by document then theme (in `order`), pushed onto
/// `out`.
fn doc_shares(
    out: &mut Vec<DocShare>,
    m: &Matrix,
    p: &Partition,
    order: &[usize],
    theme_id: &[u32],
) {
    // Units are in document order, so each document's units are contiguous.
    let mut start = 0;
    while start < m.kept.len() {
        let doc = m.units[m.kept[start]].doc();
        let end = (start..m.kept.len())
            .find(|&i| m.units[m.kept[i]].doc() != doc)
            .unwrap_or(m.kept.len());
        let count = (end - start) as f64;
        for &c in order {
            let units = (start..end).filter(|&i| p.class[i] == c).count();
            let share = match &p.shares {
                Some(shares) => (start..end).map(|i| shares[i][c]).sum::<f64>() / count,
                None => units as f64 / count,
            };
            out.push(DocShare {
                doc,
                theme: theme_id[c],
                share,
                units,
            });
        }
        start = end;
    }
}
