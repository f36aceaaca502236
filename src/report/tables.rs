//! The output tables, built from a run's results. Each table's rows are sorted so that the same
//! input and configuration give the same bytes whatever the thread count.

use std::ops::Range;

use polars::prelude::*;
use rayon::prelude::*;

use crate::analysis::Results;

/// A named table.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    /// Every row: the Parquet file's, and the CSV file's unless `csv` is set.
    pub frame: DataFrame,
    /// The CSV file's rows when the Parquet file holds more (`doc_terms` with
    /// `doc_terms.parquet_all`): the rows the limits keep.
    pub csv: Option<DataFrame>,
}

impl Table {
    /// A table whose CSV and Parquet files hold the same rows.
    pub fn new(name: &'static str, frame: DataFrame) -> Table {
        Table {
            name,
            frame,
            csv: None,
        }
    }

    /// The rows meant for the CSV file (and the workbook), before `output.csv_max_rows`.
    pub fn csv_frame(&self) -> &DataFrame {
        self.csv.as_ref().unwrap_or(&self.frame)
    }
}

/// Separator of list-valued cells (`themes.top_terms`).
pub const LIST_SEPARATOR: &str = "; ";

fn frame(columns: Vec<Column>) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(columns)
}

/// How one table is built from a run's results.
#[derive(Debug, Clone, Copy)]
pub enum Builder {
    /// All of its rows at once.
    Whole(fn(&Results) -> PolarsResult<DataFrame>),
    /// The rows of a range of documents (indexes into the run's documents) at a time: the
    /// table is the parts of consecutive ranges laid end to end. The tables with rows per
    /// document or per unit are built so, and so written part by part, which keeps the memory
    /// they take to a part's, whatever the corpus's size.
    ByDocuments(fn(&Results, Range<usize>) -> PolarsResult<DataFrame>),
}

/// Documents per part of a table built [`Builder::ByDocuments`].
pub const DOCUMENTS_PER_PART: usize = 4096;

/// One table of the output contract: its name, how its rows are built, and how the CSV file's
/// rows are built when the Parquet file holds more (`doc_terms` with `doc_terms.parquet_all`;
/// both built the same way).
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub name: &'static str,
    pub build: Builder,
    pub build_csv: Option<Builder>,
}

impl TableSpec {
    /// Builds the table in parts, in order: one part for a table built whole, one per
    /// [`DOCUMENTS_PER_PART`] documents (at least one) for a table built by documents.
    pub fn parts(self, results: &Results) -> impl Iterator<Item = PolarsResult<Table>> + '_ {
        let n = results.docs.len();
        let ranges: Vec<Range<usize>> = match self.build {
            Builder::Whole(_) => std::iter::once(0..n).collect(),
            Builder::ByDocuments(_) => (0..n.max(1))
                .step_by(DOCUMENTS_PER_PART)
                .map(|start| start..(start + DOCUMENTS_PER_PART).min(n))
                .collect(),
        };
        let build = |b: Builder, range: Range<usize>| match b {
            Builder::Whole(f) => f(results),
            Builder::ByDocuments(f) => f(results, range),
        };
        ranges.into_iter().map(move |range| {
            Ok(Table {
                name: self.name,
                frame: build(self.build, range.clone())?,
                csv: self.build_csv.map(|b| build(b, range)).transpose()?,
            })
        })
    }
}

/// Which tables are written, as the configuration says.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableChoice {
    /// `output.tokens`: the `tokens` table.
    pub tokens: bool,
    /// `doc_terms.parquet_all`: every (document, term) row in `doc_terms.parquet`.
    pub doc_terms_parquet_all: bool,
}

