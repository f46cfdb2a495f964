//! An `async fn` with two `.await`s, compiled by hand into a state machine,
//! stepped one poll at a time: what each pause keeps, and where it resumes.
//!
//! Run: cargo lab demo 2 two_awaits

use std::future::Future;
use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Waker};

use aio_futures::{add_later, add_later_async, block_on_counted};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let mut fut = add_later(2, 3);
    writeln!(
        out,
        "let fut = add_later(2, 3);   // a call: nothing runs yet"
    )?;
    writeln!(out, "  {fut:?}")?;

    // A waker that does nothing: we poll by hand, so nobody needs waking.
    let mut cx = Context::from_waker(Waker::noop());
    for poll in 1.. {
        let answer = Pin::new(&mut fut).poll(&mut cx);
        writeln!(out, "poll {poll} -> {answer:?}")?;
        writeln!(out, "  {fut:?}")?;
        if answer.is_ready() {
            break;
        }
    }

    let (sum, polls) = block_on_counted(add_later_async(2, 3));
    writeln!(
        out,
        "the compiler's own add_later_async(2, 3): {sum} after {polls} polls"
    )
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
