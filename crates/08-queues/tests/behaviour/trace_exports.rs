//! The trace exports the book's viewer plays are what the demos trace now
//! (the check never writes them; `cargo lab trace --book` does).

use crate::demos::producer_consumer;

use aio_testkit::generated::assert_current;

#[test]
fn producer_consumer_export_is_current() {
    assert_current(
        "book/src/generated/traces/producer_consumer.json",
        &producer_consumer::export().to_json(),
        "cargo lab trace producer_consumer --json --out book/src/generated/traces/producer_consumer.json",
    );
}
