//! A `TaskGroup` whose child fails: `a` finishes, `b` panics at 2 s, so
//! `c` and the group's body are cancelled, and the group reports the
//! failure, like Python's `ExceptionGroup`. (The panic's own message also
//! goes to stderr, as a traceback would in Python.) On the virtual clock.
//!
//! Run: cargo lab demo 7 task_group

use std::io::{self, Write};
use std::time::Duration;

use aio_executor::trace;
use aio_gather::TaskGroup;
use aio_timers::{Clock, sleep, timer_loop};

/// Notes "<label> cancelled" if dropped before [`defuse`](OnCancel::defuse):
/// Rust's `except CancelledError:`.
pub struct OnCancel(Option<&'static str>);

impl OnCancel {
    /// Finished normally: nothing to say.
    pub fn defuse(mut self) {
        self.0 = None;
    }
}

impl Drop for OnCancel {
    fn drop(&mut self) {
        if let Some(label) = self.0 {
            trace::note(format!("{label} cancelled"));
        }
    }
}

/// Starts, sleeps, then returns (or panics, if `fails`).
pub async fn child(name: &'static str, seconds: u64, fails: bool) {
    let guard = OnCancel(Some(name));
    trace::note(format!("{name} starts"));
    sleep(Duration::from_secs(seconds)).await;
    if fails {
        trace::note(format!("{name} fails"));
        guard.defuse();
        panic!("{name} failed");
    }
    trace::note(format!("{name} done"));
    guard.defuse();
}

// ANCHOR: program
/// A group of three children; `b` fails.
pub async fn program() {
    let result = TaskGroup::run(|tg| async move {
        let guard = OnCancel(Some("body"));
        trace::note("body starts");
        tg.start_named("a", child("a", 1, false));
        tg.start_named("b", child("b", 2, true));
        tg.start_named("c", child("c", 3, false));
        sleep(Duration::from_secs(10)).await;
        guard.defuse();
    })
    .await;
    match result {
        Ok(()) => trace::note("group succeeded"),
        Err(error) => {
            trace::note(format!("group failed: {error}"));
            for failure in error.failures() {
                trace::note(format!("failure: {}", failure.message));
            }
        }
    }
}
// ANCHOR_END: program

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "a TaskGroup whose child b fails:")?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(program());
    write!(out, "{}", event_loop.take_trace())
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
