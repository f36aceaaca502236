//! Ingest: find the input files, read and decode them, clean them, read their metadata, and
//! split each document into paragraphs and sentences.
//!
//! The first stage after the configuration, and the only one that reads files. Text files
//! (`.txt`, `.md`), HTML pages, PDF files (their text layer; [`pdf`]) and word processor
//! documents (`.docx`, `.odt`; [`office`]) are one document each; tabular files (`.csv`, `.tsv`,
//! `.jsonl`, `.parquet`) are one document per row, and so are bibliographic exports (RIS,
//! RefWorks, EndNote, NoteExpress, Web of Science; [`biblio`]) one document per record. Every
//! input becomes a [`Document`]; one that cannot be used (unreadable, binary, empty, a malformed
//! row, a scanned or encrypted PDF, a duplicate) is a document with status `skipped` and a
//! reason, so that nothing is dropped silently.

pub mod biblio;
pub mod clean;
pub mod decode;
pub mod discover;
pub mod fields;
mod fingerprint;
pub mod html;
pub mod office;
pub mod pdf;
pub mod segments;
pub mod tabular;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::config::{Config, InputFormat};
use crate::error::Result;
use crate::progress::Progress;
pub use discover::{Found, Inputs, find_inputs};
pub use fingerprint::{InputFingerprint, fingerprint};
pub use segments::{Paragraph, Segments, Sentence};
use tabular::ParquetGuard;

/// Longest title kept, in characters.
const TITLE_MAX_CHARS: usize = 200;

/// Whether a document was analysed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
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

/// One input document (a file, or a row of a tabular file), read, cleaned and split.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// 1-based, in path order then row order: the same inputs give the same ids.
    pub doc_id: u32,
    /// The path as found, with `/` separators.
    pub path: String,
    /// The row number in a tabular file (1-based data row; the line for JSON Lines).
    pub row: Option<u64>,
    pub status: Status,
    /// The encoding the file was read with (`utf-8`, `gbk`, `utf-16le-bom` …), empty when unread.
    pub encoding: String,
    /// Bytes that could not be decoded and were replaced by U+FFFD.
    pub decode_errors: u64,
    /// Size of the file in bytes (for a row: of its text).
    pub bytes: u64,
    /// The `title` metadata field, or the page's `<title>`, or the first line of the text (at
    /// most 200 characters).
    pub title: String,
    /// The cleaned text: normalised, boilerplate and metadata lines removed. A run empties it
    /// once the stages that read whole texts are done (see `analysis::Results::texts`).
    pub text: String,
    /// The text's paragraphs and sentences (empty for a skipped document).
    pub segments: Segments,
    /// Fields read by the metadata rules and the other columns of a tabular row, in order.
    pub metadata: Vec<(String, String)>,
    /// The first document with the same cleaned text.
    pub duplicate_of: Option<u32>,
}

impl Document {
    /// The non-empty values (trimmed) of the metadata fields `names`, in the order of `names`.
    pub fn fields<'a>(&'a self, names: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
        names.iter().filter_map(|name| {
            self.metadata
                .iter()
                .find(|(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }

    fn skipped(path: &str, row: Option<u64>, bytes: u64, encoding: &str, reason: String) -> Self {
        Document {
            path: path.to_string(),
            row,
            status: Status::Skipped(reason),
            encoding: encoding.to_string(),
            bytes,
            ..Document::default()
        }
    }

    /// Characters of the cleaned text (0 once a run has moved the text to its temporary file;
    /// `analysis::Results::texts` has them then).
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }
}

/// The text of a PDF, DOCX or ODT file, one paragraph a line with an empty line between
/// paragraphs, and the metadata fields read from its properties (`title`, `authors`,
/// `keywords`, `created`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentText {
    pub text: String,
    pub metadata: Vec<(String, String)>,
}

/// Reads every input of the configuration into documents, in path order (rows in file order).
/// `parquet_guard`, when given, is asked about each Parquet file first ([`read_file`]).
pub fn ingest(
    config: &Config,
    parquet_guard: Option<&ParquetGuard>,
    progress: &dyn Progress,
) -> Result<Vec<Document>> {
    let found = find_inputs(config)?.files;
    progress.start("read", found.len() as u64);
    let docs = Reader::new(config, parquet_guard).read(&found, progress);
    progress.finish();
    Ok(docs)
}

/// Reads inputs into documents a batch of files at a time, in order: numbers the documents
/// (1-based, path order then row order, whatever the batching) and flags each one whose
/// cleaned text repeats an earlier document's, in this batch or an earlier one.
pub struct Reader<'c> {
    config: &'c Config,
    /// Asked about each Parquet file before it is read ([`read_file`]).
    parquet_guard: Option<&'c ParquetGuard>,
    /// Documents read so far.
    count: usize,
    /// The id of the first document with each text's digest.
    first: HashMap<[u8; 32], u32>,
}

