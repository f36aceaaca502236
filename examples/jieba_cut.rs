//! The floor corpuscope's speed is measured against: jieba-rs `cut` alone on a corpus held in
//! memory.
//!
//! `cargo run --release --example jieba_cut -- DIR [THREADS]` reads every file under DIR into
//! memory (UTF-8, invalid bytes replaced), then cuts each whole text with jieba-rs (default
//! dictionary, HMM on, as corpuscope's default config) on THREADS threads (default: one per
//! core) and prints the time and MB/s of the cutting alone.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use jieba_rs::Jieba;
use rayon::prelude::*;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: jieba_cut DIR [THREADS]");
        return ExitCode::from(2);
    };
    let threads = match args.get(1).map(|t| t.parse::<usize>()) {
        None => 0,
        Some(Ok(t)) => t,
        Some(Err(_)) => {
            eprintln!("THREADS must be a number");
            return ExitCode::from(2);
        }
    };
    let mut paths = Vec::new();
    if let Err(e) = files(Path::new(dir), &mut paths) {
        eprintln!("jieba_cut: {dir}: {e}");
        return ExitCode::FAILURE;
    }
    paths.sort();
    let mut texts = Vec::with_capacity(paths.len());
    for p in &paths {
        match std::fs::read(p) {
            Ok(bytes) => texts.push(String::from_utf8_lossy(&bytes).into_owned()),
            Err(e) => {
                eprintln!("jieba_cut: {}: {e}", p.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("jieba_cut: {e}");
            return ExitCode::FAILURE;
        }
    };
    let jieba = Jieba::new();
    let started = Instant::now();
    let words: usize = pool.install(|| {
        texts
            .par_iter()
            .with_max_len(4)
            .map(|t| jieba.cut(t, true).len())
            .sum()
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "jieba-rs cut: {} files, {:.1} MiB, {words} words in {secs:.2} s on {} threads: {:.1} MB/s",
        texts.len(),
        bytes as f64 / (1024.0 * 1024.0),
        pool.current_num_threads(),
        bytes as f64 / 1e6 / secs
    );
    ExitCode::SUCCESS
}
