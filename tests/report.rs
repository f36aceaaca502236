//! Writing: byte-order mark, the lock on the output folder, a run failing halfway, run.json.

use std::collections::BTreeMap;
use std::process::Command;

use crate::hay::FRUIT;
use crate::util::{Corpus, TABLES, data_rows, leftovers_beside_output, read_parquet};

/// Every file of a folder with its bytes.
fn snapshot(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn csv_bom_is_written_when_asked() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let plain = std::fs::read(corpus.output().join("terms.csv")).unwrap();
    assert!(plain.starts_with(b"term,"));
    let mut s = corpus.settings();
    s.output.csv_bom = true;
    corpus.run(s);
    let bom = std::fs::read(corpus.output().join("terms.csv")).unwrap();
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom[3..], &plain[..]);
}

#[test]
fn a_run_failing_halfway_leaves_the_earlier_output_byte_identical() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let before = snapshot(&corpus.output());
    // Different input, so a completed run would change the files.
    corpus.write("d.txt", b"Durian durian elderberry.");
    let out = Command::new(env!("CARGO_BIN_EXE_corpuscope"))
        .args(["run", "-q", "--input"])
        .arg(corpus.input())
        .arg("--output")
        .arg(corpus.output())
        .env("CORPUSCOPE_TEST_FAIL_AFTER", "doc_terms")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write table `doc_terms`"),
        "{stderr}"
    );
    assert_eq!(snapshot(&corpus.output()), before);
    let leftovers = leftovers_beside_output(&corpus);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_run_on_the_same_output_is_refused_while_the_first_holds_it() {
    let corpus = Corpus::new(FRUIT);
    let lock = corpus.dir.path().join(".out.corpuscope-lock");
    // A live process (this test) holds the folder.
    std::fs::write(&lock, format!("{}\n", std::process::id())).unwrap();
    let s = corpus.settings();
    let err = corpuscope::pipeline::run(
        &s.clone().validate().unwrap(),
        &corpuscope::progress::Silent,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("another corpuscope run") && err.contains(".out.corpuscope-lock"),
        "{err}"
    );
    assert!(!corpus.output().exists());
    // A lock left by a process that is gone is taken over, and removed after the run; so is a
    // temporary folder left by a killed run.
    std::fs::write(&lock, "4294967\n").unwrap();
    std::fs::create_dir(corpus.dir.path().join(".out.corpuscope-tmp-4294967")).unwrap();
    corpus.run(s);
    assert!(corpus.output().join("terms.csv").is_file());
    assert!(!lock.exists());
    assert!(
        !corpus
            .dir
            .path()
            .join(".out.corpuscope-tmp-4294967")
            .exists()
    );
}

