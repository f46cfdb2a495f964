//! `shield`: awaiting gives the inner task's result; dropping the shield,
//! or cancelling whoever awaits it, leaves the inner task running. Each
//! test names the CPython test (Lib/test/test_asyncio/test_tasks.py, and
//! test_waitfor.py for the timeout) it mirrors.

use std::cell::Cell;
use std::future::pending;
use std::rc::Rc;

use aio_executor::trace::Outcome;
use aio_executor::{spawn, yield_now};
use aio_gather::{gather, shield, shield_task, wait_for};
use aio_timers::sleep;

use crate::support::{ms, run_virtual, secs};

// test_shield_result.
#[test]
fn awaiting_a_shield_gives_the_tasks_value() {
    let value = run_virtual(|| async { shield(async { 42 }).await.unwrap() });
    assert_eq!(value, 42);
}

// test_shield_exception.
#[test]
fn a_panic_in_the_shielded_task_comes_out_of_the_shield() {
    let message = run_virtual(|| async {
        let error = shield(async { panic!("expected") }).await.unwrap_err();
        error.panic_message().map(str::to_owned)
    });
    assert_eq!(message.as_deref(), Some("expected"));
}

// test_shield_cancel_inner: cancelling the inner task cancels the shield.
#[test]
fn cancelling_the_inner_task_cancels_the_shield() {
    let cancelled = run_virtual(|| async {
        let inner = spawn(pending::<()>());
        let to_cancel = inner.task_ref();
        let outer = shield_task(inner);
        yield_now().await;
        to_cancel.cancel();
        outer.await.unwrap_err().is_cancelled()
    });
    assert!(cancelled);
}

// test_shield_effect: cancelling the task that awaits the shield does not
// cancel the inner task, which finishes its work.
#[test]
fn cancelling_the_task_awaiting_a_shield_leaves_the_inner_task_running() {
    let (outer_cancelled, proof) = run_virtual(|| async {
        let proof = Rc::new(Cell::new(0));
        let p = proof.clone();
        let outer = spawn(async move {
            let inner_proof = p.clone();
            shield(async move {
                sleep(secs(1)).await;
                inner_proof.set(inner_proof.get() + 1);
            })
            .await
            .unwrap();
            p.set(p.get() + 100); // never: outer is cancelled first
        });
        yield_now().await;
        outer.cancel();
        let outer_cancelled = outer.await.unwrap_err().is_cancelled();
        sleep(secs(2)).await;
        (outer_cancelled, proof.get())
    });
    assert!(outer_cancelled);
    assert_eq!(proof, 1, "the inner task finished; outer did not go on");
}

// test_waitfor.py, WaitForShieldTests.test_shielded_timeout: a timeout on
// a shield gives up waiting, and the inner task runs on.
#[test]
fn a_timeout_on_a_shield_leaves_the_inner_task_running() {
    let (timed_out, outcome) = run_virtual(|| async {
        let inner = spawn(async {
            sleep(secs(1)).await;
            "done"
        });
        let watch = inner.task_ref();
        let timed_out = wait_for(shield_task(inner), ms(100)).await.is_err();
        sleep(secs(2)).await;
        (timed_out, watch.outcome())
    });
    assert!(timed_out);
    assert_eq!(outcome, Some(Outcome::Returned));
}

// test_gather_shield: cancelling a gather of shields cancels the shields
// (here, the tasks gather made to await them), not the shielded tasks.
#[test]
fn cancelling_a_gather_of_shields_leaves_the_inner_tasks_running() {
    let (gather_failed, outcomes) = run_virtual(|| async {
        let child1 = spawn(sleep(secs(1)));
        let child2 = spawn(sleep(secs(1)));
        let watches = [child1.task_ref(), child2.task_ref()];
        let parent = gather([shield_task(child1), shield_task(child2)]);
        yield_now().await;
        parent.cancel();
        let gather_failed = parent.await.unwrap_err().is_cancelled();
        sleep(secs(2)).await;
        (gather_failed, watches.map(|w| w.outcome()))
    });
    assert!(gather_failed);
    assert_eq!(outcomes, [Some(Outcome::Returned); 2]);
}

// test_shield_gather: a shielded gather's children are protected from the
// waiter's cancellation.
#[test]
fn a_shielded_gather_keeps_its_children() {
    let outcome = run_virtual(|| async {
        let parent = spawn(gather([sleep(secs(1)), sleep(secs(1))]));
        let watch = parent.task_ref();
        assert!(wait_for(shield_task(parent), ms(10)).await.is_err());
        sleep(secs(2)).await;
        watch.outcome()
    });
    assert_eq!(outcome, Some(Outcome::Returned));
}
