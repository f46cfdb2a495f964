//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first. All of them run on the
//! virtual clock, except the detector half of `blocking`, which prints only
//! facts that hold on any machine.

// The demos are example binaries (their `main` is not used here), declared
// once in the test binary: the other behaviours use them from here.
#[allow(dead_code)]
#[path = "../../examples/blocking.rs"]
pub(crate) mod blocking;
#[allow(dead_code)]
#[path = "../../examples/chess.rs"]
pub(crate) mod chess;
#[allow(dead_code)]
#[path = "../../examples/count_timers.rs"]
pub(crate) mod count_timers;
#[allow(dead_code)]
#[path = "../../examples/create_task_order_timers.rs"]
pub(crate) mod create_task_order_timers;

use std::fs;

use aio_testkit::{capture, workspace_root};

#[test]
fn chess_twelve_hours_one_by_one_one_hour_table_to_table() {
    let out = capture(chess::run);
    assert!(
        out.contains("one game at a time: last game over at 12:00:00"),
        "{out}"
    );
    assert!(
        out.contains("table to table:     last game over at 1:00:55"),
        "{out}"
    );
    insta::assert_snapshot!("chess", out);
}

/// The book's picture of the exhibition is generated, never drawn by hand:
/// `book/src/generated/chess.svg` must be exactly what `chess::svg()` draws.
/// CI only compares; regenerate with `UPDATE_GENERATED=1 cargo test -p
/// aio-timers --test behaviour demos::`.
#[test]
fn the_chess_timeline_in_the_book_is_current() {
    let path = workspace_root().join("book/src/generated/chess.svg");
    let drawn = chess::svg();
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        fs::write(&path, &drawn).expect("book/src/generated/ is writable");
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == drawn,
        "{} is stale: regenerate it with UPDATE_GENERATED=1 cargo test -p aio-timers --test behaviour demos::",
        path.display()
    );
}

#[test]
fn count_takes_one_second_together_and_three_in_turn() {
    let out = capture(count_timers::run);
    assert!(out.contains("done after 1.000 s"), "{out}");
    assert!(out.contains("done after 3.000 s"), "{out}");
    insta::assert_snapshot!("count_timers", out);
}

#[test]
fn create_task_order_takes_three_seconds_or_two() {
    let out = capture(create_task_order_timers::run);
    assert!(out.contains("done after 3.000 s"), "{out}");
    assert!(out.contains("done after 2.000 s"), "{out}");
    insta::assert_snapshot!("create_task_order_timers", out);
}

#[test]
fn blocking_holds_everyone_and_the_detector_names_the_blocker() {
    let out = capture(blocking::run);
    assert!(
        out.contains("right after the block: done = (false, false)"),
        "{out}"
    );
    assert!(out.contains("slow poll: task 'blocker'"), "{out}");
    assert!(out.contains("lasted at least 200 ms: true"), "{out}");
    insta::assert_snapshot!("blocking", out);
}
