//! Finding the inputs: the files named by `input.paths`, and the files of its folders searched
//! recursively, chosen by extension and by the include and exclude patterns. First step of the
//! map phase; the files are then read a batch at a time by [`super::Reader`].

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::display_path;
use crate::config::Config;
use crate::error::{Error, Result};

/// An input found on disk: a file to read, or a folder that could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    Unlistable(PathBuf, String),
}

impl Found {
    pub fn path(&self) -> &Path {
        match self {
            Found::File(p) | Found::Unlistable(p, _) => p,
        }
    }
}

/// What the search of the inputs found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// The files to read, and the folders that could not be listed (each a skipped document),
    /// sorted by path, each once.
    pub files: Vec<Found>,
    /// Files found in the folders but passed over because their extension is not in
    /// `input.extensions`: (extension, lowercased, without the dot; "" for none; count), by
    /// extension.
    pub passed_over: Vec<(String, usize)>,
}

impl Inputs {
    /// Files passed over for their extension.
    pub fn passed_over_files(&self) -> usize {
        self.passed_over.iter().map(|(_, n)| n).sum()
    }
}

/// Finds the input files: named files as they are, folders searched recursively for the
/// configured extensions and patterns (a folder that cannot be listed is an input too, read as
/// a skipped document). Sorted by path, each file once. [`Error::NoInput`] when there is no file
/// to read, naming the paths searched, the extensions read and the files passed over.
pub fn find_inputs(config: &Config) -> Result<Inputs> {
    let mut search = Search {
        config,
        visited: HashSet::new(),
        found: Vec::new(),
        passed_over: BTreeMap::new(),
    };
    for path in &config.settings.input.paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::Input {
            path: path.clone(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "does not exist".to_string()
            } else {
                e.to_string()
            },
        })?;
        if meta.is_dir() {
            search.walk(path, path);
        } else {
            search.found.push(Found::File(path.clone()));
        }
    }
    let mut files = search.found;
    files.sort_by(|a, b| a.path().cmp(b.path()));
    files.dedup_by(|a, b| a.path() == b.path());
    let inputs = Inputs {
        files,
        passed_over: search.passed_over.into_iter().collect(),
    };
    if inputs.files.is_empty() {
        return Err(no_input(config, &inputs));
    }
    Ok(inputs)
}

/// The error of a run with nothing to read.
fn no_input(config: &Config, inputs: &Inputs) -> Error {
    let extensions: Vec<String> = config.extensions.iter().map(|e| format!(".{e}")).collect();
    let others = if inputs.passed_over.is_empty() {
        "no file with another extension either".to_string()
    } else {
        format!(
            "{} files with other extensions were passed over: {}",
            inputs.passed_over_files(),
            passed_over_list(&inputs.passed_over)
        )
    };
    Error::NoInput {
        paths: config.settings.input.paths.clone(),
        message: format!(
            "no file to read: corpuscope reads files ending in {} (`input.extensions`, with \
             `input.include` and `input.exclude`); {others}",
            extensions.join(", ")
        ),
    }
}

/// `.pdf (2), .docx (1), no extension (1)`: the files passed over, most first.
pub fn passed_over_list(passed_over: &[(String, usize)]) -> String {
    let mut sorted: Vec<&(String, usize)> = passed_over.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
        .iter()
        .map(|(ext, n)| {
            if ext.is_empty() {
                format!("no extension ({n})")
            } else {
                format!(".{ext} ({n})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The state of a search through the input folders.
struct Search<'c> {
    config: &'c Config,
    /// Real folders already searched: symbolic links may lead back to one.
    visited: HashSet<PathBuf>,
    found: Vec<Found>,
    passed_over: BTreeMap<String, usize>,
}

impl Search<'_> {
    fn walk(&mut self, root: &Path, dir: &Path) {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited.insert(real) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.found
                    .push(Found::Unlistable(dir.to_path_buf(), e.to_string()));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            match std::fs::metadata(&child) {
                Ok(meta) if meta.is_dir() => self.walk(root, &child),
                // A dangling link or a file that vanished is reported if it looks like an input.
                _ => self.consider(root, child),
            }
        }
    }

    /// A file found under `root` is read when its extension is configured, it matches an
    /// include pattern (if any) and no exclude pattern, tested on its path relative to `root`;
    /// one passed over for its extension is counted.
    fn consider(&mut self, root: &Path, path: PathBuf) {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let config = self.config;
        if !config
            .extensions
            .iter()
            .any(|x| x.eq_ignore_ascii_case(&extension))
        {
            *self.passed_over.entry(extension).or_insert(0) += 1;
            return;
        }
        let relative = display_path(path.strip_prefix(root).unwrap_or(&path));
        let included = config
            .include
            .as_ref()
            .is_none_or(|set| set.is_match(&relative));
        if included && !config.exclude.is_match(&relative) {
            self.found.push(Found::File(path));
        }
    }
}
