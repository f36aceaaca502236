//! Giving freed memory back to the operating system.
//!
//! The stages free large amounts of memory in many small blocks (each document's text, its token
//! forms, the per-thread word tables). The C allocator keeps such blocks for reuse, so they
//! still count in the process's resident memory, while the next stages take their large arrays
//! from fresh pages. [`release_free_memory`] hands the free blocks back, which lowers the peak
//! of the stages that follow.

/// Returns the allocator's free memory to the operating system (glibc's `malloc_trim`); does
/// nothing where that is not available.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free; it touches no live
    // allocation and may be called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
