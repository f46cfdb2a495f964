//! Chapter 8's claims (C42's Queue and Lock snippets, C43, C44 in the
//! project's claim list), checked under CPython by our scripts in
//! `python/claims/`: each script asserts what it finds and prints the
//! evidence, which is snapshotted here for the chapter to include. (C42's
//! streams snippet is chapter 5's.)

use aio_testkit::python::run_script;

/// Runs one claim script and snapshots its evidence (skips without python3).
fn python_claim(name: &str, script: &str) {
    let Some(out) = run_script(script, &[]) else {
        return;
    };
    insta::assert_snapshot!(name, out);
}

#[test]
fn c42_python_the_queue_snippet_works_in_one_loop_and_get_waits_on_empty() {
    python_claim("c42_queue_python", "claims/c42_queue_snippet.py");
}

#[test]
fn c42_python_the_lock_snippet_keeps_a_section_whole_but_is_not_reentrant() {
    python_claim("c42_lock_python", "claims/c42_lock_snippet.py");
}

#[test]
fn c43_python_consumers_without_a_stop_signal_wait_until_cancelled() {
    python_claim("c43_python", "claims/c43_consumers_wait_forever.py");
}

#[test]
fn c44_python_join_waits_for_task_done_not_for_the_consumers() {
    python_claim("c44_python", "claims/c44_join_waits_for_task_done.py");
}
