//! Chapter 3's check against CPython. `CLAIMS.md` lists no claim for this
//! chapter; the script checks the notes' related description of how the
//! loop resumes a waiting task (see `book/src/ch03-wakers.md`). Without
//! `python3` it is skipped with a message, except in CI, where it fails.

use aio_testkit::python::run_script;

#[test]
fn a_waiting_task_is_resumed_by_its_futures_done_callback() {
    let Some(out) = run_script("claims/wakeup_by_done_callback.py", &[]) else {
        return;
    };
    insta::assert_snapshot!("wakeup_by_done_callback", out);
}
