//! The demos against their Python twins: the same programs, written with
//! asyncio in `python/twins/`, must print the same lines, in the same order,
//! at the same (rounded) times as our trace records on the virtual clock.
//! Without `python3` this is skipped with a message, except in CI.

use crate::demos::count_timers;
use crate::demos::create_task_order_timers;

use std::future::Future;
use std::time::Duration;

use aio_testkit::python::run_script_until;
use aio_timers::{Clock, timer_loop};

/// Runs `program` on a fresh traced loop with a virtual clock and returns
/// its notes as the twins print them: "<whole seconds> <text>".
fn notes_with_times<F>(name: &str, program: F) -> Vec<String>
where
    F: Future<Output = Duration> + 'static,
{
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(program);
    let mut lines = vec![name.to_owned()];
    for (at, text) in event_loop.take_trace().timed_notes() {
        let at = at.expect("a timer loop stamps its trace");
        lines.push(format!("{} {text}", at.as_secs_f64().round()));
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
fn count_prints_what_cpython_prints() {
    let mut ours = notes_with_times("concurrently", count_timers::concurrently());
    ours.extend(notes_with_times(
        "one after another",
        count_timers::one_after_another(),
    ));
    let Some(python) = python_lines("twins/count_timers.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}

#[test]
fn create_task_order_prints_what_cpython_prints() {
    let mut ours = notes_with_times(
        "await each before creating the next",
        create_task_order_timers::await_each_before_creating_the_next(),
    );
    ours.extend(notes_with_times(
        "create both, then await",
        create_task_order_timers::create_both_then_await(),
    ));
    let Some(python) = python_lines("twins/create_task_order_timers.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}
