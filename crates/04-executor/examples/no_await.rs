//! What `run` does with tasks that `main` creates and never awaits: when
//! `main` returns, the loop gives the work already ready one last turn (as
//! asyncio's loop does, because its stop is queued behind that work), then
//! `run` closes the loop and cancels what is left (drops the futures), as
//! `asyncio.run` cancels the tasks it finds still pending. So the tasks
//! start, and are cancelled in the middle of their wait; a task that `main`
//! does await finishes.
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

use aio_executor::{JoinHandle, create_task, thread_sleep};

const UNIT: Duration = Duration::from_millis(250);

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let cases = [
        ("(a) main returns right after creating the tasks", false),
        ("(b) main awaits the first task, then returns", true),
    ];
    for (title, await_first) in cases {
        let log = Log::default();
        let handles = aio_executor::run(main_without_awaits(log.clone(), await_first));
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
/// Creates two tasks and returns their handles, awaiting the first one only
/// if asked.
async fn main_without_awaits(log: Log, await_first: bool) -> [JoinHandle<()>; 2] {
    let mut first = create_task(say_after(1, "hello", log.clone()));
    let second = create_task(say_after(2, "world", log.clone()));
    log.push(format!("main: created {first:?} and {second:?}"));
    if await_first {
        log.push("main: awaits the first task");
        // `&mut` awaits the handle and keeps it, to show its state later.
        (&mut first).await.expect("say_after does not panic");
    }
    log.push("main: returns");
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
        thread_sleep(UNIT * units).await;
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
