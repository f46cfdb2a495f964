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
    insta::assert_snapshot!("parked", capture(parked::run));
}

#[test]
fn vtable_shows_every_waker_call_and_the_arc_owners_after_it() {
    insta::assert_snapshot!("vtable", capture(vtable::run));
}

#[test]
fn checked_names_why_each_stuck_future_would_hang() {
    insta::assert_snapshot!("checked", capture(checked::run));
}
