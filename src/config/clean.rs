//! `[clean]`, `[metadata]` and `[units]`: normalisation, lines dropped, metadata read out of the
//! text and how documents are split; the regular expressions are compiled here.

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// `[clean]`: normalisation and text removed before analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanSettings {
    /// Unicode NFKC normalisation (full-width letters and digits become ASCII).
    pub nfkc: bool,
    /// Convert Traditional Chinese characters to Simplified.
    pub traditional_to_simplified: bool,
    /// Regular expressions; a line (trimmed) matching any of them is dropped.
    pub drop_lines: Vec<String>,
}

/// `[metadata]`: fields read out of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetadataSettings {
    /// Regular expressions with named groups; each named group of a rule's first match becomes a
    /// field (a column of `documents`).
    pub rules: Vec<String>,
    /// Remove the lines a rule matched from the text, so the header is not analysed as body.
    pub remove_matched_lines: bool,
}

/// How a document is split into paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphBreak {
    /// Every non-empty line is a paragraph (scraped pages, one paragraph per line).
    Line,
    /// Paragraphs are separated by empty lines (hard-wrapped text).
    BlankLine,
}

/// `[units]`: how documents are split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UnitSettings {
    pub paragraph_break: ParagraphBreak,
}

impl Default for CleanSettings {
    fn default() -> Self {
        CleanSettings {
            nfkc: true,
            traditional_to_simplified: false,
            drop_lines: [
                r"^Font Size:\s*a A A$",
                r"^(?:Abstract/Summary:\s*)?PDF Full Text Request$",
                r"^Abstract/Summary:$",
                r"^Related items$",
                r"^Current location\s+-\s",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl Default for MetadataSettings {
    fn default() -> Self {
        MetadataSettings {
            rules: [
                r"\A\s*(?P<title>[^\n]+)\n\s*Posted on:",
                r"(?m)^Posted on:\s*(?P<posted_on>\d{4}-\d{2}-\d{2})\s*Degree:\s*(?P<degree>.*?)\s*Type:\s*(?P<type>.*?)\s*$",
                r"(?m)^Country:\s*(?P<country>.*?)\s*Candidate:\s*(?P<candidate>.*?)\s*(?:Full Text:.*)?$",
                r"(?m)^GTID:\s*(?P<gtid>\d+)\s*Subject:\s*(?P<subject>.*?)\s*$",
                r"(?m)^Keywords/Search Tags:\s*(?P<keywords>.*?)\s*$",
                r"(?m)^(?:时间|時間):\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*\|\s*(?:来源|來源):\s*(?P<source>.*?)\s*$",
            ]
            .map(String::from)
            .to_vec(),
            remove_matched_lines: true,
        }
    }
}

impl Default for UnitSettings {
    fn default() -> Self {
        UnitSettings {
            paragraph_break: ParagraphBreak::Line,
        }
    }
}

/// Checks `[clean]` and `[metadata]`: compiles `clean.drop_lines` and `metadata.rules`, each
/// rule with a named group.
pub(super) fn validate(
    clean: &CleanSettings,
    metadata: &MetadataSettings,
) -> Result<(Vec<Regex>, Vec<Regex>)> {
    let drop_lines = compile_regexes("clean.drop_lines", &clean.drop_lines)?;
    let metadata_rules = compile_regexes("metadata.rules", &metadata.rules)?;
    for (i, rule) in metadata_rules.iter().enumerate() {
        if rule.capture_names().flatten().next().is_none() {
            return Err(Error::value(
                &format!("metadata.rules[{i}]"),
                format!(
                    "{:?} has no named group; allowed: a regular expression with groups such as (?P<subject>.*)",
                    rule.as_str()
                ),
            ));
        }
    }
    Ok((drop_lines, metadata_rules))
}

fn compile_regexes(key: &str, patterns: &[String]) -> Result<Vec<Regex>> {
    patterns
        .iter()
        .enumerate()
        .map(|(i, pattern)| {
            Regex::new(pattern).map_err(|e| {
                Error::value(
                    &format!("{key}[{i}]"),
                    format!(
                        "{pattern:?} is not a valid regular expression; allowed: Rust regex \
                         syntax, such as \"^Related items$\" ({e})"
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn bad_regex_is_named() {
        let s = Settings::from_toml("[clean]\ndrop_lines = [\"(unclosed\"]\n", "t").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(msg.contains("clean.drop_lines[0]"), "{msg}");
        let s = Settings::from_toml("[metadata]\nrules = [\"no groups\"]\n", "t").unwrap();
        let msg = s.validate().unwrap_err().to_string();
        assert!(
            msg.contains("metadata.rules[0]") && msg.contains("named group"),
            "{msg}"
        );
    }
}
