//! CID fonts encoded with a predefined CMap made readable by the text extractor.
//!
//! A composite (Type0) font names its encoding: `Identity-H`, which pdf-extract reads, or one of
//! Adobe's predefined CMaps, which it does not (it stops on them). Chinese PDFs written with a
//! font that is not embedded use these: `UniGB-UCS2-H` (the codes are UTF-16, as ReportLab and
//! iText write STSong-Light), `GBK-EUC-H` (the codes are GBK), `ETen-B5-H` (Big5) and others.
//! For these the character codes themselves say which characters they are, so each such font is
//! given, in the loaded document only, an embedded CMap with the same code lengths (each code its
//! own CID) and, when it has none, a ToUnicode map for the codes its pages use, decoded by the
//! CMap's character set.

use std::collections::BTreeMap;

use encoding_rs::Encoding;
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// How the codes of a predefined CMap are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    /// `Uni…-UCS2-…` and `Uni…-UTF16-…`: UTF-16BE.
    Utf16,
    /// A legacy double-byte character set, decoded by `encoding_rs`.
    Legacy(Charset),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Charset {
    Gb18030,
    Big5,
    ShiftJis,
    EucKr,
}

impl Family {
    /// The family of a predefined CMap's name; `None` for `Identity-H`/`-V` and for CMaps
    /// not handled here.
    fn of(name: &[u8]) -> Option<Family> {
        let name = std::str::from_utf8(name).ok()?;
        let base = name
            .strip_suffix("-H")
            .or_else(|| name.strip_suffix("-V"))?;
        if base.starts_with("Uni") && (base.contains("-UCS2") || base.contains("-UTF16")) {
            Some(Family::Utf16)
        } else if base.starts_with("GB") && !base.starts_with("GBT") {
            Some(Family::Legacy(Charset::Gb18030))
        } else if base.contains("B5") {
            Some(Family::Legacy(Charset::Big5))
        } else if base.contains("RKSJ") {
            Some(Family::Legacy(Charset::ShiftJis))
        } else if base.starts_with("KSC") {
            Some(Family::Legacy(Charset::EucKr))
        } else {
            None
        }
    }

    /// The code space: (bytes, first code, last code) ranges.
    fn code_space(self) -> &'static [(usize, u32, u32)] {
        match self {
            Family::Utf16 => &[
                (2, 0x0000, 0xD7FF),
                (2, 0xE000, 0xFFFF),
                (4, 0xD800_DC00, 0xDBFF_DFFF),
            ],
            Family::Legacy(Charset::Gb18030) => &[
                (1, 0x00, 0x80),
                (2, 0x8140, 0xFEFE),
                (4, 0x8130_8130, 0xFE39_FE39),
            ],
            Family::Legacy(Charset::Big5) => &[(1, 0x00, 0x80), (2, 0x8140, 0xFEFE)],
            Family::Legacy(Charset::ShiftJis) => &[
                (1, 0x00, 0x80),
                (1, 0xA0, 0xDF),
                (2, 0x8140, 0x9FFC),
                (2, 0xE040, 0xFCFC),
            ],
            Family::Legacy(Charset::EucKr) => &[(1, 0x00, 0x80), (2, 0x8141, 0xFEFE)],
        }
    }

    /// The codes of a shown string, each with its length in bytes. A byte that starts no code
    /// is passed over.
    fn codes(self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let space = self.code_space();
        let mut codes = Vec::new();
        let mut i = 0;
        'next: while i < bytes.len() {
            let mut code = 0u32;
            for width in 1..=4 {
                let Some(&byte) = bytes.get(i + width - 1) else {
                    break;
                };
                code = (code << 8) | u32::from(byte);
                if space
                    .iter()
                    .any(|&(w, lo, hi)| w == width && (lo..=hi).contains(&code))
                {
                    codes.push((code, width));
                    i += width;
                    continue 'next;
                }
            }
            i += 1;
        }
        codes
    }

    /// The text of one code; `None` when it stands for no character.
    fn decode(self, code: u32, width: usize) -> Option<String> {
        let bytes = &code.to_be_bytes()[4 - width..];
        let text = match self {
            Family::Utf16 => {
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect();
                String::from_utf16(&units).ok()?
            }
            Family::Legacy(charset) => {
                let encoding: &Encoding = match charset {
                    Charset::Gb18030 => encoding_rs::GB18030,
                    Charset::Big5 => encoding_rs::BIG5,
                    Charset::ShiftJis => encoding_rs::SHIFT_JIS,
                    Charset::EucKr => encoding_rs::EUC_KR,
                };
                encoding
                    .decode_without_bom_handling_and_without_replacement(bytes)?
                    .into_owned()
            }
        };
        (!text.is_empty() && !text.chars().any(char::is_control)).then_some(text)
    }
}

