//! A blocking call in a task holds up every other task: first the program of
//! note 002 (a 3-s `time.sleep` in `main`) on the virtual clock, where the
//! block is modelled by moving the clock; then a real block on the real
//! clock, caught by the slow-poll detector, which names the task.
//!
//! Run: cargo lab demo 6 blocking

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{SlowPoll, spawn, spawn_named, trace, yield_now};
use aio_timers::{Clock, blocking_sleep, now, sleep, timer_loop};

const MS: Duration = Duration::from_millis(1);

// ANCHOR: held_up
/// Waits `secs` seconds politely, then says `what`.
async fn say_after(secs: u64, what: &'static str) {
    trace::note(format!("start say_after({secs}, {what})"));
    sleep(Duration::from_secs(secs)).await;
    trace::note(what);
}

/// Two tasks that want to finish at 1 s and 2 s, and a `main` that blocks
/// the loop for 3 s after giving them 0.1 s to start.
async fn held_up() -> (bool, bool) {
    let hello = spawn(say_after(1, "hello"));
    let world = spawn(say_after(2, "world"));
    sleep(Duration::from_millis(100)).await;
    trace::note("block the loop for 3 s");
    blocking_sleep(Duration::from_secs(3)); // time.sleep(3)
    let done = (hello.done(), world.done());
    trace::note(format!("right after the block: done = {done:?}"));
    hello.await.unwrap();
    world.await.unwrap();
    trace::note("both done");
    done
}
// ANCHOR_END: held_up

// ANCHOR: caught
/// A ticking task and a task that blocks the thread for real: the detector
/// reports the blocker by name, and the ticker's 10-ms sleep ends late.
/// (On a loaded machine another poll may be reported too, if the OS takes
/// the thread away in mid-poll; the demo shows the blocker's report.)
fn caught() -> (Vec<SlowPoll>, Duration) {
    let event_loop = timer_loop(&Clock::real());
    event_loop.set_slow_poll_threshold(Some(50 * MS));
    let reports = Rc::new(RefCell::new(Vec::new()));
    let sink = reports.clone();
    event_loop.set_slow_poll_handler(move |slow| sink.borrow_mut().push(slow.clone()));
    let ticker_slept = event_loop.run_until_complete(async {
        let ticker = spawn_named("ticker", async {
            let start = now();
            sleep(10 * MS).await;
            now() - start
        });
        let blocker = spawn_named("blocker", async {
            yield_now().await;
            std::thread::sleep(200 * MS); // the loop's thread is stuck here
        });
        blocker.await.unwrap();
        ticker.await.unwrap()
    });
    let reports = reports.borrow().clone();
    (reports, ticker_slept)
}
// ANCHOR_END: caught

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "1. note 002's program on the virtual clock")?;
    writeln!(
        out,
        "   (the 3-s block is modelled: the clock moves, nobody runs)"
    )?;
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(held_up());
    write!(out, "{}", event_loop.take_trace())?;

    writeln!(out)?;
    writeln!(
        out,
        "2. a real block on the real clock, with the detector on"
    )?;
    writeln!(
        out,
        "   ticker sleeps 10 ms; blocker calls std::thread::sleep(200 ms)"
    )?;
    let (reports, ticker_slept) = caught();
    for slow in reports.iter().filter(|slow| slow.task == "blocker") {
        writeln!(
            out,
            "   slow poll: task '{}' held the loop for more than {} ms",
            slow.task,
            slow.threshold.as_millis()
        )?;
    }
    writeln!(
        out,
        "   ticker's 10-ms sleep lasted at least 200 ms: {}",
        ticker_slept >= 200 * MS
    )
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
