//! Ingest: find the input files, read and decode them, clean them, and split each into
//! paragraphs and sentences.
//!
//! The first stage after the configuration, and the only one that reads files. Every file found
//! becomes a [`Document`]; one that cannot be used (unreadable, binary, not UTF-8, empty) is a
//! document with status `skipped` and a reason, so that nothing is dropped silently.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use regex::Regex;

use crate::config::{Config, ParagraphBreak};
use crate::error::{Error, Result};
use crate::progress::Progress;

/// Longest title kept, in characters.
const TITLE_MAX_CHARS: usize = 200;
/// How many leading bytes are checked for NUL bytes to tell a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Whether a document was analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Ok,
    Skipped(String),
}

impl Status {
    pub fn label(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped(_) => "skipped",
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            Status::Ok => "",
            Status::Skipped(reason) => reason,
        }
    }
}

/// One paragraph: its byte range in [`Document::text`] and its sentences' byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub sentences: Vec<Range<usize>>,
}

/// One input file, read, cleaned and split.
#[derive(Debug, Clone)]
pub struct Document {
    /// 1-based, in path order: the same inputs give the same ids.
    pub doc_id: u32,
    /// The path as found, with `/` separators.
    pub path: String,
    pub status: Status,
    /// The encoding the file was read with (`utf-8`, `utf-8-bom`), empty when unread.
    pub encoding: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// The first line of the cleaned text (at most 200 characters).
    pub title: String,
    /// The cleaned text: line endings normalised, boilerplate lines removed.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    fn skipped(path: String, bytes: u64, encoding: &str, reason: String) -> Document {
        Document {
            doc_id: 0,
            path,
            status: Status::Skipped(reason),
            encoding: encoding.to_string(),
            bytes,
            title: String::new(),
            text: String::new(),
            paragraphs: Vec::new(),
        }
    }

    /// Characters of the cleaned text.
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }
}

/// An input found on disk: a file to read, or a folder that could not be listed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    File(PathBuf),
    Unlistable(PathBuf, String),
}

impl Found {
    fn path(&self) -> &Path {
        match self {
            Found::File(p) | Found::Unlistable(p, _) => p,
        }
    }
}

/// Reads every input of the configuration into documents, in path order.
pub fn ingest(config: &Config, progress: &dyn Progress) -> Result<Vec<Document>> {
    let found = discover(&config.settings.input.paths, &config.extensions)?;
    progress.start("read", found.len() as u64);
    let mut docs: Vec<Document> = found
        .par_iter()
        .map(|f| {
            let doc = match f {
                Found::File(path) => read_document(path, config),
                Found::Unlistable(path, why) => Document::skipped(
                    display_path(path),
                    0,
                    "",
                    format!("cannot list folder: {why}"),
                ),
            };
            progress.advance(1);
            doc
        })
        .collect();
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.doc_id = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    progress.finish();
    Ok(docs)
}

/// Finds the input files: named files as they are, folders searched recursively for the
/// configured extensions. Sorted by path, each file once.
fn discover(paths: &[PathBuf], extensions: &[String]) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::Input {
            path: path.clone(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "does not exist".to_string()
            } else {
                e.to_string()
            },
        })?;
        if meta.is_dir() {
            walk(path, extensions, &mut visited, &mut found);
        } else {
            found.push(Found::File(path.clone()));
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found.dedup_by(|a, b| a.path() == b.path());
    Ok(found)
}

fn walk(dir: &Path, extensions: &[String], visited: &mut HashSet<PathBuf>, found: &mut Vec<Found>) {
    // Symbolic links may lead back to a folder already searched: search each real folder once.
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(real) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.push(Found::Unlistable(dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        match std::fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, extensions, visited, found),
            Ok(_) if has_extension(&child, extensions) => found.push(Found::File(child)),
            Ok(_) => {}
            // A dangling link or a file that vanished: report it if it looks like an input.
            Err(_) if has_extension(&child, extensions) => found.push(Found::File(child)),
            Err(_) => {}
        }
    }
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Reads one file into a document, or a skipped document saying why it cannot be used.
pub fn read_document(path: &Path, config: &Config) -> Document {
    let shown = display_path(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Document::skipped(shown, 0, "", format!("cannot read file: {e}")),
    };
    let size = bytes.len() as u64;
    let (body, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "utf-8-bom"),
        None => (&bytes[..], "utf-8"),
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Document::skipped(
            shown,
            size,
            "",
            "UTF-16 text is not supported yet; save the file as UTF-8".to_string(),
        );
    }
    if body[..body.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Document::skipped(
            shown,
            size,
            "",
            "binary file (contains NUL bytes)".to_string(),
        );
    }
    let raw = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            return Document::skipped(
                shown,
                size,
                "",
                format!(
                    "not valid UTF-8 (first invalid byte at offset {}); save the file as UTF-8",
                    e.valid_up_to() + (body.len() != bytes.len()) as usize * 3
                ),
            );
        }
    };
    let text = clean(raw, &config.drop_lines);
    if text.trim().is_empty() {
        let reason = if raw.trim().is_empty() {
            "empty file"
        } else {
            "no text left after removing boilerplate lines"
        };
        return Document::skipped(shown, size, encoding, reason.to_string());
    }
    let paragraphs = split_paragraphs(&text, config.settings.units.paragraph_break)
        .into_iter()
        .map(|range| {
            let sentences = split_sentences(&text[range.clone()])
                .into_iter()
                .map(|s| s.start + range.start..s.end + range.start)
                .collect();
            Paragraph { range, sentences }
        })
        .collect();
    Document {
        doc_id: 0,
        path: shown,
        status: Status::Ok,
        encoding: encoding.to_string(),
        bytes: size,
        title: title_of(&text),
        text,
        paragraphs,
    }
}

