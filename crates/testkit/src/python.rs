//! Run the project's own Python scripts under CPython.
//!
//! A script is ours, written for this project (never copied from the notes),
//! and checks itself: it `assert`s what it claims and prints the evidence.
//! [`run_script`] returns that evidence so the calling test can snapshot it
//! and the book can show it.

use std::env;
use std::path::Path;
use std::process::Command;

use crate::workspace_root;

/// The interpreter the checks run under. `PYTHON` overrides it (for example
/// `PYTHON=python3.12` to compare versions); the default is `python3`.
pub fn interpreter() -> String {
    env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether this run is in CI, where a missing interpreter is an error.
fn in_ci() -> bool {
    env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The version line of the interpreter, e.g. `Python 3.11.7`, or `None` when
/// there is none (and this is not CI).
///
/// # Panics
///
/// Panics in CI when the interpreter cannot be started.
pub fn version() -> Option<String> {
    match Command::new(interpreter()).arg("--version").output() {
        Ok(out) if out.status.success() => {
            Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        }
        _ if in_ci() => panic!(
            "`{}` is required in CI to check our rebuild against CPython, and it did not start",
            interpreter()
        ),
        _ => {
            eprintln!(
                "skipped: `{}` not found; install Python 3 to check this against CPython",
                interpreter()
            );
            None
        }
    }
}

/// Runs `python/<script>` (a path relative to the workspace's `python/`
/// folder) with `args`, and returns its standard output.
///
/// Returns `None` after printing a "skipped" message when no interpreter is
/// installed outside CI.
///
/// # Panics
///
/// Panics when the script exits with an error (its own `assert` failed):
/// the message carries the script's standard error, which says which claim
/// did not hold. Panics in CI when there is no interpreter.
pub fn run_script(script: &str, args: &[&str]) -> Option<String> {
    version()?;
    let path = workspace_root().join("python").join(script);
    assert!(
        path.is_file(),
        "no such script: {} (scripts live under python/)",
        path.display()
    );
    let out = Command::new(interpreter())
        // Unbuffered, UTF-8, no bytecode files left in the tree.
        .args(["-u", "-X", "utf8", "-B"])
        .arg(&path)
        .args(args)
        .current_dir(path.parent().unwrap_or(Path::new(".")))
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("the interpreter started a moment ago");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{script} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    Some(stdout)
}