#[test]
fn run_json_records_counts_timings_memory_and_checksums() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.output().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["program"], "corpuscope");
    assert_eq!(run["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["counts"]["tokens"], 9);
    assert_eq!(run["tables"]["terms"]["rows"], 4);
    assert_eq!(run["tables"]["terms"]["csv_rows"], 4);
    assert_eq!(run["tables"]["terms"]["csv_cut"], false);
    assert!(run["peak_memory_bytes"].as_u64().unwrap_or(0) > 1_000_000);
    for stage in [
        "ingest",
        "tokenize",
        "term_counts",
        "keywords_keyness_trends",
        "kwic",
        "cooccurrence",
        "themes",
        "report",
    ] {
        assert!(run["timings_seconds"][stage].is_number(), "{stage}");
    }
    let terms = run["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "terms.csv")
        .unwrap();
    let bytes = std::fs::read(corpus.output().join("terms.csv")).unwrap();
    assert_eq!(terms["bytes"], bytes.len());
    let sha = terms["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    // Same input, same bytes, same checksum.
    corpus.run(corpus.settings());
    let again: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.output().join("run.json")).unwrap()).unwrap();
    assert_eq!(again["files"], run["files"]);
}

/// Sets a file's modification time to `secs` seconds and `nanos` after 1970-01-01 UTC.
fn set_mtime(path: &std::path::Path, secs: u64, nanos: u32) {
    let time = std::time::UNIX_EPOCH + std::time::Duration::new(secs, nanos);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// The version of `name` in Cargo.lock.
fn locked_version(name: &str) -> String {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let block = lock
        .split("[[package]]")
        .find(|b| b.contains(&format!("name = \"{name}\"\n")))
        .unwrap_or_else(|| panic!("{name} is not locked"));
    let line = block.lines().find(|l| l.starts_with("version = ")).unwrap();
    line.trim_start_matches("version = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn run_json_records_the_input_files_and_the_dependency_versions() {
    use sha2::{Digest, Sha256};
    let corpus = Corpus::new(&[
        ("a.txt", "Apple banana."),
        ("sub/b.md", "Cherry pie."),
        ("skip.pages", "not an input"),
    ]);
    let (a, b) = (
        corpus.input().join("a.txt"),
        corpus.input().join("sub/b.md"),
    );
    set_mtime(&a, 1_700_000_000, 123);
    set_mtime(&b, 1_600_000_000, 0);
    let run_with = |threads: usize| {
        let mut s = corpus.settings();
        s.run.threads = threads;
        corpus.run(s);
        corpus.run_json()
    };
    let run = run_with(1);
    // Two files (the .pages file is not an input), 13 + 11 bytes.
    assert_eq!(run["inputs"]["files"], 2);
    assert_eq!(run["inputs"]["bytes"], 24);
    // The digest of the list `path NUL size NUL mtime-in-nanoseconds LF`, in path order, the
    // paths as the documents table shows them.
    let paths = crate::util::column(&corpus.table("documents"), "path");
    let list = format!(
        "{}\0{}\0{}\n{}\0{}\0{}\n",
        paths[0], 13, 1_700_000_000_000_000_123u64, paths[1], 11, 1_600_000_000_000_000_000u64
    );
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.md"),
        "{paths:?}"
    );
    let digest = format!("{:x}", Sha256::digest(list.as_bytes()));
    assert_eq!(run["inputs"]["digest"], digest.as_str());
    // The thread count does not change it.
    assert_eq!(run_with(4)["inputs"], run["inputs"]);
    // A new modification time does, and so does new content.
    set_mtime(&b, 1_600_000_001, 0);
    let touched = run_with(1);
    assert_eq!(touched["inputs"]["bytes"], 24);
    assert_ne!(touched["inputs"]["digest"], run["inputs"]["digest"]);
    std::fs::write(&a, "Apple banana, apple.").unwrap();
    set_mtime(&a, 1_700_000_000, 123);
    let edited = run_with(1);
    assert_eq!(edited["inputs"]["bytes"], 31);
    assert_ne!(edited["inputs"]["digest"], touched["inputs"]["digest"]);
    assert_ne!(edited["inputs"]["digest"], run["inputs"]["digest"]);
    // The versions of the crates that decide results, as Cargo.lock locks them.
    for name in ["jieba-rs", "rust-stemmers", "polars"] {
        assert_eq!(
            run["dependencies"][name],
            locked_version(name).as_str(),
            "{name}"
        );
    }
}

#[test]
fn xlsx_workbook_has_a_sheet_per_table_and_is_the_same_each_run() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    assert!(!corpus.output().join("report.xlsx").exists());
    let mut s = corpus.settings();
    s.output.xlsx = true;
    corpus.run(s.clone());
    let path = corpus.output().join("report.xlsx");
    let first = std::fs::read(&path).expect("report.xlsx");
    assert!(first.starts_with(b"PK"), "a zip container");
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.output().join("run.json")).unwrap()).unwrap();
    let names: Vec<&str> = run["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(names.contains(&"report.xlsx"), "{names:?}");
    // Byte-identical on a rerun: the creation time is fixed.
    corpus.run(s.clone());
    assert!(std::fs::read(&path).unwrap() == first);
    // Switched off again, the earlier workbook goes; a file of the user's stays.
    std::fs::write(corpus.output().join("notes.txt"), "mine").unwrap();
    s.output.xlsx = false;
    corpus.run(s);
    assert!(!path.exists());
    assert!(corpus.output().join("notes.txt").exists());
}

