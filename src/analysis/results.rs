//! The results of the analyse phase: everything a run computes, before the write phase turns it
//! into tables. The report reads this and nothing of the pipeline.

use std::sync::Arc;
use std::time::Duration;

use crate::analysis::bursts::Burst;
use crate::analysis::cooccurrence::Cooccurrence;
use crate::analysis::frequency::{DocTermRows, Frequencies};
use crate::analysis::keyness::Keyness;
use crate::analysis::keywords::Keyword;
use crate::analysis::kwic::KwicLine;
use crate::analysis::network::Network;
use crate::analysis::thematic_map::ThematicMap;
use crate::analysis::themes::Themes;
use crate::analysis::trends::Trends;
use crate::ingest::{Document, InputFingerprint};
use crate::storage::SpilledTexts;
use crate::tokenize::{DocTokens, Phrase, Vocabulary};

/// Everything a run computes, before it is turned into tables.
#[derive(Debug, Clone)]
pub struct Results {
    /// The input files found: how many, their bytes, the digest of their list.
    pub inputs: InputFingerprint,
    /// The documents. Their `text` is empty: once the stages that read whole texts are done,
    /// the texts are moved to `texts`.
    pub docs: Vec<Document>,
    /// Files found in the input folders but not read for their extension: (extension, count).
    pub passed_over: Vec<(String, usize)>,
    /// The documents' texts, read back from a temporary file one at a time.
    pub texts: Arc<SpilledTexts>,
    pub vocab: Vocabulary,
    /// Per document: its tokens' sentence and paragraph ends, and (only with `output.tokens`,
    /// for the `tokens` table) their term ids and spans; `freqs` holds the counts.
    pub streams: Vec<DocTokens>,
    /// Phrases merged into single terms.
    pub phrases: Vec<Phrase>,
    /// Per document: share of its letters that are Han characters.
    pub zh_share: Vec<f64>,
    pub freqs: Frequencies,
    /// The `doc_terms` rows kept under the `[doc_terms]` limits.
    pub doc_terms: DocTermRows,
    /// Per document: its keywords.
    pub keywords: Vec<Vec<Keyword>>,
    /// `keywords.method`, as the `keywords` table names it.
    pub keyword_method: &'static str,
    /// `network.measure`.
    pub network_measure: String,
    /// Rank of each term (1 = most frequent).
    pub rank_of: Vec<u32>,
    /// Each term's place in the alphabetical order of the shown terms (equal for equal
    /// spellings), so that rows are ordered by comparing numbers, not strings.
    pub alphabetical: Vec<u32>,
    pub cooccurrence: Cooccurrence,
    pub network: Network,
    pub keyness: Keyness,
    pub trends: Trends,
    pub kwic: Vec<KwicLine>,
    pub themes: Themes,
    /// Kleinberg bursts of the top terms over `bursts.field`, strongest first.
    pub bursts: Vec<Burst>,
    /// Callon's centrality and density of the network's communities, their quadrants, and the
    /// silhouette S of the clustering (the modularity Q is `network.modularity`).
    pub thematic_map: ThematicMap,
    /// (stage, time taken), in order.
    pub timings: Vec<(&'static str, Duration)>,
}
