//! PDF files read as their text layer, through pdf-extract (on lopdf): the glyphs of every page
//! with their positions, decoded by the fonts' ToUnicode maps and encodings, gathered into
//! lines and paragraphs by [`layout`]. Fonts encoded with a predefined CJK CMap are made
//! readable first ([`cmaps`]).
//!
//! A PDF without a text layer (a scan) is an error, and so are an encrypted one (unless it opens
//! with an empty password, as a PDF that only restricts printing or copying does) and a damaged
//! one: ingest makes each a skipped document with the reason. The extractor can panic on a
//! malformed or unusual file; the panic is caught, kept off standard error, and becomes the
//! reason.

pub mod cmaps;
pub mod layout;

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use super::DocumentText;
use layout::{Glyph, Page};

/// Longest panic message quoted in a reason, in characters.
const QUOTED_MAX_CHARS: usize = 200;

/// The text of a PDF file's bytes, one paragraph a line with an empty line between paragraphs,
/// and the metadata of its document information dictionary ([`info`]), or why it cannot be
/// read (the reason its document is skipped).
pub fn read(bytes: &[u8]) -> Result<DocumentText, String> {
    match catch_quietly(|| extract(bytes)) {
        Ok(result) => result,
        Err(message) => Err(format!(
            "cannot read PDF: the PDF reader failed ({message})"
        )),
    }
}

fn extract(bytes: &[u8]) -> Result<DocumentText, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("cannot read PDF: {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("PDF is encrypted (password-protected)".to_string());
    }
    if doc.get_pages().is_empty() {
        return Err("cannot read PDF: it has no pages".to_string());
    }
    cmaps::patch(&mut doc);
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector).map_err(|e| format!("cannot read PDF: {e}"))?;
    if collector.glyphs == 0 {
        return Err("PDF has no text layer (scanned?)".to_string());
    }
    let text = layout::text(&collector.pages);
    if text.trim().is_empty() {
        return Err(
            "PDF text cannot be read: its fonts map no character to Unicode (no ToUnicode map)"
                .to_string(),
        );
    }
    Ok(DocumentText {
        text,
        metadata: info(&doc),
    })
}

/// The metadata fields of a PDF's document information dictionary: `title` (not one a printer
/// driver made of a file name, as `Microsoft Word - report.docx`), `authors`, `keywords` and
/// `created` (as `2022-10-08T03:52:48`), each where it is set to something other than a
/// placeholder (`untitled`, `anonymous` …).
fn info(doc: &Document) -> Vec<(String, String)> {
    let Some(info) = doc
        .trailer
        .get_deref(b"Info", doc)
        .and_then(|o| o.as_dict())
        .ok()
    else {
        return Vec::new();
    };
    // Left out: empty values and the placeholders some writers fill in.
    let field = |key: &[u8]| {
        let bytes = info.get_deref(key, doc).and_then(|o| o.as_str()).ok()?;
        let value = text_string(bytes);
        let value = value.trim();
        let placeholder = ["untitled", "anonymous", "unknown", "unspecified"]
            .iter()
            .any(|p| value.eq_ignore_ascii_case(p));
        (!value.is_empty() && !placeholder).then(|| value.to_string())
    };
    let file_name = |t: &String| {
        let lower = t.to_lowercase();
        lower.starts_with("microsoft word - ")
            || [".doc", ".docx", ".pdf", ".tex", ".dvi", ".wps", ".odt"]
                .iter()
                .any(|ext| lower.ends_with(ext))
    };
    let fields = [
        ("title", field(b"Title").filter(|t| !file_name(t))),
        ("authors", field(b"Author")),
        ("keywords", field(b"Keywords")),
        ("created", field(b"CreationDate").and_then(|d| pdf_date(&d))),
    ];
    fields
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_string(), value?)))
        .collect()
}

/// A PDF text string: UTF-16BE after its byte-order mark, UTF-8 after its (PDF 2.0), else
/// PDFDocEncoding, read as Latin-1 (they differ in a few punctuation marks).
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// A PDF date (`D:20221008035248Z`, `D:2022`) as `2022-10-08T03:52:48` (as much as it gives);
/// `None` when it does not start with a year.
fn pdf_date(value: &str) -> Option<String> {
    let digits: String = value
        .strip_prefix("D:")
        .unwrap_or(value)
        .chars()
        .take_while(char::is_ascii_digit)
        .take(14)
        .collect();
    if digits.len() < 4 {
        return None;
    }
    let mut out = digits[..4].to_string();
    for (i, separator) in [(4, '-'), (6, '-'), (8, 'T'), (10, ':'), (12, ':')] {
        match digits.get(i..i + 2) {
            Some(part) => {
                out.push(separator);
                out.push_str(part);
            }
            None => break,
        }
    }
    Some(out)
}

/// Receives the glyphs pdf-extract places, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    page: Option<Page>,
    /// The current page's top and left edges, in PDF units.
    top: f64,
    left: f64,
    /// Glyphs shown, with a Unicode value or not.
    glyphs: u64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.left = media_box.llx;
        self.page = Some(Page::new(media_box.urx - media_box.llx));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(mut page) = self.page.take() {
            page.close_line();
            self.pages.push(page);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        let Some(page) = self.page.as_mut() else {
            return Ok(());
        };
        // The text rendering matrix scales the font size to page units.
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let x = trm.m31 - self.left;
        page.push(Glyph {
            x,
            y: self.top - trm.m32,
            size,
            end: x + width * size,
            text: char,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

thread_local! {
    /// Whether a panic on this thread is caught by [`catch_quietly`] and kept off standard error.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `f`, a panic in it becoming `Err` with its message. The panic hook (installed once,
/// around the one there was) says nothing of a panic on a thread inside this function, and
/// hands every other panic to the hook there was.
fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("a panic without a message");
        let mut quoted: String = message.chars().take(QUOTED_MAX_CHARS).collect();
        if quoted.len() < message.len() {
            quoted.push('…');
        }
        quoted
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch_quietly(|| 7), Ok(7));
        let failed: Result<(), String> = catch_quietly(|| panic!("unsupported encoding {}", "X"));
        assert_eq!(failed, Err("unsupported encoding X".to_string()));
        assert_eq!(
            read(b"not a PDF").unwrap_err().split(':').next(),
            Some("cannot read PDF")
        );
    }

    #[test]
    fn information_dictionary_strings_and_dates() {
        assert_eq!(text_string(b"\xFE\xFF\x4E\x2D\x00A"), "中A");
        assert_eq!(text_string(b"\xEF\xBB\xBF\xE4\xB8\xAD"), "中");
        assert_eq!(text_string(b"Caf\xE9"), "Café");
        assert_eq!(
            pdf_date("D:20221008035248+08'00'").as_deref(),
            Some("2022-10-08T03:52:48")
        );
        assert_eq!(pdf_date("D:202210").as_deref(), Some("2022-10"));
        assert_eq!(pdf_date("D:20"), None);
    }
}
