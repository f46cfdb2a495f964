//! Generated files the book shows (the trace exports under
//! `book/src/generated/traces/`), checked against what the code makes now.
//!
//! Like insta's snapshots in CI (`INSTA_UPDATE=no`), the check does not
//! write: a stale file fails the test, which names the command that
//! regenerates it. A developer may also regenerate with `UPDATE_GENERATED=1`
//! (the convention of the book's other generated files); it is ignored when
//! `CI` is set, so CI only ever compares.

use std::fs;
use std::path::PathBuf;

/// The workspace root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Asserts that the committed file at `path` (relative to the workspace
/// root) holds exactly `actual`.
///
/// # Panics
///
/// When the file is missing or differs (and is not being regenerated):
/// the message shows the first line
/// that differs and the command (`regenerate`) that writes the file anew.
pub fn assert_current(path: &str, actual: &str, regenerate: &str) {
    let committed = fs::read_to_string(root().join(path)).unwrap_or_default();
    if committed == actual {
        return;
    }
    let update = std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1");
    if update && std::env::var_os("CI").is_none() {
        fs::write(root().join(path), actual).expect("write the regenerated file");
        return;
    }
    let line = committed
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| committed.lines().count().min(actual.lines().count()));
    panic!(
        "{path} is out of date (first difference at line {}):\n  committed: {:?}\n  now:       {:?}\n\
         regenerate it with `{regenerate}`, read the diff, and commit it",
        line + 1,
        committed.lines().nth(line).unwrap_or("<end of file>"),
        actual.lines().nth(line).unwrap_or("<end of file>"),
    );
}