impl<'c> Reader<'c> {
    pub fn new(config: &'c Config, parquet_guard: Option<&'c ParquetGuard>) -> Self {
        Reader {
            config,
            parquet_guard,
            count: 0,
            first: HashMap::new(),
        }
    }

    /// The documents of the next `files`, read in parallel; `progress` advances by one a file.
    pub fn read(&mut self, files: &[Found], progress: &dyn Progress) -> Vec<Document> {
        let per_file: Vec<Vec<Document>> = files
            .par_iter()
            .map(|f| {
                let docs = match f {
                    Found::File(path) => read_file(path, self.config, self.parquet_guard),
                    Found::Unlistable(path, why) => vec![Document::skipped(
                        &display_path(path),
                        None,
                        0,
                        "",
                        format!("cannot list folder: {why}"),
                    )],
                };
                progress.advance(1);
                docs
            })
            .collect();
        let mut docs: Vec<Document> = per_file.into_iter().flatten().collect();
        for (i, doc) in docs.iter_mut().enumerate() {
            doc.doc_id = u32::try_from(self.count + i + 1).unwrap_or(u32::MAX);
        }
        self.count += docs.len();
        self.mark_duplicates(&mut docs);
        docs
    }

    /// Flags each document whose cleaned text equals an earlier one's; with
    /// `input.skip_duplicates`, it is skipped.
    fn mark_duplicates(&mut self, docs: &mut [Document]) {
        let skip = self.config.settings.input.skip_duplicates;
        let digests: Vec<Option<[u8; 32]>> = docs
            .par_iter()
            .map(|d| d.is_ok().then(|| Sha256::digest(d.text.as_bytes()).into()))
            .collect();
        for (doc, digest) in docs.iter_mut().zip(digests) {
            let Some(digest) = digest else { continue };
            match self.first.get(&digest) {
                Some(&original) => {
                    doc.duplicate_of = Some(original);
                    if skip {
                        doc.status = Status::Skipped(format!(
                            "duplicate of document {original} (same text after cleaning)"
                        ));
                    }
                }
                None => {
                    self.first.insert(digest, doc.doc_id);
                }
            }
        }
    }
}

/// A path as the tables show it: forward slashes, no leading `./`.
fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// What kind of input a file is, by its extension.
enum Kind {
    Text,
    Html,
    Delimited(u8),
    JsonLines,
    Parquet,
    Pdf,
    Office(office::Format),
}

fn kind_of(path: &Path) -> Kind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Kind::Html,
        "csv" => Kind::Delimited(b','),
        "tsv" | "tab" => Kind::Delimited(b'\t'),
        "jsonl" | "ndjson" => Kind::JsonLines,
        "parquet" => Kind::Parquet,
        "pdf" => Kind::Pdf,
        "docx" => Kind::Office(office::Format::Docx),
        "odt" => Kind::Office(office::Format::Odt),
        _ => Kind::Text,
    }
}

/// Reads one file into its documents (one, or one per row), skipped ones saying why.
///
/// `guard` is asked about a Parquet file before it is read; a refusal makes the file a
/// skipped row. Without one, Parquet files are read in this process only, and one on which
/// polars-parquet aborts ends the process. The `corpuscope` binary hands the run
/// [`ParquetGuard::child_process`], which reads each file in a separate process first.
pub fn read_file(path: &Path, config: &Config, guard: Option<&ParquetGuard>) -> Vec<Document> {
    let shown = display_path(path);
    let kind = kind_of(path);
    let limit = config.settings.input.max_file_bytes;
    let skip = |size: u64, reason: String| vec![Document::skipped(&shown, None, size, "", reason)];
    let size = match file_size(path, limit) {
        Ok(size) => size,
        Err((size, reason)) => return skip(size, reason),
    };
    if let Kind::Parquet = kind {
        return read_parquet(path, &shown, size, config, guard);
    }
    let bytes = match read_at_most(path, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return skip(limit.saturating_add(1), too_large(limit)),
        Err(e) => return skip(0, cannot_read(&e)),
    };
    let size = bytes.len() as u64;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return skip(size, "empty file".to_string());
    }
    match kind {
        Kind::Pdf => {
            return vec![read_document(
                &shown,
                pdf::read(&bytes),
                "pdf",
                size,
                config,
            )];
        }
        Kind::Office(format) => {
            let read = office::read(&bytes, format, limit);
            return vec![read_document(&shown, read, format.as_str(), size, config)];
        }
        _ => {}
    }
    let decoded = match decode::decode(&bytes, config.encoding) {
        Ok(d) => d,
        Err(e) => return skip(size, e.to_string()),
    };
    drop(bytes);
    if let Kind::Text = kind
        && let Some(format) = biblio_format(&decoded.text, config)
    {
        return read_records(&shown, &decoded, format, size, config);
    }
    let mut docs = read_decoded(kind, &shown, &decoded, size, config);
    if docs.is_empty() {
        docs.push(Document::skipped(
            &shown,
            None,
            size,
            &decoded.encoding,
            "no rows".to_string(),
        ));
    }
    for doc in &mut docs {
        if doc.encoding.is_empty() && doc.row.is_none() {
            doc.encoding = decoded.encoding.clone();
        }
        if doc.row.is_none() {
            doc.decode_errors = decoded.errors;
        }
    }
    docs
}

