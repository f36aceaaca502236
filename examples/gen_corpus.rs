//! Writes a generated mixed Chinese/English corpus for benchmarking.
//!
//! `cargo run --release --example gen_corpus -- SIZE_MB DIR [SEED]` writes documents of 2 to
//! 10 KB (about 70% Chinese by bytes) as `DIR/NNN/doc_NNNNNN.txt` until at least SIZE_MB MiB
//! are written. The generator is `benches/support/corpus_gen.rs`, shared with
//! `benches/pipeline.rs`; the same seed gives the same corpus.

mod corpus_gen {
    include!("../benches/support/corpus_gen.rs");
}

use std::path::PathBuf;
use std::process::ExitCode;

use corpus_gen::CorpusGen;

const USAGE: &str = "usage: gen_corpus SIZE_MB DIR [SEED]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 || args.len() > 3 {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let Ok(mb) = args[0].parse::<f64>() else {
        eprintln!("SIZE_MB must be a number\n{USAGE}");
        return ExitCode::from(2);
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 42,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("SEED must be an integer\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let dir = PathBuf::from(&args[1]);
    let result = CorpusGen::from_seeds(&CorpusGen::default_seeds_dir(), seed).and_then(|g| {
        std::fs::create_dir_all(&dir)?;
        g.write_corpus(&dir, (mb * 1024.0 * 1024.0) as u64)
            .map(|stats| (g.pool_sizes(), stats))
    });
    match result {
        Ok(((zh, en), stats)) => {
            println!(
                "{}: {} documents, {} bytes ({:.1} MiB), Chinese share {:.1}% of sentence bytes; pools: {zh} Chinese, {en} English sentences",
                dir.display(),
                stats.documents,
                stats.bytes,
                stats.bytes as f64 / (1024.0 * 1024.0),
                100.0 * stats.zh_share()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
