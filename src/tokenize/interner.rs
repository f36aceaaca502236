//! Interning: values numbered from 0 in order of first appearance, so that a term or a surface
//! form is stored once and a token is its id.
//!
//! Used by the tokenizer's worker tables and the corpus-wide numbering of terms and forms
//! ([`super::phrases::Corpus`]), and by phrase merging for the forms of merged occurrences.

use rustc_hash::FxHashMap as HashMap;

/// Values numbered from 0 in order of first appearance.
#[derive(Debug, Clone)]
pub struct Interner<K> {
    pub values: Vec<K>,
    ids: HashMap<K, u32>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            values: Vec::new(),
            ids: HashMap::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone> Interner<K> {
    /// The id of `value`, numbering it if it is new.
    pub fn id(&mut self, value: K) -> u32 {
        let next = self.values.len() as u32;
        *self.ids.entry(value).or_insert_with_key(|v| {
            self.values.push(v.clone());
            next
        })
    }

    /// The id of `value` if it has one.
    pub fn get(&self, value: &K) -> Option<u32> {
        self.ids.get(value).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_first_appearance() {
        let mut forms: Interner<String> = Interner::default();
        assert_eq!(forms.id("b".to_string()), 0);
        assert_eq!(forms.id("a".to_string()), 1);
        assert_eq!(forms.id("b".to_string()), 0);
        assert_eq!(forms.get(&"a".to_string()), Some(1));
        assert_eq!(forms.get(&"c".to_string()), None);
        assert_eq!(forms.values, ["b", "a"]);
    }
}