/// The size of the file at `path`, or (the size shown, why it is skipped) when it is not a
/// regular file, is larger than `limit` bytes or cannot be read.
fn file_size(path: &Path, limit: u64) -> std::result::Result<u64, (u64, String)> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err((
            0,
            "not a regular file (a device, pipe or socket)".to_string(),
        )),
        Ok(meta) if meta.len() > limit => Err((meta.len(), too_large(limit))),
        Ok(meta) => Ok(meta.len()),
        Err(e) => Err((0, cannot_read(&e))),
    }
}

/// The rows of a Parquet file of `size` bytes, after the configuration's guard (if any) has
/// allowed it.
fn read_parquet(
    path: &Path,
    shown: &str,
    size: u64,
    config: &Config,
    guard: Option<&ParquetGuard>,
) -> Vec<Document> {
    let column = &config.settings.input.text_column;
    let skip = |reason: String| vec![Document::skipped(shown, None, size, "", reason)];
    if let Some(guard) = guard
        && let Err(reason) = guard.check(path, column)
    {
        return skip(reason);
    }
    match tabular::parquet_rows(path, column) {
        Ok(rows) => rows_to_documents(shown, rows, "", config),
        Err(reason) => skip(reason),
    }
}

/// The records of a bibliographic export, one document each; a skipped document when it has
/// none.
fn read_records(
    shown: &str,
    decoded: &decode::Decoded,
    format: biblio::Format,
    size: u64,
    config: &Config,
) -> Vec<Document> {
    let rows = biblio::records(&decoded.text, format);
    if rows.is_empty() {
        return vec![Document::skipped(
            shown,
            None,
            size,
            &decoded.encoding,
            format!("no {} records", format.as_str()),
        )];
    }
    rows_to_documents(shown, rows, &decoded.encoding, config)
}

/// The documents of a decoded file by its kind: one per row of a delimited or JSON Lines file,
/// one for a page or a text.
fn read_decoded(
    kind: Kind,
    shown: &str,
    decoded: &decode::Decoded,
    size: u64,
    config: &Config,
) -> Vec<Document> {
    let column = &config.settings.input.text_column;
    match kind {
        Kind::Delimited(delimiter) => {
            match tabular::delimited_rows(&decoded.text, delimiter, column) {
                Ok(rows) => rows_to_documents(shown, rows, &decoded.encoding, config),
                Err(reason) => vec![Document::skipped(
                    shown,
                    None,
                    size,
                    &decoded.encoding,
                    reason,
                )],
            }
        }
        Kind::JsonLines => rows_to_documents(
            shown,
            tabular::jsonl_rows(&decoded.text, column),
            &decoded.encoding,
            config,
        ),
        Kind::Html => {
            let (text, title) = html::visible_text(&decoded.text);
            let mut metadata = Vec::new();
            if let Some(title) = title {
                metadata.push(("title".to_string(), title));
            }
            vec![prepare(shown, None, &text, metadata, size, config)]
        }
        Kind::Text | Kind::Parquet | Kind::Pdf | Kind::Office(_) => vec![prepare(
            shown,
            None,
            &decoded.text,
            Vec::new(),
            size,
            config,
        )],
    }
}