/// Normalises line endings and removes the lines matching a boilerplate pattern.
pub fn clean(raw: &str, drop_lines: &[Regex]) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if !trimmed.is_empty() && drop_lines.iter().any(|re| re.is_match(trimmed)) {
            continue;
        }
        // A lone carriage return (old Mac line end) is a line end too.
        for (i, part) in line.split('\r').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(part);
        }
        out.push('\n');
    }
    out
}

fn title_of(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    line.chars().take(TITLE_MAX_CHARS).collect()
}

/// Splits text into paragraphs (byte ranges, trimmed, never empty).
pub fn split_paragraphs(text: &str, mode: ParagraphBreak) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let blank = content.trim().is_empty();
        let line_start = offset + (content.len() - content.trim_start().len());
        let line_end = offset + content.trim_end().len();
        offset += line.len();
        match mode {
            ParagraphBreak::Line => {
                if !blank {
                    paragraphs.push(line_start..line_end);
                }
            }
            ParagraphBreak::BlankLine => {
                if blank {
                    if let Some(s) = start.take() {
                        paragraphs.push(s..end);
                    }
                } else {
                    start.get_or_insert(line_start);
                    end = line_end;
                }
            }
        }
    }
    if let Some(s) = start {
        paragraphs.push(s..end);
    }
    paragraphs
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "al", "co",
    "ltd", "inc", "jr", "sr", "vol", "pp", "cf", "approx", "dept", "u.s",
];

/// Splits a paragraph into sentences (byte ranges, trimmed, never empty).
///
/// A sentence ends after 。！？!? (with any closing quotes or brackets that follow), and after a
/// full stop that is followed by a space or the end, or that ends a word of two or more
/// lowercase letters and is followed by an uppercase letter (`power.At`, common in scraped
/// text). A full stop between digits (`4.3`), after a single letter (`J. R.`) or after a known
/// abbreviation (`Dr.`, `etc.`) does not end a sentence.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let ends = match c {
            '。' | '！' | '？' | '!' | '?' | '…' => true,
            '.' => full_stop_ends_sentence(text, &chars, i),
            _ => false,
        };
        if ends {
            let mut j = i + 1;
            while j < chars.len() && is_closing(chars[j].1, c) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            push_trimmed(text, start..end, &mut sentences);
            start = end;
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

fn is_closing(c: char, terminator: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | '）' | '」' | '』' | '】' | '》'
    ) || (c == terminator && c != '.')
        || matches!((terminator, c), ('.', '.') | ('…', '…'))
}

fn full_stop_ends_sentence(text: &str, chars: &[(usize, char)], i: usize) -> bool {
    let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
    let next = chars.get(i + 1).map(|&(_, c)| c);
    // The word before the full stop.
    let word_start = chars[..i]
        .iter()
        .rposition(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| chars[p].0 + chars[p].1.len_utf8());
    let word = &text[word_start..chars[i].0];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()) {
        return false;
    }
    if letters == 1 && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return false;
    }
    if ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    match next {
        None => true,
        Some(n) if n.is_whitespace() || is_closing(n, '.') => true,
        Some(n) if n.is_uppercase() => {
            letters >= 2 && !word.contains('.') && word.chars().all(|c| c.is_lowercase())
        }
        Some(_) => false,
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + (s.len() - s.trim_start().len());
    out.push(start..start + trimmed.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn english_sentences_keep_decimals_initials_and_abbreviations() {
        assert_eq!(
            sentences("Growth was 4.3 percent. J. R. Peng wrote it, e.g. here. Dr. Li agreed!"),
            vec![
                "Growth was 4.3 percent.",
                "J. R. Peng wrote it, e.g. here.",
                "Dr. Li agreed!"
            ]
        );
    }

    #[test]
    fn scraped_full_stop_without_space_ends_a_sentence() {
        assert_eq!(
            sentences(
                "the party takes power.At the Fourth Plenary Session, see www.hnredstar.gov.cn today."
            ),
            vec![
                "the party takes power.",
                "At the Fourth Plenary Session, see www.hnredstar.gov.cn today."
            ]
        );
    }

    #[test]
    fn chinese_sentences_with_closing_quotes() {
        assert_eq!(
            sentences("他说：“走群众路线。”我们同意！真的吗？好"),
            vec!["他说：“走群众路线。”", "我们同意！", "真的吗？", "好"]
        );
    }

    #[test]
    fn paragraphs_by_line_and_by_blank_line() {
        let text = "  first line \nsecond\n\n third\nfourth\n";
        let lines: Vec<&str> = split_paragraphs(text, ParagraphBreak::Line)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lines, vec!["first line", "second", "third", "fourth"]);
        let blocks: Vec<&str> = split_paragraphs(text, ParagraphBreak::BlankLine)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(blocks, vec!["first line \nsecond", "third\nfourth"]);
    }

    #[test]
    fn clean_drops_boilerplate_and_normalises_line_ends() {
        let re = vec![Regex::new("^Related items$").unwrap()];
        assert_eq!(clean("a\r\nRelated items\r\nb\rc", &re), "a\nb\nc\n");
    }
}
