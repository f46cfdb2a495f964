//! Three `count()` tasks on the virtual clock: "One" three times, then
//! "Two" three times, one second in all instead of three; then the same
//! three calls awaited one after another, which takes three.
//!
//! Run: cargo lab demo 6 count_timers

use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use aio_executor::trace::export::{Export, Program};
use aio_executor::{spawn, trace};
use aio_timers::{Clock, now, sleep, timer_loop};

// ANCHOR: count
/// The notes' `count()`: say "One", sleep a second without blocking the
/// loop, say "Two".
pub async fn count() {
    trace::note("One");
    sleep(Duration::from_secs(1)).await;
    trace::note("Two");
}

/// Three counts as three tasks, awaited after all three exist (what
/// asyncio's `gather` does with three coroutines).
pub async fn concurrently() -> Duration {
    let tasks = [spawn(count()), spawn(count()), spawn(count())];
    for task in tasks {
        task.await.unwrap();
    }
    now()
}

/// The same three counts, each awaited before the next one starts.
pub async fn one_after_another() -> Duration {
    for _ in 0..3 {
        count().await;
    }
    now()
}
// ANCHOR_END: count

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "three count() tasks, all created, then awaited:")?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    let took = event_loop.run_until_complete(concurrently());
    write!(out, "{}", event_loop.take_trace())?;
    writeln!(
        out,
        "done after {:.3} s of virtual time",
        took.as_secs_f64()
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "the same three count() calls, awaited one after another:"
    )?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    let took = event_loop.run_until_complete(one_after_another());
    for event in event_loop.take_trace().events {
        if let aio_executor::trace::EventKind::Note(text) = &event.kind {
            let at = event.at.unwrap_or_default().as_secs_f64();
            writeln!(out, "{at:>8.3}s  {text}")?;
        }
    }
    writeln!(
        out,
        "done after {:.3} s of virtual time",
        took.as_secs_f64()
    )
}

/// The two programs traced, as turns: what `cargo lab trace count_timers`
/// shows and the book's viewer plays.
pub fn export() -> Export {
    let traced =
        |title: &str, program: fn() -> std::pin::Pin<Box<dyn Future<Output = Duration>>>| {
            let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
            event_loop.run_until_complete(program());
            Program::from_trace(title, &event_loop.take_trace())
        };
    Export {
        demo: "count_timers".to_owned(),
        chapter: 6,
        about: "three count() tasks on the virtual clock, then three awaits in a row".to_owned(),
        programs: vec![
            traced("three count() tasks, all created, then awaited", || {
                Box::pin(concurrently())
            }),
            traced(
                "the same three count() calls, awaited one after another",
                || Box::pin(one_after_another()),
            ),
        ],
    }
}

fn main() -> io::Result<()> {
    if Export::present_if_asked(export)? {
        return Ok(());
    }
    run(&mut io::stdout().lock())
}
