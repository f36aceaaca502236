//! The sample corpus: every table in both formats, known values (byte-identical reruns: determinism.rs).

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::util::{Corpus, TABLES, column, read_parquet, row};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Runs the default configuration on the seeds into a fresh folder.
fn run_seeds(threads: usize) -> Corpus {
    let corpus = Corpus::new(&[]);
    let mut s = corpus.settings();
    s.input.paths = vec![seeds()];
    s.run.threads = threads;
    s.kwic.top_keywords = 5;
    corpus.run(s);
    corpus
}

#[test]
fn seeds_produce_every_table_in_both_formats() {
    let corpus = run_seeds(0);
    for table in TABLES {
        let csv = corpus.table(table);
        assert!(csv.len() > 1, "{table}.csv has no rows");
        let parquet = read_parquet(&corpus.output().join(format!("{table}.parquet")));
        assert_eq!(parquet.height(), csv.len() - 1, "{table}: rows differ");
        let names: Vec<String> = parquet
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(names, csv[0], "{table}: columns differ");
    }
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.output().join("run.json")).expect("run.json"))
            .expect("run.json is JSON");
    assert_eq!(run["counts"]["documents"], 5);
    assert_eq!(run["tables"]["documents"]["rows"], 5);
    // The seeds are small: every (document, term) row is kept and no CSV file is cut.
    assert_eq!(run["doc_terms"]["rows_kept"], run["doc_terms"]["rows_all"]);
    assert!(run["doc_terms"]["per_document"].is_null());
    for table in TABLES {
        let entry = &run["tables"][*table];
        assert_eq!(entry["csv_rows"], entry["rows"], "{table}");
        assert_eq!(entry["csv_cut"], false, "{table}");
    }
    assert_eq!(
        run["files"].as_array().map(Vec::len),
        // The tables above, `bursts` (no rows: the seeds span too few years), the GraphML,
        // GEXF and VOSviewer files, and report.html.
        Some((TABLES.len() + 1) * 2 + 5)
    );
    assert_eq!(run["config"]["themes"]["k"], 4);
    assert!(run["timings_seconds"]["tokenize"].is_number());
}

#[test]
fn parquet_columns_are_typed() {
    let corpus = run_seeds(0);
    let terms = read_parquet(&corpus.output().join("terms.parquet"));
    let dtype = |name: &str| terms.column(name).expect("column").dtype().clone();
    assert_eq!(dtype("term"), DataType::String);
    assert_eq!(dtype("count"), DataType::UInt64);
    assert_eq!(dtype("idf"), DataType::Float64);
    assert_eq!(dtype("rank"), DataType::UInt32);
    // Metadata holding ISO dates is a date column; a missing date is null, an empty CSV cell.
    let docs = read_parquet(&corpus.output().join("documents.parquet"));
    let posted = docs.column("posted_on").expect("posted_on");
    assert_eq!(posted.dtype(), &DataType::Date);
    assert_eq!(posted.null_count(), 2);
    assert_eq!(
        docs.column("subject").expect("subject").dtype(),
        &DataType::String
    );
    let csv = corpus.table("documents");
    assert_eq!(
        column(&csv, "posted_on"),
        ["2024-02-28", "2019-09-03", "", "", "2023-12-02"]
    );
}

#[test]
fn seeds_values() {
    let corpus = run_seeds(0);
    let docs = corpus.table("documents");
    assert_eq!(column(&docs, "status"), ["ok"; 5]);
    assert_eq!(
        column(&docs, "title")[0],
        "Study On The System Of Connecting Party Members And Cadres With The Masses In The New Era"
    );
    let terms = corpus.table("terms");
    // "masses" is the most frequent term, shown in its surface form, stem "mass".
    let top = row(&terms, "rank", "1");
    assert!(top.contains(&("term", "masses")) && top.contains(&("stem", "mass")));
    // The Chinese essay's domain term is one word (user dictionary), and stopwords are gone.
    let zh = column(&terms, "term");
    assert!(zh.contains(&"群众路线".to_string()));
    for stop in ["the", "of", "and", "的", "是"] {
        assert!(!zh.contains(&stop.to_string()), "stopword {stop} is a term");
    }
    // Boilerplate lines are removed before analysis.
    assert!(!zh.contains(&"font".to_string()));
    let th = corpus.table("themes");
    assert_eq!(th.len() - 1, 4);
}

#[test]
fn keyness_by_subject_gives_each_group_its_top_terms() {
    let corpus = run_seeds(0);
    let k = corpus.table("keyness");
    let mut groups = column(&k, "group");
    groups.dedup();
    assert_eq!(
        groups,
        [
            "Marxist theory",
            "Political science",
            "Public administration"
        ]
    );
    // Each group's first key term is over-represented in it, and its target count is the sum
    // of the term's counts in that group's documents (doc_terms).
    let docs = corpus.table("documents");
    let doc_terms = corpus.table("doc_terms");
    for group in &groups {
        let first = k
            .iter()
            .skip(1)
            .find(|r| &r[0] == group)
            .expect("a key term");
        let chi2: f64 = first[6].parse().unwrap();
        assert!(chi2 > 3.84, "{group}: {first:?}");
        let ids: Vec<String> = docs[1..]
            .iter()
            .filter(|r| row(&docs, "doc_id", &r[0]).contains(&("subject", group.as_str())))
            .map(|r| r[0].clone())
            .collect();
        let col = |name: &str| doc_terms[0].iter().position(|c| c == name).unwrap();
        let total: u64 = doc_terms[1..]
            .iter()
            .filter(|r| ids.contains(&r[col("doc_id")]) && r[col("term")] == first[2])
            .map(|r| r[col("count")].parse::<u64>().unwrap())
            .sum();
        assert_eq!(total.to_string(), first[3], "{group}: {first:?}");
    }
    // The Marxist theory thesis is about connecting party members with the masses.
    assert_eq!(column(&k, "term")[0], "party members");
}
