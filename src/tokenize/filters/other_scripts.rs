//! The script filter: a word whose letters are all Latin is English; a word with letters of
//! another script (Cyrillic, Greek, kana …) is kept whole as `other`, or dropped with
//! `tokenize.other_scripts = "drop"`.

use crate::config::OtherScripts;
use crate::script::is_latin_letter;
use crate::tokenize::Lang;

/// Tells English words from words of other scripts, and drops the latter when asked.
#[derive(Debug, Clone, Copy)]
pub struct ScriptFilter {
    other: OtherScripts,
}

impl ScriptFilter {
    pub fn new(other: OtherScripts) -> Self {
        ScriptFilter { other }
    }

    /// The language `word` counts in: [`Lang::En`] when each of its letters is Latin,
    /// [`Lang::Other`] when it has other letters and those are kept, `None` when they are
    /// dropped.
    #[inline]
    pub fn lang(&self, word: &str) -> Option<Lang> {
        if word
            .chars()
            .all(|c| !c.is_alphabetic() || is_latin_letter(c))
        {
            Some(Lang::En)
        } else if self.other == OtherScripts::Keep {
            Some(Lang::Other)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_english_and_others_kept_or_dropped() {
        let keep = ScriptFilter::new(OtherScripts::Keep);
        let drop = ScriptFilter::new(OtherScripts::Drop);
        assert_eq!(keep.lang("Café-au-lait's"), Some(Lang::En));
        assert_eq!(drop.lang("naïve"), Some(Lang::En));
        assert_eq!(keep.lang("правда"), Some(Lang::Other));
        assert_eq!(drop.lang("правда"), None);
        assert_eq!(drop.lang("ok-да"), None);
    }
}
