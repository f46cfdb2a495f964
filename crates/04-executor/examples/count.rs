//! Three `count_to_two()` tasks, each noting "One", waiting one unit and
//! noting "Two": every "One" comes before any "Two", and the three waits
//! overlap, so the whole takes 1 unit, not 3. Awaiting `count_to_two()`
//! three times in a row, with no tasks, takes 3.
//!
//! The waits are `thread_sleep`, a helper thread each; chapter 6 runs
//! this demo again on a virtual clock, where it is exact and instant.
//! `python/twins/count.py` is the same program under asyncio.
//!
//! Run: cargo lab demo 4 count

use std::io::{self, Write};
use std::time::Instant;

use aio_executor::trace::{EventKind, Trace, note};
use aio_executor::{create_task, thread_sleep};

mod support;
use support::{UNIT, traced, units};

/// The two programs, each with a one-line description.
pub fn programs() -> [(&'static str, Trace); 2] {
    [
        (
            "(a) three count_to_two() tasks, awaited in turn",
            traced(three_tasks()),
        ),
        (
            "(b) three `count_to_two().await`s in a row, no tasks",
            traced(three_awaits()),
        ),
    ]
}

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let [(title_a, tasks), (title_b, awaits)] = programs();

    writeln!(out, "{title_a}")?;
    // Up to the first park, the trace is the same on every run. After it,
    // three helper threads wake the loop at nearly the same moment, in
    // whatever order the OS runs them, so only the notes are printed.
    let parked = tasks
        .events
        .iter()
        .position(|event| matches!(event.kind, EventKind::Park { .. }))
        .map_or(tasks.events.len(), |i| i + 1);
    for event in &tasks.events[..parked] {
        writeln!(out, "{event}")?;
    }
    writeln!(
        out,
        "  (three helper threads wake the loop, in whatever order the OS runs them)"
    )?;
    for event in &tasks.events[parked..] {
        if let EventKind::Note(text) = &event.kind {
            let task = event.task.as_deref().unwrap_or("loop");
            // The main task is the only one whose name is certain here.
            let task = if task == "Task-1" { task } else { "Task-?" };
            writeln!(out, "{task:<8} | {text}")?;
        }
    }

    writeln!(out, "\n{title_b}")?;
    write!(out, "{awaits}")
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}

// ANCHOR: count
async fn count_to_two() {
    note("One");
    thread_sleep(UNIT).await;
    note("Two");
}

/// Three tasks: all three start before any of them finishes waiting.
async fn three_tasks() {
    let start = Instant::now();
    let tasks = [
        create_task(count_to_two()),
        create_task(count_to_two()),
        create_task(count_to_two()),
    ];
    for task in tasks {
        task.await.unwrap();
    }
    note(format!(
        "three tasks: finished after {}",
        units(start.elapsed())
    ));
}

/// No tasks: each `count_to_two()` runs inside the main task, one after
/// another.
async fn three_awaits() {
    let start = Instant::now();
    for _ in 0..3 {
        count_to_two().await;
    }
    note(format!(
        "three awaits in a row: finished after {}",
        units(start.elapsed())
    ));
}
// ANCHOR_END: count
