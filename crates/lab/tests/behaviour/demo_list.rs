//! `cargo lab demo CHAPTER` lists the chapter's demos with what each
//! shows, however the learner names the chapter.

use crate::common;

use common::{fixture_root, lab};

#[test]
fn lists_demos_with_their_about_line() {
    let run = lab(&fixture_root(), &["demo", "1"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout
            .contains("Chapter 1: Generators as state machines"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("round_robin  three generators take turns on one thread"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("countdown    one generator, resumed step by step"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("cargo lab demo 1 round_robin"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_chapter_can_be_named_four_ways() {
    let expected = lab(&fixture_root(), &["demo", "1"]).stdout;
    for name in ["01", "generators", "01-generators", "Generators"] {
        let run = lab(&fixture_root(), &["demo", name]);
        assert_eq!(run.code, Some(0), "{name}: {run:?}");
        assert_eq!(run.stdout, expected, "`demo {name}` lists the same demos");
    }
}

#[test]
fn a_planned_chapter_has_no_demos_yet() {
    let run = lab(&fixture_root(), &["demo", "2"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains("planned: no demos yet"),
        "{}",
        run.stdout
    );
}
