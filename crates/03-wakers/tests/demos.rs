//! The demos' output, snapshotted: the book shows these snapshots, and this
//! test keeps them current.

#[path = "../examples/checked.rs"]
mod checked;
#[path = "../examples/parked.rs"]
mod parked;
#[path = "../examples/vtable.rs"]
mod vtable;

use aio_testkit::capture;

#[test]
fn parked() {
    insta::assert_snapshot!("parked", capture(parked::run));
}

#[test]
fn vtable() {
    insta::assert_snapshot!("vtable", capture(vtable::run));
}

#[test]
fn checked() {
    insta::assert_snapshot!("checked", capture(checked::run));
}
