//! `cargo lab reset` restores a stub from the last commit, refuses to
//! discard work without a confirmation, and keeps a copy of what it
//! discards. Runs in a scratch git repository.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{lab, scratch_copy};

const STUB: &str = "exercises/01-generators/src/countdown.rs";

fn git(root: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=lab tests",
            "-c",
            "user.email=lab@example.invalid",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .expect("git runs (the lab's reset needs it)");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

fn committed_copy(name: &str) -> std::path::PathBuf {
    let root = scratch_copy(name);
    git(&root, &["init", "--quiet"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "--quiet", "-m", "fixture"]);
    root
}

#[test]
fn an_untouched_stub_needs_no_reset() {
    let root = committed_copy("reset_untouched");
    let run = lab(&root, &["reset", "1.1"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains("already the original stub"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_terminal_it_asks_for_yes_and_changes_nothing() {
    let root = committed_copy("reset_refuses");
    let original = fs::read_to_string(root.join(STUB)).unwrap();
    fs::write(root.join(STUB), "// my attempt\n").unwrap();

    let run = lab(&root, &["reset", "countdown"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stdout.contains("this discards your changes to"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("cargo lab reset 1.1 --yes"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(root.join(STUB)).unwrap(),
        "// my attempt\n"
    );

    let run = lab(&root, &["reset", "countdown", "--yes"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(fs::read_to_string(root.join(STUB)).unwrap(), original);
    let kept = root.join("target/lab/reset/1.1-countdown.rs");
    assert_eq!(fs::read_to_string(kept).unwrap(), "// my attempt\n");
    assert!(
        run.stdout.contains("target/lab/reset/1.1-countdown.rs"),
        "{}",
        run.stdout
    );
}

#[test]
fn outside_a_git_checkout_it_says_so() {
    // A scratch copy that is not a repository of its own, under a folder
    // that is not one either, so git has nothing to compare with.
    let root = std::env::temp_dir().join(format!("lab-reset-no-git-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let copy = scratch_copy("reset_no_git");
    fs::rename(&copy, root.join("course")).unwrap();
    let run = lab(&root.join("course"), &["reset", "1.1", "--yes"]);
    let _ = fs::remove_dir_all(&root);
    if run.stderr.contains("needs git") {
        return; // no git at all: also a clear error, checked by its message
    }
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("git cannot compare"), "{}", run.stderr);
}
