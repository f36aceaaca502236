//! The stopword filter: words of the stopword lists (`tokenize.builtin_stopwords`,
//! `tokenize.stopwords`, `tokenize.stopword_files`) are dropped.

use rustc_hash::FxHashSet as HashSet;

/// Drops the words of a stopword list, compared as given (English lowercased, Chinese as
/// written).
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    words: HashSet<String>,
}

impl Stopwords {
    pub fn new(words: HashSet<String>) -> Self {
        Stopwords { words }
    }

    /// Whether `word` is not a stopword.
    #[inline]
    pub fn keep(&self, word: &str) -> bool {
        !self.words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_are_dropped_as_written() {
        let stopwords = Stopwords::new(["the".to_string(), "的".to_string()].into_iter().collect());
        assert!(!stopwords.keep("the") && !stopwords.keep("的"));
        assert!(stopwords.keep("The") && stopwords.keep("群众"));
    }
}
