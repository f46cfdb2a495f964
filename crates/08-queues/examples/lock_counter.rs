//! A counter read, awaited across a yield, and written back by three
//! tasks: without a lock the reads go stale and updates are lost; with a
//! `Lock` around the read-await-write, none is, and the tasks take turns
//! first come, first served.
//!
//! Run: cargo lab demo 8 lock_counter

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use aio_executor::{EventLoop, spawn, trace, yield_now};
use aio_queues::Lock;

const TASKS: usize = 3;
const ROUNDS: usize = 2;

// ANCHOR: increment
/// Adds one to `counter`, `ROUNDS` times, with an `.await` between the
/// read and the write (a database round trip, say). With `lock`, the
/// read-await-write is one critical section.
async fn increment(counter: Rc<Cell<u32>>, lock: Option<Lock>, name: String) {
    for _ in 0..ROUNDS {
        let _held = match &lock {
            Some(lock) => Some(lock.acquire().await), // async with lock:
            None => None,
        };
        let seen = counter.get();
        trace::note(format!("{name} read {seen}"));
        yield_now().await; // other tasks run here
        counter.set(seen + 1);
        trace::note(format!("{name} wrote {}", seen + 1));
    } // `_held` drops at the end of each round: the lock is released
}
// ANCHOR_END: increment

/// Three tasks incrementing one counter; returns its final value.
pub async fn count(with_lock: bool) -> u32 {
    let counter = Rc::new(Cell::new(0));
    let lock = with_lock.then(Lock::new);
    let tasks: Vec<_> = (1..=TASKS)
        .map(|i| spawn(increment(counter.clone(), lock.clone(), format!("t{i}"))))
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let total = counter.get();
    let expected = (TASKS * ROUNDS) as u32;
    trace::note(format!(
        "counter = {total}, expected {expected}: {} updates lost",
        expected - total
    ));
    total
}

fn show(out: &mut dyn Write, with_lock: bool) -> io::Result<()> {
    let event_loop = EventLoop::new().with_trace();
    event_loop.run_until_complete(count(with_lock));
    for line in event_loop.take_trace().notes() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "without a lock:")?;
    show(out, false)?;
    writeln!(out)?;
    writeln!(out, "with a Lock around read, await, write:")?;
    show(out, true)
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
