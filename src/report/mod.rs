//! Report: results → tables → files. The last stage of the flow and the only one that writes.
//!
//! [`tables`](mod@tables) turns the results of a run into the tables of the output contract
//! (OUTPUTS.md), rows sorted deterministically; [`write`](mod@write) writes each as CSV and
//! Parquet with polars, plus `run.json` and the network files ([`graph`]), into a temporary
//! folder beside the output folder, and moves them into place only when every file is complete,
//! so a failed run leaves the previous output as it was.

pub mod graph;
pub mod html;
pub mod tables;
pub mod vosviewer;
pub mod write;
pub mod xlsx;

pub use tables::{Table, TableChoice, TableSpec, tables};
pub use write::{TableRows, TableSource, WriteOptions, Written, WrittenFile, write_outputs};
