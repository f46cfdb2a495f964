//! asyncio's Future rebuilt: a placeholder that someone fills later, with
//! done-callbacks, errors for the wrong moment, and a task awaiting it.
//!
//! Run: cargo lab demo 2 placeholder

use std::cell::RefCell;
use std::future::Future as _;
use std::io::{self, Write};
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};

use aio_futures::{Exception, Future};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let fut: Future<u32> = Future::new();
    writeln!(out, "fut = Future::new()           -> {fut:?}")?;
    match fut.result() {
        Ok(value) => writeln!(out, "fut.result()                  -> {value}")?,
        Err(err) => writeln!(out, "fut.result()                  -> error: {err}")?,
    }

    // Two callbacks that print what they see. They write to a shared buffer
    // because they outlive this borrow of `out`.
    let lines = Rc::new(RefCell::new(Vec::<String>::new()));
    for name in ["first", "second"] {
        let lines = Rc::clone(&lines);
        fut.add_done_callback(move |f| {
            lines
                .borrow_mut()
                .push(format!("  callback {name:<6} sees {:?}", f.result()));
        });
    }
    writeln!(out, "two callbacks added           -> {fut:?}")?;

    // A task that awaits the future: an async block, polled with a waker
    // that counts its wakes.
    let wakes = Arc::new(WakeCount::default());
    let waker = Waker::from(Arc::clone(&wakes));
    let mut cx = Context::from_waker(&waker);
    let mut task = pin!({
        let fut = fut.clone();
        async move { fut.await.map(|n| n * 2) }
    });
    writeln!(
        out,
        "a task awaiting fut, polled   -> {:?} (wakes so far: {})",
        task.as_mut().poll(&mut cx),
        wakes.count()
    )?;

    writeln!(
        out,
        "fut.set_result(21)            -> {:?}",
        fut.set_result(21)
    )?;
    for line in lines.borrow_mut().drain(..) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "  wakes delivered to the task: {}", wakes.count())?;
    match fut.set_result(99) {
        Ok(()) => writeln!(out, "fut.set_result(99)            -> accepted")?,
        Err(err) => writeln!(out, "fut.set_result(99)            -> error: {err}")?,
    }
    writeln!(out, "fut.result()                  -> {:?}", fut.result())?;
    writeln!(
        out,
        "the task, polled again        -> {:?}",
        task.as_mut().poll(&mut cx)
    )?;

    let late = Rc::clone(&lines);
    fut.add_done_callback(move |f| {
        late.borrow_mut().push(format!(
            "  late callback runs at once and sees {:?}",
            f.result()
        ));
    });
    writeln!(out, "a callback added after done:")?;
    for line in lines.borrow_mut().drain(..) {
        writeln!(out, "{line}")?;
    }

    let other: Future<u32> = Future::new();
    writeln!(out, "other.cancel()                -> {}", other.cancel())?;
    writeln!(out, "other.cancel() again          -> {}", other.cancel())?;
    writeln!(
        out,
        "other.cancelled(), .done()    -> {}, {}",
        other.cancelled(),
        other.done()
    )?;
    if let Err(err) = other.result() {
        writeln!(out, "other.result()                -> error: {err}")?;
    }

    let failed: Future<u32> = Future::new();
    failed
        .set_exception(Exception::new("connection refused"))
        .expect("a new future is pending");
    writeln!(out, "failed.set_exception(...)     -> {failed:?}")?;
    if let Err(err) = failed.result() {
        writeln!(out, "failed.result()               -> error: {err}")?;
    }
    Ok(())
}

/// A waker that counts how often it is woken.
#[derive(Default)]
struct WakeCount(AtomicUsize);

impl WakeCount {
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl Wake for WakeCount {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
