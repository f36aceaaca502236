//! The thesaurus: VOSviewer's list of labels and what replaces them, applied to keyword terms
//! and to the terms of the text.
//!
//! The file is VOSviewer's: a tab-separated file with the header `label<TAB>replace by` and one
//! row per variant. A keyword or a text term whose label (compared after NFKC and in lowercase)
//! is listed is counted as its replacement; an empty replacement removes it. It is applied
//! before anything is counted. A replacement (like a keyword, see [`super::keyword_terms`]) is
//! keyed by [`key_of`]: its words' stems joined by a space when it is written in Latin letters
//! (so `Mass Line` and `mass lines` are one term, and the same term as the phrase `mass line`
//! found in the text; a word with digits, such as `4.0` or `COVID-19`, is kept whole), itself in
//! lowercase otherwise; its language is `zh` when it holds a Han character.

use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::UnicodeNormalization;

use crate::config::{QUOTES, ThesaurusRow};
use crate::script;
use crate::tokenize::{DocTokens, Lang, Phrase, Term, Vocabulary, english};

/// Labels (folded) and what replaces them (empty: removed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thesaurus {
    map: HashMap<String, String>,
}

/// What the thesaurus does to a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement<'a> {
    Keep,
    Remove,
    By(&'a str),
}

impl Thesaurus {
    /// The thesaurus of `terms.thesaurus_file`'s rows: labels folded, replacements cleaned.
    pub fn from_rows(rows: &[ThesaurusRow]) -> Thesaurus {
        let map = rows
            .iter()
            .map(|row| (fold(&row.label), clean(&row.replacement)))
            .collect();
        Thesaurus { map }
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// What replaces `label`.
    pub fn lookup(&self, label: &str) -> Replacement<'_> {
        if self.map.is_empty() {
            return Replacement::Keep;
        }
        match self.map.get(&fold(label)) {
            None => Replacement::Keep,
            Some(r) if r.is_empty() => Replacement::Remove,
            Some(r) => Replacement::By(r),
        }
    }
}

/// NFKC, spaces collapsed and trimmed, surrounding quotes removed.
pub fn clean(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    nfkc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
        .to_string()
}

/// [`clean`], in lowercase: how labels are compared.
pub fn fold(text: &str) -> String {
    clean(text).to_lowercase()
}

/// The language and key of a keyword (or thesaurus replacement) shown as `text`.
pub fn key_of(text: &str, stem: &dyn Fn(&str) -> String) -> (Lang, String) {
    if text.chars().any(script::is_han) {
        return (Lang::Zh, text.to_lowercase());
    }
    if text
        .chars()
        .all(|c| !c.is_alphabetic() || script::is_latin_letter(c))
    {
        // Word by word: a word of letters (and hyphens, apostrophes) is stemmed as the text's
        // words are; one with digits or other signs is kept as written, in lowercase, so that
        // `Industry 4.0` and `COVID-19` keep their numbers.
        let words: Vec<String> =
            text.split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let lower = english::normalize(w);
                    if lower.chars().all(|c| {
                        c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2010}' | '\u{2011}')
                    }) {
                        stem(&english::unhyphenate(english::strip_possessive(&lower)))
                    } else {
                        lower
                    }
                })
                .collect();
        if !words.is_empty() {
            return (Lang::En, words.join(" "));
        }
    }
    (Lang::Other, text.to_lowercase())
}

