//! The length filter: words shorter than a number of characters are dropped
//! (`tokenize.min_word_length` for words of Latin and other scripts, `tokenize.zh_min_length`
//! for Han words, where [`KeepSingle`](super::KeepSingle) makes exceptions).

/// Drops words of fewer than `chars` characters.
#[derive(Debug, Clone, Copy, Default)]
pub struct MinLength {
    chars: usize,
}

impl MinLength {
    pub fn new(chars: usize) -> Self {
        MinLength { chars }
    }

    /// Whether `word` has at least the minimum number of characters (not bytes).
    #[inline]
    pub fn keep(&self, word: &str) -> bool {
        word.chars().count() >= self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let two = MinLength::new(2);
        assert!(two.keep("群众") && two.keep("ab") && two.keep("abc"));
        assert!(!two.keep("群") && !two.keep("a") && !two.keep(""));
        assert!(MinLength::new(0).keep(""));
    }
}
