//! What `run` does with tasks that `main` creates and never awaits: when
//! `main` returns, `run` closes the loop and cancels them (drops their
//! futures), as `asyncio.run` cancels the tasks it finds still pending.
//! Returned at once, `main` leaves them no turn at all; yielding once first
//! lets them start, and they are cancelled in the middle of their wait.
//!
//! The handles are bound and returned on purpose: `JoinHandle` is
//! `#[must_use]`, so a bare `create_task(...);` statement draws a compiler
//! warning (the book's chapter 4 shows it).
//!
//! Run: cargo lab demo 4 no_await

use std::cell::RefCell;
use std::future::Future;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{JoinHandle, create_task, sleep_on_thread, yield_now};

const UNIT: Duration = Duration::from_millis(250);

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let cases = [
        ("(a) main returns right after creating the tasks", false),
        ("(b) main yields once, then returns", true),
    ];
    for (title, yield_first) in cases {
        let log = Log::default();
        let handles = aio_executor::run(main_without_awaits(log.clone(), yield_first));
        log.push("run() returned");
        writeln!(out, "{title}")?;
        for line in log.lines() {
            writeln!(out, "  {line}")?;
        }
        for handle in &handles {
            writeln!(
                out,
                "  afterwards: {handle:?}, cancelled() = {}",
                handle.cancelled()
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}

// ANCHOR: main_without_awaits
/// Creates two tasks and returns their handles without awaiting them.
async fn main_without_awaits(log: Log, yield_first: bool) -> [JoinHandle<()>; 2] {
    let first = create_task(say_after(1, "hello", log.clone()));
    let second = create_task(say_after(2, "world", log.clone()));
    log.push(format!("main: created {first:?} and {second:?}"));
    if yield_first {
        log.push("main: yields once");
        yield_now().await;
    }
    log.push("main: returns without awaiting them");
    [first, second]
}

/// Logs that it starts, waits `units`, logs `what`. Its future owns a guard
/// that logs when the future is dropped, whether it ever ran or not.
fn say_after(units: u32, what: &'static str, log: Log) -> impl Future<Output = ()> {
    let guard = LogOnDrop {
        log: log.clone(),
        line: format!("say_after({units}, '{what}'): future dropped"),
    };
    async move {
        let _guard = guard;
        log.push(format!("say_after({units}, '{what}') starts"));
        sleep_on_thread(UNIT * units).await;
        log.push(what);
    }
}
// ANCHOR_END: main_without_awaits

/// Lines written by the tasks and by `main`, in order.
#[derive(Clone, Default)]
struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    fn push(&self, line: impl Into<String>) {
        self.0.borrow_mut().push(line.into());
    }

    fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

/// Adds its line to the log when dropped.
struct LogOnDrop {
    log: Log,
    line: String,
}

impl Drop for LogOnDrop {
    fn drop(&mut self) {
        self.log.push(std::mem::take(&mut self.line));
    }
}
