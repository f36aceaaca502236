//! Bibliographic exports: one document per record of a CNKI, Web of Science or reference
//! manager export.
//!
//! Five tagged formats are read, as their documentation describes them:
//! - **RIS** (`TY  - JOUR` … `ER  - `): a tag, two spaces, a hyphen and a space; a record ends
//!   at `ER`; one author (`AU`, `A1`) or keyword (`KW`) a line.
//! - **RefWorks** tagged text, as CNKI exports it (`RT Journal Article`, `A1`, `T1`, `JF`, `YR`,
//!   `K1`, `AB`, …): a tag and a space; a record starts at `RT` and ends at a blank line.
//! - **EndNote** text (refer, `%0 Journal Article`, `%A`, `%T`, `%J`, `%D`, `%K`, `%X`, …): a
//!   record starts at `%0` and ends at a blank line; one `%A` line per author.
//! - **NoteExpress** (`{Reference Type}: Journal Article`, `{Title}: …`): a record starts at
//!   `{Reference Type}` and ends at a blank line.
//! - **Web of Science** plain text (`FN`, `VR`, then `PT J` … `ER`, `EF`): a tag and a space; a
//!   line starting with three spaces continues the tag above it (one author a line for `AU`,
//!   `AF`, `CR`, `C1`; running text for the others).
//!
//! In the three blank-line formats (and RIS), a line without a tag inside a record continues the
//! field above it, after a space (none between two Han characters). A record becomes a row: its text is the title and the abstract (one paragraph
//! each), its fields metadata under common names — `title`, `authors` (joined with `; `),
//! `year`, `source`, `keywords` (joined with `; `), `abstract`, `type` — followed by the other
//! tags under readable names (`doi`, `issue`, `volume`, `pages`, …; an unknown tag under its own
//! name in lowercase). Keywords are split on `;` and `；`, or, when a field holds neither, on
//! `,` and `，` (CNKI and the reference managers use either; a RIS `KW` line is one keyword,
//! split only on semicolons). A malformed record — a field outside any record, a RIS or Web of
//! Science record without its `ER` line, a record with neither title nor abstract — is a skipped
//! row whose reason names its line.

use crate::ingest::fields::{self, split_list};
use crate::ingest::tabular::{Row, RowContent};

/// A bibliographic export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Ris,
    RefWorks,
    EndNote,
    NoteExpress,
    WebOfScience,
}

impl Format {
    /// The name `input.format` gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ris => "ris",
            Format::RefWorks => "refworks",
            Format::EndNote => "endnote",
            Format::NoteExpress => "noteexpress",
            Format::WebOfScience => "wos",
        }
    }

    /// The first line of a record, as shown in messages.
    fn start_shown(self) -> &'static str {
        match self {
            Format::Ris => "`TY  - `",
            Format::RefWorks => "`RT `",
            Format::EndNote => "`%0 `",
            Format::NoteExpress => "`{Reference Type}:`",
            Format::WebOfScience => "`PT `",
        }
    }

    /// Whether a record ends with an `ER` line (otherwise with a blank line).
    fn has_end_tag(self) -> bool {
        matches!(self, Format::Ris | Format::WebOfScience)
    }
}

/// The format of an export, from its first non-blank line; `None` for any other text.
pub fn detect(text: &str) -> Option<Format> {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim_end())
        .find(|l| !l.trim().is_empty())?;
    let first = first.trim_start_matches('\u{feff}');
    if first.starts_with("FN ") || wos_tag(first).is_some_and(|(t, v)| t == "PT" && v.len() == 1) {
        Some(Format::WebOfScience)
    } else if ris_tag(first).is_some_and(|(t, _)| t == "TY") {
        Some(Format::Ris)
    } else if first.starts_with("RT ") {
        Some(Format::RefWorks)
    } else if first.starts_with("%0 ") {
        Some(Format::EndNote)
    } else if first.starts_with("{Reference Type}:") {
        Some(Format::NoteExpress)
    } else {
        None
    }
}

/// A line of an export, as read.
enum Line<'a> {
    Blank,
    Field(&'a str, &'a str),
    /// A line without a tag: continues the field above (text after the WoS indent).
    More(&'a str),
}

