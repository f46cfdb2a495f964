//! The trace exports the book's viewer plays are what the demos trace now
//! (the check never writes them; `cargo lab trace --book` does).

use crate::demos::chess;
use crate::demos::count_timers;

use aio_testkit::generated::assert_current;

#[test]
fn count_timers_export_is_current() {
    assert_current(
        "book/src/generated/traces/count_timers.json",
        &count_timers::export().to_json(),
        "cargo lab trace count_timers --json --out book/src/generated/traces/count_timers.json",
    );
}

#[test]
fn chess_export_is_current() {
    assert_current(
        "book/src/generated/traces/chess.json",
        &chess::export().to_json(),
        "cargo lab trace chess --json --out book/src/generated/traces/chess.json",
    );
}
