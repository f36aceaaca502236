//! corpuscope's integration tests, in one binary: tiny corpora written by the tests, whose right
//! answers are worked out by hand or with a reference (scikit-learn, jieba), and the seeds.

mod hay;
mod util;

mod architecture;
mod bad_input;
mod biblio;
mod cli;
mod config;
mod cooccurrence;
mod determinism;
mod frequency;
mod ingest;
mod phrases;
mod properties;
mod report;
mod seeds;
mod themes;
mod tokenize;
