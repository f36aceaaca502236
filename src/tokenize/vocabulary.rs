//! The corpus's vocabulary: its terms, and the corpus-wide decision of how each is shown.
//!
//! Part of the tokenize stage's reduce side: once every batch's tokens are in the corpus
//! numbering and the phrases are merged, [`choose_vocabulary`] numbers the terms that occur in
//! order of first occurrence and picks each term's display form from the surface forms counted
//! over the whole corpus (`masses`, not `mass`).

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::{DocTokens, Interner, Lang, Phrase, phrases};

/// A term of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// How the term is shown: its most frequent surface form (see [`display_form`]).
    pub display: String,
    /// The key words are counted under: the stem (or lemma) for English, the word otherwise; words of a
    /// phrase joined by a space (English) or nothing (Chinese).
    pub key: String,
    pub lang: Lang,
}

/// Every term of the corpus; a term id indexes `terms`.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub terms: Vec<Term>,
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Renumbers the terms that occur, in order of first occurrence, and chooses their display
/// forms from the forms counted over every token.
pub(super) fn choose_vocabulary(
    corpus: phrases::Corpus,
    mut phrases: Vec<Phrase>,
) -> (Vocabulary, Vec<DocTokens>, Vec<Phrase>) {
    let phrases::Corpus {
        terms: Interner { values: keys, .. },
        forms: Interner { values: forms, .. },
        mut streams,
    } = corpus;
    // Terms renumbered in order of first occurrence (one pass in document order), then the
    // forms of each term counted, streams in parallel.
    let mut new_id = vec![u32::MAX; keys.len()];
    let mut order: Vec<u32> = Vec::new();
    for stream in &mut streams {
        for t in stream.terms.iter_mut() {
            let old = *t as usize;
            if new_id[old] == u32::MAX {
                new_id[old] = order.len() as u32;
                order.push(*t);
            }
            *t = new_id[old];
        }
    }
    let pair_counts: HashMap<(u32, u32), u64> = streams
        .par_iter()
        .fold(
            HashMap::default,
            |mut counts: HashMap<(u32, u32), u64>, stream| {
                for (&t, &f) in stream.terms.iter().zip(&stream.forms) {
                    *counts.entry((t, f)).or_insert(0) += 1;
                }
                counts
            },
        )
        .reduce(HashMap::default, |mut a, mut b| {
            // The smaller map is added to the larger.
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (k, n) in b {
                *a.entry(k).or_insert(0) += n;
            }
            a
        });
    let mut form_counts: Vec<Vec<(u32, u64)>> = vec![Vec::new(); order.len()];
    for ((t, f), n) in pair_counts {
        form_counts[t as usize].push((f, n));
    }
    let terms = order
        .iter()
        .zip(form_counts)
        .map(|(&old, counts)| {
            let (lang, key) = &keys[old as usize];
            let counted: Vec<(&str, u64)> = counts
                .iter()
                .map(|&(f, n)| (forms[f as usize].as_str(), n))
                .collect();
            Term {
                display: display_form(&counted).unwrap_or_else(|| key.clone()),
                key: key.clone(),
                lang: *lang,
            }
        })
        .collect();
    for phrase in &mut phrases {
        phrase.term = phrase.term.and_then(|t| {
            let id = new_id[t as usize];
            (id != u32::MAX).then_some(id)
        });
    }
    (Vocabulary { terms }, streams, phrases)
}

/// The form a term is shown in. Forms are grouped by their lowercase spelling and the most
/// frequent group wins; it is shown in lowercase if it ever occurs so, otherwise in its most
/// frequent cased spelling (`CPC`, `Beijing`). Ties go to the alphabetically first spelling.
pub fn display_form(forms: &[(&str, u64)]) -> Option<String> {
    // Lowercase spelling → (occurrences, written in lowercase at least once, spellings).
    type Group<'a> = (u64, bool, Vec<(&'a str, u64)>);
    let mut groups: HashMap<String, Group> = HashMap::default();
    for &(form, n) in forms {
        let lower = form.to_lowercase();
        let g = groups
            .entry(lower.clone())
            .or_insert((0, false, Vec::new()));
        g.0 += n;
        g.1 |= form == lower;
        g.2.push((form, n));
    }
    let (lower, (_, has_lower, spellings)) = groups
        .into_iter()
        .max_by(|(la, a), (lb, b)| a.0.cmp(&b.0).then_with(|| lb.cmp(la)))?;
    if has_lower {
        return Some(lower);
    }
    spellings
        .into_iter()
        .max_by(|(fa, na), (fb, nb)| na.cmp(nb).then_with(|| fb.cmp(fa)))
        .map(|(f, _)| f.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_form_prefers_lowercase_unless_the_corpus_never_writes_it_so() {
        assert_eq!(
            display_form(&[("masses", 3), ("mass", 1)]).as_deref(),
            Some("masses")
        );
        assert_eq!(
            display_form(&[("Party", 5), ("party", 2)]).as_deref(),
            Some("party")
        );
        assert_eq!(
            display_form(&[("CPC", 4), ("Cpc", 1)]).as_deref(),
            Some("CPC")
        );
        assert_eq!(display_form(&[("b", 2), ("a", 2)]).as_deref(), Some("a"));
        assert_eq!(
            display_form(&[("grass-roots", 3), ("grassroots", 2), ("Grassroots", 2)]).as_deref(),
            Some("grassroots")
        );
    }
}
