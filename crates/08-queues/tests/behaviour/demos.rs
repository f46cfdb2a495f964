//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first. All run on the
//! virtual clock or without time, so the output is exact.

// The demos are example binaries; their `main` is not used here. `twins`
// and `trace_exports` use these modules too (one copy of each demo in the
// test binary).
#[allow(dead_code)]
#[path = "../../examples/lock_counter.rs"]
pub mod lock_counter;
#[allow(dead_code)]
#[path = "../../examples/producer_consumer.rs"]
pub mod producer_consumer;
#[allow(dead_code)]
#[path = "../../examples/semaphore.rs"]
pub mod semaphore;

use aio_testkit::capture;

#[test]
fn producer_consumer_joins_then_cancels_and_without_a_signal_the_consumers_wait_on() {
    let out = capture(producer_consumer::run);
    assert!(out.contains("10.5s  main: join returned"), "{out}");
    assert!(
        out.contains("main: c1 still waiting in get(): yes"),
        "{out}"
    );
    assert!(
        out.contains("main: c2 still waiting in get(): yes"),
        "{out}"
    );
    insta::assert_snapshot!("producer_consumer", out);
}

#[test]
fn lock_counter_loses_updates_without_the_lock_and_none_with_it() {
    let out = capture(lock_counter::run);
    assert!(
        out.contains("counter = 2, expected 6: 4 updates lost"),
        "{out}"
    );
    assert!(
        out.contains("counter = 6, expected 6: 0 updates lost"),
        "{out}"
    );
    insta::assert_snapshot!("lock_counter", out);
}

#[test]
fn semaphore_never_runs_more_than_two_jobs_at_once() {
    let out = capture(semaphore::run);
    assert!(
        out.contains("at most 2 running at once; all done after 5.0 s"),
        "{out}"
    );
    assert!(!out.contains("(3 running)"), "{out}");
    insta::assert_snapshot!("semaphore", out);
}
