//! Progress reporting: the library tells a [`Progress`] what each stage is doing; the binary
//! draws it (with indicatif), tests pass [`Silent`].

/// Receives progress from the pipeline's stages. Called from worker threads, so it must be
/// `Sync`.
pub trait Progress: Sync {
    /// A stage starts with `total` steps (0 when unknown).
    fn start(&self, stage: &str, total: u64);
    /// `n` more steps of the current stage are done.
    fn advance(&self, n: u64);
    /// The current stage is done.
    fn finish(&self);
}

/// Reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _stage: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
