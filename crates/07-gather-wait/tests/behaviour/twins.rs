//! The demos against their Python twins: the same programs, written with
//! asyncio in `python/twins/`, must say the same lines, in the same order,
//! at the same (rounded) times as our trace records on the virtual clock.
//! Without `python3` this is skipped with a message, except in CI.

use std::future::Future;

use aio_testkit::python::{run_script_until, version};
use aio_timers::{Clock, timer_loop};

use crate::demos::{as_completed, gather_vs_wait, task_group};

/// Runs `program` on a fresh traced loop with a virtual clock and returns
/// its notes as the twins print them: the section's name, then
/// "<whole seconds> <text>" lines.
fn notes_with_times<F>(name: &str, program: F) -> Vec<String>
where
    F: Future<Output = ()> + 'static,
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
fn gather_vs_wait_says_what_cpython_says() {
    let mut ours = notes_with_times("gather", gather_vs_wait::with_gather());
    ours.extend(notes_with_times("wait", gather_vs_wait::with_wait()));
    let Some(python) = python_lines("twins/gather_vs_wait.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}

#[test]
fn as_completed_says_what_cpython_says() {
    let ours = notes_with_times("as_completed", as_completed::program());
    let Some(python) = python_lines("twins/as_completed.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}

#[test]
fn task_group_says_what_cpython_says() {
    let ours = notes_with_times("task_group", task_group::program());
    // asyncio.TaskGroup is new in 3.11.
    let Some(version) = version() else {
        return;
    };
    let minor: Option<u32> = version
        .strip_prefix("Python 3.")
        .and_then(|rest| rest.split('.').next())
        .and_then(|minor| minor.parse().ok());
    if minor.is_some_and(|minor| minor < 11) {
        eprintln!("skipped: {version} has no asyncio.TaskGroup (3.11 and later)");
        return;
    }
    let Some(python) = python_lines("twins/task_group.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}
