//! `create_task` schedules a task; it does not run it. The same two tasks
//! (waits of 1 and 2 units) in two orders: awaiting the first before
//! creating the second adds the waits up (3 units); creating both before
//! awaiting either overlaps them (2 units). The loop's trace shows why.
//!
//! The waits are `thread_sleep`, a helper thread per wait, until chapter 6
//! builds timers; times are printed in whole units, never raw.
//! `python/twins/create_task_order.py` is the same program under asyncio.
//!
//! Run: cargo lab demo 4 create_task_order

use std::io::{self, Write};
use std::time::Instant;

use aio_executor::trace::export::{Export, Program};
use aio_executor::trace::{Trace, note};
use aio_executor::{create_task, thread_sleep};

mod support;
use support::{UNIT, traced, units};

/// The two programs, each with a one-line description.
pub fn orderings() -> [(&'static str, Trace); 2] {
    [
        (
            "(a) create task 1, await it; then create task 2, await it",
            traced(one_after_the_other()),
        ),
        (
            "(b) create both tasks, then await them",
            traced(both_at_once()),
        ),
    ]
}

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    for (title, trace) in orderings() {
        writeln!(out, "{title}")?;
        write!(out, "{trace}")?;
        writeln!(out)?;
    }
    Ok(())
}

/// Both orderings as turns, for `cargo lab trace create_task_order` and
/// the book's viewer.
pub fn export() -> Export {
    Export {
        demo: "create_task_order".to_owned(),
        chapter: 4,
        about: "the same two tasks awaited one by one, or created together first".to_owned(),
        programs: orderings()
            .iter()
            .map(|(title, trace)| Program::from_trace(*title, trace))
            .collect(),
    }
}

fn main() -> io::Result<()> {
    if Export::present_if_asked(export)? {
        return Ok(());
    }
    run(&mut io::stdout().lock())
}

// ANCHOR: say_after
/// Notes that it starts, waits `units`, then notes `what`.
async fn say_after(units: u32, what: &'static str) {
    note(format!("say_after({units}, '{what}') starts"));
    thread_sleep(UNIT * units).await;
    note(what);
}
// ANCHOR_END: say_after

// ANCHOR: orderings
/// Task 2 is not even created while task 1 waits: nothing can overlap.
async fn one_after_the_other() {
    let start = Instant::now();
    note("create task 1");
    let first = create_task(say_after(1, "hello"));
    note("await task 1");
    first.await.unwrap();
    note("create task 2");
    let second = create_task(say_after(2, "world"));
    note("await task 2");
    second.await.unwrap();
    note(format!("finished after {}", units(start.elapsed())));
}

/// Both tasks exist before main first waits, so both start then.
async fn both_at_once() {
    let start = Instant::now();
    note("create task 1");
    let first = create_task(say_after(1, "hello"));
    note("create task 2");
    let second = create_task(say_after(2, "world"));
    note("await task 1");
    first.await.unwrap();
    note("await task 2");
    second.await.unwrap();
    note(format!("finished after {}", units(start.elapsed())));
}
// ANCHOR_END: orderings
