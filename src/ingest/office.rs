//! Word processor documents read as their paragraphs: DOCX (Office Open XML, `word/document.xml`)
//! and ODT (OpenDocument Text, `content.xml`), each a zip package of XML parts.
//!
//! Every paragraph of the body (`w:p`; `text:p` and `text:h`), those in table cells and text
//! boxes included, becomes one line of the text, paragraphs separated by an empty line so that
//! either `units.paragraph_break` finds them. Tabs, line breaks and runs of spaces inside a
//! paragraph are spaces. Left out: deleted text of tracked changes, field codes, comments,
//! footnotes, headers and footers. The document properties (`docProps/core.xml`, `meta.xml`)
//! give the metadata fields `title`, `authors`, `keywords` and `created` where present.

use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use super::DocumentText;

/// The two formats read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Odt,
}

impl Format {
    /// The name used in skip reasons and as the document's `encoding`: `docx` or `odt`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    fn upper(self) -> &'static str {
        match self {
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
        }
    }

    /// The part holding the body text.
    fn body_part(self) -> &'static str {
        match self {
            Format::Docx => "word/document.xml",
            Format::Odt => "content.xml",
        }
    }

    /// The part holding the document properties.
    fn properties_part(self) -> &'static str {
        match self {
            Format::Docx => "docProps/core.xml",
            Format::Odt => "meta.xml",
        }
    }
}

const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
const TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DC: &[u8] = b"http://purl.org/dc/elements/1.1/";
const DCTERMS: &[u8] = b"http://purl.org/dc/terms/";
const CP: &[u8] = b"http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
const META: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:meta:1.0";

/// The start of an OLE compound file: how Office stores a password-protected document (and
/// the old binary formats).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a DOCX or ODT package. `limit`: the most bytes an XML part may unpack to. The error is
/// the reason the document is skipped, naming the format and the problem.
pub fn read(bytes: &[u8], format: Format, limit: u64) -> Result<DocumentText, String> {
    let name = format.upper();
    if bytes.starts_with(OLE_MAGIC) {
        return Err(format!(
            "cannot read {name}: the file is password-protected or in an old binary format \
             (not a zip package)"
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("cannot read {name}: not a zip package or damaged ({e})"))?;
    if format == Format::Odt && is_encrypted_odt(&mut archive, limit) {
        return Err(format!(
            "cannot read {name}: the file is password-protected"
        ));
    }
    let part = format.body_part();
    let body = match read_part(&mut archive, part, limit) {
        Ok(Some(xml)) => xml,
        Ok(None) => return Err(format!("cannot read {name}: no {part} in the package")),
        Err(why) => return Err(format!("cannot read {name}: {part} {why}")),
    };
    let paragraphs = paragraphs(&body, format)
        .map_err(|e| format!("cannot read {name}: {part} is not well-formed XML ({e})"))?;
    // The properties are optional: a missing or damaged part gives no fields.
    let metadata = match read_part(&mut archive, format.properties_part(), limit) {
        Ok(Some(xml)) => properties(&xml, format),
        _ => Vec::new(),
    };
    Ok(DocumentText {
        text: paragraphs.join("\n\n"),
        metadata,
    })
}

/// The bytes of a part of the package; `None` when it is not there; `Err` (what went wrong,
/// after the part's name) when it is damaged or unpacks to more than `limit` bytes.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot be unpacked ({e})")),
    };
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be unpacked ({e})"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "unpacks to more than {limit} bytes (input.max_file_bytes)"
        ));
    }
    Ok(Some(bytes))
}

/// Whether an ODT package's manifest says its parts are encrypted.
fn is_encrypted_odt(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, limit: u64) -> bool {
    matches!(
        read_part(archive, "META-INF/manifest.xml", limit),
        Ok(Some(xml)) if xml.windows(15).any(|w| w == b"encryption-data")
    )
}

/// What an element of the body is to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A paragraph: its text is one line.
    Paragraph,
    /// DOCX `w:t`: the only element whose character data is text.
    Run,
    /// A tab, a line break or spaces (`text:s`): a space.
    Space,
    /// A non-breaking hyphen.
    Hyphen,
    /// An element whose content is not text of the body (properties, deleted text, notes,
    /// comments, the fallback copy of a text box).
    Skip,
    Other,
}

