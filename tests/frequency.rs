//! Frequencies, TF-IDF against scikit-learn, keywords and surface forms, on tiny corpora.

use std::f64::consts::FRAC_1_SQRT_2;

use crate::hay::{FRUIT, MASSES, STRENGTHS, TIE};
use crate::util::{Corpus, assert_close, column, read_parquet, row, term_id};

/// scikit-learn 1.x `TfidfVectorizer(analyzer=lambda d: d)` (1/√2 printed as 0.7071067811865476) on
/// [[apple, banana, apple], [banana, cherry], [cherry, cherry, durian, apple]],
/// columns apple, banana, cherry, durian.
const SKLEARN_DEFAULT: [[f64; 4]; 3] = [
    [0.8944271909999159, 0.4472135954999579, 0.0, 0.0],
    [0.0, FRAC_1_SQRT_2, FRAC_1_SQRT_2, 0.0],
    [
        0.38550292161010064,
        0.0,
        0.7710058432202013,
        0.5068900148458076,
    ],
];
const SKLEARN_SUBLINEAR: [[f64; 4]; 3] = [
    [0.8610369959439763, 0.5085423203783267, 0.0, 0.0],
    [0.0, FRAC_1_SQRT_2, FRAC_1_SQRT_2, 0.0],
    [
        0.4227411097100318,
        0.0,
        0.715762918012323,
        0.5558537571696494,
    ],
];
const SKLEARN_NO_SMOOTH: [[f64; 4]; 3] = [
    [0.894427190999916, 0.447213595499958, 0.0, 0.0],
    [0.0, FRAC_1_SQRT_2, FRAC_1_SQRT_2, 0.0],
    [
        0.37191464234923044,
        0.0,
        0.7438292846984609,
        0.5553354788154815,
    ],
];

fn check_tfidf(sublinear: bool, smooth: bool, want: &[[f64; 4]; 3]) {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.frequency.sublinear_tf = sublinear;
    s.frequency.smooth_idf = smooth;
    let r = corpus.analyse(s);
    let ids: Vec<u32> = ["apple", "banana", "cherry", "durian"]
        .iter()
        .map(|t| term_id(&r, t))
        .collect();
    for (doc, want_row) in want.iter().enumerate() {
        for (col, &w) in want_row.iter().enumerate() {
            // Every row is kept on so small a corpus; the run keeps each kept row's weight
            // (the per-document counts are dropped once the stages that read them are done).
            let got = r.doc_terms.rows[doc]
                .iter()
                .find(|&&(t, _, _)| t == ids[col])
                .map_or(0.0, |&(_, _, w)| w);
            assert!(
                (got - w).abs() < 1e-12,
                "doc {doc} col {col}: got {got}, want {w}"
            );
        }
    }
}

#[test]
fn tfidf_matches_scikit_learn_default() {
    check_tfidf(false, true, &SKLEARN_DEFAULT);
}

#[test]
fn tfidf_matches_scikit_learn_sublinear_tf() {
    check_tfidf(true, true, &SKLEARN_SUBLINEAR);
}

#[test]
fn tfidf_matches_scikit_learn_without_smoothing() {
    check_tfidf(false, false, &SKLEARN_NO_SMOOTH);
}

#[test]
fn terms_table_counts_by_hand() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let terms = corpus.table("terms");
    assert_eq!(
        terms[0],
        [
            "term", "lang", "count", "rel_freq", "doc_freq", "idf", "rank", "stem"
        ]
    );
    // 9 tokens; apple 3 in 2 docs, cherry 3 in 2, banana 2 in 2, durian 1 in 1.
    assert_eq!(
        column(&terms, "term"),
        ["apple", "cherry", "banana", "durian"]
    );
    assert_eq!(column(&terms, "count"), ["3", "3", "2", "1"]);
    assert_eq!(column(&terms, "doc_freq"), ["2", "2", "2", "1"]);
    assert_eq!(column(&terms, "rank"), ["1", "2", "3", "4"]);
    assert_eq!(
        column(&terms, "stem"),
        ["appl", "cherri", "banana", "durian"]
    );
    let rel: Vec<f64> = column(&terms, "rel_freq")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_close(rel[0], 3.0 / 9.0);
    assert_close(rel[3], 1.0 / 9.0);
    let idf: Vec<f64> = column(&terms, "idf")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_close(idf[0], (4.0f64 / 3.0).ln() + 1.0);
    assert_close(idf[3], 2f64.ln() + 1.0);
}

#[test]
fn doc_terms_rows_hold_count_tf_and_tfidf() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let dt = corpus.table("doc_terms");
    assert_eq!(dt[0], ["doc_id", "term", "count", "tf", "tfidf"]);
    // Document 3 (c.txt): cherry 2, apple 1, durian 1 of 4 tokens; rows by count, then term.
    let rows: Vec<&Vec<String>> = dt[1..].iter().filter(|r| r[0] == "3").collect();
    let terms: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(terms, ["cherry", "apple", "durian"]);
    assert_eq!(rows[0][2], "2");
    assert_close(rows[0][3].parse().unwrap(), 0.5);
    assert_close(rows[0][4].parse().unwrap(), SKLEARN_DEFAULT[2][2]);
    assert_eq!(dt.len() - 1, 2 + 2 + 3);
}

