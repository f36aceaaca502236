//! A bibliographic record made a row: its text (the title and the abstract, one paragraph each)
//! and its metadata under common names — `title`, `authors` (joined with `; `), `year`,
//! `source`, `keywords` (joined with `; `), `abstract`, `type` — followed by the other tags under
//! readable names ([`roles`](super::roles)).

use super::Format;
use super::roles::{Role, role};
use crate::ingest::fields::{self, split_list};
use crate::ingest::tabular::RowContent;

/// The text and metadata of a record whose first line is `line`; an error when it has neither a
/// title nor an abstract.
pub(super) fn content(
    format: Format,
    fields: &[(String, Vec<String>)],
    line: usize,
) -> Result<RowContent, String> {
    let mut parts = Parts::default();
    for (tag, values) in fields {
        parts.add(format, tag, values);
    }
    parts.into_content(line)
}

/// A record's values, gathered by the role of their tags.
#[derive(Default)]
struct Parts {
    title: Vec<String>,
    authors: Vec<String>,
    year: Option<String>,
    source: Vec<String>,
    keywords: Vec<String>,
    abstract_: Vec<String>,
    kind: String,
    others: Vec<(String, String)>,
}

impl Parts {
    /// Adds the values of the tag `tag` (one a line, or a line and its continuations).
    fn add(&mut self, format: Format, tag: &str, values: &[String]) {
        let wos = format == Format::WebOfScience;
        // Running text: WoS continuation lines are joined with a space.
        let text = |values: &[String]| join(values, " ");
        match role(format, tag) {
            Role::Title => self.title.push(text(values)),
            Role::Authors => {
                for v in values {
                    // One author a line in RIS, EndNote and WoS ("Smith, John"); CNKI joins them
                    // with semicolons.
                    self.authors.extend(split_list(v, false));
                }
            }
            Role::Year => {
                if self.year.is_none() {
                    self.year = fields::year(&text(values)).map(str::to_string);
                }
            }
            Role::Source => {
                if self.source.is_empty() {
                    self.source.push(text(values));
                }
            }
            Role::Keywords => {
                let joined = if wos {
                    vec![text(values)]
                } else {
                    values.to_vec()
                };
                for v in &joined {
                    self.keywords.extend(split_list(v, format != Format::Ris));
                }
            }
            Role::Abstract => self.abstract_.push(text(values)),
            Role::Type => {
                let v = text(values);
                self.kind = if format == Format::Ris {
                    ris_type(&v)
                } else {
                    v
                };
            }
            Role::Other(name) => {
                self.add_other(tag, name, join(values, if wos { " " } else { "; " }))
            }
            // A repeated tag's values are items, and so are WoS continuation lines in the list
            // fields (they are running text in the others).
            Role::OtherList(name) => self.add_other(tag, name, join(values, "; ")),
        }
    }

    /// Adds another field under `name` (the tag in lowercase when empty), unless `joined` is
    /// empty.
    fn add_other(&mut self, tag: &str, name: &str, joined: String) {
        let name = if name.is_empty() {
            tag.to_lowercase().replace([' ', '/'], "_")
        } else {
            name.to_string()
        };
        if !joined.is_empty() {
            self.others.push((name, joined));
        }
    }

    /// The row's text and metadata; the year, when no year tag gave one, is read from a date.
    fn into_content(self, line: usize) -> Result<RowContent, String> {
        let year = self.year.or_else(|| {
            self.others
                .iter()
                .find(|(k, _)| matches!(k.as_str(), "date" | "publication_date"))
                .and_then(|(_, v)| fields::year(v).map(str::to_string))
        });
        let title = self.title.join(" ");
        let abstract_ = self.abstract_.join(" ");
        if title.is_empty() && abstract_.is_empty() {
            return Err(format!(
                "malformed record at line {line}: it has neither a title nor an abstract"
            ));
        }
        let body = [title.as_str(), abstract_.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let mut metadata = vec![
            ("title".to_string(), title),
            ("authors".to_string(), self.authors.join("; ")),
            ("year".to_string(), year.unwrap_or_default()),
            ("source".to_string(), self.source.join(" ")),
            ("keywords".to_string(), self.keywords.join("; ")),
            ("abstract".to_string(), abstract_),
            ("type".to_string(), self.kind),
        ];
        metadata.extend(self.others);
        Ok(RowContent {
            text: body,
            metadata,
        })
    }
}

/// RIS type codes as readers know them.
fn ris_type(code: &str) -> String {
    match code {
        "JOUR" | "JFULL" | "EJOUR" => "Journal Article",
        "THES" => "Thesis",
        "BOOK" | "EBOOK" => "Book",
        "CHAP" | "ECHAP" => "Book Section",
        "CONF" | "CPAPER" => "Conference Paper",
        "NEWS" => "Newspaper Article",
        "MGZN" => "Magazine Article",
        "RPRT" => "Report",
        "ELEC" => "Web Page",
        "PAT" => "Patent",
        "GEN" => "Generic",
        other => other,
    }
    .to_string()
}

/// The non-empty values, trimmed, joined with `separator`.
fn join(values: &[String], separator: &str) -> String {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}
