//! One text tokenized as a run tokenizes the corpus, for the `tokenize` command: the text cleaned
//! as ingest cleans it, then each token with its place in characters. Phrases, which depend on
//! the whole corpus, are not merged.

use std::ops::Range;

use crate::config::Config;
use crate::ingest::clean::normalize;
use crate::tokenize::{Token, Tokenizer};

/// A token of [`inspect`] and where it is in the cleaned text, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedToken {
    pub token: Token,
    pub chars: Range<usize>,
}

/// The tokens of `raw` under `config`, in order: the text normalised as ingest normalises it
/// (`clean.nfkc`, `clean.traditional_to_simplified`), then tokenized.
pub fn inspect(config: &Config, raw: &str) -> Vec<PlacedToken> {
    let clean = &config.settings.clean;
    let text = normalize(raw, clean.nfkc, clean.traditional_to_simplified);
    let tokenizer = Tokenizer::new(config);
    let mut chars = 0usize;
    let mut byte = 0usize;
    tokenizer
        .tokens(&text)
        .into_iter()
        .map(|token| {
            chars += text[byte..token.range.start].chars().count();
            let start = chars;
            chars += token.surface.chars().count();
            byte = token.range.end;
            PlacedToken {
                token,
                chars: start..chars,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn places_count_characters_of_the_cleaned_text() {
        let config = Settings::builtin_default().validate().unwrap();
        let placed = inspect(&config, "群众路线 ＡＢＣ masses");
        let shown: Vec<(&str, Range<usize>)> = placed
            .iter()
            .map(|p| (p.token.surface.as_str(), p.chars.clone()))
            .collect();
        assert_eq!(
            shown,
            [("群众路线", 0..4), ("ABC", 5..8), ("masses", 9..15)]
        );
    }
}
