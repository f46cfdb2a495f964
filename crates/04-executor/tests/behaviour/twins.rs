//! Demos and their Python twins: the same program under our loop and under
//! asyncio must write the same notes, in the same order (DESIGN §8). The
//! Rust side's notes come from the demo's own code, through its trace.

// `count` and `create_task_order` each bring their own copy of
// `examples/support`, as each does when it is built as an example.
#![allow(clippy::duplicate_mod)]

#[allow(dead_code)]
#[path = "../../examples/count.rs"]
mod count;
#[allow(dead_code)]
#[path = "../../examples/create_task_order.rs"]
mod create_task_order;

use aio_executor::trace::Trace;
use aio_testkit::python::run_script;

/// The notes of several traces, one after the other.
fn notes_of<const N: usize>(traces: [(&str, Trace); N]) -> Vec<String> {
    traces.iter().flat_map(|(_, trace)| trace.notes()).collect()
}

/// Runs a twin under CPython and returns its lines (`None`: skipped).
fn python_lines(script: &str) -> Option<Vec<String>> {
    let out = run_script(script, &[])?;
    Some(out.lines().map(str::to_owned).collect())
}

#[test]
fn create_task_order_writes_the_same_notes_as_asyncio() {
    let Some(python) = python_lines("twins/create_task_order.py") else {
        return;
    };
    let ours = notes_of(create_task_order::orderings());
    assert_eq!(ours, python);
}

#[test]
fn count_writes_the_same_notes_as_asyncio() {
    let Some(python) = python_lines("twins/count.py") else {
        return;
    };
    let ours = notes_of(count::programs());
    assert_eq!(ours, python);
}
