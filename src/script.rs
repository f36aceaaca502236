//! Scripts of characters: whether a character is Han or a Latin letter, and how much of a text
//! is Han.
//!
//! A property of text, not of any stage: it sits below every stage, imports none of them, and
//! any of them may use it (ingest joins wrapped Chinese lines with it, tokenize cuts script runs
//! and tells English from other words with it, the run measures each document's Chinese share).

/// Whether `c` is a Han (Chinese) character: the CJK Unified Ideographs and their extensions,
/// the compatibility ideographs, and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2EBEF
        | 0x30000..=0x323AF)
}

/// Whether `c` is a letter of the Latin script (ASCII and the Latin supplements and extensions).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF))
}

/// Share of a text's letters that are Han characters (0 when it has no letters).
pub fn han_share(text: &str) -> f64 {
    let (mut han, mut letters) = (0u64, 0u64);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        han as f64 / letters as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_share_counts_letters_only() {
        assert_eq!(han_share("群众 ab 12"), 0.5);
        assert_eq!(han_share("123 !"), 0.0);
    }

    #[test]
    fn han_and_latin_letters() {
        assert!(is_han('群') && is_han('〇') && !is_han('a') && !is_han('。'));
        assert!(is_latin_letter('a') && is_latin_letter('é') && !is_latin_letter('я'));
        assert!(!is_latin_letter('1') && !is_latin_letter('群'));
    }
}
