//! The trace exports the book's viewer plays are what the demos trace now
//! (the check never writes them; `cargo lab trace --book` does).

use crate::demos::round_robin;

use aio_testkit::generated::assert_current;

#[test]
fn round_robin_export_is_current() {
    assert_current(
        "book/src/generated/traces/round_robin.json",
        &round_robin::export().to_json(),
        "cargo lab trace round_robin --json --out book/src/generated/traces/round_robin.json",
    );
}
