//! The structure ARCHITECTURE.md promises, checked on the source tree: the imports that must
//! never exist (data flows one way: config → ingest → tokenize → analysis → report, `pipeline`
//! wires them), and the size limits that keep files and functions readable. A failure names
//! the file and line.

use std::fs;
use std::path::{Path, PathBuf};

/// (importing module, imported module): an arrow that runs backwards against the flow.
const NEVER: &[(&str, &str)] = &[
    ("config", "ingest"),
    ("config", "tokenize"),
    ("config", "analysis"),
    ("config", "report"),
    ("config", "pipeline"),
    ("config", "storage"),
    ("ingest", "tokenize"),
    ("ingest", "analysis"),
    ("ingest", "report"),
    ("ingest", "pipeline"),
    ("ingest", "storage"),
    ("tokenize", "analysis"),
    ("tokenize", "report"),
    ("tokenize", "pipeline"),
    ("tokenize", "storage"),
    ("analysis", "report"),
    ("analysis", "pipeline"),
    ("report", "pipeline"),
    ("script", "config"),
    ("script", "ingest"),
    ("script", "tokenize"),
    ("script", "analysis"),
    ("script", "report"),
    ("script", "pipeline"),
    ("script", "storage"),
];

const MAX_FILE_LINES: usize = 800;
const MAX_FN_LINES: usize = 100;
const MAX_MAIN_LINES: usize = 150;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module a file belongs to: `src/ingest/decode.rs` → `ingest`, `src/config.rs` →
/// `config`, `src/main.rs` → `main`.
fn top_module(file: &Path) -> String {
    let rel = file.strip_prefix(src()).expect("a file under src/");
    let first = rel.components().next().expect("a path under src/");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

/// The lines of a file before its test module: tests may reach anywhere.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .collect()
}

/// Whether `line` names `crate::<module>` as a path (not a longer module name).
fn names_module(line: &str, module: &str) -> bool {
    let needle = format!("crate::{module}");
    line.match_indices(&needle).any(|(at, _)| {
        let after = line[at + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn relative(file: &Path) -> String {
    file.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(file)
        .display()
        .to_string()
}

#[test]
fn no_import_runs_against_the_flow() {
    let mut found = Vec::new();
    for file in rust_files(&src()) {
        let module = top_module(&file);
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (n, line) in code_lines(&text).iter().enumerate() {
            for &(from, to) in NEVER {
                if module == from && names_module(line, to) {
                    found.push(format!(
                        "{}:{}: {from} imports crate::{to}",
                        relative(&file),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "imports that run against the flow (ARCHITECTURE.md):\n{}",
        found.join("\n")
    );
}

/// The functions of `lines` longer than `MAX_FN_LINES`, as (line, name, length). rustfmt puts a
/// function's closing brace at the indentation of its `fn`.
fn long_functions(lines: &[&str]) -> Vec<(usize, String, usize)> {
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..at];
        let is_fn = before
            .split_whitespace()
            .all(|w| w.starts_with("pub") || matches!(w, "const" | "async" | "unsafe"));
        if !is_fn || line.trim_end().ends_with(';') {
            continue;
        }
        let name: String = trimmed[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = (i + 1..lines.len()).find(|&j| lines[j] == close) {
            let length = end - i + 1;
            if length > MAX_FN_LINES {
                long.push((i + 1, name, length));
            }
        }
    }
    long
}

#[test]
fn files_and_functions_stay_small() {
    let mut found = Vec::new();
    for file in rust_files(&src()) {
        let text = fs::read_to_string(&file).expect("a readable source file");
        let lines = code_lines(&text);
        if lines.len() > MAX_FILE_LINES {
            found.push(format!(
                "{}: {} lines (at most {MAX_FILE_LINES} before its tests)",
                relative(&file),
                lines.len()
            ));
        }
        for (line, name, length) in long_functions(&lines) {
            found.push(format!(
                "{}:{line}: fn {name} is {length} lines (at most {MAX_FN_LINES})",
                relative(&file)
            ));
        }
    }
    let main = fs::read_to_string(src().join("main.rs")).expect("src/main.rs");
    let main_lines = main.lines().count();
    if main_lines > MAX_MAIN_LINES {
        found.push(format!(
            "src/main.rs: {main_lines} lines (at most {MAX_MAIN_LINES}: it only parses the command line)"
        ));
    }
    assert!(found.is_empty(), "too large:\n{}", found.join("\n"));
}

#[test]
fn every_module_says_where_it_sits() {
    let missing: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| relative(&f))
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` module comment:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    assert!(names_module("use crate::tokenize::Lang;", "tokenize"));
    assert!(!names_module("use crate::tokenizer::Lang;", "tokenize"));
    assert!(!names_module("use crate::script::is_han;", "tokenize"));
    let body: Vec<String> = (0..MAX_FN_LINES).map(|_| "    x();".to_string()).collect();
    let long = format!(
        "pub(crate) fn big() {{\n{}\n}}\nfn small() {{\n}}",
        body.join("\n")
    );
    let lines: Vec<&str> = long.lines().collect();
    assert_eq!(
        long_functions(&lines),
        vec![(1, "big".to_string(), MAX_FN_LINES + 2)]
    );
    assert_eq!(
        top_module(&src().join("ingest").join("decode.rs")),
        "ingest"
    );
    assert_eq!(top_module(&src().join("config.rs")), "config");
}
