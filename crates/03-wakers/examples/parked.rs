//! Parked versus busy: one future, completed by a helper thread after
//! 50 ms, driven by stage 2's `block_on` (poll, poll, poll...) and by this
//! stage's (poll, sleep until woken, poll).
//!
//! Run: cargo lab demo 3 parked

use std::io::{self, Write};
use std::time::Duration;

use aio_wakers::thread_sleep;

/// How long the helper thread of each future sleeps before it wakes it.
const DELAY: Duration = Duration::from_millis(50);

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "One future, thread_sleep({DELAY:?}): its first poll starts a helper thread,"
    )?;
    writeln!(
        out,
        "which sleeps, marks it done and wakes the waker it was given."
    )?;
    writeln!(out)?;

    let ((), busy) = aio_futures::block_on_counted(thread_sleep(DELAY));
    writeln!(
        out,
        "stage 2, busy block_on (a no-op waker, polls in a loop):"
    )?;
    // The count depends on the machine and on how busy it is, so it differs
    // from run to run; the test that snapshots this output redacts it.
    writeln!(out, "  {busy} polls, every one but the last Pending")?;

    let ((), parked) = aio_wakers::block_on_counted(thread_sleep(DELAY));
    writeln!(
        out,
        "stage 3, parked block_on (sleeps in park until woken):"
    )?;
    writeln!(
        out,
        "  {parked} polls: Pending (the future keeps the waker), sleep, Ready"
    )?;
    Ok(())
}

#[allow(dead_code)] // the tests include this file for `run` only
fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
