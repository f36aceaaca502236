//! Keyword terms: the keywords of a document's metadata as terms of their own.
//!
//! With `terms.source = "keywords"` or `"both"`, each document's keywords (the metadata field
//! `terms.keyword_field`, such as an export's author keywords) are terms, whole: `mass line` is
//! one term, not two words. A keyword is cleaned (Unicode NFKC, surrounding quotes and spaces
//! removed, runs of spaces made one; [`thesaurus::clean`]), passed through the thesaurus, keyed
//! as a thesaurus replacement is ([`thesaurus::key_of`]), and counted once per document. The
//! keywords of a document are appended to its token stream as one last paragraph of one
//! sentence, so that every analysis counts them; a document's keywords co-occur in `document`,
//! `paragraph` and `sentence` contexts.

use crate::ingest::Document;
use crate::tokenize::thesaurus::{self, Replacement};
use crate::tokenize::{Lang, Tokenizer};

impl Tokenizer {
    /// A document's keyword terms: (form, key, language) of each distinct keyword of its
    /// `terms.keyword_field`, after the thesaurus, in order.
    pub fn keyword_terms(&self, doc: &Document) -> Vec<(String, String, Lang)> {
        let stem = |w: &str| self.english.key(w);
        let mut out: Vec<(String, String, Lang)> = Vec::new();
        for keyword in keywords(doc, &self.keyword_field) {
            let form = match self.thesaurus.lookup(&keyword) {
                Replacement::Keep => keyword,
                Replacement::Remove => continue,
                Replacement::By(r) => r.to_string(),
            };
            let (lang, key) = thesaurus::key_of(&form, &stem);
            if !out.iter().any(|(_, k, l)| *l == lang && *k == key) {
                out.push((form, key, lang));
            }
        }
        out
    }
}

/// The keywords of a document: the items of its metadata field `field`
/// ([`Document::list_in`]), cleaned, empty ones dropped.
fn keywords(doc: &Document, field: &str) -> Vec<String> {
    doc.list_in(field)
        .iter()
        .map(|k| thesaurus::clean(k))
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_split_and_cleaned() {
        let doc = |value: &str| Document {
            metadata: vec![("keywords".to_string(), value.to_string())],
            ..Document::default()
        };
        assert_eq!(
            keywords(
                &doc("grass-roots government, mass work, “direct-to-spot direct connection”"),
                "keywords"
            ),
            [
                "grass-roots government",
                "mass work",
                "direct-to-spot direct connection"
            ]
        );
        assert_eq!(
            keywords(&doc("群众路线;；基层治理 ; "), "keywords"),
            ["群众路线", "基层治理"]
        );
        assert!(keywords(&doc("群众路线"), "authors").is_empty());
    }
}