/// Gives each Type0 font of `doc` encoded with a predefined CMap of a known family an embedded
/// CMap (each code its own CID) and, when it has none, a ToUnicode map.
pub fn patch(doc: &mut Document) {
    let fonts: Vec<(ObjectId, Family, bool)> = doc
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            if font.get(b"Subtype").and_then(Object::as_name).ok()? != b"Type0" {
                return None;
            }
            let family = Family::of(font.get(b"Encoding").and_then(Object::as_name).ok()?)?;
            Some((id, family, font.has(b"ToUnicode")))
        })
        .collect();
    if fonts.is_empty() {
        return;
    }
    let strings = if fonts.iter().any(|&(_, _, mapped)| !mapped) {
        shown_strings(doc)
    } else {
        Vec::new()
    };
    // The CMaps made for each family, shared by its fonts.
    let mut made: BTreeMap<Family, (ObjectId, ObjectId)> = BTreeMap::new();
    for (id, family, mapped) in fonts {
        let (encoding, to_unicode) = *made.entry(family).or_insert_with(|| {
            let encoding = Stream::new(Dictionary::new(), encoding_cmap(family));
            let to_unicode = Stream::new(Dictionary::new(), to_unicode_cmap(family, &strings));
            (doc.add_object(encoding), doc.add_object(to_unicode))
        });
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("Encoding", Object::Reference(encoding));
            if !mapped {
                font.set("ToUnicode", Object::Reference(to_unicode));
            }
        }
    }
}

/// Every string shown by the pages' content streams and the form XObjects (each string
/// operand of every operator, the arrays of `TJ` included).
fn shown_strings(doc: &Document) -> Vec<Vec<u8>> {
    let mut streams: Vec<Vec<u8>> = doc
        .get_pages()
        .values()
        .filter_map(|&page| doc.get_page_content(page).ok())
        .collect();
    streams.extend(doc.objects.values().filter_map(|object| match object {
        Object::Stream(s)
            if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") =>
        {
            s.decompressed_content().ok()
        }
        _ => None,
    }));
    let mut strings = Vec::new();
    for data in streams {
        let Ok(content) = Content::decode(&data) else {
            continue;
        };
        for operation in content.operations {
            collect_strings(&operation.operands, &mut strings);
        }
    }
    strings
}

fn collect_strings(operands: &[Object], strings: &mut Vec<Vec<u8>>) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => strings.push(bytes.clone()),
            Object::Array(items) => collect_strings(items, strings),
            _ => {}
        }
    }
}

const CMAP_START: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n";
const CMAP_END: &str = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

/// An encoding CMap with the family's code space in which each code is its own CID.
///
/// The code space is written for the CMap parser pdf-extract uses (adobe-cmap-parser 0.4),
/// which takes a range's code length to be half the bytes of its bounds: each bound is written
/// in twice its length, zeros in front (`<0000> <0080>` for one-byte codes). The tests on the
/// fixtures chinese-cid.pdf and chinese-gbk.pdf fail if a later version reads them otherwise.
fn encoding_cmap(family: Family) -> Vec<u8> {
    let space = family.code_space();
    let mut cmap = format!("{CMAP_START}{} begincodespacerange\n", space.len());
    for &(width, lo, hi) in space {
        cmap.push_str(&format!("{} {}\n", hex(lo, 2 * width), hex(hi, 2 * width)));
    }
    // One range from code 0: a CID is its code however the range's offset is applied.
    cmap.push_str("endcodespacerange\n1 begincidrange\n<00000000> <FFFFFFFF> 0\nendcidrange\n");
    cmap.push_str(CMAP_END);
    cmap.into_bytes()
}

