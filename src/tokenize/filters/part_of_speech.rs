//! The part-of-speech filter: with `tokenize.zh_pos`, only the Han words whose tag starts with
//! one of the listed prefixes (`n`, `v`, `vn` …) are kept; the tag is the user dictionary's for
//! the words it tags, jieba's for the others (`chinese::ChineseSegmenter::segment_tagged`).

/// Keeps Han words by their part-of-speech tag; with no prefixes, every word.
#[derive(Debug, Clone, Default)]
pub struct PartOfSpeech {
    prefixes: Vec<String>,
}

impl PartOfSpeech {
    pub fn new(prefixes: Vec<String>) -> Self {
        PartOfSpeech { prefixes }
    }

    /// Whether every word is kept whatever its tag (no prefixes given): the words then need no
    /// tagging.
    #[inline]
    pub fn keeps_all(&self) -> bool {
        self.prefixes.is_empty()
    }

    /// Whether a word tagged `tag` is kept: the tag starts with one of the prefixes.
    #[inline]
    pub fn keep(&self, tag: &str) -> bool {
        self.prefixes.iter().any(|p| tag.starts_with(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_matched_by_prefix() {
        let nouns = PartOfSpeech::new(vec!["n".to_string(), "vn".to_string()]);
        assert!(!nouns.keeps_all());
        assert!(nouns.keep("n") && nouns.keep("nr") && nouns.keep("vn"));
        assert!(!nouns.keep("v") && !nouns.keep("uj"));
        assert!(PartOfSpeech::default().keeps_all());
    }
}
