//! Chinese words: Han runs segmented by jieba-rs, with the user dictionary added.

use jieba_rs::Jieba;
use rustc_hash::FxHashMap as HashMap;

use crate::config::DictEntry;

/// Segments runs of Han characters into words.
pub struct ChineseSegmenter {
    jieba: Jieba,
    hmm: bool,
    /// The part-of-speech tag the user dictionary gives each of its tagged words (the last entry
    /// for a word wins). jieba-rs's `add_word` keeps its own tag for a word its dictionary
    /// already holds (群众路线 stays `l`); Python jieba's `add_word` takes the user's, and so
    /// does [`ChineseSegmenter::segment_tagged`], from this table.
    user_tags: HashMap<Box<str>, Box<str>>,
}

impl std::fmt::Debug for ChineseSegmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChineseSegmenter")
            .field("hmm", &self.hmm)
            .field("user_tags", &self.user_tags.len())
            .finish()
    }
}

impl ChineseSegmenter {
    /// jieba's default dictionary plus `dictionary`; `hmm` finds words missing from both.
    pub fn new(dictionary: &[DictEntry], hmm: bool) -> Self {
        let mut jieba = Jieba::new();
        let mut user_tags = HashMap::default();
        for entry in dictionary {
            jieba.add_word(&entry.word, entry.freq, entry.tag.as_deref());
            if let Some(tag) = &entry.tag {
                user_tags.insert(entry.word.as_str().into(), tag.as_str().into());
            }
        }
        ChineseSegmenter {
            jieba,
            hmm,
            user_tags,
        }
    }

    /// The words of `text` with their byte offsets in it, in order.
    pub fn segment<'a>(&self, text: &'a str) -> impl Iterator<Item = (usize, &'a str)> + use<'a> {
        self.jieba
            .cut(text, self.hmm)
            .into_iter()
            .map(|t| (t.byte_start, t.word))
    }

    /// The words of `text` with their byte offsets and part-of-speech tags: the user
    /// dictionary's tag for a word it tags, jieba's (`n`, `v`, `vn`, `nr` …) for the others.
    pub fn segment_tagged<'a>(&'a self, text: &'a str) -> Vec<(usize, &'a str, &'a str)> {
        let base = text.as_ptr() as usize;
        self.jieba
            .tag(text, self.hmm)
            .into_iter()
            .map(|t| {
                let tag = self.user_tags.get(t.word).map_or(t.tag, |tag| &**tag);
                (t.word.as_ptr() as usize - base, t.word, tag)
            })
            .collect()
    }
}
