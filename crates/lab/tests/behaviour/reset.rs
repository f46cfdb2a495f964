//! `cargo lab reset` restores a stub as shipped (even after the learner
//! committed their work), refuses to discard work without a confirmation,
//! and keeps every version it discards in `.lab/backups/`, which `cargo
//! clean` leaves alone. The original comes from git (`git cat-file blob`,
//! by its id in crates/lab/stubs.toml), so these tests need git: most run in
//! a scratch copy made a git repository; the last two show what happens
//! without git, or outside a clone.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{lab, lab_with_env, scratch_copy};

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
        run.stdout
            .contains("your version: 1 line; the original stub: 2 lines"),
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
    let kept = backups(&root);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), "// my attempt\n");
    assert!(
        run.stdout.contains(".lab/backups/1.1-countdown-"),
        "{}",
        run.stdout
    );
}

/// The backups in `.lab/backups/`, by name.
fn backups(root: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = fs::read_dir(root.join(".lab/backups"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn every_reset_keeps_its_own_backup_outside_target() {
    let root = committed_copy("reset_twice");
    fs::write(root.join(STUB), "// first attempt\n").unwrap();
    assert_eq!(lab(&root, &["reset", "1.1", "--yes"]).code, Some(0));
    fs::write(root.join(STUB), "// second attempt\n").unwrap();
    let run = lab(&root, &["reset", "1.1", "--yes"]);
    assert_eq!(run.code, Some(0), "{run:?}");

    // `cargo clean` deletes target/, and nothing of the lab's with it.
    let _ = fs::remove_dir_all(root.join("target"));
    let kept: Vec<String> = backups(&root)
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(
        kept.len(),
        2,
        "the second reset kept the first backup: {kept:?}"
    );
    assert!(kept.contains(&"// first attempt\n".to_owned()), "{kept:?}");
    assert!(kept.contains(&"// second attempt\n".to_owned()), "{kept:?}");

    let run = lab(&root, &["reset", "--list"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    for backup in backups(&root) {
        let name = backup.file_name().unwrap().to_str().unwrap();
        assert!(run.stdout.contains(name), "{name} in:\n{}", run.stdout);
    }
    // Oldest first, even for two resets in the same second.
    let at = |text: &str| {
        let backup = backups(&root)
            .into_iter()
            .find(|p| fs::read_to_string(p).unwrap() == text)
            .unwrap();
        let name = backup.file_name().unwrap().to_str().unwrap().to_owned();
        run.stdout.find(&name).unwrap()
    };
    assert!(
        at("// first attempt\n") < at("// second attempt\n"),
        "{}",
        run.stdout
    );
    let run = lab(&root, &["reset", "--list", "echo"]);
    assert!(run.stdout.contains("No backups of 1.2"), "{}", run.stdout);

    // git never sees them.
    let status = Command::new("git")
        .args(["status", "--porcelain", "--ignored=no"])
        .current_dir(&root)
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(!status.contains(".lab"), "{status}");
}

#[test]
fn a_committed_attempt_is_still_not_the_original_stub() {
    let root = committed_copy("reset_committed");
    let original = fs::read_to_string(root.join(STUB)).unwrap();
    fs::write(root.join(STUB), "// my committed attempt\n").unwrap();
    git(&root, &["commit", "--quiet", "-am", "my work"]);

    // check tells a started exercise by this, not by the last commit.
    let workspace = lab::workspace::Workspace::new(&root);
    assert_eq!(
        workspace.stub_state(Path::new(STUB)),
        lab::workspace::StubState::Edited
    );

    let run = lab(&root, &["reset", "1.1", "--yes"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        !run.stdout.contains("nothing to reset"),
        "a committed attempt is still an attempt:\n{}",
        run.stdout
    );
    assert_eq!(fs::read_to_string(root.join(STUB)).unwrap(), original);
    assert_eq!(
        workspace.stub_state(Path::new(STUB)),
        lab::workspace::StubState::Untouched
    );
    assert_eq!(backups(&root).len(), 1);
}

/// What a reset that cannot get the original must leave: the learner's
/// file as it was, no backup made, and a message that says what to do.
fn assert_nothing_lost(root: &Path, run: &common::Run) {
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        fs::read_to_string(root.join(STUB)).unwrap(),
        "// my attempt\n",
        "the learner's file is unchanged"
    );
    assert!(backups(root).is_empty(), "{:?}", backups(root));
    for advice in [
        "your exercises/01-generators/src/countdown.rs is unchanged",
        "fresh clone of the course",
        "cargo lab reset --list",
    ] {
        assert!(
            run.stderr.contains(advice),
            "{advice:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn without_git_it_says_what_to_do_and_changes_nothing() {
    let root = committed_copy("reset_no_git");
    fs::write(root.join(STUB), "// my attempt\n").unwrap();
    // A PATH with no git on it.
    let empty = root.join("no-tools");
    fs::create_dir_all(&empty).unwrap();
    let run = lab_with_env(
        &root,
        &["reset", "1.1", "--yes"],
        &[("PATH", empty.to_str().unwrap())],
    );
    assert!(
        run.stderr.contains("git could not be run"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("install git"), "{}", run.stderr);
    assert_nothing_lost(&root, &run);
}

#[test]
fn outside_a_git_clone_it_says_what_to_do_and_changes_nothing() {
    // A copy of the course that is not a clone (a downloaded archive). The
    // ceiling keeps git from finding a repository the scratch folder is in.
    let root = scratch_copy("reset_not_a_clone");
    fs::write(root.join(STUB), "// my attempt\n").unwrap();
    let ceiling = root.parent().unwrap().to_str().unwrap().to_owned();
    let run = lab_with_env(
        &root,
        &["reset", "1.1", "--yes"],
        &[("GIT_CEILING_DIRECTORIES", &ceiling)],
    );
    assert!(
        run.stderr.contains("git does not have the original stub"),
        "{}",
        run.stderr
    );
    assert_nothing_lost(&root, &run);
}
