//! The help a learner reads: every command is described, and `verify` says
//! it is for maintainers and CI.

use crate::common;

use common::{fixture_root, lab};

#[test]
fn help_lists_every_command() {
    let run = lab(&fixture_root(), &["--help"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    for command in [
        "demo", "check", "hint", "reset", "book", "bench", "verify", "trace",
    ] {
        assert!(
            run.stdout.contains(command),
            "{command} missing from:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("Usage: cargo lab"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("--root"),
        "--root is for tests only:\n{}",
        run.stdout
    );
}

#[test]
fn verify_says_who_it_is_for() {
    let run = lab(&fixture_root(), &["help", "verify"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains("For maintainers and CI"),
        "{}",
        run.stdout
    );
}

#[test]
fn bench_warns_of_its_first_build() {
    let run = lab(&fixture_root(), &["help", "bench"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    for words in ["tokio and smol", "--rounds", "--scaling", "python3"] {
        assert!(
            run.stdout.contains(words),
            "{words} missing from:\n{}",
            run.stdout
        );
    }
}

/// clap's own check of the command line: every id that `requires`,
/// `conflicts_with` or `required_unless_present` names exists, no two
/// arguments share a flag, and so on. (It panics on the first mistake.)
#[test]
fn the_command_line_is_well_formed() {
    lab::cli::Cli::command().debug_assert();
}