#[test]
fn report_html_is_self_contained_and_lists_what_a_reader_needs() {
    let corpus = Corpus::new(FRUIT);
    corpus.write("empty.txt", b"");
    corpus.write(
        "zh.txt",
        "群众路线是党的生命线。群众路线要坚持。\n".as_bytes(),
    );
    let mut s = corpus.settings();
    s.cooccurrence.min_count = 1;
    s.themes.min_unit_tokens = 1;
    corpus.run(s.clone());
    let html = std::fs::read_to_string(corpus.output().join("report.html")).expect("report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing is loaded from elsewhere: no scripts, links, images or CSS imports.
    for needle in [
        "<script", "<link", "<img", "src=", "href=", "@import", "url(",
    ] {
        assert!(!html.contains(needle), "report.html holds {needle}");
    }
    // Chinese renders with a CJK font-family fallback.
    assert!(html.contains("\"Noto Sans CJK SC\""));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    // The corpus summary, the charts per language, the network, themes, skipped documents.
    assert!(
        html.contains("<tr><th>documents read</th><td>5</td></tr>"),
        "{html}"
    );
    assert!(html.contains("Chinese: top"));
    assert!(html.contains(">群众路线</text>"));
    assert!(html.contains("English: top"));
    assert!(html.contains("aria-label=\"co-occurrence network\""));
    assert!(html.contains("modularity Q "));
    assert!(html.contains("silhouette S "));
    assert!(html.contains("<h3>Theme 1: "));
    assert!(html.contains("<h2>Skipped documents (1)</h2>"));
    assert!(
        html.contains("/in/empty.txt</td><td>empty file</td>"),
        "{html}"
    );
    // The same page for another thread count.
    s.run.threads = 1;
    corpus.run(s.clone());
    let again = std::fs::read_to_string(corpus.output().join("report.html")).unwrap();
    assert!(again == html);
    // And none when switched off.
    s.output.html = false;
    corpus.run(s);
    assert!(!corpus.output().join("report.html").exists());
}

#[test]
fn csv_max_rows_cuts_long_csv_files_while_parquet_keeps_every_row() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let whole_terms = corpus.table("terms");
    let out = corpus.run_binary("[output]\ncsv_max_rows = 2\n");
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let run = corpus.run_json();
    // terms: 4 rows, the first 2 in the CSV file (header and 2 rows), all 4 in Parquet.
    assert_eq!(
        run["tables"]["terms"],
        serde_json::json!({"rows": 4, "csv_rows": 2, "csv_cut": true})
    );
    let terms = corpus.table("terms");
    assert_eq!(terms.len(), 3);
    assert_eq!(data_rows(&terms), data_rows(&whole_terms)[..2]);
    assert!(stderr.contains(
        "corpuscope: warning: terms.csv was cut after 2 of its 4 rows (output.csv_max_rows); \
         terms.parquet holds every row"
    ));
    assert!(stderr.contains("corpuscope: warning: doc_terms.csv was cut after 2 of its 7 rows"));
    // Every table: the CSV file holds min(rows, 2) rows, the Parquet file all of them, and only
    // the cut ones are named.
    let mut cut = 0;
    for table in TABLES {
        let entry = &run["tables"][*table];
        let rows = entry["rows"].as_u64().unwrap();
        assert_eq!(entry["csv_rows"].as_u64(), Some(rows.min(2)), "{table}");
        assert_eq!(entry["csv_cut"].as_bool(), Some(rows > 2), "{table}");
        assert_eq!(corpus.table(table).len() as u64 - 1, rows.min(2), "{table}");
        let parquet = read_parquet(&corpus.output().join(format!("{table}.parquet")));
        assert_eq!(parquet.height() as u64, rows, "{table}");
        let warned = stderr.contains(&format!("warning: {table}.csv was cut"));
        assert_eq!(warned, rows > 2, "{table}: {stderr}");
        cut += usize::from(rows > 2);
    }
    assert!(cut >= 4, "{cut} tables cut");
    // The summary still goes to standard output.
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 20 tables"));
}

/// A table's columns as (name, type), types as OUTPUTS.md writes them.
type Columns = Vec<(String, String)>;

/// The tables OUTPUTS.md documents, sorted by name: each `## <table> — …` section's
/// `| column | type | meaning |` rows. A row naming two columns (`start_char`, `end_char`) gives
/// both, in order; a type's `?` (the column can be null) is left out, and so is the *metadata*
/// row of `documents` (its columns depend on the corpus).
fn documented_tables(text: &str) -> Vec<(String, Columns)> {
    let mut tables: BTreeMap<String, Columns> = BTreeMap::new();
    let mut section = String::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.split(" — ").next().unwrap_or_default().to_string();
        } else if line.starts_with("| `") {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let ty = cells[2].trim_end_matches('?');
            for name in cells[1].split(", ") {
                tables
                    .entry(section.clone())
                    .or_default()
                    .push((name.trim_matches('`').to_string(), ty.to_string()));
            }
        }
    }
    tables.into_iter().collect()
}

#[test]
fn every_table_declares_the_columns_outputs_md_documents() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/OUTPUTS.md");
    let documented = documented_tables(&std::fs::read_to_string(path).unwrap());
    assert!(documented.len() >= 20, "{documented:?}");
    let choice = corpuscope::report::TableChoice {
        tokens: true,
        ..Default::default()
    };
    let mut declared: Vec<(String, Columns)> = corpuscope::report::tables(choice)
        .iter()
        .map(|t| {
            let columns = t.columns.iter();
            let columns = columns.map(|c| (c.name.to_string(), c.ty.name().to_string()));
            (t.name.to_string(), columns.collect())
        })
        .collect();
    declared.sort();
    assert_eq!(declared, documented);
}