/// The document of a PDF, DOCX or ODT file of `size` bytes from what its reader gave (its text
/// and metadata, or why it cannot be read). `format`, the document's `encoding` when it is read:
/// `pdf`, `docx` or `odt`.
fn read_document(
    shown: &str,
    read: std::result::Result<DocumentText, String>,
    format: &str,
    size: u64,
    config: &Config,
) -> Document {
    match read {
        Ok(read) if read.text.trim().is_empty() => Document::skipped(
            shown,
            None,
            size,
            format,
            format!("no text in the {} file", format.to_uppercase()),
        ),
        Ok(DocumentText { text, metadata }) => {
            let mut doc = prepare(shown, None, &text, metadata, size, config);
            doc.encoding = format.to_string();
            doc
        }
        Err(reason) => Document::skipped(shown, None, size, "", reason),
    }
}

/// The bibliographic format a text file is read in: `input.format`, or recognised by its tags.
fn biblio_format(text: &str, config: &Config) -> Option<biblio::Format> {
    use biblio::Format;
    match config.settings.input.format {
        InputFormat::Plain => None,
        InputFormat::Auto => biblio::detect(text),
        InputFormat::Ris => Some(Format::Ris),
        InputFormat::Refworks => Some(Format::RefWorks),
        InputFormat::Endnote => Some(Format::EndNote),
        InputFormat::Noteexpress => Some(Format::NoteExpress),
        InputFormat::Wos => Some(Format::WebOfScience),
    }
}

/// Why a file could not be read. A file that is gone (deleted after its folder was listed, or
/// a symbolic link to nothing) says so in words; other errors give the system's message.
fn cannot_read(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "cannot read file: it no longer exists (deleted after its folder was listed, or a broken \
         symbolic link)"
            .to_string()
    } else {
        format!("cannot read file: {e}")
    }
}

fn too_large(limit: u64) -> String {
    format!("file larger than {limit} bytes (input.max_file_bytes); not read")
}

/// The bytes of a file, or `None` when it holds more than `limit` bytes: never more than
/// `limit + 1` bytes are read, even from a file that grows while it is read.
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn rows_to_documents(
    path: &str,
    rows: Vec<tabular::Row>,
    encoding: &str,
    config: &Config,
) -> Vec<Document> {
    rows.into_iter()
        .map(|row| {
            let mut doc = match row.content {
                Ok(content) => {
                    let bytes = content.text.len() as u64;
                    prepare(
                        path,
                        Some(row.number),
                        &content.text,
                        content.metadata,
                        bytes,
                        config,
                    )
                }
                Err(reason) => Document::skipped(path, Some(row.number), 0, "", reason),
            };
            doc.encoding = encoding.to_string();
            doc
        })
        .collect()
}

/// Cleans a document's text and splits it: normalisation, boilerplate lines, metadata rules,
/// title, paragraphs and sentences. `metadata` holds fields known before (HTML title, columns).
fn prepare(
    path: &str,
    row: Option<u64>,
    raw: &str,
    mut metadata: Vec<(String, String)>,
    bytes: u64,
    config: &Config,
) -> Document {
    let s = &config.settings;
    let normalized = clean::normalize(raw, s.clean.nfkc, s.clean.traditional_to_simplified);
    let kept = clean::drop_lines(&normalized, &config.drop_lines);
    let (text, fields) = clean::extract_metadata(
        &kept,
        &config.metadata_rules,
        s.metadata.remove_matched_lines,
    );
    for (k, v) in fields {
        if !metadata.iter().any(|(m, _)| *m == k) {
            metadata.push((k, v));
        }
    }
    let mut doc = Document {
        path: path.to_string(),
        row,
        bytes,
        ..Document::default()
    };
    if text.trim().is_empty() {
        let reason = if raw.trim().is_empty() {
            if row.is_some() {
                "empty text"
            } else {
                "empty file"
            }
        } else {
            "no text left after removing boilerplate and metadata lines"
        };
        doc.status = Status::Skipped(reason.to_string());
    }
    let title = metadata
        .iter()
        .position(|(k, _)| k == "title")
        .map(|i| metadata.remove(i).1)
        .unwrap_or_else(|| {
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .to_string()
        });
    doc.title = title.chars().take(TITLE_MAX_CHARS).collect();
    doc.metadata = metadata;
    // A skipped document has no text (its leftover line ends are not counted as characters).
    if doc.is_ok() {
        match Segments::split(&text, s.units.paragraph_break) {
            Ok(segments) => {
                doc.segments = segments;
                doc.text = text;
            }
            Err(e) => doc.status = Status::Skipped(format!("{e}; not analysed")),
        }
    }
    doc
}
