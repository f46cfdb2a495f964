//! The demos' output, snapshotted: the book shows these snapshots, and this
//! test keeps them current.

#[path = "../../examples/checked.rs"]
mod checked;
#[path = "../../examples/parked.rs"]
mod parked;
#[path = "../../examples/vtable.rs"]
mod vtable;

use aio_testkit::capture;

#[test]
fn parked_block_on_polls_twice_where_the_busy_one_spins() {
    let out = capture(parked::run);
    // The busy count is measured, so it differs on every run: the snapshot
    // keeps its line with the number replaced by `[measured]`.
    let mut busy = None;
    let redacted: String = out
        .lines()
        .map(|line| {
            let count = line
                .strip_suffix(" polls, every one but the last Pending")
                .and_then(|count| count.trim().parse::<u64>().ok());
            match count {
                Some(count) => {
                    busy = Some(count);
                    "  [measured] polls, every one but the last Pending\n".to_owned()
                }
                None => format!("{line}\n"),
            }
        })
        .collect();
    let busy = busy.unwrap_or_else(|| panic!("no busy poll count in:\n{out}"));
    assert!(
        busy > 2,
        "the busy block_on polled {busy} times in 50 ms, no more than the parked one\n{out}"
    );
    insta::assert_snapshot!("parked", redacted);
}

#[test]
fn vtable_shows_every_waker_call_and_the_arc_owners_after_it() {
    insta::assert_snapshot!("vtable", capture(vtable::run));
}

#[test]
fn checked_names_why_each_stuck_future_would_hang() {
    insta::assert_snapshot!("checked", capture(checked::run));
}
