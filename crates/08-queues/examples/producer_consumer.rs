//! Producers and consumers around a `Queue`: two producers, two consumers,
//! back-pressure from `maxsize`, `task_done` per item and `join` to know
//! the work is done, then the consumers cancelled. Then the same without a
//! done signal: the consumers wait on `get` forever (claim C43), which we
//! show by looking at them, still waiting, long after the last item.
//!
//! Run: cargo lab demo 8 producer_consumer

use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use aio_executor::trace::export::{Export, Program};
use aio_executor::trace::{self, EventKind};
use aio_executor::{JoinHandle, spawn};
use aio_queues::Queue;
use aio_timers::{Clock, sleep, timer_loop};

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

// ANCHOR: producer
/// Puts `items`, sleeping `first`, then `every`, before each: a producer
/// that makes its items at its own pace.
async fn producer(
    q: Queue<String>,
    name: &'static str,
    items: [&'static str; 3],
    first: f64,
    every: f64,
) {
    for (i, item) in items.into_iter().enumerate() {
        sleep(secs(if i == 0 { first } else { every })).await;
        if q.full() {
            trace::note(format!("{name} waits: queue full"));
        }
        q.put(item.to_owned())
            .await
            .expect("the queue is never shut down");
        trace::note(format!("{name} put {item}"));
    }
}
// ANCHOR_END: producer

// ANCHOR: consumer
/// Takes items for ever, works `work` seconds on each, and says so with
/// `task_done`. It never returns: somebody has to cancel it.
async fn consumer(q: Queue<String>, name: &'static str, work: f64) {
    loop {
        let item = q.get().await.expect("the queue is never shut down");
        trace::note(format!("{name} got {item}"));
        sleep(secs(work)).await;
        trace::note(format!("{name} done {item}"));
        q.task_done().expect("one task_done per item got");
    }
}
// ANCHOR_END: consumer

// ANCHOR: with_join
/// Two producers, two consumers, a queue of two: `join` returns when the
/// last item is processed, and the consumers are cancelled.
pub async fn with_join() {
    let q = Queue::new(2);
    let consumers = [
        spawn(consumer(q.clone(), "c1", 3.0)),
        spawn(consumer(q.clone(), "c2", 3.0)),
    ];
    let producers = [
        spawn(producer(q.clone(), "p1", ["a1", "a2", "a3"], 1.0, 1.0)),
        spawn(producer(q.clone(), "p2", ["b1", "b2", "b3"], 1.5, 1.0)),
    ];
    for p in producers {
        p.await.unwrap();
    }
    trace::note("main: producers finished");
    q.join().await; // every item got *and* marked done
    trace::note("main: join returned");
    for c in &consumers {
        c.cancel();
    }
    trace::note("main: consumers cancelled");
}
// ANCHOR_END: with_join

// ANCHOR: without_done_signal
/// No `join`, no sentinel, no cancel: once the items are gone the
/// consumers wait on `get` with nothing that will ever come.
pub async fn without_done_signal() {
    let q = Queue::new(0);
    let consumers = [
        spawn(consumer(q.clone(), "c1", 1.5)),
        spawn(consumer(q.clone(), "c2", 1.5)),
    ];
    spawn(producer(q.clone(), "p1", ["a1", "a2", "a3"], 1.0, 1.0))
        .await
        .unwrap();
    trace::note("main: producer finished");
    sleep(secs(5.0)).await;
    report_waiting(&q, &consumers);
}
// ANCHOR_END: without_done_signal

fn report_waiting(q: &Queue<String>, consumers: &[JoinHandle<()>]) {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    trace::note(format!(
        "main: 5 s later, queue empty: {}",
        yes_no(q.empty())
    ));
    for (i, c) in consumers.iter().enumerate() {
        let waiting = yes_no(!c.done());
        trace::note(format!(
            "main: c{} still waiting in get(): {waiting}",
            i + 1
        ));
    }
}

/// Runs `program` on a traced virtual-clock loop and prints its notes with
/// their virtual times.
fn show(out: &mut dyn Write, program: impl Future<Output = ()> + 'static) -> io::Result<()> {
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(program);
    for event in event_loop.take_trace().events {
        if let EventKind::Note(text) = event.kind {
            let at = event.at.unwrap_or_default().as_secs_f64();
            writeln!(out, "{at:>6.1}s  {text}")?;
        }
    }
    Ok(())
}

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "with task_done and join (queue of 2, work takes 3 s):")?;
    show(out, with_join())?;
    writeln!(out)?;
    writeln!(out, "without a done signal (claim C43):")?;
    show(out, without_done_signal())?;
    writeln!(
        out,
        "the loop closed with both consumers still in get(); closing it cancelled them"
    )
}

/// Both programs as turns, for `cargo lab trace producer_consumer` and the
/// book's viewer.
pub fn export() -> Export {
    let joined = timer_loop(&Clock::new_virtual()).with_trace();
    joined.run_until_complete(with_join());
    let unsignalled = timer_loop(&Clock::new_virtual()).with_trace();
    unsignalled.run_until_complete(without_done_signal());
    Export {
        demo: "producer_consumer".to_owned(),
        chapter: 8,
        about: "two producers, two consumers, a queue of two".to_owned(),
        programs: vec![
            Program::from_trace("with task_done and join", &joined.take_trace()),
            Program::from_trace("without a done signal", &unsignalled.take_trace()),
        ],
    }
}

fn main() -> io::Result<()> {
    if Export::present_if_asked(export)? {
        return Ok(());
    }
    run(&mut io::stdout().lock())
}