fn is_tag(tag: &str) -> bool {
    let b = tag.as_bytes();
    b.len() == 2
        && b[0].is_ascii_uppercase()
        && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
}

/// `TY  - JOUR` → (`TY`, `JOUR`); tolerates one space before the hyphen and none after it.
fn ris_tag(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let rest = line.get(2..)?;
    let rest = rest
        .strip_prefix("  -")
        .or_else(|| rest.strip_prefix(" -"))?;
    (is_tag(tag) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (tag, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// `AU Smith, J` → (`AU`, `Smith, J`); a tag alone on its line (`ER`) has an empty value.
fn wos_tag(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let rest = line.get(2..)?;
    (is_tag(tag) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (tag, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// The tags of RefWorks' tagged format: a line starting with another pair of capitals
/// continues the field above.
const REFWORKS_TAGS: &[&str] = &[
    "RT", "SR", "ID", "A1", "A2", "A3", "A4", "A5", "A6", "T1", "T2", "T3", "JF", "JO", "YR", "FD",
    "VO", "IS", "SP", "OP", "K1", "AB", "NO", "ED", "PB", "PP", "SN", "AV", "AD", "AN", "LA", "CL",
    "SF", "OT", "LK", "DO", "CN", "DB", "DS", "IP", "RD", "ST", "U1", "U2", "U3", "U4", "U5", "UL",
    "WT", "WV", "OL", "CO", "CA", "DE", "ED", "GR", "RE",
];

fn read_line(format: Format, line: &str) -> Line<'_> {
    if line.trim().is_empty() {
        return Line::Blank;
    }
    let field = match format {
        Format::Ris => ris_tag(line),
        Format::WebOfScience => {
            if let Some(rest) = line.strip_prefix("   ") {
                return Line::More(rest.trim());
            }
            wos_tag(line)
        }
        Format::RefWorks => wos_tag(line).filter(|(t, _)| REFWORKS_TAGS.contains(t)),
        Format::EndNote => line
            .strip_prefix('%')
            .and_then(|rest| {
                let mut chars = rest.chars();
                let tag = chars.next()?;
                let value = chars.as_str();
                (!tag.is_whitespace() && (value.is_empty() || value.starts_with(' ')))
                    .then(|| (&rest[..tag.len_utf8()], value))
            })
            .map(|(t, v)| (t, v.strip_prefix(' ').unwrap_or(v))),
        Format::NoteExpress => line.strip_prefix('{').and_then(|rest| {
            let (tag, value) = rest.split_once("}:")?;
            Some((tag, value))
        }),
    };
    match field {
        Some((tag, value)) => Line::Field(tag, value.trim()),
        None => Line::More(line.trim()),
    }
}

fn is_start(format: Format, tag: &str) -> bool {
    match format {
        Format::Ris => tag == "TY",
        Format::RefWorks => tag == "RT",
        Format::EndNote => tag == "0",
        Format::NoteExpress => tag == "Reference Type",
        Format::WebOfScience => tag == "PT",
    }
}

/// Tags outside records that are no error: Web of Science's file header and end.
fn is_file_tag(format: Format, tag: &str) -> bool {
    format == Format::WebOfScience && matches!(tag, "FN" | "VR" | "EF")
}

/// A record being read: its first line and its fields, each with its lines' values.
struct Record {
    line: usize,
    fields: Vec<(String, Vec<String>)>,
    ended: bool,
}

impl Record {
    fn push(&mut self, tag: &str, value: &str) {
        match self.fields.iter_mut().find(|(t, _)| t == tag) {
            Some((_, values)) => values.push(value.to_string()),
            None => self.fields.push((tag.to_string(), vec![value.to_string()])),
        }
    }
}

/// The records of an export, in file order, each a row numbered from 1.
pub fn records(text: &str, format: Format) -> Vec<Row> {
    let text = text.trim_start_matches('\u{feff}');
    let mut items: Vec<(usize, Result<Record, String>)> = Vec::new();
    let mut current: Option<Record> = None;
    // The field the next continuation line belongs to.
    let mut last_tag: Option<String> = None;
    // The first line of a run of lines outside any record.
    let mut stray: Option<(usize, String)> = None;
    let finish = |record: Record, items: &mut Vec<(usize, Result<Record, String>)>| {
        let line = record.line;
        if format.has_end_tag() && !record.ended {
            items.push((
                line,
                Err(format!(
                    "malformed record at line {line}: no `ER` line ends it"
                )),
            ));
        } else {
            items.push((line, Ok(record)));
        }
    };
    let flush_stray = |stray: &mut Option<(usize, String)>,
                       items: &mut Vec<(usize, Result<Record, String>)>| {
        if let Some((line, what)) = stray.take() {
            items.push((
                    line,
                    Err(format!(
                        "malformed record at line {line}: {what} outside a record (a {} record starts with {})",
                        format_name(format),
                        format.start_shown()
                    )),
                ));
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let line = raw.trim_end_matches('\r');
        match read_line(format, line) {
            Line::Blank => {
                // RIS and Web of Science records run to their `ER` line, blank lines included.
                if !format.has_end_tag() {
                    if let Some(record) = current.take() {
                        finish(record, &mut items);
                    }
                    last_tag = None;
                }
            }
            Line::Field(tag, value) if is_start(format, tag) => {
                flush_stray(&mut stray, &mut items);
                if let Some(record) = current.take() {
                    finish(record, &mut items);
                }
                let mut record = Record {
                    line: number,
                    fields: Vec::new(),
                    ended: false,
                };
                record.push(tag, value);
                current = Some(record);
                last_tag = Some(tag.to_string());
            }
            Line::Field(tag, _) if is_file_tag(format, tag) => {
                flush_stray(&mut stray, &mut items);
                if let Some(record) = current.take() {
                    finish(record, &mut items);
                }
                last_tag = None;
            }
            Line::Field("ER", _) if format.has_end_tag() => match current.take() {
                Some(mut record) => {
                    record.ended = true;
                    finish(record, &mut items);
                    last_tag = None;
                }
                None => {
                    stray.get_or_insert((number, "an `ER` line".to_string()));
                }
            },
            Line::Field(tag, value) => match current.as_mut() {
                Some(record) => {
                    record.push(tag, value);
                    last_tag = Some(tag.to_string());
                }
                None => {
                    stray.get_or_insert((number, format!("the field `{tag}`")));
                }
            },
            Line::More(value) => match (current.as_mut(), &last_tag) {
                (Some(record), Some(tag)) => {
                    let tag = tag.clone();
                    if format == Format::WebOfScience {
                        record.push(&tag, value);
                    } else if let Some((_, values)) =
                        record.fields.iter_mut().find(|(t, _)| *t == tag)
                        && let Some(last) = values.last_mut()
                    {
                        // Chinese text wrapped over lines joins without a space.
                        let han = |c: Option<char>| c.is_some_and(crate::script::is_han);
                        let both_han = han(last.chars().last()) && han(value.chars().next());
                        if !last.is_empty() && !both_han {
                            last.push(' ');
                        }
                        last.push_str(value);
                    }
                }
                _ => {
                    stray.get_or_insert((number, "text".to_string()));
                }
            },
        }
    }
    if let Some(record) = current.take() {
        finish(record, &mut items);
    }
    flush_stray(&mut stray, &mut items);
    items.sort_by_key(|&(line, _)| line);
    items
        .into_iter()
        .enumerate()
        .map(|(i, (line, record))| Row {
            number: i as u64 + 1,
            content: record.and_then(|r| content(format, &r.fields, line)),
        })
        .collect()
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Ris => "RIS",
        Format::RefWorks => "RefWorks",
        Format::EndNote => "EndNote",
        Format::NoteExpress => "NoteExpress",
        Format::WebOfScience => "Web of Science",
    }
}

/// What a tag holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Authors,
    Year,
    Source,
    Keywords,
    Abstract,
    Type,
    /// Another field, under this name.
    Other(&'static str),
    /// Another field whose lines are items joined with `; ` (WoS `AF`, `CR`, `C1` …).
    OtherList(&'static str),
}

fn role(format: Format, tag: &str) -> Role {
    use Role::*;
    match format {
        Format::Ris => match tag {
            "TY" => Type,
            "TI" | "T1" => Title,
            "AU" | "A1" => Authors,
            "PY" | "Y1" => Year,
            "T2" | "JO" | "JF" | "JA" | "BT" => Source,
            "KW" => Keywords,
            "AB" | "N2" => Abstract,
            "A2" | "ED" => OtherList("editors"),
            "DA" => Other("date"),
            "VL" => Other("volume"),
            "IS" => Other("issue"),
            "SP" => Other("start_page"),
            "EP" => Other("end_page"),
            "SN" => Other("issn"),
            "DO" => Other("doi"),
            "UR" => Other("url"),
            "PB" => Other("publisher"),
            "CY" => Other("place"),
            "LA" => Other("language"),
            "AD" => Other("address"),
            "N1" => Other("notes"),
            "DB" => Other("database"),
            "AN" => Other("accession_number"),
            "M3" => Other("medium"),
            _ => Other(""),
        },
        Format::RefWorks => match tag {
            "RT" => Type,
            "T1" => Title,
            "A1" => Authors,
            "YR" => Year,
            "JF" | "JO" | "T2" => Source,
            "K1" => Keywords,
            "AB" => Abstract,
            "SR" => Other("source_type"),
            "AD" => Other("address"),
            "FD" => Other("date"),
            "VO" => Other("volume"),
            "IS" => Other("issue"),
            "SP" => Other("start_page"),
            "OP" => Other("pages"),
            "SN" => Other("issn"),
            "CN" => Other("call_number"),
            "PB" => Other("publisher"),
            "PP" => Other("place"),
            "LA" => Other("language"),
            "DS" => Other("data_source"),
            "LK" => Other("link"),
            "UL" => Other("url"),
            "DO" => Other("doi"),
            "CL" => Other("classification"),
            "NO" => Other("notes"),
            "A2" => OtherList("secondary_authors"),
            "ED" => Other("edition"),
            _ => Other(""),
        },
        Format::EndNote => match tag {
            "0" => Type,
            "T" => Title,
            "A" => Authors,
            "D" => Year,
            "J" | "B" => Source,
            "K" => Keywords,
            "X" => Abstract,
            "+" => Other("address"),
            "E" => OtherList("editors"),
            "I" => Other("publisher"),
            "C" => Other("place"),
            "V" => Other("volume"),
            "N" => Other("issue"),
            "P" => Other("pages"),
            "@" => Other("issn"),
            "L" => Other("call_number"),
            "U" => Other("url"),
            "R" => Other("doi"),
            "W" => Other("database"),
            "8" => Other("date"),
            "9" => Other("work_type"),
            "G" => Other("language"),
            "Z" => Other("notes"),
            _ => Other(""),
        },
        Format::NoteExpress => match tag {
            "Reference Type" => Type,
            "Title" => Title,
            "Author" => Authors,
            "Year" => Year,
            "Journal" | "Secondary Title" => Source,
            "Keywords" => Keywords,
            "Abstract" => Abstract,
            "Author Address" => Other("address"),
            "Issue" => Other("issue"),
            "Volume" => Other("volume"),
            "Pages" => Other("pages"),
            "ISBN/ISSN" => Other("issn"),
            "Notes" => Other("notes"),
            "URL" => Other("url"),
            "DOI" => Other("doi"),
            "Database Provider" => Other("database"),
            "Language" => Other("language"),
            "Publisher" => Other("publisher"),
            "Place Published" => Other("place"),
            _ => Other(""),
        },
        Format::WebOfScience => match tag {
            "DT" => Type,
            "TI" => Title,
            "AU" => Authors,
            "PY" => Year,
            "SO" => Source,
            "DE" => Keywords,
            "AB" => Abstract,
            "PT" => Other("publication_type"),
            "AF" => OtherList("author_full_names"),
            "ID" => Other("keywords_plus"),
            "C1" => OtherList("addresses"),
            "RP" => Other("reprint_address"),
            "EM" => Other("email"),
            "CR" => OtherList("cited_references"),
            "NR" => Other("cited_reference_count"),
            "TC" => Other("times_cited"),
            "Z9" => Other("total_times_cited"),
            "LA" => Other("language"),
            "PU" => Other("publisher"),
            "SN" => Other("issn"),
            "EI" => Other("eissn"),
            "J9" => Other("source_abbreviation"),
            "JI" => Other("iso_source_abbreviation"),
            "PD" => Other("publication_date"),
            "VL" => Other("volume"),
            "IS" => Other("issue"),
            "BP" => Other("start_page"),
            "EP" => Other("end_page"),
            "DI" => Other("doi"),
            "WC" => Other("wos_categories"),
            "SC" => Other("research_areas"),
            "UT" => Other("accession_number"),
            "OA" => Other("open_access"),
            "DA" => Other("export_date"),
            _ => Other(""),
        },
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

/// The text and metadata of a record.
fn content(
    format: Format,
    fields: &[(String, Vec<String>)],
    line: usize,
) -> Result<RowContent, String> {
    let mut title = Vec::new();
    let mut authors: Vec<String> = Vec::new();
    let mut year: Option<String> = None;
    let mut source = Vec::new();
    let mut keywords: Vec<String> = Vec::new();
    let mut abstract_ = Vec::new();
    let mut kind = String::new();
    let mut others: Vec<(String, String)> = Vec::new();
    let wos = format == Format::WebOfScience;
    // Running text: WoS continuation lines are joined with a space.
    let text = |values: &[String]| join(values, " ");
    for (tag, values) in fields {
        match role(format, tag) {
            Role::Title => title.push(text(values)),
            Role::Authors => {
                for v in values {
                    // One author a line in RIS, EndNote and WoS ("Smith, John"); CNKI joins them
                    // with semicolons.
                    authors.extend(split_list(v, false));
                }
            }
            Role::Year => {
                if year.is_none() {
                    year = fields::year(&text(values)).map(str::to_string);
                }
            }
            Role::Source => {
                if source.is_empty() {
                    source.push(text(values));
                }
            }
            Role::Keywords => {
                let joined = if wos {
                    vec![text(values)]
                } else {
                    values.clone()
                };
                for v in &joined {
                    keywords.extend(split_list(v, format != Format::Ris));
                }
            }
            Role::Abstract => abstract_.push(text(values)),
            Role::Type => {
                let v = text(values);
                kind = if format == Format::Ris {
                    ris_type(&v)
                } else {
                    v
                };
            }
            Role::Other(name) | Role::OtherList(name) => {
                // A repeated tag's values are items, but WoS continuation lines are running
                // text except in the list fields.
                let list = matches!(role(format, tag), Role::OtherList(_));
                let joined = join(values, if wos && !list { " " } else { "; " });
                let name = if name.is_empty() {
                    tag.to_lowercase().replace([' ', '/'], "_")
                } else {
                    name.to_string()
                };
                if joined.is_empty() {
                    continue;
                }
                others.push((name, joined));
            }
        }
    }
    if year.is_none() {
        year = others
            .iter()
            .find(|(k, _)| matches!(k.as_str(), "date" | "publication_date"))
            .and_then(|(_, v)| fields::year(v).map(str::to_string));
    }
    let title = title.join(" ");
    let abstract_ = abstract_.join(" ");
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
        ("authors".to_string(), authors.join("; ")),
        ("year".to_string(), year.unwrap_or_default()),
        ("source".to_string(), source.join(" ")),
        ("keywords".to_string(), keywords.join("; ")),
        ("abstract".to_string(), abstract_),
        ("type".to_string(), kind),
    ];
    metadata.extend(others);
    Ok(RowContent {
        text: body,
        metadata,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(
            detect("\u{feff}FN Clarivate\nVR 1.0\n"),
            Some(Format::WebOfScience)
        );
        assert_eq!(detect("PT J\nAU x\n"), Some(Format::WebOfScience));
        assert_eq!(detect("\n\nTY  - JOUR\n"), Some(Format::Ris));
        assert_eq!(detect("RT Journal Article\n"), Some(Format::RefWorks));
        assert_eq!(detect("%0 Thesis\n"), Some(Format::EndNote));
        assert_eq!(
            detect("{Reference Type}: Journal Article\n"),
            Some(Format::NoteExpress)
        );
        assert_eq!(detect("PT is a plain sentence.\n"), None);
        assert_eq!(detect("Title of an essay\n\nText.\n"), None);
    }
}
