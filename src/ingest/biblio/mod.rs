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
//!
//! This file reads the lines into records; `roles` says what each format's tags hold, and `row`
//! makes a record a row (its keywords and year read with [`crate::ingest::fields`]).

mod roles;
mod row;

use crate::ingest::tabular::Row;

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
    /// Adds a line's value to the field `tag`.
    fn push(&mut self, tag: &str, value: &str) {
        match self.fields.iter_mut().find(|(t, _)| t == tag) {
            Some((_, values)) => values.push(value.to_string()),
            None => self.fields.push((tag.to_string(), vec![value.to_string()])),
        }
    }

    /// Appends a continuation line to the last value of the field `tag`, after a space (none
    /// between two Han characters).
    fn continue_field(&mut self, tag: &str, value: &str) {
        if let Some((_, values)) = self.fields.iter_mut().find(|(t, _)| t == tag)
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
}

/// The records of an export, in file order, each a row numbered from 1.
pub fn records(text: &str, format: Format) -> Vec<Row> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = Reader::new(format);
    for (i, raw) in text.lines().enumerate() {
        reader.read(i + 1, raw.trim_end_matches('\r'));
    }
    reader
        .end()
        .into_iter()
        .enumerate()
        .map(|(i, (line, record))| Row {
            number: i as u64 + 1,
            content: record.and_then(|r| row::content(format, &r.fields, line)),
        })
        .collect()
}

/// The records of an export, and its malformed stretches, each with its first line.
type Items = Vec<(usize, Result<Record, String>)>;

/// An export read line by line: what has been read, and the record being read.
struct Reader {
    format: Format,
    items: Items,
    current: Option<Record>,
    /// The field the next continuation line belongs to.
    last_tag: Option<String>,
    /// The first line of a run of lines outside any record.
    stray: Option<(usize, String)>,
}

impl Reader {
    fn new(format: Format) -> Self {
        Reader {
            format,
            items: Vec::new(),
            current: None,
            last_tag: None,
            stray: None,
        }
    }

    /// Reads line `number` of the export.
    fn read(&mut self, number: usize, line: &str) {
        let format = self.format;
        match read_line(format, line) {
            Line::Blank => {
                // RIS and Web of Science records run to their `ER` line, blank lines included.
                if !format.has_end_tag() {
                    self.finish();
                    self.last_tag = None;
                }
            }
            Line::Field(tag, value) if is_start(format, tag) => {
                self.flush_stray();
                self.finish();
                let mut record = Record {
                    line: number,
                    fields: Vec::new(),
                    ended: false,
                };
                record.push(tag, value);
                self.current = Some(record);
                self.last_tag = Some(tag.to_string());
            }
            Line::Field(tag, _) if is_file_tag(format, tag) => {
                self.flush_stray();
                self.finish();
                self.last_tag = None;
            }
            Line::Field("ER", _) if format.has_end_tag() => match self.current.as_mut() {
                Some(record) => {
                    record.ended = true;
                    self.finish();
                    self.last_tag = None;
                }
                None => {
                    self.stray
                        .get_or_insert((number, "an `ER` line".to_string()));
                }
            },
            Line::Field(tag, value) => match self.current.as_mut() {
                Some(record) => {
                    record.push(tag, value);
                    self.last_tag = Some(tag.to_string());
                }
                None => {
                    self.stray
                        .get_or_insert((number, format!("the field `{tag}`")));
                }
            },
            Line::More(value) => match (self.current.as_mut(), &self.last_tag) {
                (Some(record), Some(tag)) => {
                    if format == Format::WebOfScience {
                        record.push(tag, value);
                    } else {
                        record.continue_field(tag, value);
                    }
                }
                _ => {
                    self.stray.get_or_insert((number, "text".to_string()));
                }
            },
        }
    }

    /// Ends the record being read, if any: an error when its format needs an `ER` line and it
    /// had none.
    fn finish(&mut self) {
        let Some(record) = self.current.take() else {
            return;
        };
        let line = record.line;
        if self.format.has_end_tag() && !record.ended {
            self.items.push((
                line,
                Err(format!(
                    "malformed record at line {line}: no `ER` line ends it"
                )),
            ));
        } else {
            self.items.push((line, Ok(record)));
        }
    }

    /// Ends a run of lines outside any record, if any: an error naming its first line.
    fn flush_stray(&mut self) {
        if let Some((line, what)) = self.stray.take() {
            let format = self.format;
            self.items.push((
                line,
                Err(format!(
                    "malformed record at line {line}: {what} outside a record (a {} record starts with {})",
                    format_name(format),
                    format.start_shown()
                )),
            ));
        }
    }

    /// The records and errors read, in file order.
    fn end(mut self) -> Items {
        self.finish();
        self.flush_stray();
        self.items.sort_by_key(|&(line, _)| line);
        self.items
    }
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
