//! The book's diagrams, drawn by code so they stay small, consistent and
//! easy to change: each module draws one picture of `book/src/diagrams/`,
//! from what the chapter's code does (the names in the pictures are the
//! code's names). The test checks that every committed file is exactly what
//! its module draws; CI only compares. After changing a drawing, regenerate
//! the files with
//!
//! ```text
//! UPDATE_GENERATED=1 cargo test -p lab --test behaviour diagrams::
//! ```
//!
//! and look at the result in the built book before committing it.

mod svg;

mod driver_stack;
mod gather_wait;
mod generator_states;
mod loop_turn;
mod pinning;
mod poll_wake;
mod queue_waiters;
mod reactor_table;
mod timer_queue;

use std::fs;

use crate::common;

/// Every diagram: its file in `book/src/diagrams/`, and what draws it.
const DIAGRAMS: &[(&str, fn() -> String)] = &[
    ("generator-states.svg", generator_states::draw),
    ("pinning.svg", pinning::draw),
    ("poll-wake-cycle.svg", poll_wake::draw),
    ("loop-turn.svg", loop_turn::draw),
    ("driver-stack.svg", driver_stack::draw),
    ("reactor-table.svg", reactor_table::draw),
    ("timer-queue.svg", timer_queue::draw),
    ("gather-vs-wait.svg", gather_wait::draw),
    ("queue-waiters.svg", queue_waiters::draw),
];

#[test]
fn the_diagrams_in_the_book_are_what_the_code_draws() {
    let folder = common::workspace_root().join("book/src/diagrams");
    let update = std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, draw) in DIAGRAMS {
        let drawn = draw();
        let path = folder.join(name);
        if update {
            fs::write(&path, &drawn).expect("book/src/diagrams/ is writable");
        }
        if fs::read_to_string(&path).ok().as_deref() != Some(drawn.as_str()) {
            stale.push(*name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing in book/src/diagrams/: {stale:?}; regenerate them with \
         UPDATE_GENERATED=1 cargo test -p lab --test behaviour diagrams::"
    );
}

#[test]
fn every_diagram_is_small_titled_and_sound() {
    for (name, draw) in DIAGRAMS {
        let drawn = draw();
        assert!(
            drawn.len() < 20_000,
            "{name} is {} bytes: a diagram should stay small",
            drawn.len()
        );
        for part in ["<title>", "<desc>", "viewBox", "fill=\"#ffffff\""] {
            assert!(drawn.contains(part), "{name} has no {part}");
        }
        if let Err(why) = lab::book_check::pictures::check_svg(&drawn) {
            panic!("{name} is not a sound SVG: {why}");
        }
    }
}

#[test]
fn every_diagram_file_is_drawn_here() {
    let folder = common::workspace_root().join("book/src/diagrams");
    let entries = fs::read_dir(&folder).expect("book/src/diagrams/ exists");
    for entry in entries {
        let name = entry.expect("the folder can be listed").file_name();
        let name = name.to_string_lossy();
        assert!(
            DIAGRAMS.iter().any(|(drawn, _)| *drawn == name),
            "book/src/diagrams/{name} is drawn by nothing: add its module here, or delete it"
        );
    }
}
