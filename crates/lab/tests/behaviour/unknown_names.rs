//! A chapter, exercise or demo that does not exist is a usage error (exit
//! code 2) whose message lists the valid ones.

use crate::common;

use common::{fixture_root, lab};

#[test]
fn unknown_chapter_lists_the_chapters() {
    for args in [
        &["demo", "9"][..],
        &["check", "nine"],
        &["demo", "09-nothing"],
    ] {
        let run = lab(&fixture_root(), args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(
            run.stderr.contains("there is no chapter"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("1 generators, 2 futures"),
            "{args:?} should list the chapters: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "errors go to stderr: {}", run.stdout);
    }
}

#[test]
fn unknown_exercise_lists_the_exercises() {
    for args in [&["hint", "3.7"][..], &["reset", "nope", "--yes"]] {
        let run = lab(&fixture_root(), args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(
            run.stderr.contains("there is no exercise"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("1.1 countdown, 1.2 echo"),
            "{args:?} should list the exercises: {}",
            run.stderr
        );
    }
}

#[test]
fn unknown_demo_lists_the_chapters_demos() {
    let run = lab(&fixture_root(), &["demo", "1", "chess"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("chapter 1 has no demo `chess`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("round_robin, countdown"),
        "{}",
        run.stderr
    );
}

#[test]
fn clap_usage_errors_exit_with_2() {
    let run = lab(&fixture_root(), &["hint"]);
    assert_eq!(run.code, Some(2), "a missing argument: {run:?}");
    let run = lab(&fixture_root(), &["frobnicate"]);
    assert_eq!(run.code, Some(2), "an unknown command: {run:?}");
}
