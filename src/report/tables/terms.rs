//! `terms` (one row per term, by rank) and `doc_terms` (one row per document and term, within
//! the `[doc_terms]` limits, or every row in the Parquet file with `doc_terms.parquet_all`).

use std::ops::Range;

use polars::prelude::*;
use rayon::prelude::*;

use super::ColumnType::{F64, Str, U32, U64};
use super::{Builder, TableSpec, col, frame, term, values};
use crate::analysis::Results;

pub(super) const TERMS: TableSpec = TableSpec {
    name: "terms",
    columns: &[
        col("term", Str),
        col("lang", Str),
        col("count", U64),
        col("rel_freq", F64),
        col("doc_freq", U64),
        col("idf", F64),
        col("rank", U32),
        col("stem", Str),
    ],
    build: Builder::Whole(terms),
    build_csv: None,
};

/// `doc_terms` with the rows the limits keep in both files.
const DOC_TERMS: TableSpec = TableSpec {
    name: "doc_terms",
    columns: &[
        col("doc_id", U32),
        col("term", Str),
        col("count", U32),
        col("tf", F64),
        col("tfidf", F64),
    ],
    build: Builder::ByDocuments(doc_terms_kept),
    build_csv: None,
};

/// `doc_terms`; with `parquet_all` (`doc_terms.parquet_all`), every row in the Parquet file
/// and the rows the limits keep in the CSV file.
pub(super) fn doc_terms(parquet_all: bool) -> TableSpec {
    if parquet_all {
        TableSpec {
            build: Builder::ByDocuments(doc_terms_all),
            build_csv: Some(DOC_TERMS.build),
            ..DOC_TERMS
        }
    } else {
        DOC_TERMS
    }
}

/// One row per term, by rank.
fn terms(r: &Results) -> PolarsResult<DataFrame> {
    let f = &r.freqs;
    let total = f.total_tokens.max(1) as f64;
    let ids = &f.ranking;
    let t = |id: &u32| &r.vocab.terms[*id as usize];
    frame(
        TERMS.columns,
        vec![
            values(ids.iter().map(|i| t(i).display.as_str())),
            values(ids.iter().map(|i| t(i).lang.as_str())),
            values(ids.iter().map(|&i| f.term_count[i as usize])),
            values(ids.iter().map(|&i| f.term_count[i as usize] as f64 / total)),
            values(ids.iter().map(|&i| f.doc_freq[i as usize])),
            values(ids.iter().map(|&i| f.idf[i as usize])),
            values(1..=ids.len() as u32),
            values(ids.iter().map(|i| t(i).key.as_str())),
        ],
    )
}

/// The rows the `[doc_terms]` limits keep (see `frequency::doc_term_rows`), by doc_id, then
/// count (highest first), then term.
fn doc_terms_kept(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    doc_term_frame(r, docs, |i| r.doc_terms.rows[i].clone())
}

/// Every (document, term) row with count > 0, whatever the `[doc_terms]` limits (for
/// `doc_terms.parquet`, with `doc_terms.parquet_all`); in the same order.
fn doc_terms_all(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    let f = &r.freqs;
    doc_term_frame(r, docs, |i| {
        f.doc_counts[i]
            .iter()
            .zip(&f.tfidf(i))
            .map(|(&(t, c), &(_, w))| (t, c, w))
            .collect()
    })
}

/// (document, term) rows of the documents `docs`, each document's given by `rows_of` as
/// (term id, count, TF-IDF weight). tf and tfidf are the document's own, over all its terms,
/// whichever rows are kept.
fn doc_term_frame(
    r: &Results,
    docs: Range<usize>,
    rows_of: impl Fn(usize) -> Vec<(u32, u32, f64)> + Sync,
) -> PolarsResult<DataFrame> {
    let f = &r.freqs;
    // Each document's rows, built and ordered in parallel (terms by count, then by their
    // place in the alphabetical order), then laid end to end in document order.
    let per_doc: Vec<Vec<(u32, u32, f64)>> = docs
        .clone()
        .into_par_iter()
        .map(|i| {
            let mut rows = rows_of(i);
            rows.sort_by_key(|&(t, c, _)| (std::cmp::Reverse(c), r.alphabetical[t as usize]));
            rows
        })
        .collect();
    let rows = per_doc.iter().map(Vec::len).sum();
    let mut doc_id = Vec::with_capacity(rows);
    let mut terms = Vec::with_capacity(rows);
    let mut count = Vec::with_capacity(rows);
    let mut tf = Vec::with_capacity(rows);
    let mut tfidf = Vec::with_capacity(rows);
    for ((doc, rows), &tokens) in r.docs[docs.clone()]
        .iter()
        .zip(per_doc)
        .zip(&f.doc_tokens[docs])
    {
        let tokens = tokens.max(1) as f64;
        for (t, c, w) in rows {
            doc_id.push(doc.doc_id);
            terms.push(term(r, t));
            count.push(c);
            tf.push(f64::from(c) / tokens);
            tfidf.push(w);
        }
    }
    frame(
        DOC_TERMS.columns,
        vec![
            values(doc_id),
            values(terms),
            values(count),
            values(tf),
            values(tfidf),
        ],
    )
}
