//! The keep-single list: Han words kept whatever their length (the shipped
//! `config/keep_single_zh.txt` of meaningful single characters, and `tokenize.keep_single`), the
//! exceptions to the [`MinLength`](super::MinLength) filter of Han words.

use rustc_hash::FxHashSet as HashSet;

/// Keeps the words of its list, however short.
#[derive(Debug, Clone, Default)]
pub struct KeepSingle {
    words: HashSet<String>,
}

impl KeepSingle {
    pub fn new(words: HashSet<String>) -> Self {
        KeepSingle { words }
    }

    /// Whether `word` is listed, and so kept whatever its length.
    #[inline]
    pub fn keep(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_listed_words_only() {
        let list = KeepSingle::new(["党".to_string()].into_iter().collect());
        assert!(list.keep("党"));
        assert!(!list.keep("的") && !list.keep("党员"));
    }
}
