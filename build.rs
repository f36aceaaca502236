//! Build script: reads from Cargo.lock the versions of the crates whose results `run.json`
//! records (jieba-rs's segmentation, rust-stemmers's stems, polars's table files) and hands them
//! to the code as `CORPUSCOPE_VERSION_*` environment variables. No network, no other build
//! dependency: the lock file is read as text.

use std::path::{Path, PathBuf};

/// The crates recorded, and the variable each version goes into.
const RECORDED: &[(&str, &str)] = &[
    ("jieba-rs", "CORPUSCOPE_VERSION_JIEBA_RS"),
    ("rust-stemmers", "CORPUSCOPE_VERSION_RUST_STEMMERS"),
    ("polars", "CORPUSCOPE_VERSION_POLARS"),
];

fn main() {
    let lock = lock_file();
    let text = lock
        .as_deref()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    let packages = packages(&text);
    for (name, variable) in RECORDED {
        let version = version_of(&packages, name).unwrap_or_else(|| "unknown".to_string());
        println!("cargo:rustc-env={variable}={version}");
    }
    match &lock {
        Some(path) => println!("cargo:rerun-if-changed={}", path.display()),
        None => println!("cargo:rerun-if-changed=Cargo.lock"),
    }
}

/// The lock file of the workspace being built: the first Cargo.lock above the build's output
/// folder that locks corpuscope (the workspace's target folder is usually inside it; the fuzz
/// workspace has its own), else the one beside Cargo.toml.
fn lock_file() -> Option<PathBuf> {
    let locks_corpuscope = |path: &Path| {
        std::fs::read_to_string(path)
            .is_ok_and(|text| packages(&text).iter().any(|p| p.name == "corpuscope"))
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR")?);
    let above = out
        .ancestors()
        .map(|dir| dir.join("Cargo.lock"))
        .find(|path| path.is_file() && locks_corpuscope(path));
    above.or_else(|| {
        let beside = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?).join("Cargo.lock");
        beside.is_file().then_some(beside)
    })
}

/// One `[[package]]` of a lock file.
struct Package {
    name: String,
    version: String,
    /// As written: `name` or `name version`.
    dependencies: Vec<String>,
}

/// The packages of a lock file (its `name`, `version` and `dependencies` lines).
fn packages(text: &str) -> Vec<Package> {
    let mut packages = Vec::new();
    let mut in_dependencies = false;
    for line in text.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            packages.push(Package {
                name: String::new(),
                version: String::new(),
                dependencies: Vec::new(),
            });
            in_dependencies = false;
            continue;
        }
        let Some(package) = packages.last_mut() else {
            continue;
        };
        if in_dependencies {
            if line == "]" {
                in_dependencies = false;
            } else {
                package
                    .dependencies
                    .push(line.trim_end_matches(',').trim_matches('"').to_string());
            }
        } else if let Some(value) = line.strip_prefix("name = ") {
            package.name = value.trim_matches('"').to_string();
        } else if let Some(value) = line.strip_prefix("version = ") {
            package.version = value.trim_matches('"').to_string();
        } else if line == "dependencies = [" {
            in_dependencies = true;
        }
    }
    packages
}

/// The version of `name` corpuscope depends on: the one its dependency line names, or the only
/// one locked.
fn version_of(packages: &[Package], name: &str) -> Option<String> {
    let corpuscope = packages.iter().find(|p| p.name == "corpuscope")?;
    let line = corpuscope
        .dependencies
        .iter()
        .find(|d| d.split(' ').next() == Some(name))?;
    if let Some((_, version)) = line.split_once(' ') {
        return Some(version.to_string());
    }
    let mut locked = packages.iter().filter(|p| p.name == name);
    let only = locked.next()?;
    locked.next().is_none().then(|| only.version.clone())
}
