//! Decoding: bytes → text. A byte-order mark decides first (UTF-8, UTF-16 LE/BE); then a fixed
//! encoding from the configuration, or detection: UTF-16 without a mark when it has NUL bytes in
//! the places where UTF-16 puts them (see `utf16_without_bom`); UTF-8 when the bytes are UTF-8
//! (or nearly so, with a few bad bytes); otherwise chardetng's guess (GBK/GB18030, Big5, Shift_JIS, the Windows code pages …).
//! Bytes that cannot be decoded become U+FFFD and are counted.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// How many leading bytes are checked to tell a binary file or UTF-16 without a mark.
const SNIFF_BYTES: usize = 8192;

/// Decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name, lowercased (`utf-8`, `gbk`, `utf-16le`, `big5` …), with `-bom` when
    /// a byte-order mark named it.
    pub encoding: String,
    /// Bytes that could not be decoded (each replaced by U+FFFD).
    pub errors: u64,
}

/// Why bytes could not be decoded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary file (contains NUL bytes)"),
        }
    }
}

/// Decodes `bytes`: with `fixed` when given (a byte-order mark still wins), else by detection.
pub fn decode(bytes: &[u8], fixed: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(&bytes[bom..], encoding, "-bom"));
    }
    if let Some(encoding) = fixed {
        return Ok(decode_with(bytes, encoding, ""));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(decode_with(bytes, encoding, ""));
    }
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Err(DecodeError::Binary);
    }
    if std::str::from_utf8(bytes).is_ok() || nearly_utf8(bytes) {
        return Ok(decode_with(bytes, UTF_8, ""));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut guess = detector.guess(None, Utf8Detection::Allow);
    // The GBK decoder reads GB18030's four-byte sequences too; name the encoding they mean.
    if guess == GBK && has_gb18030_four_byte(bytes) {
        guess = GB18030;
    }
    Ok(decode_with(bytes, guess, ""))
}

/// Whether bytes are UTF-8 apart from a few bad bytes, so that they are decoded as UTF-8 with
/// the bad bytes replaced and counted, rather than handed to detection (which would read a
/// mostly-English UTF-8 file with one stray byte as windows-1252 and garble its Chinese).
///
/// Text in a legacy encoding read as UTF-8 is mostly invalid: in GBK, Big5, Shift_JIS or
/// EUC-KR, valid UTF-8 sequences arise only by chance, a quarter to a third of the high bytes,
/// and sequences of three bytes or more (where UTF-8 puts Han characters) are rarer still. So
/// the bytes are UTF-8 when fewer than 1 byte in 100 of the valid multi-byte sequences is bad,
/// or when at least 80 % of the non-ASCII bytes are valid UTF-8 and there are at least two
/// valid characters of three or more bytes for each bad byte. (On 35,000 real Chinese reviews,
/// each encoded in GBK, Big5, Shift_JIS and EUC-KR, the second rule reads 4 more of 140,000
/// texts as UTF-8 than the first alone, all of one to three characters.)
fn nearly_utf8(bytes: &[u8]) -> bool {
    let (mut bad, mut multibyte, mut wide) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte += valid.len() - valid.chars().filter(char::is_ascii).count();
        wide += valid.chars().filter(|c| c.len_utf8() >= 3).count();
        bad += chunk.invalid().len();
    }
    bad * 100 < multibyte || (multibyte * 5 >= (multibyte + bad) * 4 && wide >= 2 * bad)
}