/// Every table of the output contract with its builders, in the order they are written
/// (`tokens` only when `output.tokens` is set). Tables are built one at a time as they are
/// written, so only one is in memory at once.
pub fn tables(choice: TableChoice) -> Vec<TableSpec> {
    let spec = |name: &'static str, build: fn(&Results) -> PolarsResult<DataFrame>| TableSpec {
        name,
        build: Builder::Whole(build),
        build_csv: None,
    };
    let by_documents = |name: &'static str, build| TableSpec {
        name,
        build: Builder::ByDocuments(build),
        build_csv: None,
    };
    let doc_terms = if choice.doc_terms_parquet_all {
        TableSpec {
            name: "doc_terms",
            build: Builder::ByDocuments(doc_terms_all),
            build_csv: Some(Builder::ByDocuments(doc_terms)),
        }
    } else {
        by_documents("doc_terms", doc_terms)
    };
    let mut tables = vec![
        spec("documents", documents),
        by_documents("units", units),
        spec("terms", terms),
        doc_terms,
        spec("phrases", phrases),
        spec("keywords", keywords),
        spec("cooccurrence", cooccurrence),
        spec("network_nodes", network_nodes),
        spec("network_edges", network_edges),
        spec("keyness", keyness),
        spec("trends", trends),
        spec("kwic", kwic),
        spec("themes", themes),
        spec("theme_terms", theme_terms),
        by_documents("doc_themes", doc_themes),
        spec("doc_theme_shares", doc_theme_shares),
        spec("theme_selection", theme_selection),
        spec("theme_examples", theme_examples),
        spec("theme_map", theme_map),
        spec("bursts", bursts),
    ];
    if choice.tokens {
        tables.push(by_documents("tokens", tokens));
    }
    tables
}

fn term(r: &Results, id: u32) -> &str {
    &r.vocab.terms[id as usize].display
}

/// Names of the fixed columns of `documents`; a metadata field with one of these names is
/// written as `meta_<name>`.
const DOCUMENT_COLUMNS: &[&str] = &[
    "doc_id",
    "path",
    "row",
    "title",
    "status",
    "skip_reason",
    "duplicate_of",
    "encoding",
    "decode_errors",
    "bytes",
    "chars",
    "tokens",
    "unique_terms",
    "zh_share",
];

/// The metadata fields of the corpus, in order of first appearance.
pub fn metadata_fields(docs: &[crate::ingest::Document]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for doc in docs {
        for (k, _) in &doc.metadata {
            if !fields.contains(k) {
                fields.push(k.clone());
            }
        }
    }
    fields
}

