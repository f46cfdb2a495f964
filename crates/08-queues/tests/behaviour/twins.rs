//! The demos against their Python twins in `python/twins/`: the same
//! programs written with asyncio must print the same lines, in the same
//! order, at the same (rounded) times as our traces record on the virtual
//! clock. Without `python3` this is skipped with a message, except in CI.

use crate::demos::{lock_counter, producer_consumer, semaphore};
use std::future::Future;

use aio_executor::EventLoop;
use aio_testkit::python::run_script_until;
use aio_timers::{Clock, timer_loop};

/// Runs `program` on a traced virtual-clock loop and returns its notes as
/// the twins print them: "<time formatted by `time`> <text>".
fn notes_with_times<F, T>(program: F, time: fn(f64) -> String) -> Vec<String>
where
    F: Future<Output = T> + 'static,
    T: 'static,
{
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(program);
    let mut lines = Vec::new();
    for (at, text) in event_loop.take_trace().timed_notes() {
        let at = at.expect("a timer loop stamps its trace");
        lines.push(format!("{} {text}", time(at.as_secs_f64())));
    }
    lines
}

/// Runs a twin under CPython and returns its lines (`None`: skipped); a
/// run that differs from `ours` is run again, twice at most (the twin
/// sleeps on the real clock).
fn python_lines(script: &str, ours: &[String]) -> Option<Vec<String>> {
    let out = run_script_until(script, &[], |out| {
        out.lines().eq(ours.iter().map(String::as_str))
    })?;
    Some(out.lines().map(str::to_owned).collect())
}

#[test]
fn producer_consumer_prints_what_cpython_prints() {
    // The twin rounds to the half second (CPython's real clock runs late).
    let half = |s: f64| format!("{:.1}", (s * 2.0).round() / 2.0);
    let mut ours = vec!["with task_done and join".to_owned()];
    ours.extend(notes_with_times(producer_consumer::with_join(), half));
    ours.push("without a done signal".to_owned());
    ours.extend(notes_with_times(
        producer_consumer::without_done_signal(),
        half,
    ));
    let Some(python) = python_lines("twins/producer_consumer.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}

#[test]
fn lock_counter_prints_what_cpython_prints() {
    let mut ours = vec!["without a lock".to_owned()];
    let event_loop = EventLoop::new().with_trace();
    event_loop.run_until_complete(lock_counter::count(false));
    ours.extend(event_loop.take_trace().notes());
    ours.push("with a Lock".to_owned());
    let event_loop = EventLoop::new().with_trace();
    event_loop.run_until_complete(lock_counter::count(true));
    ours.extend(event_loop.take_trace().notes());
    let Some(python) = python_lines("twins/lock_counter.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}

#[test]
fn semaphore_prints_what_cpython_prints() {
    let whole = |s: f64| format!("{}", s.round());
    let ours = notes_with_times(semaphore::limited(), whole);
    let Some(python) = python_lines("twins/semaphore.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}
