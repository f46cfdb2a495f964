//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first. All run on the virtual
//! clock.

// The demos are example binaries; their `main` is not used here. `twins`
// and `trace_exports` use these modules too (one copy of each demo in the
// test binary).
#[allow(dead_code)]
#[path = "../../examples/as_completed.rs"]
pub(crate) mod as_completed;
#[allow(dead_code)]
#[path = "../../examples/gather_vs_wait.rs"]
pub(crate) mod gather_vs_wait;
#[allow(dead_code)]
#[path = "../../examples/task_group.rs"]
pub(crate) mod task_group;

use aio_testkit::capture;

#[test]
fn gather_vs_wait_gives_argument_order_then_finishing_order() {
    let out = capture(gather_vs_wait::run);
    assert!(
        out.contains("| gather returned slow, quick, medium"),
        "{out}"
    );
    assert!(
        out.contains("1.000s  wait: done quick; pending medium, slow"),
        "{out}"
    );
    insta::assert_snapshot!("gather_vs_wait", out);
}

#[test]
fn as_completed_hands_tasks_out_as_they_finish_until_the_timeout() {
    let out = capture(as_completed::run);
    assert!(out.contains("3.000s  as_completed timed out"), "{out}");
    assert!(out.contains("4.000s  awaited slow anyway"), "{out}");
    insta::assert_snapshot!("as_completed", out);
}

#[test]
fn task_group_cancels_the_others_and_reports_the_failure() {
    let out = capture(task_group::run);
    assert!(out.contains("| c cancelled"), "{out}");
    assert!(
        out.contains("| group failed: unhandled errors in a TaskGroup (1 sub-exception)"),
        "{out}"
    );
    insta::assert_snapshot!("task_group", out);
}