/// One row per input file or row, skipped ones included, in doc_id order; then one column per
/// metadata field (empty where a document has none).
fn documents(r: &Results) -> PolarsResult<DataFrame> {
    let d = &r.docs;
    let unique = r.freqs.unique_terms.clone();
    let mut columns = vec![
        Column::new(
            "doc_id".into(),
            d.iter().map(|x| x.doc_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "path".into(),
            d.iter().map(|x| x.path.as_str()).collect::<Vec<_>>(),
        ),
        Column::new("row".into(), d.iter().map(|x| x.row).collect::<Vec<_>>()),
        Column::new(
            "title".into(),
            d.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "status".into(),
            d.iter().map(|x| x.status.label()).collect::<Vec<_>>(),
        ),
        Column::new(
            "skip_reason".into(),
            d.iter().map(|x| x.status.reason()).collect::<Vec<_>>(),
        ),
        Column::new(
            "duplicate_of".into(),
            d.iter().map(|x| x.duplicate_of).collect::<Vec<_>>(),
        ),
        Column::new(
            "encoding".into(),
            d.iter().map(|x| x.encoding.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "decode_errors".into(),
            d.iter().map(|x| x.decode_errors).collect::<Vec<_>>(),
        ),
        Column::new(
            "bytes".into(),
            d.iter().map(|x| x.bytes).collect::<Vec<_>>(),
        ),
        Column::new(
            "chars".into(),
            (0..d.len()).map(|i| r.texts.chars(i)).collect::<Vec<_>>(),
        ),
        Column::new("tokens".into(), r.freqs.doc_tokens.clone()),
        Column::new("unique_terms".into(), unique),
        Column::new("zh_share".into(), r.zh_share.clone()),
    ];
    for field in metadata_fields(d) {
        let name = if DOCUMENT_COLUMNS.contains(&field.as_str()) {
            format!("meta_{field}")
        } else {
            field.clone()
        };
        let values: Vec<&str> = d
            .iter()
            .map(|x| {
                x.metadata
                    .iter()
                    .find(|(k, _)| *k == field)
                    .map_or("", |(_, v)| v.as_str())
            })
            .collect();
        columns.push(match date_column(&values) {
            Some(days) => Column::new(name.as_str().into(), days).cast(&DataType::Date)?,
            None => Column::new(name.as_str().into(), values),
        });
    }
    frame(columns)
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (years 1000 to 9999), if it is one.
pub fn iso_date_days(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1000 || !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// A metadata column whose every non-empty value is an ISO date (and which has one) is written
/// as a date column: the days of each value, empty values missing.
fn date_column(values: &[&str]) -> Option<Vec<Option<i32>>> {
    let mut any = false;
    let mut days = Vec::with_capacity(values.len());
    for v in values {
        if v.is_empty() {
            days.push(None);
        } else {
            days.push(Some(iso_date_days(v)?));
            any = true;
        }
    }
    any.then_some(days)
}

/// The texts of the documents `docs`, read back.
fn texts_of(r: &Results, docs: Range<usize>) -> PolarsResult<Vec<String>> {
    docs.map(|i| {
        r.texts
            .text(i)
            .map_err(|e| polars_err!(ComputeError: "{e}"))
    })
    .collect()
}

/// One row per unit of each analysed document: the document itself (unit 0), then each
/// paragraph followed by its sentences, with character offsets into the cleaned text.
fn units(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    let (mut doc_id, mut unit_id, mut kind, mut paragraph) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut start, mut end, mut tokens) = (Vec::new(), Vec::new(), Vec::new());
    let texts = texts_of(r, docs.clone())?;
    for (i, text) in docs.zip(&texts) {
        let (doc, stream) = (&r.docs[i], &r.streams[i]);
        if !doc.is_ok() {
            continue;
        }
        // Byte offset → character offset, walking forward through the text.
        let mut chars = CharOffsets::new(text);
        doc_id.push(doc.doc_id);
        unit_id.push(0u32);
        kind.push("document");
        paragraph.push(None);
        start.push(0u64);
        end.push(r.texts.chars(i));
        tokens.push(r.freqs.doc_tokens[i]);
        let mut sentence_tokens = stream.sentences();
        for ((p, para), para_tokens) in doc.units.paragraphs().enumerate().zip(stream.paragraphs())
        {
            doc_id.push(doc.doc_id);
            unit_id.push(para.unit_id);
            kind.push("paragraph");
            paragraph.push(Some(p as u32 + 1));
            let para_start = chars.at(para.range.start);
            start.push(para_start);
            tokens.push(para_tokens.len() as u64);
            let mut sentence_bounds = Vec::new();
            for sentence in para.sentences() {
                let range = sentence.range;
                sentence_bounds.push((
                    sentence.unit_id,
                    chars.at(range.start),
                    chars.at(range.end),
                ));
            }
            end.push(chars.at(para.range.end));
            for (id, s, e) in sentence_bounds {
                doc_id.push(doc.doc_id);
                unit_id.push(id);
                kind.push("sentence");
                paragraph.push(Some(p as u32 + 1));
                start.push(s);
                end.push(e);
                tokens.push(sentence_tokens.next().map_or(0, |t| t.len() as u64));
            }
        }
    }
    let chars: Vec<u64> = start.iter().zip(&end).map(|(s, e)| e - s).collect();
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("unit_id".into(), unit_id),
        Column::new("kind".into(), kind),
        Column::new("paragraph".into(), paragraph),
        Column::new("start_char".into(), start),
        Column::new("end_char".into(), end),
        Column::new("chars".into(), chars),
        Column::new("tokens".into(), tokens),
    ])
}

/// Converts increasing byte offsets of a text into character offsets.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: u64,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> u64 {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count() as u64;
        self.byte = byte;
        self.chars
    }
}

