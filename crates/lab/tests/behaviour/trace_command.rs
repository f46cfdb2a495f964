//! `cargo lab trace`: a demo that does not exist is a usage error that says
//! where the demos are listed, and `--out` only goes with `--json`.

use crate::common;

use common::{fixture_root, lab};

#[test]
fn unknown_demo_is_a_usage_error() {
    let run = lab(&fixture_root(), &["trace", "no_such_demo"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("no demo is called `no_such_demo`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("cargo lab demo CHAPTER"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "errors go to stderr: {}", run.stdout);
}

#[test]
fn out_needs_json() {
    let run = lab(
        &fixture_root(),
        &["trace", "round_robin", "--out", "x.json"],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("--json"), "{}", run.stderr);
}
