//! Decoding arbitrary bytes: detection and every fixed encoding a user is likely to name never
//! panic, and the text is valid (a `String`) with at most one error counted per input byte.
#![no_main]

use corpuscope::ingest::decode::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fixed = [
        None,
        Some(encoding_rs::GB18030),
        Some(encoding_rs::BIG5),
        Some(encoding_rs::UTF_16LE),
        Some(encoding_rs::SHIFT_JIS),
    ];
    for encoding in fixed {
        if let Ok(decoded) = decode(data, encoding) {
            assert!(decoded.errors <= data.len() as u64);
            assert!(!decoded.encoding.is_empty());
        }
    }
});
