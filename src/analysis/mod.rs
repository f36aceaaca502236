//! Analysis: token streams → statistics. Third stage of the flow, after `tokenize` and before
//! `report`; it neither reads nor writes files.
//!
//! - [`frequency`]: sparse document-term counts, term totals, document frequencies, TF-IDF.
//! - [`keywords`]: each document's top terms.
//! - [`cooccurrence`]: term pairs within a window inside sentences, with PMI and NPMI.
//! - [`themes`]: seeded spherical k-means on TF-IDF vectors of paragraphs or documents.

pub mod cooccurrence;
pub mod frequency;
pub mod keywords;
pub mod themes;
