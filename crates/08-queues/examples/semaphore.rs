//! A `Semaphore(2)` limiting five jobs of different lengths to two at a
//! time, on the virtual clock: each job starts when a permit comes free,
//! in the order the jobs asked, and the chart shows never more than two
//! running.
//!
//! Run: cargo lab demo 8 semaphore

use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

use aio_executor::spawn;
use aio_executor::trace::{self, EventKind};
use aio_queues::Semaphore;
use aio_timers::{Clock, now, sleep, timer_loop};

/// How long each job takes, in seconds.
const JOBS: [u64; 5] = [2, 1, 3, 1, 2];
const AT_ONCE: usize = 2;

/// When each job started and ended, and the most that ever ran at once.
#[derive(Default)]
struct Log {
    spans: RefCell<Vec<(usize, Duration, Duration)>>,
    running: Cell<usize>,
    most: Cell<usize>,
}

// ANCHOR: job
async fn job(semaphore: Semaphore, n: usize, seconds: u64, log: Rc<Log>) {
    let _permit = semaphore.acquire().await; // async with semaphore:
    let start = now();
    log.running.set(log.running.get() + 1);
    log.most.set(log.most.get().max(log.running.get()));
    trace::note(format!("job{n} starts ({} running)", log.running.get()));
    sleep(Duration::from_secs(seconds)).await;
    log.running.set(log.running.get() - 1);
    trace::note(format!("job{n} ends"));
    log.spans.borrow_mut().push((n, start, now()));
}
// ANCHOR_END: job

// ANCHOR: limited
/// All the jobs at once, as tasks; the semaphore lets `AT_ONCE` run.
/// Returns the most that ran at once, the time it all took, and when each
/// job ran.
pub async fn limited() -> (usize, Duration, Vec<(usize, Duration, Duration)>) {
    let semaphore = Semaphore::new(AT_ONCE);
    let log = Rc::new(Log::default());
    let tasks: Vec<_> = JOBS
        .iter()
        .enumerate()
        .map(|(i, &seconds)| spawn(job(semaphore.clone(), i + 1, seconds, log.clone())))
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    (log.most.get(), now(), log.spans.take())
}
// ANCHOR_END: limited

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    let (most, took, mut spans) = event_loop.run_until_complete(limited());
    writeln!(
        out,
        "five jobs ({JOBS:?} s) through a Semaphore({AT_ONCE}):"
    )?;
    for event in event_loop.take_trace().events {
        if let EventKind::Note(text) = event.kind {
            let at = event.at.unwrap_or_default().as_secs_f64();
            writeln!(out, "{at:>6.1}s  {text}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "         0   1   2   3   4   5 s")?;
    spans.sort();
    for (n, start, end) in spans {
        let (from, to) = (start.as_secs() as usize, end.as_secs() as usize);
        writeln!(
            out,
            "  job{n}   {}{}",
            " ".repeat(4 * from),
            "####".repeat(to - from)
        )?;
    }
    writeln!(out)?;
    let one_at_a_time: u64 = JOBS.iter().sum();
    writeln!(
        out,
        "at most {most} running at once; all done after {:.1} s (one at a time: {one_at_a_time}.0 s)",
        took.as_secs_f64()
    )
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