fn role(format: Format, namespace: &[u8], local: &[u8]) -> Role {
    match format {
        Format::Docx if namespace == W || namespace == W_STRICT => match local {
            b"p" => Role::Paragraph,
            b"t" => Role::Run,
            b"tab" | b"br" | b"cr" => Role::Space,
            b"noBreakHyphen" => Role::Hyphen,
            b"pPr" | b"rPr" | b"del" | b"instrText" => Role::Skip,
            _ => Role::Other,
        },
        Format::Docx if namespace == MC && local == b"Fallback" => Role::Skip,
        Format::Odt if namespace == TEXT => match local {
            b"p" | b"h" => Role::Paragraph,
            b"tab" | b"line-break" | b"s" => Role::Space,
            b"note" | b"tracked-changes" => Role::Skip,
            _ => Role::Other,
        },
        Format::Odt if namespace == OFFICE && local == b"annotation" => Role::Skip,
        _ => Role::Other,
    }
}

/// The non-empty paragraphs of a body part, in document order (a paragraph inside another, as
/// in a text box, before the rest of the outer one).
fn paragraphs(xml: &[u8], format: Format) -> Result<Vec<String>, quick_xml::Error> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut done = Vec::new();
    // Depth inside skipped elements, and inside DOCX runs (`w:t`).
    let mut skipped = 0usize;
    let mut runs = 0usize;
    loop {
        let (namespace, event) = reader.read_resolved_event_into(&mut buf)?;
        let role_of = |local: &[u8]| match namespace {
            ResolveResult::Bound(ns) => role(format, ns.0, local),
            _ => Role::Other,
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => match role_of(e.local_name().as_ref()) {
                _ if skipped > 0 => skipped += 1,
                Role::Skip => skipped = 1,
                Role::Paragraph => open.push(String::new()),
                Role::Run => runs += 1,
                role => push_mark(&mut open, role),
            },
            Event::Empty(e) if skipped == 0 => {
                push_mark(&mut open, role_of(e.local_name().as_ref()))
            }
            Event::End(e) => match role_of(e.local_name().as_ref()) {
                _ if skipped > 0 => skipped -= 1,
                Role::Paragraph => {
                    if let Some(paragraph) = open.pop() {
                        let paragraph = paragraph.trim();
                        if !paragraph.is_empty() {
                            done.push(paragraph.to_string());
                        }
                    }
                }
                Role::Run => runs = runs.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if skipped == 0 && (runs > 0 || format == Format::Odt) => {
                if let Some(paragraph) = open.last_mut() {
                    push_text(paragraph, &t.decode().map_err(quick_xml::Error::from)?);
                }
            }
            Event::GeneralRef(r) if skipped == 0 && (runs > 0 || format == Format::Odt) => {
                if let Some(paragraph) = open.last_mut() {
                    push_text(paragraph, &entity(&r)?);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(done)
}

/// A space or a hyphen at the end of the open paragraph, for an empty element that stands for
/// one.
fn push_mark(open: &mut [String], role: Role) {
    let Some(paragraph) = open.last_mut() else {
        return;
    };
    match role {
        Role::Space => paragraph.push(' '),
        Role::Hyphen => paragraph.push('-'),
        _ => {}
    }
}

/// Appends character data, line ends and tabs as spaces (a paragraph is one line).
fn push_text(paragraph: &mut String, text: &str) {
    paragraph.extend(
        text.chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c }),
    );
}

/// The text of a character or entity reference (`&#x4E2D;`, `&amp;`).
fn entity(r: &quick_xml::events::BytesRef<'_>) -> Result<String, quick_xml::Error> {
    if let Some(c) = r.resolve_char_ref()? {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(quick_xml::Error::from)?;
    Ok(quick_xml::escape::resolve_xml_entity(&name)
        .unwrap_or_default()
        .to_string())
}

/// The metadata fields of a properties part, in a fixed order: `title`, `authors`, `keywords`,
/// `created`; repeated elements (ODT keywords) joined with `; `. A part that is not well-formed
/// gives the fields read before the fault.
fn properties(xml: &[u8], format: Format) -> Vec<(String, String)> {
    const FIELDS: [&str; 4] = ["title", "authors", "keywords", "created"];
    let field_of = |namespace: &[u8], local: &[u8]| -> Option<usize> {
        match (format, local) {
            (_, b"title") if namespace == DC => Some(0),
            (Format::Docx, b"creator") if namespace == DC => Some(1),
            (Format::Odt, b"initial-creator") if namespace == META => Some(1),
            (Format::Docx, b"keywords") if namespace == CP => Some(2),
            (Format::Odt, b"keyword") if namespace == META => Some(2),
            (Format::Docx, b"created") if namespace == DCTERMS => Some(3),
            (Format::Odt, b"creation-date") if namespace == META => Some(3),
            _ => None,
        }
    };
    let mut values: [Vec<String>; 4] = Default::default();
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(usize, String)> = None;
    while let Ok((namespace, event)) = reader.read_resolved_event_into(&mut buf) {
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                current = match namespace {
                    ResolveResult::Bound(ns) => field_of(ns.0, e.local_name().as_ref()),
                    _ => None,
                }
                .map(|i| (i, String::new()));
            }
            Event::Text(t) => {
                if let (Some((_, value)), Ok(text)) = (current.as_mut(), t.decode()) {
                    push_text(value, &text);
                }
            }
            Event::GeneralRef(r) => {
                if let (Some((_, value)), Ok(text)) = (current.as_mut(), entity(&r)) {
                    value.push_str(&text);
                }
            }
            Event::End(_) => {
                if let Some((i, value)) = current.take() {
                    let value = value.trim();
                    if !value.is_empty() {
                        values[i].push(value.to_string());
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    FIELDS
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(name, v)| (name.to_string(), v.join("; ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_body_paragraphs_runs_tabs_and_skipped_parts() {
        let xml = r#"<?xml version="1.0"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
 <w:body>
  <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
   <w:r><w:t>One</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">two &amp; </w:t></w:r>
   <w:r><w:br/><w:t>three</w:t><w:noBreakHyphen/><w:t>four</w:t></w:r>
   <w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
   <w:r><w:instrText>PAGE</w:instrText></w:r>
  </w:p>
  <w:p/>
  <w:tbl><w:tr><w:tc><w:p><w:r><w:t>&#x4E2D;文</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
  <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p>
   </w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p>
   </w:txbxContent></mc:Fallback></mc:AlternateContent><w:t>after</w:t></w:r></w:p>
 </w:body>
</w:document>"#;
        assert_eq!(
            paragraphs(xml.as_bytes(), Format::Docx).unwrap(),
            ["One two &  three-four", "中文", "box", "after"]
        );
    }

    #[test]
    fn odt_paragraphs_headings_spaces_and_notes() {
        let xml = br#"<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
 <text:h>Title</text:h>
 <text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d<text:span>e</text:span><text:note>
  <text:note-citation>1</text:note-citation><text:note-body><text:p>note</text:p></text:note-body>
  </text:note><office:annotation><text:p>comment</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>"#;
        assert_eq!(paragraphs(xml, Format::Odt).unwrap(), ["Title", "a b c de"]);
    }

    #[test]
    fn properties_in_a_fixed_order() {
        let core = r#"<cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
 <dcterms:created>2023-05-01T08:00:00Z</dcterms:created><dc:creator>王五</dc:creator>
 <cp:keywords>a; b</cp:keywords><dc:title> 报告 </dc:title><dc:subject/></cp:coreProperties>"#;
        let fields = properties(core.as_bytes(), Format::Docx);
        let expected = [
            ("title", "报告"),
            ("authors", "王五"),
            ("keywords", "a; b"),
            ("created", "2023-05-01T08:00:00Z"),
        ];
        assert_eq!(
            fields,
            expected.map(|(k, v)| (k.to_string(), v.to_string()))
        );
        let meta = br#"<office:document-meta
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:creator>last editor</dc:creator>
 <meta:initial-creator>Li</meta:initial-creator><meta:keyword>x</meta:keyword>
 <meta:keyword>y</meta:keyword></office:meta></office:document-meta>"#;
        assert_eq!(
            properties(meta, Format::Odt),
            [
                ("authors".to_string(), "Li".to_string()),
                ("keywords".to_string(), "x; y".to_string())
            ]
        );
    }
}
