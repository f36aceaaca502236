//! The content of `run.json` that the run knows before writing: the resolved configuration,
//! the program version, the input files' fingerprint, the versions of the crates that decide
//! results, the input and output counts and the stage timings. The writer adds the
//! tables' row counts, the files' checksums and the peak memory.

use std::time::Duration;

use serde_json::json;

use crate::analysis::Results;
use crate::config::Config;

/// The crates whose versions decide results, as built (read from Cargo.lock by build.rs):
/// jieba-rs segments Chinese, rust-stemmers stems English, polars writes the tables.
const DEPENDENCIES: [(&str, &str); 3] = [
    ("jieba-rs", env!("CORPUSCOPE_VERSION_JIEBA_RS")),
    ("rust-stemmers", env!("CORPUSCOPE_VERSION_RUST_STEMMERS")),
    ("polars", env!("CORPUSCOPE_VERSION_POLARS")),
];

/// The content of `run.json`, less the tables and files the writer adds.
pub(super) fn manifest(
    config: &Config,
    r: &Results,
    elapsed: Duration,
) -> serde_json::Map<String, serde_json::Value> {
    let skipped = r.docs.iter().filter(|d| !d.is_ok()).count();
    let timings: serde_json::Map<String, serde_json::Value> = r
        .timings
        .iter()
        .map(|(stage, d)| (stage.to_string(), json!(d.as_secs_f64())))
        .collect();
    let value = json!({
        "program": "corpuscope",
        "version": env!("CARGO_PKG_VERSION"),
        "config": config.settings,
        "threads": config.threads(),
        "inputs": {
            "files": r.inputs.files,
            "bytes": r.inputs.bytes,
            "digest": r.inputs.digest,
        },
        "dependencies": DEPENDENCIES
            .iter()
            .map(|&(name, version)| (name.to_string(), json!(version)))
            .collect::<serde_json::Map<_, _>>(),
        "counts": {
            "documents": r.docs.len(),
            "analysed": r.freqs.n_docs,
            "skipped": skipped,
            "input_bytes": r.docs.iter().map(|d| d.bytes).sum::<u64>(),
            "passed_over": r.passed_over.iter().map(|(ext, n)| (ext.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "decode_errors": r.docs.iter().map(|d| d.decode_errors).sum::<u64>(),
            "tokens": r.freqs.total_tokens,
            "terms": r.vocab.len(),
            "phrases": r.phrases.iter().filter(|p| p.count > 0).count(),
            "pairs": r.cooccurrence.pairs.len(),
            "cooccurrence_contexts": r.cooccurrence.contexts,
            "network_nodes": r.network.nodes.len(),
            "network_edges": r.network.edges.len(),
            "keyness_groups": r.keyness.groups.len(),
            "trend_periods": r.trends.periods.len(),
            "theme_units": r.themes.units,
            "theme_features": r.themes.features,
            "themes": r.themes.themes.len(),
            "bursts": r.bursts.len(),
        },
        "doc_terms": {
            "rows_all": r.doc_terms.all,
            "rows_kept": r.doc_terms.kept,
            "per_document": r.doc_terms.per_document,
        },
        "network": {
            "modularity": r.network.modularity,
            "communities": r.network.communities,
            "silhouette": r.thematic_map.silhouette,
        },
        "themes": {
            "method": r.themes.method,
            "k_requested": r.themes.k_requested.map_or(json!("auto"), |k| json!(k)),
            "k": r.themes.k,
            "objective": r.themes.objective,
        },
        "timings_seconds": timings,
        "seconds_before_writing": elapsed.as_secs_f64(),
    });
    match value {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}
