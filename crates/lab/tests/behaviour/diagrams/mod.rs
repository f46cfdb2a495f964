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

/// One picture of `book/src/diagrams/`.
struct Diagram {
    /// Its file name.
    file: &'static str,
    /// What draws it.
    draw: fn() -> String,
    /// What the code it shows must still say: (file, snippets).
    drawn_from: &'static [(&'static str, &'static [&'static str])],
}

/// The table entry of the diagram that module `$module` draws.
macro_rules! diagram {
    ($file:literal, $module:ident) => {
        Diagram {
            file: $file,
            draw: $module::draw,
            drawn_from: $module::DRAWN_FROM,
        }
    };
}

/// Every diagram of the book.
const DIAGRAMS: &[Diagram] = &[
    diagram!("generator-states.svg", generator_states),
    diagram!("pinning.svg", pinning),
    diagram!("poll-wake-cycle.svg", poll_wake),
    diagram!("loop-turn.svg", loop_turn),
    diagram!("driver-stack.svg", driver_stack),
    diagram!("reactor-table.svg", reactor_table),
    diagram!("timer-queue.svg", timer_queue),
    diagram!("gather-vs-wait.svg", gather_wait),
    diagram!("queue-waiters.svg", queue_waiters),
];

/// A picture of the code goes stale without a word when the code changes.
/// Each one lists the lines it draws (names, the order of calls, the
/// demo's output); when one of them is gone, redraw the picture to match
/// the code, then update its list.
#[test]
fn code_the_diagrams_name_still_says_what_they_show() {
    let root = common::workspace_root();
    let mut gone = Vec::new();
    for diagram in DIAGRAMS {
        let name = diagram.file;
        for (file, snippets) in diagram.drawn_from {
            let text = fs::read_to_string(root.join(file)).unwrap_or_else(|err| {
                panic!("{name} is drawn from {file}, which cannot be read: {err}")
            });
            for snippet in *snippets {
                if !text.contains(snippet) {
                    gone.push(format!("{name}: {file} no longer has `{snippet}`"));
                }
            }
        }
    }
    assert!(
        gone.is_empty(),
        "the code changed under these diagrams; check each picture against its code, \
         redraw it if needed, then update its DRAWN_FROM:\n{}",
        gone.join("\n")
    );
}

#[test]
fn the_diagrams_in_the_book_are_what_the_code_draws() {
    let folder = common::workspace_root().join("book/src/diagrams");
    let update = std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for Diagram {
        file: name, draw, ..
    } in DIAGRAMS
    {
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
    for Diagram {
        file: name, draw, ..
    } in DIAGRAMS
    {
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
            DIAGRAMS.iter().any(|diagram| diagram.file == name),
            "book/src/diagrams/{name} is drawn by nothing: add its module here, or delete it"
        );
    }
}
