//! The write phase: the report's tables, the network files, `report.html` and `run.json` from
//! the analyse phase's [`Results`], written by [`crate::report`] into the output folder.

use std::time::Duration;

use super::manifest::manifest;
use crate::analysis::Results;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::{self, Written};

/// Writes every table and file of a run; `elapsed` is the time the run took before writing.
pub(super) fn write(config: &Config, results: &Results, elapsed: Duration) -> Result<Written> {
    let out = &config.settings.output.dir;
    let manifest = manifest(config, results, elapsed);
    let output = &config.settings.output;
    let options = report::WriteOptions {
        csv_bom: output.csv_bom,
        xlsx: output.xlsx,
        csv_max_rows: output.csv_max_rows,
    };
    let choice = report::TableChoice {
        tokens: output.tokens,
        doc_terms_parquet_all: config.settings.doc_terms.parquet_all,
    };
    let tables = report::tables(choice)
        .into_iter()
        .map(|spec| report::TableSource {
            name: spec.name,
            parts: Box::new(spec.parts(results).map(move |part| {
                part.map_err(|e| Error::Table {
                    table: spec.name.to_string(),
                    path: out.clone(),
                    message: e.to_string(),
                })
            })),
        });
    report::write_outputs(out, tables, extras(config, results), manifest, options)
}

/// The files beside the tables: the network for Gephi, networkx and VOSviewer, and the report.
fn extras(config: &Config, results: &Results) -> Vec<(String, Vec<u8>)> {
    let mut extras = vec![
        (
            "network.graphml".to_string(),
            report::graph::graphml(results).into_bytes(),
        ),
        (
            "network.gexf".to_string(),
            report::graph::gexf(results).into_bytes(),
        ),
        (
            "vosviewer_map.txt".to_string(),
            report::vosviewer::map_file(results).into_bytes(),
        ),
        (
            "vosviewer_network.txt".to_string(),
            report::vosviewer::network_file(results).into_bytes(),
        ),
    ];
    if config.settings.output.html {
        extras.push((
            "report.html".to_string(),
            report::html::html(results, config.settings.run.seed).into_bytes(),
        ));
    }
    extras
}