/// A ToUnicode CMap for the codes of `strings` read in the family's code space.
fn to_unicode_cmap(family: Family, strings: &[Vec<u8>]) -> Vec<u8> {
    let mut map: BTreeMap<(u32, usize), String> = BTreeMap::new();
    for s in strings {
        for (code, width) in family.codes(s) {
            if let std::collections::btree_map::Entry::Vacant(e) = map.entry((code, width))
                && let Some(text) = family.decode(code, width)
            {
                e.insert(text);
            }
        }
    }
    let mut cmap = format!("{CMAP_START}{} beginbfchar\n", map.len());
    for ((code, width), text) in map {
        let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
        cmap.push_str(&format!("{} <{utf16}>\n", hex(code, width)));
    }
    cmap.push_str("endbfchar\n");
    cmap.push_str(CMAP_END);
    cmap.into_bytes()
}

fn hex(code: u32, width: usize) -> String {
    format!("<{:0w$X}>", code, w = width * 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_by_cmap_name() {
        assert_eq!(Family::of(b"UniGB-UCS2-H"), Some(Family::Utf16));
        assert_eq!(Family::of(b"UniJIS-UCS2-HW-V"), Some(Family::Utf16));
        assert_eq!(Family::of(b"UniCNS-UTF16-H"), Some(Family::Utf16));
        assert_eq!(
            Family::of(b"GBK-EUC-H"),
            Some(Family::Legacy(Charset::Gb18030))
        );
        assert_eq!(
            Family::of(b"ETen-B5-H"),
            Some(Family::Legacy(Charset::Big5))
        );
        assert_eq!(Family::of(b"Identity-H"), None);
        assert_eq!(Family::of(b"GBT-EUC-H"), None);
        assert_eq!(Family::of(b"Adobe-GB1-4"), None);
    }

    #[test]
    fn codes_are_read_in_the_code_space_and_decoded() {
        let gbk = Family::Legacy(Charset::Gb18030);
        // "A", 中 (D6D0 in GBK), a byte that starts no code (FF), 文 (CEC4).
        let codes = gbk.codes(&[0x41, 0xD6, 0xD0, 0xFF, 0xCE, 0xC4]);
        assert_eq!(codes, [(0x41, 1), (0xD6D0, 2), (0xCEC4, 2)]);
        let text: Vec<String> = codes
            .iter()
            .filter_map(|&(c, w)| gbk.decode(c, w))
            .collect();
        assert_eq!(text, ["A", "中", "文"]);
        let utf16 = Family::Utf16;
        let codes = utf16.codes(&[0x4E, 0x2D, 0xD8, 0x40, 0xDC, 0x0B, 0x00, 0x0A]);
        assert_eq!(codes, [(0x4E2D, 2), (0xD840_DC0B, 4), (0x000A, 2)]);
        assert_eq!(utf16.decode(0xD840_DC0B, 4).as_deref(), Some("𠀋"));
        assert_eq!(utf16.decode(0x000A, 2), None);
    }

    #[test]
    fn cmaps_list_the_code_space_and_the_codes_used() {
        let encoding = String::from_utf8(encoding_cmap(Family::Legacy(Charset::Big5))).unwrap();
        assert!(encoding.contains("2 begincodespacerange\n<0000> <0080>\n<00008140> <0000FEFE>\n"));
        let map = to_unicode_cmap(Family::Utf16, &[vec![0x4E, 0x2D, 0x00, 0x41, 0x4E, 0x2D]]);
        let map = String::from_utf8(map).unwrap();
        assert!(map.contains("2 beginbfchar\n<0041> <0041>\n<4E2D> <4E2D>\nendbfchar"));
    }
}
