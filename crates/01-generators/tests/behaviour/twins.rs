//! The round_robin demo and its Python twin: three `count()` generators in
//! our round-robin scheduler say the same lines, in the same order, and
//! finish in the same order, as three `count()` coroutines under
//! `asyncio.gather` (DESIGN §8). Without `python3` the check is skipped
//! with a message, except in CI, where it fails.

use crate::demos::round_robin;

use aio_testkit::capture;
use aio_testkit::python::run_script;

#[test]
fn round_robin_says_and_finishes_in_the_order_asyncio_gather_does() {
    let Some(python) = run_script("twins/round_robin.py", &[]) else {
        return;
    };
    let demo = capture(round_robin::run);
    // The demo's trace table comes first; the twin prints only the summary
    // that follows it, which is what asyncio can be asked about.
    let ours: Vec<&str> = demo
        .lines()
        .skip_while(|line| !line.starts_with("what the tasks said"))
        .collect();
    let theirs: Vec<&str> = python.lines().collect();
    assert!(!ours.is_empty(), "the demo no longer prints its summary");
    assert_eq!(ours, theirs);
}