/// Applies the thesaurus to the terms of a tokenized corpus: a term whose display form is a
/// label becomes its replacement (merged with the term of the same key, if there is one) or is
/// removed with its tokens. Term ids are renumbered in order of first occurrence.
pub fn apply_to_terms(
    vocab: &mut Vocabulary,
    streams: &mut [DocTokens],
    phrases: &mut [Phrase],
    thesaurus: &Thesaurus,
    stem: &dyn Fn(&str) -> String,
) {
    if thesaurus.is_empty() {
        return;
    }
    // Old id → new term (lang, key) and its display if replaced; None when removed.
    let mut target: Vec<Option<(Lang, String, Option<String>)>> = Vec::new();
    for term in &vocab.terms {
        target.push(match thesaurus.lookup(&term.display) {
            Replacement::Keep => Some((term.lang, term.key.clone(), None)),
            Replacement::Remove => None,
            Replacement::By(r) => {
                let (lang, key) = key_of(r, stem);
                Some((lang, key, Some(r.to_string())))
            }
        });
    }
    if target.iter().all(|t| matches!(t, Some((_, _, None)))) {
        return;
    }
    let old_terms = std::mem::take(&mut vocab.terms);
    let mut new_of_key: HashMap<(Lang, String), u32> = HashMap::default();
    let mut new_id: Vec<Option<u32>> = vec![None; old_terms.len()];
    let mut terms: Vec<Term> = Vec::new();
    let mut assign = |old: usize, terms: &mut Vec<Term>| -> Option<u32> {
        if let Some(id) = new_id[old] {
            return Some(id);
        }
        let (lang, key, display) = target[old].clone()?;
        let id = *new_of_key.entry((lang, key.clone())).or_insert_with(|| {
            terms.push(Term {
                display: display
                    .clone()
                    .unwrap_or_else(|| old_terms[old].display.clone()),
                key,
                lang,
            });
            terms.len() as u32 - 1
        });
        if let Some(d) = display {
            terms[id as usize].display = d;
        }
        new_id[old] = Some(id);
        Some(id)
    };
    for stream in streams.iter_mut() {
        let mut out = DocTokens::default();
        let keep_spans = stream.spans.len() == stream.terms.len() && !stream.spans.is_empty();
        let mut sentence = stream.sentence_ends.iter().peekable();
        let mut paragraph = stream.paragraph_ends.iter().peekable();
        for i in 0..=stream.terms.len() {
            while sentence.peek().is_some_and(|&&e| e as usize == i) {
                out.sentence_ends.push(out.terms.len() as u32);
                sentence.next();
            }
            while paragraph.peek().is_some_and(|&&e| e as usize == i) {
                out.paragraph_ends.push(out.terms.len() as u32);
                paragraph.next();
            }
            if i == stream.terms.len() {
                break;
            }
            let Some(id) = assign(stream.terms[i] as usize, &mut terms) else {
                continue;
            };
            // A removed token breaks adjacency.
            let adjacent = stream.adjacent.get(i).copied().unwrap_or(false)
                && i > 0
                && target[stream.terms[i - 1] as usize].is_some();
            out.terms.push(id);
            out.forms.push(stream.forms.get(i).copied().unwrap_or(0));
            out.adjacent.push(adjacent);
            if keep_spans {
                out.spans.push(stream.spans[i]);
            }
        }
        *stream = out;
    }
    for phrase in phrases.iter_mut() {
        phrase.term = phrase.term.and_then(|t| new_id[t as usize]);
    }
    vocab.terms = terms;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thesaurus_reads_vosviewer_files() {
        let rows =
            crate::config::parse_thesaurus("label\treplace by\nMass-Line\tmass line\nnoise\t\n\n");
        let t = Thesaurus::from_rows(&rows.unwrap());
        assert_eq!(t.lookup("mass-line"), Replacement::By("mass line"));
        assert_eq!(t.lookup("  MASS-LINE "), Replacement::By("mass line"));
        assert_eq!(t.lookup("noise"), Replacement::Remove);
        assert_eq!(t.lookup("mass line"), Replacement::Keep);
    }

    #[test]
    fn keys_of_keywords_and_replacements() {
        let stem = |w: &str| if w == "lines" { "line" } else { w }.to_string();
        assert_eq!(key_of("Mass Lines", &stem), (Lang::En, "mass line".into()));
        assert_eq!(key_of("群众路线", &stem), (Lang::Zh, "群众路线".into()));
        assert_eq!(
            key_of("COVID-19 疫情", &stem),
            (Lang::Zh, "covid-19 疫情".into())
        );
    }
}
