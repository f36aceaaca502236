//! Bad input: skipped documents stay in the documents table, other results are unchanged,
//! configuration and path errors name what is wrong and stop before any work.

use corpuscope::Error;
use corpuscope::pipeline;
use corpuscope::progress::Silent;

use crate::hay::FRUIT;
use crate::util::{Corpus, column, leftovers_beside_output, row};

#[test]
fn unusable_files_are_skipped_rows_and_nothing_else_changes() {
    let clean = Corpus::new(FRUIT);
    clean.run(clean.settings());

    let corpus = Corpus::new(FRUIT);
    corpus.write("d_binary.txt", b"PNG\x00\x01\x02 binary");
    corpus.write("f_empty.txt", b"");
    corpus.write("g_blank.md", b"  \n\t\n");
    corpus.write("ignored.docx", b"not read: extension not configured");
    corpus.run(corpus.settings());

    let docs = corpus.table("documents");
    assert_eq!(docs.len() - 1, 6);
    let status = column(&docs, "status");
    assert_eq!(status, ["ok", "ok", "ok", "skipped", "skipped", "skipped"]);
    let reasons = column(&docs, "skip_reason");
    assert_eq!(reasons[3], "binary file (contains NUL bytes)");
    assert_eq!(reasons[4], "empty file");
    assert_eq!(reasons[5], "empty file");
    let skipped = row(&docs, "doc_id", "4");
    assert!(skipped.contains(&("tokens", "0")) && skipped.contains(&("bytes", "13")));

    // The analysed documents' results are those of the clean corpus (n counts analysed ones).
    for table in ["terms", "doc_terms", "keywords"] {
        assert_eq!(corpus.table(table), clean.table(table), "{table} changed");
    }
}

#[test]
fn boilerplate_only_file_is_skipped_with_its_reason() {
    let corpus = Corpus::new(&[
        ("a.txt", "Font Size: a A A\nRelated items\n"),
        ("b.txt", "text here"),
    ]);
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(
        column(&docs, "skip_reason")[0],
        "no text left after removing boilerplate and metadata lines"
    );
}

#[test]
fn missing_input_path_is_an_error_naming_it() {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.input.paths.push(corpus.dir.path().join("nowhere"));
    let err = pipeline::run(&s.validate().unwrap(), &Silent).unwrap_err();
    assert!(matches!(err, Error::Input { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("nowhere") && msg.contains("does not exist"),
        "{msg}"
    );
    assert!(!corpus.output().exists());
}

#[test]
fn output_folder_whose_parent_is_missing_is_an_error_naming_it() {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.output.dir = corpus.dir.path().join("no/such/out");
    let err = pipeline::run(&s.validate().unwrap(), &Silent).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("no/such/out") && msg.contains("parent"),
        "{msg}"
    );
}

#[test]
fn failed_run_leaves_previous_output_intact() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let before = std::fs::read(corpus.output().join("terms.csv")).unwrap();
    let mut s = corpus.settings();
    s.input.paths = vec![corpus.dir.path().join("gone")];
    assert!(pipeline::run(&s.validate().unwrap(), &Silent).is_err());
    assert_eq!(
        std::fs::read(corpus.output().join("terms.csv")).unwrap(),
        before
    );
    // No temporary folder or lock is left beside the output.
    let leftovers = leftovers_beside_output(&corpus);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn files_in_nested_folders_are_read_in_path_order() {
    let corpus = Corpus::new(&[
        ("z/b.txt", "beta"),
        ("a.md", "alpha"),
        ("z/a/c.TXT", "gamma"),
    ]);
    corpus.run(corpus.settings());
    let paths = column(&corpus.table("documents"), "path");
    let tails: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit("in/").next().unwrap())
        .collect();
    assert_eq!(tails, ["a.md", "z/a/c.TXT", "z/b.txt"]);
}
