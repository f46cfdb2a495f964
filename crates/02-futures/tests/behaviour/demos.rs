//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first.

// The demos are example binaries; their `main` is not used here.
#[allow(dead_code)]
#[path = "../../examples/busy_poll.rs"]
mod busy_poll;
#[allow(dead_code)]
#[path = "../../examples/placeholder.rs"]
mod placeholder;
#[allow(dead_code)]
#[path = "../../examples/two_awaits.rs"]
mod two_awaits;

use aio_testkit::capture;

#[test]
fn busy_poll_counts_the_wasted_polls() {
    insta::assert_snapshot!("busy_poll", capture(busy_poll::run));
}

#[test]
fn two_awaits_prints_what_each_pause_holds() {
    let out = capture(two_awaits::run);
    // The point of the demo, checked outright as well as snapshotted: the
    // hand-written machine and the compiler's take the same number of polls.
    assert!(out.contains("poll 4 -> Ready(5)"), "{out}");
    assert!(
        out.contains("add_later_async(2, 3): 5 after 4 polls"),
        "{out}"
    );
    insta::assert_snapshot!("two_awaits", out);
}

#[test]
fn placeholder_runs_callbacks_in_order_and_wakes_the_task_once() {
    insta::assert_snapshot!("placeholder", capture(placeholder::run));
}
