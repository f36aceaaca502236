//! Cleaning: normalisation (line ends, Unicode NFKC, optional Traditional → Simplified Chinese,
//! whitespace), boilerplate lines removed, and metadata read out of the text by rules whose
//! lines are then removed from the body.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Normalises text: `\r\n` and `\r` become `\n`; NFKC when `nfkc` (full-width Latin letters and
/// digits become ASCII, compatibility forms are unified); Traditional Chinese characters become
/// Simplified when `t2s`; within each line, runs of whitespace become one space, invisible
/// format characters (zero-width spaces, byte-order marks, soft hyphens) and control characters
/// are removed, and the line is trimmed. Every line of the result ends with `\n` (a final line
/// end in `raw` does not start another line), so that normalising twice changes nothing.
pub fn normalize(raw: &str, nfkc: bool, t2s: bool) -> String {
    let unified = if raw.contains('\r') {
        std::borrow::Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(raw)
    };
    let mut text: String = if nfkc {
        nfkc_of(&unified)
    } else {
        unified.into_owned()
    };
    if t2s {
        text = fast2s::convert(&text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let start = out.len();
        let mut space = false;
        for c in line.chars() {
            if c.is_whitespace() {
                space = true;
            } else if c.is_control()
                || matches!(
                    c,
                    '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
                )
            {
                continue;
            } else {
                if space && out.len() > start {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// Whether NFKC leaves `c` as it is and never joins it to the character before it: ASCII, the
/// CJK Unified Ideographs (and extension A) and the common CJK punctuation without a
/// compatibility form. Such a character starts a stretch NFKC treats on its own.
fn nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3001..=0x3002 | 0x3008..=0x3011 | 0x2018..=0x201D)
}

/// `text` in Unicode NFKC, the same as `text.nfkc().collect()` but faster on text that is mostly
/// ASCII and Han: stretches of stable characters (see `nfkc_stable`) are copied, and only the
/// stretches between them, each with the stable character before it (which a combining mark may
/// join), go through the normaliser.
pub fn nfkc_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Bytes of `text` written to `out` so far; the start of the stretch being normalised; the
    // start of the previous character.
    let mut copied = 0;
    let mut unstable_from: Option<usize> = None;
    let mut previous = 0;
    for (i, c) in text.char_indices() {
        if nfkc_stable(c) {
            if let Some(from) = unstable_from.take() {
                out.extend(text[from..i].nfkc());
                copied = i;
            }
        } else if unstable_from.is_none() {
            out.push_str(&text[copied..previous]);
            unstable_from = Some(previous);
        }
        previous = i;
    }
    match unstable_from {
        Some(from) => out.extend(text[from..].nfkc()),
        None => out.push_str(&text[copied..]),
    }
    out
}

/// Removes the lines matching any of `patterns` (the whole, trimmed line is tested).
pub fn drop_lines(text: &str, patterns: &[Regex]) -> String {
    if patterns.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() && patterns.iter().any(|re| re.is_match(trimmed)) {
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Applies metadata rules: for each rule, its first match gives a value to each of its named
/// groups that took part (trimmed, first value of a field wins). When `remove` is set, every line
/// a match touches is removed from the text. Returns the remaining text and the fields in rule
/// order.
pub fn extract_metadata(
    text: &str,
    rules: &[Regex],
    remove: bool,
) -> (String, Vec<(String, String)>) {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for rule in rules {
        let Some(caps) = rule.captures(text) else {
            continue;
        };
        let whole = caps.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        spans.push(whole);
        for name in rule.capture_names().flatten() {
            if let Some(m) = caps.name(name) {
                let value = m.as_str().trim();
                if !value.is_empty() && !fields.iter().any(|(k, _)| k == name) {
                    fields.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    if !remove || spans.is_empty() {
        return (text.to_string(), fields);
    }
    let mut out = String::with_capacity(text.len());
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (offset, offset + line.trim_end_matches('\n').len());
        offset += line.len();
        let touched = spans.iter().any(|&(s, e)| s <= end && e > start);
        if !touched {
            out.push_str(line);
        }
    }
    (out, fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_turns_full_width_into_ascii_and_whitespace_is_tidied() {
        assert_eq!(
            normalize(
                "ＧＴＩＤ：１２３\u{3000}Ａｂ\r\n  two \t spaces\u{200B} \r",
                true,
                false
            ),
            "GTID:123 Ab\ntwo spaces\n"
        );
        assert_eq!(normalize("a\n\n\r\n", true, false), "a\n\n\n");
        assert_eq!(normalize("", true, false), "");
        assert_eq!(normalize("ＧＴＩＤ", false, false), "ＧＴＩＤ\n");
    }

    #[test]
    fn traditional_becomes_simplified_when_asked() {
        assert_eq!(normalize("黨的群眾路線", true, true), "党的群众路线\n");
        assert_eq!(normalize("黨的群眾路線", true, false), "黨的群眾路線\n");
    }

    #[test]
    fn metadata_rules_fill_fields_and_remove_their_lines() {
        let rules = vec![
            Regex::new(r"(?m)^Posted on:\s*(?P<posted_on>\d{4}-\d{2}-\d{2})\s*Degree:\s*(?P<degree>.*?)\s*$").unwrap(),
            Regex::new(r"(?m)^Subject:\s*(?P<subject>.*?)\s*$").unwrap(),
            Regex::new(r"(?m)^Missing:(?P<missing>.*)$").unwrap(),
        ];
        let text = "Title\nPosted on:2024-02-28Degree:Master\nBody text.\nSubject:Marxist theory\n";
        let (body, fields) = extract_metadata(text, &rules, true);
        assert_eq!(body, "Title\nBody text.\n");
        assert_eq!(
            fields,
            [
                ("posted_on".to_string(), "2024-02-28".to_string()),
                ("degree".to_string(), "Master".to_string()),
                ("subject".to_string(), "Marxist theory".to_string()),
            ]
        );
        let (kept, _) = extract_metadata(text, &rules, false);
        assert_eq!(kept, text);
    }

    #[test]
    fn boilerplate_lines_are_dropped() {
        let re = vec![Regex::new("^Related items$").unwrap()];
        assert_eq!(drop_lines("a\n  Related items \nb\n", &re), "a\nb\n");
    }
}
