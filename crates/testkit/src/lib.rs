//! Test helpers shared by every stage.
//!
//! Five jobs, all small:
//!
//! * [`python`] runs one of the project's own Python scripts (the claim checks
//!   in `python/claims/` and the "twins" of our demos in `python/twins/`)
//!   under CPython, the reference this project rebuilds. Outside CI a missing
//!   `python3` skips the check with a message; in CI (`CI` set) it fails,
//!   because a check that silently did not run is worse than a red build.
//! * [`capture`] runs a demo's `run(out)` function into a string, so a test
//!   can snapshot exactly what `cargo lab demo` prints.
//! * [`wake`] gives a waker that counts its wakes, and polls a future once
//!   with it, for the tests that check a future's `Pending` kept its promise
//!   (one copy for every suite, instead of one in each).
//! * [`generated`] checks a committed generated file (a trace export the
//!   book plays) against what the code makes now, without ever writing it.
//! * [`watchdog`] runs a test's executor under a time limit, so a lost wake
//!   fails the suite instead of hanging it.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod generated;
pub mod python;
pub mod wake;
pub mod watchdog;

use std::io::{self, Write};
use std::path::PathBuf;

/// Runs `demo` with an in-memory writer and returns what it wrote.
///
/// Demos are written as `pub fn run(out: &mut dyn Write) -> io::Result<()>`
/// so that the example binary prints to stdout and the test snapshots the
/// very same text.
///
/// # Panics
///
/// Panics if the demo returns an error or writes invalid UTF-8.
pub fn capture(demo: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut buf = Vec::new();
    demo(&mut buf).expect("the demo failed while writing its output");
    String::from_utf8(buf).expect("demo output is UTF-8")
}

/// The workspace root (the folder with the top `Cargo.toml`).
///
/// Tests run with the crate's folder as the working directory; scripts and
/// book files are found from the root instead, so every crate names them the
/// same way.
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("crates").is_dir())
        .expect("the test kit lives inside the workspace")
        .to_path_buf()
}
