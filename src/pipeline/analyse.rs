//! The analyse phase: functions from the reduced corpus (documents, vocabulary, token streams)
//! to the statistics the report shows, one step per function, in the order the run calls them.
//!
//! Each step takes what it reads and returns what it computed; the memory the later steps no
//! longer need is let go between steps ([`release_spans`], [`release_doc_counts`],
//! [`release_term_ids`]), so the order of the steps is the order written in ARCHITECTURE.md.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::analysis::bursts::{self, Burst};
use crate::analysis::cooccurrence::{self, Cooccurrence};
use crate::analysis::frequency::{self, DocTermRows, Frequencies};
use crate::analysis::keyness::{self, Keyness};
use crate::analysis::keywords::{self, Keyword};
use crate::analysis::kwic::{self, KwicLine};
use crate::analysis::network::{self, Network};
use crate::analysis::thematic_map::{self, ThematicMap};
use crate::analysis::themes::{self, Themes};
use crate::analysis::trends::{self, Trends};
use crate::config::{Config, KeywordMethod};
use crate::error::Result;
use crate::ingest::Document;
use crate::storage::SpilledTexts;
use crate::tokenize::{DocTokens, Vocabulary};

/// The corpus counts: per-document term counts added up into corpus totals, document
/// frequencies, IDF and the ranking, with the `doc_terms` rows kept under their limits.
pub struct Counted {
    pub freqs: Frequencies,
    pub doc_terms: DocTermRows,
    /// Rank of each term (1 = most frequent).
    pub rank_of: Vec<u32>,
    /// Each term's place in the alphabetical order of the shown terms.
    pub alphabetical: Vec<u32>,
}

/// Counts every analysed document's terms and adds them up over the corpus.
pub fn count_terms(
    config: &Config,
    docs: &[Document],
    vocab: &Vocabulary,
    streams: &[DocTokens],
) -> Counted {
    let s = &config.settings;
    let analysed: Vec<bool> = docs.iter().map(Document::is_ok).collect();
    let freqs = frequency::frequencies(vocab, streams, &analysed, &s.frequency);
    let doc_terms = frequency::doc_term_rows(&freqs, &s.doc_terms);
    let mut rank_of = vec![0u32; vocab.len()];
    for (i, &t) in freqs.ranking.iter().enumerate() {
        rank_of[t as usize] = i as u32 + 1;
    }
    Counted {
        alphabetical: alphabetical_order(vocab),
        freqs,
        doc_terms,
        rank_of,
    }
}

/// Each term's place in the alphabetical order of the shown terms, equal for equal spellings.
fn alphabetical_order(vocab: &Vocabulary) -> Vec<u32> {
    let shown = |t: u32| vocab.terms[t as usize].display.as_str();
    let mut by_spelling: Vec<u32> = (0..vocab.len() as u32).collect();
    by_spelling.par_sort_by(|&a, &b| shown(a).cmp(shown(b)));
    let mut place = vec![0u32; vocab.len()];
    for w in by_spelling.windows(2) {
        place[w[1] as usize] = place[w[0] as usize] + u32::from(shown(w[0]) != shown(w[1]));
    }
    place
}

/// Each document's keywords: its top terms by TF-IDF or by TextRank.
pub fn keywords(
    config: &Config,
    vocab: &Vocabulary,
    streams: &[DocTokens],
    freqs: &Frequencies,
) -> Vec<Vec<Keyword>> {
    let s = &config.settings.keywords;
    match s.method {
        KeywordMethod::Tfidf => (0..freqs.doc_counts.len())
            .into_par_iter()
            .map(|doc| keywords::top_terms(&freqs.tfidf(doc), vocab, s.top_n))
            .collect(),
        KeywordMethod::Textrank => streams
            .par_iter()
            .map(|d| {
                let w = keywords::textrank(&d.terms, vocab, s.span);
                keywords::top_terms(&w, vocab, s.top_n)
            })
            .collect(),
    }
}

/// The comparisons over document metadata: keyness between the groups of `keyness.group`, and
/// the top terms' trends over the periods of `trends.columns`.
pub fn keyness_and_trends(
    config: &Config,
    docs: &[Document],
    freqs: &Frequencies,
) -> (Keyness, Trends) {
    let s = &config.settings;
    let group_of: Vec<Option<&str>> = docs
        .iter()
        .map(|d| d.fields(std::slice::from_ref(&s.keyness.group)).next())
        .collect();
    let keyness = keyness::keyness(
        &group_of,
        &freqs.doc_counts,
        s.keyness.top_n,
        s.keyness.min_count,
        s.keyness.correction,
    );
    let period_of: Vec<Option<String>> = docs
        .iter()
        .map(|d| {
            d.fields(&s.trends.columns)
                .find_map(|v| trends::period_of(v, s.trends.period))
        })
        .collect();
    let top: Vec<u32> = freqs
        .ranking
        .iter()
        .take(s.trends.top_terms)
        .copied()
        .collect();
    let trends = trends::trends(&period_of, &freqs.doc_counts, &top);
    (keyness, trends)
}

