//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first.

// The demos are example binaries (their `main` is not used here), declared
// once in the test binary: the other behaviours use them from here.
#[allow(dead_code)]
#[path = "../../examples/hand_stepped.rs"]
pub(crate) mod hand_stepped;
#[allow(dead_code)]
#[path = "../../examples/round_robin.rs"]
pub(crate) mod round_robin;
#[allow(dead_code)]
#[path = "../../examples/yield_from.rs"]
pub(crate) mod yield_from;

use aio_testkit::capture;

#[test]
fn hand_stepped_prints_each_state_between_resumes() {
    insta::assert_snapshot!("hand_stepped", capture(hand_stepped::run));
}

#[test]
fn round_robin_prints_every_one_before_any_two() {
    let out = capture(round_robin::run);
    // The point of the demo, checked outright as well as snapshotted: the
    // lines the tasks said, listed at the end, are all Ones, then all Twos.
    let said: Vec<&str> = out
        .lines()
        .skip_while(|line| !line.starts_with("what the tasks said"))
        .filter_map(|line| line.strip_prefix("  "))
        .collect();
    assert_eq!(
        said,
        ["A: One", "B: One", "C: One", "A: Two", "B: Two", "C: Two"]
    );
    insta::assert_snapshot!("round_robin", out);
}

#[test]
fn yield_from_prints_the_inner_state_inside_the_outer() {
    insta::assert_snapshot!("yield_from", capture(yield_from::run));
}
