//! Storage: the run's one temporary file, beside the stages rather than in one of them (the
//! report writes the output; this module alone writes scratch data the run reads back).
//!
//! The documents' cleaned texts, moved out of memory once the stages that read whole texts are
//! done: on a large corpus the texts are as large as the corpus, while what the later stages
//! and the report need of them (unit offsets in characters, theme examples, token surfaces) is
//! read back one document at a time.
//!
//! The texts go to an anonymous temporary file (removed by the operating system when it is
//! closed, even if the run is killed) in a folder the caller chooses: the run puts it beside
//! its output folder, on the disk the user picked for the output.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::ingest::Document;

/// Where each document's text lies in the temporary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    offset: u64,
    bytes: usize,
    chars: u64,
}

/// The texts of a corpus's documents, in a temporary file.
#[derive(Debug)]
pub struct SpilledTexts {
    file: Mutex<File>,
    /// The folder holding the file, for messages.
    dir: PathBuf,
    /// Per document, in document order.
    spans: Vec<Span>,
}

fn spill_error(dir: &Path, message: String) -> Error {
    Error::Spill {
        path: dir.to_path_buf(),
        message,
    }
}

fn write_error(dir: &Path, e: std::io::Error) -> Error {
    spill_error(
        dir,
        format!("cannot write the documents' texts to a temporary file: {e}"),
    )
}

/// Texts being moved to the temporary file, a batch of documents at a time: a run hands each
/// batch over as soon as it is tokenized, so that the texts never all sit in memory beside the
/// token streams.
#[derive(Debug)]
pub struct TextSpill {
    out: BufWriter<File>,
    dir: PathBuf,
    spans: Vec<Span>,
    offset: u64,
}

impl TextSpill {
    /// Creates the anonymous temporary file in `dir`.
    pub fn create(dir: &Path) -> Result<TextSpill> {
        let file = tempfile::tempfile_in(dir).map_err(|e| {
            spill_error(
                dir,
                format!("cannot create a temporary file for the documents' texts: {e}"),
            )
        })?;
        Ok(TextSpill {
            out: BufWriter::with_capacity(1 << 20, file),
            dir: dir.to_path_buf(),
            spans: Vec::new(),
            offset: 0,
        })
    }

    /// Writes the texts of `docs`, the documents that follow those already taken, and empties
    /// them (their memory is freed).
    pub fn take(&mut self, docs: &mut [Document]) -> Result<()> {
        let chars: Vec<u64> = docs
            .par_iter()
            .map(|d| d.text.chars().count() as u64)
            .collect();
        self.spans.reserve(docs.len());
        for (doc, chars) in docs.iter_mut().zip(chars) {
            let text = std::mem::take(&mut doc.text);
            self.out
                .write_all(text.as_bytes())
                .map_err(|e| write_error(&self.dir, e))?;
            self.spans.push(Span {
                offset: self.offset,
                bytes: text.len(),
                chars,
            });
            self.offset += text.len() as u64;
        }
        Ok(())
    }

    /// The texts taken so far, readable.
    pub fn finish(self) -> Result<SpilledTexts> {
        let TextSpill {
            out, dir, spans, ..
        } = self;
        let file = out
            .into_inner()
            .map_err(|e| write_error(&dir, e.into_error()))?;
        Ok(SpilledTexts {
            file: Mutex::new(file),
            dir,
            spans,
        })
    }
}

impl SpilledTexts {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Length in bytes of document `doc`'s text.
    pub fn bytes(&self, doc: usize) -> usize {
        self.spans[doc].bytes
    }

    /// Length in characters of document `doc`'s text.
    pub fn chars(&self, doc: usize) -> u64 {
        self.spans[doc].chars
    }

    /// Document `doc`'s text, read back.
    pub fn text(&self, doc: usize) -> Result<String> {
        let span = self.spans[doc];
        let read_error = |message: String| {
            spill_error(
                &self.dir,
                format!(
                    "cannot read back the text of document {} from its temporary file: {message}",
                    doc + 1
                ),
            )
        };
        let mut bytes = vec![0u8; span.bytes];
        {
            let mut file = self
                .file
                .lock()
                .map_err(|_| read_error("another thread failed while reading".into()))?;
            file.seek(SeekFrom::Start(span.offset))
                .and_then(|_| file.read_exact(&mut bytes))
                .map_err(|e| read_error(e.to_string()))?;
        }
        String::from_utf8(bytes).map_err(|e| read_error(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every document's text, taken in one batch.
    fn spill(docs: &mut [Document], dir: &Path) -> Result<SpilledTexts> {
        let mut spill = TextSpill::create(dir)?;
        spill.take(docs)?;
        spill.finish()
    }

    fn doc(text: &str) -> Document {
        Document {
            text: text.to_string(),
            ..Document::default()
        }
    }

    #[test]
    fn texts_are_read_back_as_they_were_and_leave_the_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut docs = vec![doc("群众路线 the masses"), doc(""), doc("línea de masas\n")];
        let spilled = spill(&mut docs, dir.path()).unwrap();
        assert!(docs.iter().all(|d| d.text.is_empty()));
        assert_eq!(spilled.len(), 3);
        assert_eq!(spilled.text(0).unwrap(), "群众路线 the masses");
        assert_eq!(spilled.text(1).unwrap(), "");
        assert_eq!(spilled.text(2).unwrap(), "línea de masas\n");
        assert_eq!(spilled.text(0).unwrap(), "群众路线 the masses");
        assert_eq!(spilled.chars(0), 15);
        assert_eq!(spilled.bytes(0), "群众路线 the masses".len());
        assert_eq!(spilled.chars(2), 15);
        // The file is anonymous: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn texts_taken_in_batches_are_numbered_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut docs = [doc("one"), doc("二三"), doc(""), doc("four 四")];
        let mut spill = TextSpill::create(dir.path()).unwrap();
        let (first, rest) = docs.split_at_mut(2);
        spill.take(first).unwrap();
        assert!(first.iter().all(|d| d.text.is_empty()));
        assert_eq!(rest[1].text, "four 四");
        spill.take(rest).unwrap();
        let spilled = spill.finish().unwrap();
        assert_eq!(spilled.len(), 4);
        let texts: Vec<String> = (0..4).map(|i| spilled.text(i).unwrap()).collect();
        assert_eq!(texts, ["one", "二三", "", "four 四"]);
        assert_eq!(
            (0..4).map(|i| spilled.chars(i)).collect::<Vec<_>>(),
            [3, 2, 0, 6]
        );
        assert_eq!(spilled.bytes(3), "four 四".len());
    }

    #[test]
    fn a_folder_that_cannot_hold_the_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let err = spill(&mut [doc("x")], &missing).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("missing"), "{message}");
        assert!(message.contains("temporary file"), "{message}");
    }
}
