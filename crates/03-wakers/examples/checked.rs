//! The checking waker at work: four futures, three of which would hang a
//! real executor without a word. `check::try_drive` drives each one and says
//! what went wrong instead.
//!
//! Run: cargo lab demo 3 checked

use std::future::{Future, poll_fn};
use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use aio_wakers::{check, thread_sleep};

/// How long the checker waits for a kept waker to be woken: long enough for
/// the helper thread of the first future even on a busy machine, short
/// enough that the future nobody wakes holds the demo up for only a moment.
const WAIT: Duration = Duration::from_secs(1);

type Case = (&'static str, Pin<Box<dyn Future<Output = ()>>>);

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let cases: Vec<Case> = vec![
        (
            "keeps its waker; a thread wakes it",
            Box::pin(thread_sleep(Duration::from_millis(10))),
        ),
        ("keeps nothing", Box::pin(forgets())),
        (
            "gives its waker to a thread that drops it",
            Box::pin(dropped_unwoken()),
        ),
        ("keeps its waker; nobody wakes it", Box::pin(never_woken())),
    ];
    for (what, future) in cases {
        writeln!(out, "a future that {what}:")?;
        match check::try_drive(future, 5, WAIT) {
            Ok(()) => writeln!(out, "  ok: Ready")?,
            Err(stuck) => writeln!(out, "  stuck: {stuck}")?,
        }
    }
    Ok(())
}

/// Pending on the first poll, with the waker untouched.
fn forgets() -> impl Future<Output = ()> {
    let mut polled = false;
    poll_fn(move |_| {
        if polled {
            return Poll::Ready(());
        }
        polled = true;
        Poll::Pending
    })
}

/// Hands a clone to a thread that drops it without waking. (The thread
/// waits a moment first, so the drop comes after the poll has returned
/// `Pending`: a clone dropped during the poll reads as "kept no waker".)
fn dropped_unwoken() -> impl Future<Output = ()> {
    let mut sent = false;
    poll_fn(move |cx| {
        if !sent {
            sent = true;
            let waker = cx.waker().clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(100));
                drop(waker);
            });
        }
        Poll::Pending
    })
}

/// Keeps a clone inside itself, and nothing will ever wake it.
fn never_woken() -> impl Future<Output = ()> {
    let mut kept: Option<Waker> = None;
    poll_fn(move |cx| {
        kept.replace(cx.waker().clone());
        Poll::Pending
    })
}

#[allow(dead_code)] // the tests include this file for `run` only
fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
