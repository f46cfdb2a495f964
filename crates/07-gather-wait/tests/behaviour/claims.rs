//! Chapter 7's claims (C03, C04, C05, C06, C18, C19, C45, C46 in the
//! project's claim list), checked under CPython by our scripts in
//! `python/claims/`: each script asserts what it finds and prints the
//! evidence, which is snapshotted here for the chapter to include. C04 and
//! C45 depend on the Python version; the snapshots are 3.11's, and setting
//! `PYTHON` to another interpreter shows the difference as a snapshot diff.

use aio_testkit::python::{run_script_until, snapshot_holds};

/// Runs one claim script and snapshots its evidence (skips without python3).
fn python_claim(name: &str, script: &str) {
    let Some(out) = run_script_until(script, &[], |out| {
        snapshot_holds(env!("CARGO_MANIFEST_DIR"), "claims", name, out)
    }) else {
        return;
    };
    insta::assert_snapshot!(name, out);
}

#[test]
fn c03_python_gather_makes_each_coroutine_a_task_that_runs_when_the_caller_yields() {
    python_claim("c03_python", "claims/c03_gather_wraps_coroutines.py");
}

#[test]
fn c04_python_wait_refuses_a_coroutine_from_3_11_and_takes_a_task() {
    python_claim("c04_python", "claims/c04_wait_refuses_coroutines.py");
}

#[test]
fn c05_python_gather_gives_values_wait_gives_sets_of_tasks() {
    python_claim("c05_python", "claims/c05_gather_values_wait_sets.py");
}

#[test]
fn c06_python_gather_keeps_argument_order_completion_order_comes_from_as_completed() {
    python_claim("c06_python", "claims/c06_order_of_results.py");
}

#[test]
fn c18_python_gather_is_a_function_returning_an_already_scheduled_future() {
    python_claim("c18_python", "claims/c18_gather_returns_a_future.py");
}

#[test]
fn c19_python_hello_and_world_overlap_and_take_the_longest_delay() {
    python_claim("c19_python", "claims/c19_gather_hello_world.py");
}

#[test]
fn c45_python_gather_has_no_loop_parameter_from_3_10() {
    python_claim("c45_python", "claims/c45_gather_signature.py");
}

#[test]
fn c46_python_gather_of_a_function_is_a_type_error_and_an_unawaited_gather_is_cancelled() {
    python_claim("c46_python", "claims/c46_gather_a_function.py");
}
