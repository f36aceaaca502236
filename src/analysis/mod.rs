//! Analysis: token streams → statistics. Third stage of the flow, after `tokenize` and before
//! `report`; it neither reads nor writes files.
//!
//! - [`frequency`]: sparse document-term counts, term totals, document frequencies, TF-IDF.
//! - [`keywords`]: each document's top terms.
//! - [`cooccurrence`]: term pairs in windows, sentences, paragraphs or documents, with every
//!   association measure (PMI, NPMI, G², Jaccard, Dice, Simpson).
//! - [`network`]: the strongest pairs as a network: centralities and Louvain communities.
//! - [`keyness`]: the terms that set each group of documents apart (χ², G², log ratio).
//! - [`trends`]: the top terms' frequencies across periods.
//! - [`kwic`]: keyword-in-context lines.
//! - [`bursts`]: Kleinberg's burst detection of the top terms over years.
//! - [`thematic_map`]: Callon's centrality and density of the network's communities, and the
//!   silhouette of the clustering.
//! - [`results`]: everything a run computes, what the report reads.
//! - [`sparse`]: sparse rows laid end to end, the matrices of the themes stage.
//! - [`themes`]: spherical k-means, NMF or network communities on TF-IDF vectors of documents,
//!   paragraphs or sentences, with c-TF-IDF labels, examples, coherence and the choice of k.

pub mod bursts;
pub mod cooccurrence;
pub mod frequency;
pub mod keyness;
pub mod keywords;
pub mod kwic;
pub mod network;
pub mod results;
pub mod sparse;
pub mod thematic_map;
pub mod themes;
pub mod trends;

pub use results::Results;
