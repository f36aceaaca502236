//! One text tokenized as a run tokenizes the corpus, for the `tokenize` command: the text cleaned
//! as ingest cleans it, then each token with its place in characters of the text as given (before
//! cleaning). Phrases, which depend on the whole corpus, are not merged.

use std::ops::Range;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, is_nfkc_quick};

use crate::config::Config;
use crate::ingest::clean::{nfkc_of, normalize};
use crate::tokenize::{Token, Tokenizer};

/// A token of [`inspect`] and where it is in the text given, in characters: `raw.chars()
/// .skip(start).take(end − start)` is the token as written there (before NFKC, line ends and
/// whitespace were tidied), while `token.surface` is its cleaned form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedToken {
    pub token: Token,
    pub chars: Range<usize>,
}

/// The tokens of `raw` under `config`, in order: the text normalised as ingest normalises it
/// (`clean.nfkc`, `clean.traditional_to_simplified`), then tokenized; each placed in `raw`.
pub fn inspect(config: &Config, raw: &str) -> Vec<PlacedToken> {
    let clean = &config.settings.clean;
    let tokenizer = Tokenizer::new(config);
    inspect_with(&tokenizer, clean.nfkc, clean.traditional_to_simplified, raw)
}

/// [`inspect`] with a tokenizer already built and the two normalisations of `[clean]`.
pub fn inspect_with(tokenizer: &Tokenizer, nfkc: bool, t2s: bool, raw: &str) -> Vec<PlacedToken> {
    let text = normalize(raw, nfkc, t2s);
    let origin = origins(raw, &text, nfkc, t2s);
    let end_of_raw = raw.chars().count();
    let place = |i: usize| origin.get(i).cloned().unwrap_or(end_of_raw..end_of_raw);
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
            let first = place(start).start;
            let last = if chars > start {
                place(chars - 1).end
            } else {
                first
            };
            PlacedToken {
                token,
                chars: first..last.max(first),
            }
        })
        .collect()
}

/// For each character of `cleaned` (= `normalize(raw, nfkc, t2s)`), the characters of `raw` it
/// comes from. The steps of `normalize` are retraced: line ends unified (`\r\n` is one
/// character from two), NFKC on stretches that normalise on their own (each character out of a
/// stretch comes from the whole stretch: `ﬁ` gives `f` and `i`), Traditional → Simplified one
/// character for one; the whitespace tidying only drops characters and turns whitespace into a
/// space, so what it keeps is found in order.
fn origins(raw: &str, cleaned: &str, nfkc: bool, t2s: bool) -> Vec<Range<usize>> {
    // Line ends unified.
    let mut unified: Vec<(char, Range<usize>)> = Vec::with_capacity(raw.len());
    let mut chars = raw.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            chars.next();
            unified.push(('\n', i..i + 2));
        } else {
            unified.push((if c == '\r' { '\n' } else { c }, i..i + 1));
        }
    }
    let mut steps = if nfkc { nfkc_placed(&unified) } else { unified };
    if t2s {
        let before: String = steps.iter().map(|(c, _)| *c).collect();
        let after = fast2s::convert(&before);
        if after.chars().count() == steps.len() {
            for (step, c) in steps.iter_mut().zip(after.chars()) {
                step.0 = c;
            }
        }
    }
    // What the tidying kept, found in order.
    let end = raw.chars().count();
    let mut at = 0;
    cleaned
        .chars()
        .map(|c| {
            let matches = |k: char| match c {
                '\n' => k == '\n',
                ' ' => k.is_whitespace() && k != '\n',
                _ => k == c,
            };
            match steps[at..].iter().position(|(k, _)| matches(*k)) {
                Some(found) => {
                    at += found + 1;
                    steps[at - 1].1.clone()
                }
                None => end..end,
            }
        })
        .collect()
}

/// NFKC of placed characters, a stretch at a time: a stretch starts at each character whose
/// compatibility decomposition starts with a character nothing before it can combine with
/// (canonical combining class 0 and NFKC quick check yes: `Ａ` → `A` does, `ﾞ` → U+3099 and
/// the Hangul vowel jamo do not), so that the stretches normalised one by one give the normal
/// form of the whole.
fn nfkc_placed(chars: &[(char, Range<usize>)]) -> Vec<(char, Range<usize>)> {
    let starts = |c: char| {
        if c.is_ascii() {
            return true;
        }
        let mut first = None;
        decompose_compatible(c, |d| {
            first.get_or_insert(d);
        });
        let first = first.unwrap_or(c);
        canonical_combining_class(first) == 0
            && is_nfkc_quick(std::iter::once(first)) == IsNormalized::Yes
    };
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i + 1;
        while j < chars.len() && !starts(chars[j].0) {
            j += 1;
        }
        if j == i + 1 && chars[i].0.is_ascii() {
            out.push(chars[i].clone());
        } else {
            let stretch: String = chars[i..j].iter().map(|(c, _)| *c).collect();
            let from = chars[i].1.start..chars[j - 1].1.end;
            out.extend(nfkc_of(&stretch).chars().map(|c| (c, from.clone())));
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    /// (surface, the token as written in `raw`) of each token.
    fn placed(raw: &str, t2s: bool) -> Vec<(String, String)> {
        let mut settings = Settings::builtin_default();
        settings.clean.traditional_to_simplified = t2s;
        let config = settings.validate().unwrap();
        inspect(&config, raw)
            .into_iter()
            .map(|p| {
                let written: String = raw
                    .chars()
                    .skip(p.chars.start)
                    .take(p.chars.len())
                    .collect();
                (p.token.surface, written)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn places_count_characters_of_the_text_given() {
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

    #[test]
    fn tidied_whitespace_and_normalised_characters_are_placed_where_written() {
        assert_eq!(
            placed(
                "  Ｐａｒｔｙ   members\tcadres\r\n\r\n群众路线，  ﬁsh\u{200B}es",
                false
            ),
            pairs(&[
                ("Party", "Ｐａｒｔｙ"),
                ("members", "members"),
                ("cadres", "cadres"),
                ("群众路线", "群众路线"),
                ("fishes", "ﬁsh\u{200B}es"),
            ])
        );
        // A letter and the combining mark NFKC composes with it; half-width kana and their
        // voicing marks; Hangul jamo that compose into one syllable.
        assert_eq!(
            placed(
                "cafe\u{301} ｶﾞｲﾄﾞ \u{1100}\u{1161}\u{11A8}\u{1100}\u{1161}",
                false
            ),
            pairs(&[
                ("café", "cafe\u{301}"),
                ("ガイド", "ｶﾞｲﾄﾞ"),
                ("각가", "\u{1100}\u{1161}\u{11A8}\u{1100}\u{1161}"),
            ])
        );
        assert_eq!(
            placed("\r\n黨的  群眾路線\r", true),
            pairs(&[("党", "黨"), ("群众路线", "群眾路線")])
        );
    }
}