/// One row per phrase: shipped and user phrases first as listed, then detected ones by score.
fn phrases(r: &Results) -> PolarsResult<DataFrame> {
    let p = &r.phrases;
    frame(vec![
        Column::new(
            "phrase".into(),
            p.iter()
                .map(|x| x.term.map_or(x.text.as_str(), |t| term(r, t)))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "lang".into(),
            p.iter().map(|x| x.lang.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "words".into(),
            p.iter().map(|x| x.words as u32).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            p.iter().map(|x| x.count).collect::<Vec<_>>(),
        ),
        Column::new("npmi".into(), p.iter().map(|x| x.score).collect::<Vec<_>>()),
        Column::new(
            "source".into(),
            p.iter().map(|x| x.source.as_str()).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per token (only when `output.tokens` is set): by doc_id and position.
fn tokens(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    let (mut doc_id, mut unit_id, mut position) = (Vec::new(), Vec::new(), Vec::new());
    let (mut start, mut end, mut surface, mut terms, mut lang) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let texts = texts_of(r, docs.clone())?;
    for ((doc, stream), text) in r.docs[docs.clone()]
        .iter()
        .zip(&r.streams[docs])
        .zip(&texts)
    {
        if stream.spans.len() != stream.terms.len() {
            continue;
        }
        let mut chars = CharOffsets::new(text);
        let sentence_ids: Vec<u32> = doc.units.sentences().map(|s| s.unit_id).collect();
        for (s, range) in stream.sentences().enumerate() {
            for i in range {
                let (b0, b1) = stream.spans[i];
                doc_id.push(doc.doc_id);
                unit_id.push(sentence_ids.get(s).copied().unwrap_or(0));
                position.push(i as u64 + 1);
                start.push(chars.at(b0 as usize));
                end.push(chars.at(b1 as usize));
                surface.push(text.get(b0 as usize..b1 as usize).unwrap_or_default());
                let t = &r.vocab.terms[stream.terms[i] as usize];
                terms.push(t.display.as_str());
                lang.push(t.lang.as_str());
            }
        }
    }
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("unit_id".into(), unit_id),
        Column::new("position".into(), position),
        Column::new("start_char".into(), start),
        Column::new("end_char".into(), end),
        Column::new("surface".into(), surface),
        Column::new("term".into(), terms),
        Column::new("lang".into(), lang),
    ])
}

/// One row per term, by rank.
fn terms(r: &Results) -> PolarsResult<DataFrame> {
    let f = &r.freqs;
    let total = f.total_tokens.max(1) as f64;
    let ids = &f.ranking;
    let t = |id: &u32| &r.vocab.terms[*id as usize];
    frame(vec![
        Column::new(
            "term".into(),
            ids.iter()
                .map(|i| t(i).display.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "lang".into(),
            ids.iter().map(|i| t(i).lang.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            ids.iter()
                .map(|&i| f.term_count[i as usize])
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "rel_freq".into(),
            ids.iter()
                .map(|&i| f.term_count[i as usize] as f64 / total)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "doc_freq".into(),
            ids.iter()
                .map(|&i| f.doc_freq[i as usize])
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "idf".into(),
            ids.iter().map(|&i| f.idf[i as usize]).collect::<Vec<_>>(),
        ),
        Column::new("rank".into(), (1..=ids.len() as u32).collect::<Vec<_>>()),
        Column::new(
            "stem".into(),
            ids.iter().map(|i| t(i).key.as_str()).collect::<Vec<_>>(),
        ),
    ])
}

/// The rows the `[doc_terms]` limits keep (see `frequency::doc_term_rows`), by doc_id, then
/// count (highest first), then term.
fn doc_terms(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
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
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("term".into(), terms),
        Column::new("count".into(), count),
        Column::new("tf".into(), tf),
        Column::new("tfidf".into(), tfidf),
    ])
}

/// One row per (document, rank).
fn keywords(r: &Results) -> PolarsResult<DataFrame> {
    let (mut doc_id, mut rank, mut terms, mut score) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (doc, kws) in r.docs.iter().zip(&r.keywords) {
        for k in kws {
            doc_id.push(doc.doc_id);
            rank.push(k.rank);
            terms.push(term(r, k.term));
            score.push(k.score);
        }
    }
    let n = doc_id.len();
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("rank".into(), rank),
        Column::new("term".into(), terms),
        Column::new("score".into(), score),
        Column::new("method".into(), vec![r.keyword_method; n]),
    ])
}

/// One row per unordered pair: by count (highest first), then by the terms' ranks.
fn cooccurrence(r: &Results) -> PolarsResult<DataFrame> {
    let p = &r.cooccurrence.pairs;
    let f = |get: fn(&crate::analysis::cooccurrence::Pair) -> f64| {
        p.iter().map(get).collect::<Vec<f64>>()
    };
    let u = |get: fn(&crate::analysis::cooccurrence::Pair) -> u64| {
        p.iter().map(get).collect::<Vec<u64>>()
    };
    frame(vec![
        Column::new(
            "term_a".into(),
            p.iter().map(|x| term(r, x.a)).collect::<Vec<_>>(),
        ),
        Column::new(
            "term_b".into(),
            p.iter().map(|x| term(r, x.b)).collect::<Vec<_>>(),
        ),
        Column::new("count".into(), u(|x| x.count)),
        Column::new("contexts".into(), u(|x| x.contexts)),
        Column::new("docs".into(), u(|x| x.docs)),
        Column::new("expected".into(), f(|x| x.expected)),
        Column::new("pmi".into(), f(|x| x.pmi)),
        Column::new("npmi".into(), f(|x| x.npmi)),
        Column::new("g2".into(), f(|x| x.g2)),
        Column::new("jaccard".into(), f(|x| x.jaccard)),
        Column::new("dice".into(), f(|x| x.dice)),
        Column::new("simpson".into(), f(|x| x.simpson)),
        Column::new("association_strength".into(), f(|x| x.association_strength)),
        Column::new("cosine".into(), f(|x| x.cosine)),
    ])
}

/// One row per network node, by the term's rank.
fn network_nodes(r: &Results) -> PolarsResult<DataFrame> {
    let n = &r.network.nodes;
    frame(vec![
        Column::new(
            "term".into(),
            n.iter().map(|x| term(r, x.term)).collect::<Vec<_>>(),
        ),
        Column::new(
            "lang".into(),
            n.iter()
                .map(|x| r.vocab.terms[x.term as usize].lang.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            n.iter()
                .map(|x| r.freqs.term_count[x.term as usize])
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "degree".into(),
            n.iter().map(|x| x.degree).collect::<Vec<_>>(),
        ),
        Column::new(
            "weighted_degree".into(),
            n.iter().map(|x| x.weighted_degree).collect::<Vec<_>>(),
        ),
        Column::new(
            "pagerank".into(),
            n.iter().map(|x| x.pagerank).collect::<Vec<_>>(),
        ),
        Column::new(
            "betweenness".into(),
            n.iter().map(|x| x.betweenness).collect::<Vec<_>>(),
        ),
        Column::new(
            "community".into(),
            n.iter().map(|x| x.community).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per network edge, strongest first.
fn network_edges(r: &Results) -> PolarsResult<DataFrame> {
    let e = &r.network.edges;
    let nodes = &r.network.nodes;
    let pairs = &r.cooccurrence.pairs;
    frame(vec![
        Column::new(
            "source".into(),
            e.iter()
                .map(|x| term(r, nodes[x.source].term))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "target".into(),
            e.iter()
                .map(|x| term(r, nodes[x.target].term))
                .collect::<Vec<_>>(),
        ),
        Column::new("measure".into(), vec![r.network_measure.as_str(); e.len()]),
        Column::new(
            "weight".into(),
            e.iter().map(|x| x.weight).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            e.iter().map(|x| pairs[x.pair].count).collect::<Vec<_>>(),
        ),
        Column::new(
            "same_community".into(),
            e.iter()
                .map(|x| nodes[x.source].community == nodes[x.target].community)
                .collect::<Vec<_>>(),
        ),
    ])
}

/// One row per (group, rank): each group's key terms, groups in sorted order.
fn keyness(r: &Results) -> PolarsResult<DataFrame> {
    let k = &r.keyness;
    let keys = &k.keys;
    frame(vec![
        Column::new(
            "group".into(),
            keys.iter()
                .map(|x| k.groups[x.group].value.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "rank".into(),
            keys.iter().map(|x| x.rank).collect::<Vec<_>>(),
        ),
        Column::new(
            "term".into(),
            keys.iter().map(|x| term(r, x.term)).collect::<Vec<_>>(),
        ),
        Column::new(
            "target_count".into(),
            keys.iter().map(|x| x.target).collect::<Vec<_>>(),
        ),
        Column::new(
            "reference_count".into(),
            keys.iter().map(|x| x.reference).collect::<Vec<_>>(),
        ),
        Column::new(
            "target_tokens".into(),
            keys.iter()
                .map(|x| k.groups[x.group].tokens)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "chi2".into(),
            keys.iter().map(|x| x.chi2).collect::<Vec<_>>(),
        ),
        Column::new(
            "chi2_p".into(),
            keys.iter().map(|x| x.chi2_p).collect::<Vec<_>>(),
        ),
        Column::new("g2".into(), keys.iter().map(|x| x.g2).collect::<Vec<_>>()),
        Column::new(
            "g2_p".into(),
            keys.iter().map(|x| x.g2_p).collect::<Vec<_>>(),
        ),
        Column::new(
            "log_ratio".into(),
            keys.iter().map(|x| x.log_ratio).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per (period, term): periods in order, terms by rank, zeros included.
fn trends(r: &Results) -> PolarsResult<DataFrame> {
    let t = &r.trends;
    let rows = &t.rows;
    let tokens = |p: usize| t.periods[p].tokens;
    let share = |x: &crate::analysis::trends::TrendRow| {
        let n = tokens(x.period);
        if n > 0 {
            x.count as f64 / n as f64
        } else {
            0.0
        }
    };
    frame(vec![
        Column::new(
            "period".into(),
            rows.iter()
                .map(|x| t.periods[x.period].value.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "term".into(),
            rows.iter().map(|x| term(r, x.term)).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            rows.iter().map(|x| x.count).collect::<Vec<_>>(),
        ),
        Column::new(
            "documents".into(),
            rows.iter()
                .map(|x| t.periods[x.period].documents)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "tokens".into(),
            rows.iter().map(|x| tokens(x.period)).collect::<Vec<_>>(),
        ),
        Column::new("share".into(), rows.iter().map(share).collect::<Vec<_>>()),
        Column::new(
            "per_10k".into(),
            rows.iter().map(|x| 10_000.0 * share(x)).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per keyword-in-context line: terms in order of choice, then document and text order.
fn kwic(r: &Results) -> PolarsResult<DataFrame> {
    let k = &r.kwic;
    frame(vec![
        Column::new(
            "term".into(),
            k.iter().map(|x| term(r, x.term)).collect::<Vec<_>>(),
        ),
        Column::new(
            "doc_id".into(),
            k.iter().map(|x| r.docs[x.doc].doc_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "unit_id".into(),
            k.iter().map(|x| x.unit_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "left".into(),
            k.iter().map(|x| x.left.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "keyword".into(),
            k.iter().map(|x| x.keyword.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "right".into(),
            k.iter().map(|x| x.right.as_str()).collect::<Vec<_>>(),
        ),
    ])
}

/// How many of a theme's top terms make its label.
const LABEL_TERMS: usize = 3;

/// One row per theme, by theme_id.
fn themes(r: &Results) -> PolarsResult<DataFrame> {
    let th = &r.themes.themes;
    let join = |n: usize, sep: &str, t: &crate::analysis::themes::Theme| {
        t.terms
            .iter()
            .take(n)
            .map(|&(id, _)| term(r, id))
            .collect::<Vec<_>>()
            .join(sep)
    };
    frame(vec![
        Column::new(
            "theme_id".into(),
            th.iter().map(|t| t.id).collect::<Vec<_>>(),
        ),
        Column::new(
            "label".into(),
            th.iter()
                .map(|t| join(LABEL_TERMS, " / ", t))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "size".into(),
            th.iter().map(|t| t.size as u64).collect::<Vec<_>>(),
        ),
        Column::new(
            "top_terms".into(),
            th.iter()
                .map(|t| join(usize::MAX, LIST_SEPARATOR, t))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "coherence".into(),
            th.iter().map(|t| t.coherence).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per network community: Callon's centrality and density and the quadrant; by
/// community.
fn theme_map(r: &Results) -> PolarsResult<DataFrame> {
    let th = &r.thematic_map.themes;
    let names: Vec<Vec<&str>> = th
        .iter()
        .map(|t| t.terms.iter().map(|&id| term(r, id)).collect())
        .collect();
    frame(vec![
        Column::new(
            "community".into(),
            th.iter().map(|t| t.community).collect::<Vec<_>>(),
        ),
        Column::new(
            "label".into(),
            names
                .iter()
                .map(|n| n[..n.len().min(LABEL_TERMS)].join(" / "))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "size".into(),
            th.iter().map(|t| t.terms.len() as u64).collect::<Vec<_>>(),
        ),
        Column::new(
            "occurrences".into(),
            th.iter().map(|t| t.occurrences).collect::<Vec<_>>(),
        ),
        Column::new(
            "centrality".into(),
            th.iter().map(|t| t.centrality).collect::<Vec<_>>(),
        ),
        Column::new(
            "density".into(),
            th.iter().map(|t| t.density).collect::<Vec<_>>(),
        ),
        Column::new(
            "quadrant".into(),
            th.iter().map(|t| t.quadrant).collect::<Vec<_>>(),
        ),
        Column::new(
            "silhouette".into(),
            th.iter().map(|t| t.silhouette).collect::<Vec<_>>(),
        ),
        Column::new(
            "terms".into(),
            names
                .iter()
                .map(|n| n.join(LIST_SEPARATOR))
                .collect::<Vec<_>>(),
        ),
    ])
}

/// One row per burst, strongest first.
fn bursts(r: &Results) -> PolarsResult<DataFrame> {
    let b = &r.bursts;
    frame(vec![
        Column::new(
            "term".into(),
            b.iter().map(|x| term(r, x.term)).collect::<Vec<_>>(),
        ),
        Column::new(
            "lang".into(),
            b.iter()
                .map(|x| r.vocab.terms[x.term as usize].lang.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "start".into(),
            b.iter().map(|x| x.start).collect::<Vec<_>>(),
        ),
        Column::new("end".into(), b.iter().map(|x| x.end).collect::<Vec<_>>()),
        Column::new(
            "strength".into(),
            b.iter().map(|x| x.strength).collect::<Vec<_>>(),
        ),
        Column::new("docs".into(), b.iter().map(|x| x.docs).collect::<Vec<_>>()),
    ])
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
    frame(vec![
        Column::new("theme_id".into(), theme_id),
        Column::new("rank".into(), rank),
        Column::new("term".into(), terms),
        Column::new("weight".into(), weight),
    ])
}

/// One row per clustered unit (its theme), by doc_id and unit_id.
fn doc_themes(r: &Results, docs: Range<usize>) -> PolarsResult<DataFrame> {
    // Assignments are in unit order, so by document.
    let all = &r.themes.assignments;
    let a = &all
        [all.partition_point(|x| x.doc < docs.start)..all.partition_point(|x| x.doc < docs.end)];
    frame(vec![
        Column::new(
            "doc_id".into(),
            a.iter().map(|x| r.docs[x.doc].doc_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "unit_id".into(),
            a.iter().map(|x| x.unit_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "theme_id".into(),
            a.iter().map(|x| x.theme).collect::<Vec<_>>(),
        ),
        Column::new(
            "weight".into(),
            a.iter().map(|x| x.weight).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per (document, theme) for the documents with clustered units, by doc_id and theme_id.
fn doc_theme_shares(r: &Results) -> PolarsResult<DataFrame> {
    let mut rows: Vec<_> = r.themes.doc_shares.iter().collect();
    rows.sort_by_key(|x| (r.docs[x.doc].doc_id, x.theme));
    frame(vec![
        Column::new(
            "doc_id".into(),
            rows.iter()
                .map(|x| r.docs[x.doc].doc_id)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "theme_id".into(),
            rows.iter().map(|x| x.theme).collect::<Vec<_>>(),
        ),
        Column::new(
            "share".into(),
            rows.iter().map(|x| x.share).collect::<Vec<_>>(),
        ),
        Column::new(
            "units".into(),
            rows.iter().map(|x| x.units as u64).collect::<Vec<_>>(),
        ),
    ])
}

/// One row per k tried, by k.
fn theme_selection(r: &Results) -> PolarsResult<DataFrame> {
    let s = &r.themes.selection;
    frame(vec![
        Column::new("k".into(), s.iter().map(|x| x.k as u64).collect::<Vec<_>>()),
        Column::new(
            "method".into(),
            s.iter().map(|_| r.themes.method).collect::<Vec<_>>(),
        ),
        Column::new(
            "criterion".into(),
            s.iter().map(|x| x.criterion).collect::<Vec<_>>(),
        ),
        Column::new(
            "score".into(),
            s.iter().map(|x| x.score).collect::<Vec<_>>(),
        ),
        Column::new(
            "chosen".into(),
            s.iter().map(|x| x.chosen).collect::<Vec<_>>(),
        ),
    ])
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
    frame(vec![
        Column::new("theme_id".into(), theme_id),
        Column::new("rank".into(), rank),
        Column::new("doc_id".into(), doc_id),
        Column::new("unit_id".into(), unit_id),
        Column::new("similarity".into(), similarity),
        Column::new("excerpt".into(), text),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_to_days() {
        assert_eq!(iso_date_days("1970-01-01"), Some(0));
        assert_eq!(iso_date_days("1970-01-02"), Some(1));
        assert_eq!(iso_date_days("2000-03-01"), Some(11_017));
        assert_eq!(iso_date_days("2024-02-29"), Some(19_782));
        assert_eq!(iso_date_days("2023-02-29"), None);
        assert_eq!(iso_date_days("1900-02-29"), None);
        assert_eq!(iso_date_days("2024-13-01"), None);
        assert_eq!(iso_date_days("2024-1-01"), None);
        assert_eq!(iso_date_days("２０２４-01-01"), None);
        assert_eq!(iso_date_days("2024-02-28 "), None);
    }

    #[test]
    fn a_column_of_dates_and_blanks_is_a_date_column() {
        assert_eq!(
            date_column(&["2024-02-28", "", "1970-01-01"]),
            Some(vec![Some(19_781), None, Some(0)])
        );
        assert_eq!(date_column(&["", ""]), None);
        assert_eq!(date_column(&["2024-02-28", "soon"]), None);
    }

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
