//! The two orders of note 002 and note 004 on timers: awaiting the first
//! task before creating the second takes 1 + 2 = 3 s; creating both, then
//! awaiting both, takes 2 s.
//!
//! Run: cargo lab demo 6 create_task_order_timers

use std::io::{self, Write};
use std::time::Duration;

use aio_executor::{spawn, trace};
use aio_timers::{Clock, now, sleep, timer_loop};

// ANCHOR: orders
/// Waits `secs` seconds, then says `what`.
pub async fn say_after(secs: u64, what: &'static str) {
    sleep(Duration::from_secs(secs)).await;
    trace::note(what);
}

/// Creates the second task only after the first is done: one at a time.
pub async fn await_each_before_creating_the_next() -> Duration {
    trace::note("started");
    let first = spawn(say_after(1, "hello"));
    first.await.unwrap();
    let second = spawn(say_after(2, "world"));
    second.await.unwrap();
    trace::note("finished");
    now()
}

/// Creates both tasks, then awaits them: their sleeps overlap.
pub async fn create_both_then_await() -> Duration {
    trace::note("started");
    let first = spawn(say_after(1, "hello"));
    let second = spawn(say_after(2, "world"));
    first.await.unwrap();
    second.await.unwrap();
    trace::note("finished");
    now()
}
// ANCHOR_END: orders

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "await the first task before creating the second:")?;
    show(out, await_each_before_creating_the_next)?;
    writeln!(out)?;
    writeln!(out, "create both tasks, then await both:")?;
    show(out, create_both_then_await)
}

fn show<F: Future<Output = Duration> + 'static>(
    out: &mut dyn Write,
    program: fn() -> F,
) -> io::Result<()> {
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    let took = event_loop.run_until_complete(program());
    write!(out, "{}", event_loop.take_trace())?;
    writeln!(
        out,
        "done after {:.3} s of virtual time",
        took.as_secs_f64()
    )
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