/// UTF-16 without a byte-order mark. In mostly-ASCII UTF-16, every other byte is NUL. In Chinese
/// (or other) UTF-16 with some ASCII in it (spaces, line ends, Latin words), a unit with a NUL
/// high byte is an ASCII or Latin-1 character, and at least 90 % of the units are characters
/// seen in text (Han, kana, Hangul, Latin, Greek, Cyrillic, punctuation). Text in a legacy encoding or UTF-8 has no NUL bytes;
/// UTF-16 with no ASCII at all has none either, and needs a byte-order mark or a fixed encoding.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Read as 16-bit units: no NUL unit, every unit below 256 a character of text (at least
    // one), and 90 % of all units characters of text.
    let text_like = |unit: fn([u8; 2]) -> u16| {
        let (mut latin1, mut plausible) = (0usize, 0usize);
        for pair in sample.chunks_exact(2) {
            match unit([pair[0], pair[1]]) {
                0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF => {
                    latin1 += 1;
                    plausible += 1;
                }
                0x00..=0xFF => return false,
                0x0100..=0x017F
                | 0x0370..=0x052F
                | 0x2010..=0x206F
                | 0x2E80..=0x9FFF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFFEF => plausible += 1,
                _ => {}
            }
        }
        latin1 > 0 && plausible * 10 >= pairs * 9
    };
    if odd_nul * 10 >= pairs * 7 && even_nul * 20 <= pairs || text_like(u16::from_le_bytes) {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 20 <= pairs || text_like(u16::from_be_bytes) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether GB18030 text has a four-byte sequence (a character outside GBK: CJK extensions,
/// minority scripts, most of Unicode): a lead byte followed by a digit byte.
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

/// Decodes all of `bytes` with `encoding`, counting the bytes that could not be decoded.
fn decode_with(bytes: &[u8], encoding: &'static Encoding, suffix: &str) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let mut errors = 0u64;
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                text.reserve(rest.len() * 3 + 16);
            }
            DecoderResult::Malformed(bad, _) => {
                errors += u64::from(bad);
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded {
        text,
        encoding: format!("{}{suffix}", encoding.name().to_lowercase()),
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("群众 masses".as_bytes(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.errors),
            ("群众 masses", "utf-8", 0)
        );
        let d = decode(b"\xEF\xBB\xBFab", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("ab", "utf-8-bom"));
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("坚持党的群众路线，密切联系群众，全心全意为人民服务。基层党组织是党在社会基层组织中的战斗堡垒。");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "gbk");
        assert!(d.text.starts_with("坚持党的群众路线"));
        assert_eq!(d.errors, 0);
    }

    #[test]
    fn gb18030_four_byte_characters_are_read_and_named() {
        let text = "坚持党的群众路线，密切联系群众。㐀字和𠮷字不在GBK里，基层党组织是战斗堡垒。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.errors),
            (text, "gb18030", 0)
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "mass line"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "mass line"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(decode(&with_bom, None).unwrap().encoding, "utf-16le-bom");
        assert_eq!(decode(&le, None).unwrap().text, "mass line");
        assert_eq!(decode(&be, None).unwrap().encoding, "utf-16be");
    }

    #[test]
    fn chinese_utf16_without_bom_is_detected_when_it_has_ascii_in_it() {
        // 一 (U+4E00) and the ideographic space (U+3000) have a NUL low byte.
        let text = "坚持党的群众路线，一心一意密切联系群众。\r\nCPC\u{3000}基层党组织是战斗堡垒。";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(&le, "utf-16le"), (&be, "utf-16be")] {
            let d = decode(bytes, None).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding.as_str(), d.errors),
                (text, name, 0)
            );
        }
        // Bytes with a NUL 16-bit unit, or a control character, are still binary.
        for tail in [&b"\0\0\x01\x02"[..], b"\x01\0"] {
            let bytes = [le.as_slice(), tail].concat();
            assert_eq!(decode(&bytes, None), Err(DecodeError::Binary));
        }
        assert_eq!(
            decode(b"PNG\0\x01\x02 binary", None),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_counted() {
        let mut bytes = "群众路线".repeat(20).into_bytes();
        bytes.push(0xFF);
        bytes.extend_from_slice("党".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.encoding.as_str(), d.errors), ("utf-8", 1));
        assert!(d.text.ends_with("\u{FFFD}党"));
    }

    /// Mostly-English UTF-8 with some Chinese and stray bytes stays UTF-8 (it was detected as
    /// windows-1252, which turned its Chinese into terms like `ço` and `åŒoæ`).
    #[test]
    fn mostly_english_utf8_with_chinese_and_stray_bytes_is_utf8() {
        let english = "The mass line is a working method of the Party. ".repeat(30);
        let cases: [(&[u8], u64); 3] = [(b"\x92", 1), (b"\xff\xfe\xc3", 3), (b"\x92\x93", 2)];
        for (stray, errors) in cases {
            let mut bytes = english.clone().into_bytes();
            bytes.extend_from_slice("群众路线是党的生命线".as_bytes());
            bytes.extend_from_slice(stray);
            bytes.extend_from_slice(" and cadres 干部 serve the people.".as_bytes());
            let d = decode(&bytes, None).unwrap();
            assert_eq!(
                (d.encoding.as_str(), d.errors),
                ("utf-8", errors),
                "{stray:?}"
            );
            assert!(d.text.contains("群众路线是党的生命线\u{FFFD}"));
            assert!(d.text.contains("干部"));
        }
    }

    /// Mostly-Chinese and mixed UTF-8 with many scattered bad bytes stays UTF-8, each bad byte
    /// replaced and counted.
    #[test]
    fn chinese_and_mixed_utf8_with_many_bad_bytes_is_utf8() {
        let mut chinese = Vec::new();
        let mut mixed = Vec::new();
        for i in 0..40 {
            chinese.extend_from_slice("坚持党的群众路线，密切联系群众。".as_bytes());
            mixed.extend_from_slice(format!("Line {i}: grassroots 基层治理 work. ").as_bytes());
            if i % 4 == 0 {
                chinese.push(0x81);
                mixed.push(0xFE);
            }
        }
        for bytes in [chinese, mixed] {
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.encoding.as_str(), d.errors), ("utf-8", 10));
        }
    }

    /// Text in a legacy encoding still goes to detection: GBK and Big5 Chinese, short and long,
    /// and English windows-1252 with curly quotes and no UTF-8 sequence at all.
    #[test]
    fn legacy_encodings_still_go_to_detection() {
        let text = "坚持党的群众路线，密切联系群众。基层党组织是党在社会基层组织中的战斗堡垒。";
        let (gbk, _, _) = GBK.encode(text);
        assert_eq!(decode(&gbk, None).unwrap().encoding, "gbk");
        let (big5, _, _) =
            encoding_rs::BIG5.encode("堅持黨的群眾路線，密切聯繫群眾。基層黨組織是戰鬥堡壘。");
        assert_eq!(decode(&big5, None).unwrap().encoding, "big5");
        let quotes = b"The Party\x92s \x93mass line\x94 is a working method. ".repeat(5);
        let d = decode(&quotes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(
            d.text
                .starts_with("The Party\u{2019}s \u{201C}mass line\u{201D}")
        );
    }

    #[test]
    fn binary_and_fixed_encodings() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None),
            Err(DecodeError::Binary)
        );
        let d = decode(b"caf\xe9", Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("café", "windows-1252")
        );
    }
}
