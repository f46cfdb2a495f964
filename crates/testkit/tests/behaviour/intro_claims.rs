//! The introduction's claim checks (C01, C10, C11, C12, C13, C14 of
//! `CLAIMS.md`), run under CPython.
//!
//! Each script in `python/claims/` asserts what it finds and prints
//! deterministic evidence; this file snapshots that evidence, and
//! `book/src/introduction.md` includes the snapshots. Without `python3` the
//! checks are skipped with a message, except in CI, where they fail.

use aio_testkit::python::{run_script_until, snapshot_holds};

/// Runs one claim script and snapshots its evidence under `name`.
fn check(name: &str) {
    let script = format!("claims/{name}.py");
    let Some(out) = run_script_until(&script, &[], |out| {
        snapshot_holds(env!("CARGO_MANIFEST_DIR"), "intro_claims", name, out)
    }) else {
        return;
    };
    insta::assert_snapshot!(name, out);
}

#[test]
fn c01_only_one_task_runs_at_a_time_in_one_thread() {
    check("c01_one_task_at_a_time");
}

#[test]
fn c10_chess_exhibition_arithmetic() {
    check("c10_chess_exhibition");
}

#[test]
fn c11_asyncio_is_single_threaded_but_keeps_a_thread_pool() {
    check("c11_single_thread");
}

#[test]
fn c12_threads_overlap_io_waits_despite_the_gil() {
    check("c12_gil_and_io");
}

#[test]
fn c13_asyncio_does_not_speed_up_cpu_bound_work() {
    check("c13_cpu_bound");
}

#[test]
fn c14_tasks_are_concurrent_not_parallel() {
    check("c14_tasks_not_parallel");
}
