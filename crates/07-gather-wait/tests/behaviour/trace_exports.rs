//! The trace exports the book's viewer plays are what the demos trace now
//! (the check never writes them; `cargo lab trace --book` does).

use crate::demos::gather_vs_wait;

use aio_testkit::generated::assert_current;

#[test]
fn gather_vs_wait_export_is_current() {
    assert_current(
        "book/src/generated/traces/gather_vs_wait.json",
        &gather_vs_wait::export().to_json(),
        "cargo lab trace gather_vs_wait --json --out book/src/generated/traces/gather_vs_wait.json",
    );
}
