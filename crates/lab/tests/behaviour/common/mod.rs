//! Helpers shared by the lab's tests: run the real binary on a fixture
//! workspace, and make scratch copies of fixtures that a test may change.
#![allow(dead_code)] // each test file uses some of these

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The fixture workspace: a small course.toml and the files it names.
pub fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/course")
}

/// The real workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What one run of `lab` did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `lab --root <root> <args>` with stdin, stdout and stderr piped (not
/// a terminal) and colour settings cleared from the environment.
pub fn lab(root: &Path, args: &[&str]) -> Run {
    lab_with_env(root, args, &[])
}

/// Like [`lab`], with extra environment variables.
pub fn lab_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lab"));
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("the lab binary runs");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// A fresh copy of the fixture workspace under cargo's scratch folder for
/// tests, named after the test so tests running in parallel do not share.
pub fn scratch_copy(name: &str) -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lab")
        .join(name);
    if target.exists() {
        fs::remove_dir_all(&target).expect("the old scratch copy can be removed");
    }
    copy_dir(&fixture_root(), &target);
    target
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the scratch folder can be created");
    for entry in fs::read_dir(from).expect("the fixture can be listed") {
        let entry = entry.expect("a fixture entry");
        let destination = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &destination);
        } else {
            fs::copy(entry.path(), &destination).expect("a fixture file can be copied");
        }
    }
}
