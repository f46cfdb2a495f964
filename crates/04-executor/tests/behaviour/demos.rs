//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first. The demos wait on real
//! threads, so each test also checks the demo's point outright.

// The demos are example binaries (their `main` is not used here), declared
// once in the test binary: the other behaviours use them from here.
#[allow(dead_code)]
#[path = "../../examples/count.rs"]
pub(crate) mod count;
#[allow(dead_code)]
#[path = "../../examples/create_task_order.rs"]
pub(crate) mod create_task_order;
#[allow(dead_code)]
#[path = "../../examples/no_await.rs"]
pub(crate) mod no_await;
#[allow(dead_code)]
#[path = "../../examples/tiny_loop.rs"]
pub(crate) mod tiny_loop;

use aio_testkit::capture;

/// Runs a demo that waits on the real clock until its output shows what
/// `holds` asks, at most three times, and returns the last output. A
/// helper thread that oversleeps by half a unit on a busy machine rounds
/// to one unit more; a second run is not slowed by the same spell. (Each
/// rerun is reported on stderr, so a machine that needs them is seen.)
fn capture_real_clock(
    run: fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    holds: impl Fn(&str) -> bool,
) -> String {
    let mut out = capture(run);
    for attempt in 2..=3 {
        if holds(&out) {
            break;
        }
        eprintln!("attempt {attempt}: the real clock drifted; running again. It printed:\n{out}");
        out = capture(run);
    }
    out
}

#[test]
#[cfg_attr(
    miri,
    ignore = "times real sleeps, and miri runs a hundred times slower"
)]
fn create_task_order_adds_up_one_way_and_overlaps_the_other() {
    let out = capture_real_clock(create_task_order::run, |out| {
        out.contains("| finished after 3 units") && out.contains("| finished after 2 units")
    });
    assert!(out.contains("| finished after 3 units"), "{out}");
    assert!(out.contains("| finished after 2 units"), "{out}");
    insta::assert_snapshot!("create_task_order", out);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "times real sleeps, and miri runs a hundred times slower"
)]
fn tiny_loop_runs_count_with_two_polls_per_task() {
    let out = capture_real_clock(tiny_loop::run, |out| {
        out.contains("three tasks, 6 polls, finished after 1 unit")
    });
    // Every "One" before any "Two": the three tasks wait at the same time.
    assert!(out.starts_with("One\nOne\nOne\nTwo\nTwo\nTwo\n"), "{out}");
    // One poll to start each task and one after its single wake: a loop
    // that polled without a wake would count more.
    assert!(
        out.contains("three tasks, 6 polls, finished after 1 unit"),
        "{out}"
    );
    insta::assert_snapshot!("tiny_loop", out);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "times real sleeps, and miri runs a hundred times slower"
)]
fn count_prints_every_one_before_any_two() {
    let out = capture_real_clock(count::run, |out| {
        out.contains("three tasks: finished after 1 unit")
            && out.contains("three awaits in a row: finished after 3 units")
    });
    assert!(out.contains("three tasks: finished after 1 unit"), "{out}");
    assert!(
        out.contains("three awaits in a row: finished after 3 units"),
        "{out}"
    );
    insta::assert_snapshot!("count", out);
}

#[test]
fn no_await_shows_the_tasks_cancelled_when_main_returns() {
    let out = capture(no_await::run);
    // Both tasks of (a) and the unawaited one of (b) are cancelled; the one
    // (b) awaits is done.
    assert_eq!(out.matches("cancelled() = true").count(), 3, "{out}");
    assert_eq!(out.matches("starts").count(), 4, "every task starts: {out}");
    insta::assert_snapshot!("no_await", out);
}
