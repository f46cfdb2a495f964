//! Every call a waker receives, as it happens: the same six steps on the
//! waker we built by hand from a vtable, then on the one std builds from
//! the `Wake` trait. Both end with the counter's `Arc` back at one owner.
//!
//! Run: cargo lab demo 3 vtable

use std::io::{self, Write};
use std::sync::Arc;
use std::task::Waker;
use std::thread;

use aio_wakers::{WakeCounter, raw_counting_waker, safe_counting_waker};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "hand-made waker (RawWaker + our vtable):")?;
    steps(out, raw_counting_waker, true)?;
    writeln!(out)?;
    writeln!(
        out,
        "std::task::Wake waker (no unsafe; clones and drops are std's):"
    )?;
    steps(out, safe_counting_waker, false)?;
    writeln!(out)?;
    writeln!(
        out,
        "Arc owners = the demo's own handle + one per live waker, in both."
    )?;
    Ok(())
}

/// The six steps, with what the counter shows after each. `sees_all`: the
/// waker reports clones and drops too.
fn steps(
    out: &mut dyn Write,
    make: fn(&Arc<WakeCounter>) -> Waker,
    sees_all: bool,
) -> io::Result<()> {
    writeln!(
        out,
        "  {:<34} {:>6} {:>5} {:>6} {:>5} {:>10}",
        "step", "clones", "wakes", "by_ref", "drops", "Arc owners"
    )?;
    let counter = WakeCounter::new();
    let row = |out: &mut dyn Write, step: &str| -> io::Result<()> {
        let c = counter.counts();
        let (clones, drops) = if sees_all {
            (c.clones.to_string(), c.drops.to_string())
        } else {
            ("-".to_owned(), "-".to_owned())
        };
        writeln!(
            out,
            "  {step:<34} {clones:>6} {:>5} {:>6} {drops:>5} {:>10}",
            c.wakes,
            c.wakes_by_ref,
            Arc::strong_count(&counter)
        )
    };

    let waker = make(&counter);
    row(out, "make the waker")?;
    let kept = waker.clone();
    row(out, "kept = waker.clone()")?;
    kept.wake_by_ref();
    row(out, "kept.wake_by_ref()")?;
    let sent = kept.clone();
    thread::spawn(move || sent.wake())
        .join()
        .expect("a wake does not panic");
    row(out, "a clone, woken on another thread")?;
    kept.wake();
    row(out, "kept.wake()  (consumes kept)")?;
    drop(waker);
    row(out, "drop(waker)")?;
    Ok(())
}

#[allow(dead_code)] // the tests include this file for `run` only
fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