/// Keyword-in-context lines of the terms most often among the documents' keywords, read from the
/// texts in storage.
pub fn kwic_lines(
    config: &Config,
    docs: &[Document],
    texts: &SpilledTexts,
    streams: &[DocTokens],
    keywords: &[Vec<Keyword>],
    term_count: &[u64],
) -> Result<Vec<KwicLine>> {
    let s = &config.settings.kwic;
    kwic::kwic(
        docs,
        |d| texts.text(d).map(Cow::Owned),
        streams,
        &kwic_terms(keywords, term_count, s.top_keywords),
        s.width,
        s.max_lines,
    )
}

/// The terms the `kwic` table shows: the `n` terms most often among documents' keywords (ties
/// by corpus count, then id).
fn kwic_terms(keywords: &[Vec<Keyword>], term_count: &[u64], n: usize) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    let mut times: rustc_hash::FxHashMap<u32, u64> = Default::default();
    for k in keywords.iter().flatten() {
        *times.entry(k.term).or_insert(0) += 1;
    }
    let mut terms: Vec<(u32, u64)> = times.into_iter().collect();
    terms.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| term_count[b.0 as usize].cmp(&term_count[a.0 as usize]))
            .then_with(|| a.0.cmp(&b.0))
    });
    terms.into_iter().take(n).map(|(t, _)| t).collect()
}

/// The tokens' byte spans were kept for KWIC; only the `tokens` table reads them after it.
pub fn release_spans(config: &Config, streams: &mut [DocTokens]) {
    if !config.settings.output.tokens {
        streams
            .par_iter_mut()
            .for_each(|stream| stream.spans = Vec::new());
    }
    crate::memory::release_free_memory();
}

/// The co-occurring pairs of the top terms, the network of the strongest of them, and its
/// communities' thematic map.
pub fn network(
    config: &Config,
    streams: &[DocTokens],
    counted: &Counted,
) -> (Cooccurrence, Network, ThematicMap) {
    let s = &config.settings;
    let term_count = &counted.freqs.term_count;
    let cooccurrence =
        cooccurrence::cooccurrence(streams, &counted.rank_of, term_count, &s.cooccurrence);
    let network = network::network(
        &cooccurrence.pairs,
        &counted.rank_of,
        &s.network,
        s.run.seed,
    );
    let edge_counts: Vec<u64> = network
        .edges
        .iter()
        .map(|e| cooccurrence.pairs[e.pair].count)
        .collect();
    let thematic_map = thematic_map::thematic_map(&network, &edge_counts, term_count);
    (cooccurrence, network, thematic_map)
}

/// Kleinberg bursts of the top terms over the years of `bursts.fields`.
pub fn bursts(config: &Config, docs: &[Document], freqs: &Frequencies) -> Vec<Burst> {
    let s = &config.settings.bursts;
    let year_of: Vec<Option<i32>> = docs
        .iter()
        .map(|d| {
            let fields = if d.is_ok() { &s.fields[..] } else { &[] };
            d.year_in(fields)
        })
        .collect();
    let burst_terms: Vec<u32> = freqs.ranking.iter().take(s.top_terms).copied().collect();
    bursts::bursts(&year_of, &freqs.doc_counts, &burst_terms, s.s, s.gamma)
}

/// The per-document counts are read by nothing after the bursts but the `doc_terms` Parquet
/// file with every row: without it, they go.
pub fn release_doc_counts(config: &Config, freqs: &mut Frequencies) {
    if !config.settings.doc_terms.parquet_all {
        freqs.doc_counts = Vec::new();
        crate::memory::release_free_memory();
    }
}

/// Themes: the clustering units counted over the chosen feature terms, clustered, described,
/// and their examples' text read back from storage.
pub fn themes(
    config: &Config,
    docs: &[Document],
    texts: &SpilledTexts,
    vocab: &Vocabulary,
    streams: &mut [DocTokens],
    counted: &Counted,
    network: &Network,
) -> Result<Themes> {
    let s = &config.settings;
    let text_bytes: Vec<usize> = (0..texts.len()).map(|i| texts.bytes(i)).collect();
    let units = themes::units(
        docs,
        streams,
        &text_bytes,
        &s.themes,
        vocab,
        &counted.freqs.term_count,
        network,
    );
    release_term_ids(config, streams);
    let mut themes = themes::themes(units, &s.themes, &s.frequency, s.run.seed, network);
    for example in themes.themes.iter_mut().flat_map(|t| t.examples.iter_mut()) {
        let text = texts.text(example.doc)?;
        example.text = text
            .get(example.range.clone())
            .unwrap_or_default()
            .to_string();
    }
    Ok(themes)
}

/// The term ids of the tokens are read by nothing after the theme units are counted but the
/// `tokens` table: without it, they go.
fn release_term_ids(config: &Config, streams: &mut [DocTokens]) {
    if !config.settings.output.tokens {
        streams
            .par_iter_mut()
            .for_each(|stream| stream.terms = Vec::new());
        crate::memory::release_free_memory();
    }
}
