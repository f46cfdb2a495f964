//! Demos and their Python twins: the same program under our loop and under
//! asyncio must write the same notes, in the same order (DESIGN §8). The
//! Rust side's notes come from the demo's own code, through its trace.

use crate::demos::count;
use crate::demos::create_task_order;

use aio_executor::trace::Trace;
use aio_testkit::python::{Running, start};

/// The notes of several traces, one after the other.
fn notes_of<const N: usize>(traces: [(&str, Trace); N]) -> Vec<String> {
    traces.iter().flat_map(|(_, trace)| trace.notes()).collect()
}

/// The lines of a twin started before our side ran (both wait on the real
/// clock, so they wait at the same time); a run that differs from `ours`
/// is run again, twice at most.
fn python_lines(twin: Running, ours: &[String]) -> Vec<String> {
    let out = twin.output_until(|out| out.lines().eq(ours.iter().map(String::as_str)));
    out.lines().map(str::to_owned).collect()
}

#[test]
fn create_task_order_writes_the_same_notes_as_asyncio() {
    let Some(twin) = start("twins/create_task_order.py", &[]) else {
        return;
    };
    let ours = notes_of(create_task_order::orderings());
    assert_eq!(ours, python_lines(twin, &ours));
}

#[test]
fn count_writes_the_same_notes_as_asyncio() {
    let Some(twin) = start("twins/count.py", &[]) else {
        return;
    };
    let ours = notes_of(count::programs());
    assert_eq!(ours, python_lines(twin, &ours));
}
