//! A document's token stream: the map side's output per document (term ids, surface forms,
//! adjacency, spans, sentence and paragraph ends), read by every analysis that walks tokens.

use std::ops::Range;

/// A document's tokens as term ids, with their surface forms, adjacency, and the sentence and
/// paragraph boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTokens {
    /// Term id of each token, in document order.
    pub terms: Vec<u32>,
    /// Form id of each token (an index into the corpus's interned surface forms). Emptied at the
    /// end of [`tokenize_corpus`], once the display forms are chosen.
    pub forms: Vec<u32>,
    /// Whether each token directly follows the previous one in the text (only whitespace
    /// between them, same sentence): the condition for a phrase. Emptied at the end of
    /// [`tokenize_corpus`], once the phrases are merged.
    pub adjacent: Vec<bool>,
    /// Byte range of each token in the document's text; kept only when the `tokens` table is
    /// written or KWIC lines are made (a run drops them after KWIC unless the `tokens` table
    /// needs them).
    pub spans: Vec<(u32, u32)>,
    /// Token index where each sentence ends (exclusive); sentence `i` is
    /// `sentence_ends[i-1]..sentence_ends[i]`. Sentences without tokens are kept (empty).
    pub sentence_ends: Vec<u32>,
    /// Token index where each paragraph ends (exclusive), as for sentences.
    pub paragraph_ends: Vec<u32>,
}

impl DocTokens {
    /// Token ranges of the sentences.
    pub fn sentences(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        ranges(&self.sentence_ends)
    }

    /// Token ranges of the paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        ranges(&self.paragraph_ends)
    }
}

fn ranges(ends: &[u32]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0usize;
    ends.iter().map(move |&e| {
        let r = start..e as usize;
        start = e as usize;
        r
    })
}
