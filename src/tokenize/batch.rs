//! The tokenize stage's map side: one document at a time, each word analysed once per worker
//! thread and numbered in that worker's [`WordTable`], keyed by the word's text, so that a batch's
//! tokens can be merged into the corpus's numbering by [`super::corpus`] in any batching.

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

use super::{DocTokens, Interner, Lang, Tokenizer, Word};
use crate::ingest::Document;

/// What one worker thread has seen: each distinct word with its outcome, and the terms and
/// forms it numbered. A word is analysed (lowercased, looked up, keyed) once per worker.
#[derive(Default)]
pub(super) struct WordTable {
    /// Word → (term, form) in this table's numbering, or `None` when the word is dropped. Han
    /// and other words are kept apart; a word of one kind never has the spelling of the other.
    /// Words of up to 24 bytes (nearly all) are stored inside the table's entries
    /// (`CompactString`), so a lookup compares bytes already in cache instead of following a
    /// pointer to each candidate key.
    han: HashMap<CompactString, Option<(u32, u32)>>,
    other: HashMap<CompactString, Option<(u32, u32)>>,
    pub(super) terms: Interner<(Lang, String)>,
    pub(super) forms: Interner<String>,
}

impl WordTable {
    /// The (term, form) of `word` in this table's numbering, or `None` when it is dropped.
    fn resolve(&mut self, tokenizer: &Tokenizer, word: Word<'_>) -> Option<(u32, u32)> {
        let (cache, w) = match word {
            Word::Han(w) => (&mut self.han, w),
            Word::Other(w) => (&mut self.other, w),
        };
        if let Some(&hit) = cache.get(w) {
            return hit;
        }
        let ids = tokenizer
            .outcome(word)
            .map(|(form, key, lang)| (self.terms.id((lang, key)), self.forms.id(form)));
        cache.insert(CompactString::new(w), ids);
        ids
    }
}

pub(super) fn tokenize_document(
    tokenizer: &Tokenizer,
    table: &mut WordTable,
    doc: &Document,
    keep_spans: bool,
) -> DocTokens {
    let mut tokens = DocTokens::default();
    let text_terms = tokenizer.source.text();
    for paragraph in doc.segments.paragraphs() {
        for sentence in paragraph.sentences() {
            if !text_terms {
                tokens.sentence_ends.push(0);
                continue;
            }
            let base = sentence.range.start;
            let text = &doc.text[sentence.range];
            let mut previous_end: Option<usize> = None;
            tokenizer.each_word(text, |range, word| {
                let Some((term, form)) = table.resolve(tokenizer, word) else {
                    return;
                };
                tokens.terms.push(term);
                tokens.forms.push(form);
                tokens
                    .adjacent
                    .push(previous_end.is_some_and(|end| text[end..range.start].trim().is_empty()));
                previous_end = Some(range.end);
                if keep_spans {
                    // Offsets in the text, which `Segments::split` allows up to `u32::MAX` bytes.
                    tokens
                        .spans
                        .push(((base + range.start) as u32, (base + range.end) as u32));
                }
            });
            tokens.sentence_ends.push(tokens.terms.len() as u32);
        }
        tokens.paragraph_ends.push(tokens.terms.len() as u32);
    }
    if tokenizer.source.keywords() {
        // The keywords: one last paragraph of one sentence, spans empty at the end of the text.
        let keyword_terms = tokenizer.keyword_terms(doc);
        if !keyword_terms.is_empty() {
            for (form, key, lang) in keyword_terms {
                tokens.terms.push(table.terms.id((lang, key)));
                tokens.forms.push(table.forms.id(form));
                tokens.adjacent.push(false);
                if keep_spans {
                    let end = doc.text.len() as u32;
                    tokens.spans.push((end, end));
                }
            }
            tokens.sentence_ends.push(tokens.terms.len() as u32);
            tokens.paragraph_ends.push(tokens.terms.len() as u32);
        }
    }
    // The vectors grew by doubling; held until the end of the stage, their spare capacity
    // would add up to a third of the streams' memory.
    tokens.terms.shrink_to_fit();
    tokens.forms.shrink_to_fit();
    tokens.adjacent.shrink_to_fit();
    tokens.spans.shrink_to_fit();
    tokens.sentence_ends.shrink_to_fit();
    tokens.paragraph_ends.shrink_to_fit();
    tokens
}
