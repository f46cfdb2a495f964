//! Demos and their Python twins: the same program under our loop and under
//! asyncio must write the same notes, in the same order (DESIGN §8). The
//! Rust side's notes come from the demo's own code, through its trace.

use crate::demos::count;
use crate::demos::create_task_order;

use aio_executor::trace::Trace;
use aio_testkit::python::run_script_until;

/// The notes of several traces, one after the other.
fn notes_of<const N: usize>(traces: [(&str, Trace); N]) -> Vec<String> {
    traces.iter().flat_map(|(_, trace)| trace.notes()).collect()
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
fn create_task_order_writes_the_same_notes_as_asyncio() {
    let ours = notes_of(create_task_order::orderings());
    let Some(python) = python_lines("twins/create_task_order.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}

#[test]
fn count_writes_the_same_notes_as_asyncio() {
    let ours = notes_of(count::programs());
    let Some(python) = python_lines("twins/count.py", &ours) else {
        return;
    };
    assert_eq!(ours, python);
}
