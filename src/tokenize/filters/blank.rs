//! The blank filter: a word of whitespace only is dropped.

/// Drops words that are whitespace only.
#[derive(Debug, Clone, Copy, Default)]
pub struct NonBlank;

impl NonBlank {
    /// Whether `word` holds anything but whitespace.
    #[inline]
    pub fn keep(self, word: &str) -> bool {
        !word.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_only_is_dropped() {
        assert!(NonBlank.keep("群众") && NonBlank.keep(" a "));
        assert!(!NonBlank.keep("") && !NonBlank.keep(" \u{3000}\t"));
    }
}
