//! The themes' tables: `themes` (one row per theme), `theme_terms` (its top terms),
//! `doc_themes` (each clustered unit's theme), `doc_theme_shares` (each document's share of
//! each theme), `theme_selection` (each k tried) and `theme_examples` (the units closest to
//! each theme's centre).

use std::ops::Range;

use polars::prelude::*;

use super::ColumnType::{Bool, F64, Str, U32, U64};
use super::{Builder, LABEL_TERMS, LIST_SEPARATOR, TableSpec, col, frame, term, values};
use crate::analysis::Results;
use crate::analysis::themes::Theme;

pub(super) const THEMES: TableSpec = TableSpec {
    name: "themes",
    columns: &[
        col("theme_id", U32),
        col("label", Str),
        col("size", U64),
        col("top_terms", Str),
        col("coherence", F64),
    ],
    build: Builder::Whole(themes),
    build_csv: None,
};

pub(super) const THEME_TERMS: TableSpec = TableSpec {
    name: "theme_terms",
    columns: &[
        col("theme_id", U32),
        col("rank", U32),
        col("term", Str),
        col("weight", F64),
    ],
    build: Builder::Whole(theme_terms),
    build_csv: None,
};

pub(super) const DOC_THEMES: TableSpec = TableSpec {
    name: "doc_themes",
    columns: &[
        col("doc_id", U32),
        col("unit_id", U32),
        col("theme_id", U32),
        col("weight", F64),
    ],
    build: Builder::ByDocuments(doc_themes),
    build_csv: None,
};

pub(super) const DOC_THEME_SHARES: TableSpec = TableSpec {
    name: "doc_theme_shares",
    columns: &[
        col("doc_id", U32),
        col("theme_id", U32),
        col("share", F64),
        col("units", U64),
    ],
    build: Builder::Whole(doc_theme_shares),
    build_csv: None,
};

pub(super) const THEME_SELECTION: TableSpec = TableSpec {
    name: "theme_selection",
    columns: &[
        col("k", U64),
        col("method", Str),
        col("criterion", Str),
        col("score", F64),
        col("chosen", Bool),
    ],
    build: Builder::Whole(theme_selection),
    build_csv: None,
};

pub(super) const THEME_EXAMPLES: TableSpec = TableSpec {
    name: "theme_examples",
    columns: &[
        col("theme_id", U32),
        col("rank", U32),
        col("doc_id", U32),
        col("unit_id", U32),
        col("similarity", F64),
        col("excerpt", Str),
    ],
    build: Builder::Whole(theme_examples),
    build_csv: None,
};

/// One row per theme, by theme_id.
fn themes(r: &Results) -> PolarsResult<DataFrame> {
    let th = &r.themes.themes;
    let join = |n: usize, sep: &str, t: &Theme| {
        t.terms
            .iter()
            .take(n)
            .map(|&(id, _)| term(r, id))
            .collect::<Vec<_>>()
            .join(sep)
    };
    frame(
        THEMES.columns,
        vec![
            values(th.iter().map(|t| t.id)),
            values(th.iter().map(|t| join(LABEL_TERMS, " / ", t))),
            values(th.iter().map(|t| t.size as u64)),
            values(th.iter().map(|t| join(usize::MAX, LIST_SEPARATOR, t))),
            values(th.iter().map(|t| t.coherence)),
        ],
    )
}

/// One row per (theme, rank).
fn theme_terms(r: &Results) -> PolarsResult<DataFrame> {
    let (mut theme_id, mut rank, mut terms, mut weight) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for t in &r.themes.themes {
        for (i, &(id, w)) in t.terms.iter().enumerate() {
            theme_id.push(t.id);
            rank.push(i as u32 + 1);
            terms.push(term(r, id));
            weight.push(w);
        }
    }
    frame(
        THEME_TERMS.columns,
        vec![
            values(theme_id),
            values(rank),
            values(terms),
            values(weight),
        ],
    )
}

/// One row per clustered unit (its theme), by doc_id and unit_id.
fn doc_themes(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    // Assignments are in unit order, so by document.
    let all = &r.themes.assignments;
    let a = &all
        [all.partition_point(|x| x.doc < docs.start)..all.partition_point(|x| x.doc < docs.end)];
    frame(
        DOC_THEMES.columns,
        vec![
            values(a.iter().map(|x| r.docs[x.doc].doc_id)),
            values(a.iter().map(|x| x.unit_id)),
            values(a.iter().map(|x| x.theme)),
            values(a.iter().map(|x| x.weight)),
        ],
    )
}

/// One row per (document, theme) for the documents with clustered units, by doc_id and theme_id.
fn doc_theme_shares(r: &Results) -> PolarsResult<DataFrame> {
    let mut rows: Vec<_> = r.themes.doc_shares.iter().collect();
    rows.sort_by_key(|x| (r.docs[x.doc].doc_id, x.theme));
    frame(
        DOC_THEME_SHARES.columns,
        vec![
            values(rows.iter().map(|x| r.docs[x.doc].doc_id)),
            values(rows.iter().map(|x| x.theme)),
            values(rows.iter().map(|x| x.share)),
            values(rows.iter().map(|x| x.units as u64)),
        ],
    )
}

/// One row per k tried, by k.
fn theme_selection(r: &Results) -> PolarsResult<DataFrame> {
    let s = &r.themes.selection;
    frame(
        THEME_SELECTION.columns,
        vec![
            values(s.iter().map(|x| x.k as u64)),
            values(s.iter().map(|_| r.themes.method)),
            values(s.iter().map(|x| x.criterion)),
            values(s.iter().map(|x| x.score)),
            values(s.iter().map(|x| x.chosen)),
        ],
    )
}

/// Characters of a unit's text shown in `theme_examples`.
const EXCERPT_CHARS: usize = 200;

/// The first `limit` characters of a text with its whitespace squashed to single spaces, with
/// `…` when cut.
pub fn excerpt(text: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut words = text.split_whitespace().peekable();
    let mut chars = 0;
    while let Some(word) = words.next() {
        for c in word.chars() {
            if chars == limit {
                out.push('…');
                return out;
            }
            out.push(c);
            chars += 1;
        }
        if words.peek().is_some() {
            if chars == limit {
                out.push('…');
                return out;
            }
            out.push(' ');
            chars += 1;
        }
    }
    out
}

/// One row per (theme, rank) example unit, by theme_id and rank.
fn theme_examples(r: &Results) -> PolarsResult<DataFrame> {
    let (mut theme_id, mut rank, mut doc_id, mut unit_id, mut similarity, mut text) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for t in &r.themes.themes {
        for (i, e) in t.examples.iter().enumerate() {
            let doc = &r.docs[e.doc];
            theme_id.push(t.id);
            rank.push(i as u32 + 1);
            doc_id.push(doc.doc_id);
            unit_id.push(e.unit_id);
            similarity.push(e.similarity);
            text.push(excerpt(&e.text, EXCERPT_CHARS));
        }
    }
    frame(
        THEME_EXAMPLES.columns,
        vec![
            values(theme_id),
            values(rank),
            values(doc_id),
            values(unit_id),
            values(similarity),
            values(text),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_squashes_whitespace_and_cuts_long_text() {
        assert_eq!(excerpt("  a\n\n b\tc  ", EXCERPT_CHARS), "a b c");
        let long = "字".repeat(250);
        let cut = excerpt(&long, EXCERPT_CHARS);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(
            excerpt(&"x".repeat(EXCERPT_CHARS), EXCERPT_CHARS),
            "x".repeat(EXCERPT_CHARS)
        );
    }
}
