//! Chinese words: Han runs segmented by jieba-rs, with the user dictionary added.

use jieba_rs::Jieba;

use crate::config::DictEntry;

/// Segments runs of Han characters into words.
pub struct ChineseSegmenter {
    jieba: Jieba,
    hmm: bool,
}

impl std::fmt::Debug for ChineseSegmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChineseSegmenter")
            .field("hmm", &self.hmm)
            .finish()
    }
}

impl ChineseSegmenter {
    /// jieba's default dictionary plus `dictionary`; `hmm` finds words missing from both.
    pub fn new(dictionary: &[DictEntry], hmm: bool) -> Self {
        let mut jieba = Jieba::new();
        for entry in dictionary {
            jieba.add_word(&entry.word, entry.freq, entry.tag.as_deref());
        }
        ChineseSegmenter { jieba, hmm }
    }

    /// The words of `text` with their byte offsets in it, in order.
    pub fn segment<'a>(&self, text: &'a str) -> impl Iterator<Item = (usize, &'a str)> + use<'a> {
        self.jieba
            .cut(text, self.hmm)
            .into_iter()
            .map(|t| (t.byte_start, t.word))
    }

    /// The words of `text` with their byte offsets and jieba's part-of-speech tags (`n`, `v`,
    /// `vn`, `nr` …; the user dictionary's tag for its words).
    pub fn segment_tagged<'a>(&'a self, text: &'a str) -> Vec<(usize, &'a str, &'a str)> {
        let base = text.as_ptr() as usize;
        self.jieba
            .tag(text, self.hmm)
            .into_iter()
            .map(|t| (t.word.as_ptr() as usize - base, t.word, t.tag))
            .collect()
    }
}
