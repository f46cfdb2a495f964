//! `as_completed` with a timeout: three tasks (`slow` 4 s, `quick` 1 s,
//! `medium` 2 s) handed out as each finishes; at 3 s the timeout passes,
//! and the task still running is not cancelled: we await it anyway. On the
//! virtual clock.
//!
//! Run: cargo lab demo 7 as_completed

use std::io::{self, Write};
use std::time::Duration;

use aio_executor::{spawn_named, trace};
use aio_gather::as_completed;
use aio_timers::{Clock, sleep, timer_loop};

/// Says it starts, sleeps, says it is done, returns its name.
pub async fn job(name: &'static str, seconds: u64) -> &'static str {
    trace::note(format!("{name} starts"));
    sleep(Duration::from_secs(seconds)).await;
    trace::note(format!("{name} done"));
    name
}

// ANCHOR: program
/// The tasks in finishing order, until the timeout; then the rest, awaited.
pub async fn program() {
    let tasks = [("slow", 4), ("quick", 1), ("medium", 2)]
        .map(|(name, seconds)| spawn_named(name, job(name, seconds)));
    let mut completed = as_completed(tasks, Some(Duration::from_secs(3)));
    while let Some(next) = completed.next().await {
        match next {
            Ok(task) => {
                let name = task.await.unwrap(); // done: no waiting
                trace::note(format!("as_completed gave {name}"));
            }
            Err(_elapsed) => trace::note("as_completed timed out"),
        }
    }
    for task in completed.into_pending() {
        trace::note(format!("{} is still running, not cancelled", task.name()));
        let name = task.await.unwrap();
        trace::note(format!("awaited {name} anyway"));
    }
}
// ANCHOR_END: program

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "as_completed(tasks, timeout = 3 s):")?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(program());
    for event in event_loop.take_trace().events {
        if let trace::EventKind::Note(text) = &event.kind {
            let at = event.at.unwrap_or_default().as_secs_f64();
            writeln!(out, "{at:>8.3}s  {text}")?;
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