#[test]
fn keywords_are_top_tfidf_terms() {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.keywords.top_n = 2;
    corpus.run(s);
    let kw = corpus.table("keywords");
    assert_eq!(kw[0], ["doc_id", "rank", "term", "score", "method"]);
    let got: Vec<(String, String, String)> = kw[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    let want = [
        ("1", "1", "apple"),
        ("1", "2", "banana"),
        // Tie at 1/√2: alphabetical.
        ("2", "1", "banana"),
        ("2", "2", "cherry"),
        ("3", "1", "cherry"),
        ("3", "2", "durian"),
    ];
    assert_eq!(
        got,
        want.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    assert!(column(&kw, "method").iter().all(|m| m == "tfidf"));
}

#[test]
fn stem_is_shown_in_its_most_frequent_surface_form() {
    let corpus = Corpus::new(&[("m.txt", MASSES)]);
    corpus.run(corpus.settings());
    let terms = corpus.table("terms");
    let masses = row(&terms, "term", "masses");
    assert!(masses.contains(&("count", "3")));
    assert!(masses.contains(&("stem", "mass")));
    assert_eq!(column(&terms, "term"), ["masses"]);
}

#[test]
fn documents_table_counts_tokens_and_terms() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(
        docs[0],
        [
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
            "zh_share"
        ]
    );
    assert_eq!(column(&docs, "doc_id"), ["1", "2", "3"]);
    assert_eq!(column(&docs, "tokens"), ["3", "2", "4"]);
    assert_eq!(column(&docs, "unique_terms"), ["2", "2", "3"]);
    assert_eq!(column(&docs, "status"), ["ok", "ok", "ok"]);
    assert_eq!(column(&docs, "title")[1], "Banana, then cherry.");
    assert_eq!(column(&docs, "bytes")[1], "21");
    assert!(column(&docs, "path")[0].ends_with("in/a.txt"));
}

/// (doc_id, term, count) of each `doc_terms` row.
fn doc_term_keys(rows: &[Vec<String>]) -> Vec<(u32, String, u32)> {
    rows[1..]
        .iter()
        .map(|r| (r[0].parse().unwrap(), r[1].clone(), r[2].parse().unwrap()))
        .collect()
}

fn keys(want: &[(u32, &str, u32)]) -> Vec<(u32, String, u32)> {
    want.iter()
        .map(|&(d, t, c)| (d, t.to_string(), c))
        .collect()
}

/// Runs `corpus` with `limit` applied to default settings; returns the `doc_terms` rows, each
/// checked to hold the same tf and tfidf as the unlimited table's row.
fn limited_doc_terms(
    corpus: &Corpus,
    limit: impl FnOnce(&mut corpuscope::config::Settings),
) -> Vec<(u32, String, u32)> {
    corpus.run(corpus.settings());
    let all = corpus.table("doc_terms");
    let mut s = corpus.settings();
    limit(&mut s);
    corpus.run(s);
    let kept = corpus.table("doc_terms");
    assert_eq!(kept[0], all[0]);
    for row in &kept[1..] {
        assert!(
            all[1..].contains(row),
            "{row:?}: tf and tfidf are the document's own"
        );
    }
    doc_term_keys(&kept)
}

#[test]
fn doc_terms_min_count_drops_rarer_terms() {
    let corpus = Corpus::new(FRUIT);
    let rows = limited_doc_terms(&corpus, |s| s.doc_terms.min_count = 2);
    // apple twice in document 1, cherry twice in document 3; document 2 has no such term.
    assert_eq!(rows, keys(&[(1, "apple", 2), (3, "cherry", 2)]));
    let run = corpus.run_json();
    assert_eq!(run["doc_terms"]["rows_all"], 7);
    assert_eq!(run["doc_terms"]["rows_kept"], 2);
    assert!(run["doc_terms"]["per_document"].is_null());
}

#[test]
fn doc_terms_top_n_keeps_each_documents_strongest_terms_by_tfidf() {
    let corpus = Corpus::new(FRUIT);
    // Document 3: cherry 0.771, durian 0.507, apple 0.386 (see SKLEARN_DEFAULT), so apple goes
    // although it ties durian on count and sorts before it. Document 2's banana and cherry tie
    // on TF-IDF and count: banana is met first in the corpus.
    let rows = limited_doc_terms(&corpus, |s| s.doc_terms.top_n = 2);
    assert_eq!(
        rows,
        keys(&[
            (1, "apple", 2),
            (1, "banana", 1),
            (2, "banana", 1),
            (2, "cherry", 1),
            (3, "cherry", 2),
            (3, "durian", 1),
        ])
    );
    let rows = limited_doc_terms(&corpus, |s| s.doc_terms.top_n = 1);
    assert_eq!(
        rows,
        keys(&[(1, "apple", 2), (2, "banana", 1), (3, "cherry", 2)])
    );
}

#[test]
fn doc_terms_ties_on_tfidf_and_count_go_to_the_term_met_first() {
    // Document 1: cherry and banana, once each, both in both documents: equal weights. cherry
    // is met first, so it stays (by name, banana would).
    let corpus = Corpus::new(TIE);
    let rows = limited_doc_terms(&corpus, |s| s.doc_terms.top_n = 1);
    assert_eq!(rows, keys(&[(1, "cherry", 1), (2, "cherry", 2)]));
}

#[test]
fn doc_terms_max_rows_keeps_the_largest_per_document_number_that_fits() {
    let corpus = Corpus::new(STRENGTHS);
    // 5 + 3 + 1 = 9 rows. max_rows = 7: n = 3 gives 3 + 3 + 1 = 7 rows (n = 4 would give 8).
    // Document 1's third term is durian: durian, cherry and banana tie, durian is met first.
    let rows = limited_doc_terms(&corpus, |s| s.doc_terms.max_rows = 7);
    assert_eq!(
        rows,
        keys(&[
            (1, "kiwi", 3),
            (1, "apple", 2),
            (1, "durian", 1),
            (2, "grape", 2),
            (2, "lemon", 1),
            (2, "mango", 1),
            (3, "olive", 1),
        ])
    );
    let run = corpus.run_json();
    assert_eq!(run["doc_terms"]["rows_all"], 9);
    assert_eq!(run["doc_terms"]["rows_kept"], 7);
    assert_eq!(run["doc_terms"]["per_document"], 3);
    // max_rows = 6: n = 3 would give 7, so n = 2 and 2 + 2 + 1 = 5 rows. Document 2's mango
    // and lemon tie; mango is met first.
    let rows = limited_doc_terms(&corpus, |s| s.doc_terms.max_rows = 6);
    assert_eq!(
        rows,
        keys(&[
            (1, "kiwi", 3),
            (1, "apple", 2),
            (2, "grape", 2),
            (2, "mango", 1),
            (3, "olive", 1),
        ])
    );
    // Rows enough for all (and 0: no limit) keep all nine.
    assert_eq!(
        limited_doc_terms(&corpus, |s| s.doc_terms.max_rows = 9).len(),
        9
    );
    assert_eq!(
        limited_doc_terms(&corpus, |s| s.doc_terms.max_rows = 0).len(),
        9
    );
}

#[test]
fn doc_terms_parquet_all_writes_every_row_to_parquet_and_the_kept_ones_to_csv() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let all = corpus.table("doc_terms");
    let mut s = corpus.settings();
    s.doc_terms.top_n = 1;
    s.doc_terms.parquet_all = true;
    corpus.run(s.clone());
    let csv = corpus.table("doc_terms");
    assert_eq!(
        doc_term_keys(&csv),
        keys(&[(1, "apple", 2), (2, "banana", 1), (3, "cherry", 2)])
    );
    let parquet = read_parquet(&corpus.output().join("doc_terms.parquet"));
    assert_eq!(parquet.height(), 7);
    let doc_ids: Vec<u32> = parquet
        .column("doc_id")
        .unwrap()
        .u32()
        .unwrap()
        .into_no_null_iter()
        .collect();
    let terms: Vec<String> = parquet
        .column("term")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|t| t.unwrap_or_default().to_string())
        .collect();
    // Every row, in the unlimited table's order.
    assert_eq!(doc_ids, [1, 1, 2, 2, 3, 3, 3]);
    assert_eq!(terms, column(&all, "term"));
    let run = corpus.run_json();
    assert_eq!(
        run["tables"]["doc_terms"],
        serde_json::json!({"rows": 7, "csv_rows": 3, "csv_cut": false})
    );
    // Without parquet_all, both files hold the kept rows.
    s.doc_terms.parquet_all = false;
    corpus.run(s);
    let parquet = read_parquet(&corpus.output().join("doc_terms.parquet"));
    assert_eq!(parquet.height(), 3);
}

#[test]
fn per_document_counts_are_dropped_unless_every_doc_terms_row_is_written() {
    let corpus = Corpus::new(FRUIT);
    let r = corpus.analyse(corpus.settings());
    // Gone once co-occurrence is counted; what the tables need of them stays.
    assert!(r.freqs.doc_counts.is_empty());
    assert_eq!(r.freqs.unique_terms.len(), r.docs.len());
    assert_eq!(
        r.doc_terms.rows.iter().map(|d| d.len() as u64).sum::<u64>(),
        r.doc_terms.kept
    );
    let mut s = corpus.settings();
    s.doc_terms.parquet_all = true;
    let all = corpus.analyse(s);
    assert_eq!(all.freqs.doc_counts.len(), all.docs.len());
    let unique: Vec<u64> = all
        .freqs
        .doc_counts
        .iter()
        .map(|c| c.len() as u64)
        .collect();
    assert_eq!(unique, all.freqs.unique_terms);
    assert_eq!(unique, r.freqs.unique_terms);
}
