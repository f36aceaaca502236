//! Helpers: temporary corpora, configurations pointing at them, and table readers.

use std::path::{Path, PathBuf};

use corpuscope::analysis::Results;
use corpuscope::config::Settings;
use corpuscope::pipeline;
use corpuscope::progress::Silent;
use tempfile::TempDir;

/// The tables a run writes (without the optional `tokens`), in the order written.
pub const TABLES: &[&str] = &[
    "documents",
    "units",
    "terms",
    "phrases",
    "doc_terms",
    "keywords",
    "cooccurrence",
    "network_nodes",
    "network_edges",
    "keyness",
    "trends",
    "kwic",
    "themes",
    "theme_terms",
    "doc_themes",
    "doc_theme_shares",
    "theme_selection",
    "theme_examples",
    "theme_map",
];

/// A temporary folder with `in/` (the corpus) and `out/` (the output folder, not yet made).
pub struct Corpus {
    pub dir: TempDir,
}

impl Corpus {
    pub fn new(files: &[(&str, &str)]) -> Corpus {
        let corpus = Corpus {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        std::fs::create_dir_all(corpus.input()).expect("input folder");
        for (name, text) in files {
            corpus.write(name, text.as_bytes());
        }
        corpus
    }

    pub fn input(&self) -> PathBuf {
        self.dir.path().join("in")
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn write(&self, name: &str, bytes: &[u8]) {
        let path = self.input().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, bytes).expect("write input");
    }

    /// Default settings reading this corpus and writing its output folder.
    pub fn settings(&self) -> Settings {
        let mut s = Settings::builtin_default();
        s.input.paths = vec![self.input()];
        s.output.dir = self.output();
        s
    }

    pub fn analyse(&self, settings: Settings) -> Results {
        pipeline::analyse(&settings.validate().expect("valid config"), &Silent).expect("analysis")
    }

    pub fn run(&self, settings: Settings) {
        pipeline::run(&settings.validate().expect("valid config"), &Silent).expect("run");
    }

    /// Runs the `corpuscope` binary on this corpus into its output folder, with a configuration
    /// file holding `toml`.
    pub fn run_binary(&self, toml: &str) -> std::process::Output {
        let config = self.dir.path().join("c.toml");
        std::fs::write(&config, toml).expect("write config");
        std::process::Command::new(env!("CARGO_BIN_EXE_corpuscope"))
            .args(["run", "-q", "--config"])
            .arg(&config)
            .arg("--input")
            .arg(self.input())
            .arg("--output")
            .arg(self.output())
            .output()
            .expect("corpuscope runs")
    }

    /// Runs the binary as [`Corpus::run_binary`] does, checks that it succeeded, and returns
    /// what it printed on standard output.
    pub fn run_binary_stdout(&self, toml: &str) -> String {
        let out = self.run_binary(toml);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The output folder's `run.json`.
    pub fn run_json(&self) -> serde_json::Value {
        let bytes = std::fs::read(self.output().join("run.json")).expect("run.json");
        serde_json::from_slice(&bytes).expect("run.json is JSON")
    }

    /// Rows of an output CSV table, header first.
    pub fn table(&self, name: &str) -> Vec<Vec<String>> {
        read_csv(&self.output().join(format!("{name}.csv")))
    }
}

/// An output Parquet file, read back with polars.
pub fn read_parquet(path: &Path) -> polars::prelude::DataFrame {
    use polars::prelude::SerReader;
    let file = std::fs::File::open(path).expect("parquet file");
    polars::prelude::ParquetReader::new(file)
        .finish()
        .expect("readable parquet")
}

pub fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("CSV record").iter().map(str::to_string).collect())
        .collect()
}

/// The value of `column` in each data row of a table.
pub fn column(rows: &[Vec<String>], column: &str) -> Vec<String> {
    let i = rows[0]
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

/// The data row whose `key` column equals `value`, as (column, value) pairs.
pub fn row<'a>(rows: &'a [Vec<String>], key: &str, value: &str) -> Vec<(&'a str, &'a str)> {
    let i = rows[0].iter().position(|c| c == key).expect("key column");
    let r = rows[1..]
        .iter()
        .find(|r| r[i] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value}"));
    rows[0]
        .iter()
        .map(String::as_str)
        .zip(r.iter().map(String::as_str))
        .collect()
}

pub fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
}

/// Term id of a displayed term.
pub fn term_id(results: &Results, display: &str) -> u32 {
    results
        .vocab
        .terms
        .iter()
        .position(|t| t.display == display)
        .unwrap_or_else(|| panic!("no term {display}")) as u32
}

/// The data rows of a table as string slices, for comparing whole rows.
pub fn data_rows(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows[1..]
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect()
}

/// Hidden entries (temporary folders, lock files) left beside the output folder.
pub fn leftovers_beside_output(corpus: &Corpus) -> Vec<String> {
    std::fs::read_dir(corpus.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}
