//! The `corpuscope` command: overrides, summary, messages and exit codes.

use std::process::Command;

use crate::hay::{FRUIT, STRENGTHS};
use crate::util::{Corpus, TABLES, column};

fn corpuscope() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corpuscope"))
}

#[test]
fn run_with_overrides_writes_tables_and_prints_a_summary() {
    let corpus = Corpus::new(FRUIT);
    let out = corpus.dir.path().join("elsewhere");
    let output = corpuscope()
        .args(["run", "--quiet", "--threads", "2", "--input"])
        .arg(corpus.input())
        .arg("--output")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("3 documents read (3 analysed, 0 skipped); 9 tokens, 4 terms"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "wrote 20 tables as CSV and Parquet, the network as GraphML, GEXF and VOSviewer files"
        ),
        "{stdout}"
    );
    assert!(out.join("themes.parquet").is_file());
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["threads"], 2);
}

#[test]
fn config_file_is_read_and_bad_values_exit_1_naming_the_key() {
    let corpus = Corpus::new(FRUIT);
    let ok = corpus.run_binary("[keywords]\ntop_n = 1\n");
    assert!(ok.status.success(), "{ok:?}");
    assert_eq!(column(&corpus.table("keywords"), "rank"), ["1", "1", "1"]);

    let config = corpus.dir.path().join("c.toml");
    std::fs::write(&config, "[keywords]\ntop_n = 0\n").unwrap();
    let bad = corpuscope()
        .args(["run", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(
        stderr.trim_end(),
        "corpuscope: error: invalid config value for `keywords.top_n`: 0 is out of range; allowed: an integer from 1 to 10000"
    );

    std::fs::write(&config, "[keyword]\ntop_n = 3\n").unwrap();
    let unknown = corpuscope()
        .args(["run", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.contains("unknown field `keyword`"), "{stderr}");
    assert!(stderr.contains("`keywords`"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = corpuscope().args(["run", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = corpuscope()
        .args(["run", "--threads", "many"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn threads_outside_the_range_is_a_usage_error_naming_the_option_and_the_range() {
    for value in ["-1", "-8", "1025", "many"] {
        let out = corpuscope()
            .args(["run", "--quiet", "--threads", value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--threads {value}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!(
                "error: invalid value '{value}' for '--threads <N>': allowed: an integer from 0 \
                 (one per core) to 1024\n"
            )),
            "--threads {value}: {stderr}"
        );
    }
    // The bounds themselves are accepted (the run then stops on the missing input, exit 1).
    for value in ["0", "1024"] {
        let out = corpuscope()
            .args([
                "run",
                "--quiet",
                "--input",
                "no-such-input",
                "--threads",
                value,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--threads {value}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-input"));
    }
}

#[test]
fn tokenize_places_tokens_in_the_text_as_given() {
    // Runs of spaces, a tab, CRLF line ends and full-width characters that NFKC turns into
    // ASCII: the cleaned text is shorter, the offsets still index the text as given.
    let text = "  Ｐａｒｔｙ   members\tcadres\r\n\r\n群众路线，  ＣＰＣ\r\nmasses\r\n";
    let out = corpuscope().args(["tokenize", text]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("surface\tform\tstem\tlang\tstart_char\tend_char")
    );
    let placed: Vec<(String, usize, usize, String)> = lines
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let (start, end): (usize, usize) = (f[4].parse().unwrap(), f[5].parse().unwrap());
            let written = text.chars().skip(start).take(end - start).collect();
            (f[0].to_string(), start, end, written)
        })
        .collect();
    let want = [
        ("Party", 2, 7, "Ｐａｒｔｙ"),
        ("members", 10, 17, "members"),
        ("cadres", 18, 24, "cadres"),
        ("群众路线", 28, 32, "群众路线"),
        ("CPC", 35, 38, "ＣＰＣ"),
        ("masses", 40, 46, "masses"),
    ];
    let want: Vec<(String, usize, usize, String)> = want
        .iter()
        .map(|&(s, a, b, w)| (s.to_string(), a, b, w.to_string()))
        .collect();
    assert_eq!(placed, want);
}

#[test]
fn missing_config_file_exits_1_naming_it() {
    let out = corpuscope()
        .args(["run", "--config", "no-such-config.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-config.toml"));
}

#[test]
fn default_config_prints_the_shipped_file() {
    let out = corpuscope().arg("default-config").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/default.toml"))
            .unwrap()
    );
}

#[test]
fn kwic_prints_each_occurrence_with_its_context() {
    let corpus = Corpus::new(&[(
        "1.txt",
        "The masses trust cadres. Cadres serve the masses well.\n",
    )]);
    let output = corpuscope()
        .args(["kwic", "mass", "--width", "8", "--input"])
        .arg(corpus.input())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "doc_id\tpath\tunit_id\tleft\tkeyword\tright");
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[1].ends_with("\t1\tThe\tmasses\ttrust ca"), "{stdout}");
    assert!(
        lines[2].ends_with("\t1\terve the\tmasses\twell."),
        "{stdout}"
    );
}

#[test]
fn the_summary_says_when_doc_terms_max_rows_left_rows_out() {
    let corpus = Corpus::new(STRENGTHS);
    let run = |toml: &str| {
        let output = corpus.run_binary(toml);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let stdout = run("[doc_terms]\nmax_rows = 6\n");
    assert!(
        stdout.contains(
            "doc_terms keeps 5 of 9 (document, term) rows: each document's 2 strongest terms by \
             TF-IDF, to stay within doc_terms.max_rows; set doc_terms.parquet_all = true for every \
             row in doc_terms.parquet"
        ),
        "{stdout}"
    );
    let stdout = run("[doc_terms]\nmax_rows = 6\nparquet_all = true\n");
    assert!(
        stdout.contains(
            "doc_terms.csv keeps 5 of 9 (document, term) rows: each document's 2 strongest terms \
             by TF-IDF, to stay within doc_terms.max_rows; doc_terms.parquet holds every row"
        ),
        "{stdout}"
    );
    // Nothing to say when every row fits.
    let stdout = run("[doc_terms]\nmax_rows = 9\n");
    assert!(!stdout.contains("(document, term) rows"), "{stdout}");
}

#[test]
fn a_parquet_file_on_which_the_reader_aborts_is_a_skipped_row() {
    // polars-parquet 0.55 asks for 2^61 bytes reading this file and the allocation failure aborts
    // the process. The fuzz input's first byte chose `.parquet` in the fuzz target; the file is
    // the rest.
    let known = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/known/ingest-parquet-allocation-abort"
    ))
    .expect("the known input");
    let good = [(
        "a.txt",
        "The masses trust cadres. Cadres serve the masses.\n",
    )];
    let clean = Corpus::new(&good);
    let corpus = Corpus::new(&good);
    corpus.write("bad.parquet", &known[1..]);
    let mut stdout = String::new();
    for c in [&clean, &corpus] {
        let output = corpuscope()
            .args(["run", "--quiet", "--input"])
            .arg(c.input())
            .arg("--output")
            .arg(c.output())
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        // The check process's standard error does not reach the user's.
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
        stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    }
    let reason = "the Parquet file is damaged: the reader aborted (memory allocation of \
                  2305843009213693952 bytes failed)";
    assert!(
        stdout.contains("2 documents read (1 analysed, 1 skipped)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("bad.parquet: {reason}")),
        "{stdout}"
    );
    let docs = corpus.table("documents");
    let paths = column(&docs, "path");
    assert!(paths[0].ends_with("/a.txt") && paths[1].ends_with("/bad.parquet"));
    assert_eq!(column(&docs, "status"), ["ok", "skipped"]);
    assert_eq!(column(&docs, "skip_reason"), ["", reason]);
    assert_eq!(column(&docs, "bytes")[1], (known.len() - 1).to_string());
    // The good document's results are those of the run without the damaged file (its path
    // apart: the two runs' folders differ).
    let without_path = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter().map(|r| [&r[..1], &r[2..]].concat()).collect()
    };
    assert_eq!(docs[1][1], paths[0]);
    assert_eq!(
        without_path(&docs[..2]),
        without_path(&clean.table("documents"))
    );
    for table in &TABLES[1..] {
        assert_eq!(corpus.table(table), clean.table(table), "{table} changed");
    }
    // `kwic` reads the inputs the same way.
    let kwic = corpuscope()
        .args(["kwic", "masses", "--input"])
        .arg(corpus.input())
        .output()
        .expect("runs");
    assert!(kwic.status.success(), "{kwic:?}");
    assert_eq!(String::from_utf8_lossy(&kwic.stdout).lines().count(), 3);
}
