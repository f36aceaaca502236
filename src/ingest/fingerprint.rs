//! The input files' fingerprint, recorded in `run.json`: how many files a run found, their bytes,
//! and a SHA-256 digest of their list (path, size, modification time), so that a set of outputs
//! can be matched to the inputs it came from and a changed corpus be noticed without reading it
//! again. Read from the file system's metadata when the files are found, before any is read.

use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::{Found, display_path};

/// The fingerprint of a run's input files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputFingerprint {
    /// Files found (a folder that could not be listed is not a file).
    pub files: u64,
    /// Their sizes added up, in bytes.
    pub bytes: u64,
    /// SHA-256, in lowercase hex, of one line per file in path order:
    /// `path NUL size NUL mtime LF`, the path as the `documents` table shows it, the size in
    /// bytes and the modification time in nanoseconds since 1970-01-01 UTC (negative before),
    /// both in decimal; `-` for each when the file's metadata cannot be read.
    pub digest: String,
}

/// The fingerprint of `found` (sorted by path, as [`super::find_inputs`] returns it).
pub fn fingerprint(found: &[Found]) -> InputFingerprint {
    let mut hasher = Sha256::new();
    let (mut files, mut bytes) = (0u64, 0u64);
    for found in found {
        let Found::File(path) = found else { continue };
        files += 1;
        let (size, mtime) = match std::fs::metadata(path) {
            Ok(meta) => {
                bytes += meta.len();
                let mtime = meta
                    .modified()
                    .map_or("-".to_string(), |t| nanos(t).to_string());
                (meta.len().to_string(), mtime)
            }
            Err(_) => ("-".to_string(), "-".to_string()),
        };
        let line = format!("{}\0{size}\0{mtime}\n", display_path(path));
        hasher.update(line.as_bytes());
    }
    InputFingerprint {
        files,
        bytes,
        digest: format!("{:x}", hasher.finalize()),
    }
}

/// Nanoseconds from the Unix epoch to `time`, negative before it.
fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_a_known_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "abc").unwrap();
        let time = SystemTime::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 5);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(time)
            .unwrap();
        let missing = dir.path().join("b.txt");
        let got = fingerprint(&[
            Found::File(path.clone()),
            Found::File(missing.clone()),
            Found::Unlistable(dir.path().join("c"), "denied".into()),
        ]);
        let lines = format!(
            "{}\u{0}3\u{0}1700000000000000005\n{}\u{0}-\u{0}-\n",
            display_path(&path),
            display_path(&missing)
        );
        let want = format!("{:x}", Sha256::digest(lines.as_bytes()));
        assert_eq!((got.files, got.bytes), (2, 3));
        assert_eq!(got.digest, want);
        assert_eq!(got.digest.len(), 64);
    }
}
