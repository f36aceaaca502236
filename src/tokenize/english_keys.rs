//! The key of an English word, by `english.normalize`: its Snowball stem (unless a stem
//! exception list gives its key), its dictionary lemma, or the word itself.

use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;

use crate::config::{EnglishKeying, Normalize};

/// Keys English words. Built once per run and shared by the threads; the tokenizer asks for a
/// word's key once per distinct word and worker, so the table lookup before stemming is cheap.
pub struct EnglishKeys {
    /// The Snowball stemmer, in `stem` mode.
    stemmer: Option<Stemmer>,
    /// The stem exceptions (`stem` mode) or the lemma table (`lemma` mode).
    table: Arc<HashMap<String, String>>,
}

impl std::fmt::Debug for EnglishKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnglishKeys")
            .field("stem", &self.stemmer.is_some())
            .field("table", &self.table.len())
            .finish()
    }
}

impl EnglishKeys {
    pub fn new(keying: &EnglishKeying) -> Self {
        EnglishKeys {
            stemmer: (keying.mode == Normalize::Stem).then(|| Stemmer::create(Algorithm::English)),
            table: Arc::clone(&keying.table),
        }
    }

    /// The key of a lowercased word (hyphens and possessive already removed): its entry in the
    /// table if it has one, else its Snowball stem in `stem` mode, else the word.
    pub fn key(&self, word: &str) -> String {
        if let Some(key) = self.table.get(word) {
            return key.clone();
        }
        match &self.stemmer {
            Some(s) => s.stem(word).into_owned(),
            None => word.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn keys(edit: impl FnOnce(&mut Settings)) -> EnglishKeys {
        let mut s = Settings::builtin_default();
        edit(&mut s);
        EnglishKeys::new(&s.validate().expect("valid config").english)
    }

    #[test]
    fn stems_with_exceptions_lemmas_or_words() {
        let stem = keys(|_| {});
        assert_eq!(stem.key("masses"), "mass");
        assert_eq!(stem.key("connecting"), "connect");
        assert_eq!(stem.key("governments"), "government");
        let plain = keys(|s| s.english.builtin_stem_exceptions = false);
        assert_eq!(plain.key("governments"), "govern");
        let lemma = keys(|s| s.english.normalize = Normalize::Lemma);
        assert_eq!(lemma.key("masses"), "mass");
        assert_eq!(lemma.key("corpuscope"), "corpuscope");
        let none = keys(|s| s.english.normalize = Normalize::None);
        assert_eq!(none.key("masses"), "masses");
        let off = keys(|s| s.tokenize.stem = false);
        assert_eq!(off.key("masses"), "masses");
        assert_eq!(off.key("governments"), "governments");
    }
}
