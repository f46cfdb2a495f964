//! The same three tasks, `slow` (3 s), `quick` (1 s) and `medium` (2 s),
//! created in that order and finishing in another: `gather` gives their
//! values in argument order; `wait(FIRST_COMPLETED)`, called again on what
//! is pending, gives each task as it finishes. On the virtual clock.
//!
//! Run: cargo lab demo 7 gather_vs_wait

use std::io::{self, Write};
use std::time::Duration;

use aio_executor::trace::export::{Export, Program};
use aio_executor::{JoinHandle, spawn_named, trace};
use aio_gather::{ReturnWhen, gather, wait};
use aio_timers::{Clock, sleep, timer_loop};

// ANCHOR: job
/// The three jobs, in the order the demo creates them.
pub const JOBS: [(&str, u64); 3] = [("slow", 3), ("quick", 1), ("medium", 2)];

/// Says it starts, sleeps, says it is done, returns its name.
pub async fn job(name: &'static str, seconds: u64) -> &'static str {
    trace::note(format!("{name} starts"));
    sleep(Duration::from_secs(seconds)).await;
    trace::note(format!("{name} done"));
    name
}
// ANCHOR_END: job

// ANCHOR: with_gather
/// `gather`: the values come back in argument order.
pub async fn with_gather() {
    let names = gather(JOBS.map(|(name, seconds)| job(name, seconds)))
        .await
        .unwrap();
    trace::note(format!("gather returned {}", names.join(", ")));
}
// ANCHOR_END: with_gather

// ANCHOR: with_wait
/// `wait(FIRST_COMPLETED)` in a loop: each task as it finishes.
pub async fn with_wait() {
    let mut pending: Vec<JoinHandle<&'static str>> = JOBS
        .map(|(name, seconds)| spawn_named(name, job(name, seconds)))
        .into();
    while !pending.is_empty() {
        let (done, still) = wait(pending, ReturnWhen::FirstCompleted, None).await;
        pending = still;
        let mut finished = Vec::new();
        for task in done {
            finished.push(task.await.unwrap()); // done: no waiting
        }
        trace::note(format!(
            "wait: done {}; pending {}",
            finished.join(", "),
            names_of(&pending)
        ));
    }
}

/// The names of tasks still running, sorted (asyncio's `pending` is a set,
/// so its twin sorts them too); "none" when there are none.
fn names_of(pending: &[JoinHandle<&'static str>]) -> String {
    let mut names: Vec<&str> = pending.iter().map(JoinHandle::name).collect();
    names.sort_unstable();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}
// ANCHOR_END: with_wait

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "gather: three jobs made into tasks at once, values in argument order"
    )?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(with_gather());
    write!(out, "{}", event_loop.take_trace())?;

    writeln!(out)?;
    writeln!(
        out,
        "wait(FIRST_COMPLETED), again on what is pending: tasks as they finish"
    )?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(with_wait());
    for event in event_loop.take_trace().events {
        if let trace::EventKind::Note(text) = &event.kind {
            let at = event.at.unwrap_or_default().as_secs_f64();
            writeln!(out, "{at:>8.3}s  {text}")?;
        }
    }
    Ok(())
}

/// Both programs as turns, for `cargo lab trace gather_vs_wait` and the
/// book's viewer.
pub fn export() -> Export {
    let gathered = timer_loop(&Clock::new_virtual()).with_trace();
    gathered.run_until_complete(with_gather());
    let waited = timer_loop(&Clock::new_virtual()).with_trace();
    waited.run_until_complete(with_wait());
    Export {
        demo: "gather_vs_wait".to_owned(),
        chapter: 7,
        about: "three jobs finishing out of order: gather, then wait(FIRST_COMPLETED)".to_owned(),
        programs: vec![
            Program::from_trace("gather", &gathered.take_trace()),
            Program::from_trace("wait(FIRST_COMPLETED) in a loop", &waited.take_trace()),
        ],
    }
}

fn main() -> io::Result<()> {
    if Export::present_if_asked(export)? {
        return Ok(());
    }
    run(&mut io::stdout().lock())
}
