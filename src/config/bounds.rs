//! What each numeric key accepts, in words, in one table: a value of the wrong type (`window =
//! -1`, `window = "5"`) and a value out of range are answered with the same allowed values, the
//! ones the checks of the section files enforce (`tests/config.rs` holds each key to its bound).

use super::MAX_THREADS;
use crate::error::Error;

/// The values a numeric key accepts.
#[derive(Debug, Clone, Copy)]
enum Allowed {
    /// An integer from `min` to `max` (`u64::MAX`: no upper bound), then `note`.
    Integer {
        min: u64,
        max: u64,
        note: &'static str,
    },
    /// Said in words: numbers with a fraction, and ranges with a gap.
    Words(&'static str),
}

use Allowed::{Integer, Words};

const fn int(min: u64, max: u64) -> Allowed {
    Integer { min, max, note: "" }
}

const fn int_note(min: u64, max: u64, note: &'static str) -> Allowed {
    Integer { min, max, note }
}

const NONE: u64 = u64::MAX;

/// Every numeric key of the configuration and what it accepts.
const KEYS: &[(&str, Allowed)] = &[
    ("input.max_file_bytes", int_note(1, NONE, " (bytes)")),
    ("output.csv_max_rows", int_note(0, NONE, " (0: no limit)")),
    (
        "run.threads",
        int_note(0, MAX_THREADS as u64, " (0: one per core)"),
    ),
    ("run.seed", int(0, NONE)),
    ("tokenize.min_word_length", int(1, 100)),
    ("tokenize.zh_min_length", int(1, 100)),
    ("tokenize.max_vocabulary", int(1, 4_000_000_000)),
    ("phrases.min_count", int(1, NONE)),
    ("phrases.threshold", Words("a number from -1 to 1 (NPMI)")),
    (
        "doc_terms.min_count",
        int_note(1, u32::MAX as u64, " (1 keeps every term of a document)"),
    ),
    (
        "doc_terms.top_n",
        int_note(0, NONE, " (0: no per-document limit)"),
    ),
    ("doc_terms.max_rows", int_note(0, NONE, " (0: no limit)")),
    ("keywords.top_n", int(1, 10_000)),
    ("keywords.span", int(2, 100)),
    ("cooccurrence.window", int(1, 100)),
    ("cooccurrence.top_terms", int(2, 20_000)),
    ("cooccurrence.min_term_count", int(1, NONE)),
    ("cooccurrence.min_count", int(1, NONE)),
    ("cooccurrence.max_pairs", int(1, 500_000_000)),
    (
        "network.edges",
        int_note(0, 100_000, " (0: every pair passing network.min_value)"),
    ),
    (
        "network.min_value",
        Words("a finite number such as 0 or 0.1"),
    ),
    (
        "network.resolution",
        Words("a number above 0 and at most 100 (1 is plain modularity)"),
    ),
    ("keyness.top_n", int(1, 100_000)),
    ("keyness.min_count", int(1, NONE)),
    ("trends.top_terms", int(1, 10_000)),
    (
        "kwic.top_keywords",
        int_note(0, 10_000, " (0 writes no rows)"),
    ),
    ("kwic.width", int(1, 1000)),
    ("kwic.max_lines", int(1, 1_000_000)),
    ("themes.k", int_note(1, 1000, ", or \"auto\"")),
    ("themes.k_min", int(2, 1000)),
    (
        "themes.k_max",
        int_note(2, 1000, ", and not below themes.k_min"),
    ),
    ("themes.min_unit_tokens", int(1, 100_000)),
    ("themes.min_df", int(1, 1_000_000)),
    ("themes.max_terms", int(2, 1_000_000)),
    ("themes.restarts", int(1, 1000)),
    (
        "themes.sample",
        Words("0 (every restart on every unit) or an integer from 100 to 1000000000"),
    ),
    ("themes.max_iter", int(1, 100_000)),
    (
        "themes.tolerance",
        Words("a number of 0 (run to convergence) or more, and below 1"),
    ),
    ("themes.top_terms", int(1, 1000)),
    ("themes.examples", int(0, 1000)),
    ("bursts.top_terms", int_note(0, 100_000, " (0: no bursts)")),
    (
        "bursts.s",
        Words("a number above 1 (the burst rate is s times the base rate)"),
    ),
    ("bursts.gamma", Words("a number of 0 or more")),
];

/// The integers from `min` to `max` in words.
pub(super) fn integers(min: u64, max: u64) -> String {
    if max == NONE {
        format!("an integer of {min} or more")
    } else {
        format!("an integer from {min} to {max}")
    }
}

/// What `key` accepts, in words; None for a key that is not numeric.
pub(super) fn allowed(key: &str) -> Option<String> {
    let (_, allowed) = KEYS.iter().find(|(k, _)| *k == key)?;
    Some(match *allowed {
        Integer { min, max, note } => format!("{}{note}", integers(min, max)),
        Words(words) => words.to_string(),
    })
}

/// What is said after an integer range of `key`: its note (`" (0: one per core)"`), if any.
pub(super) fn note(key: &str) -> &'static str {
    match KEYS.iter().find(|(k, _)| *k == key) {
        Some((_, Integer { note, .. })) => note,
        _ => "",
    }
}

/// The error for `value` of `key` outside what [`allowed`] says.
pub(super) fn out_of_range(key: &str, value: impl std::fmt::Display) -> Error {
    Error::value(
        key,
        format!(
            "{value} is out of range; allowed: {}",
            allowed(key).unwrap_or_default()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    /// Every numeric key of the settings has its line in the table, and the table names no key
    /// that does not exist.
    #[test]
    fn every_numeric_key_has_its_allowed_values() {
        let all = toml::Table::try_from(Settings::default()).unwrap();
        let mut numeric = Vec::new();
        for (section, keys) in &all {
            for (key, value) in keys.as_table().unwrap() {
                if value.is_integer() || value.is_float() {
                    numeric.push(format!("{section}.{key}"));
                }
            }
        }
        for key in &numeric {
            assert!(allowed(key).is_some(), "{key} is not in bounds::KEYS");
        }
        for (key, _) in KEYS {
            assert!(numeric.iter().any(|k| k == key), "{key} is not a key");
        }
    }

    #[test]
    fn words_for_ranges() {
        assert_eq!(
            allowed("cooccurrence.window").unwrap(),
            "an integer from 1 to 100"
        );
        assert_eq!(
            allowed("run.threads").unwrap(),
            "an integer from 0 to 1024 (0: one per core)"
        );
        assert_eq!(
            allowed("keyness.min_count").unwrap(),
            "an integer of 1 or more"
        );
        assert_eq!(allowed("input.paths"), None);
    }
}
