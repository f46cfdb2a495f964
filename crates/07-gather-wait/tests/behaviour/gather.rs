//! `gather`: children become tasks at once, values come in argument order,
//! a failure fails the gather without cancelling the siblings, and a
//! gather cancelled while awaited cancels its children. Each test names
//! the CPython test (Lib/test/test_asyncio/test_tasks.py) it mirrors.

use std::cell::{Cell, RefCell};
use std::future::pending;
use std::rc::Rc;

use aio_executor::{JoinError, spawn, yield_now};
use aio_gather::{gather, gather_settled, gather_tasks, wait_for};
use aio_timers::{now, sleep};

use crate::support::{drop_flag, ms, run_virtual, run_virtual_reporting, secs};

/// Sleeps `seconds`, notes that it finished, returns `seconds`.
async fn nap(seconds: u64, finished: Rc<RefCell<Vec<u64>>>) -> u64 {
    sleep(secs(seconds)).await;
    finished.borrow_mut().push(seconds);
    seconds
}

/// Sleeps `seconds`, then panics with `message`.
async fn fail_after(seconds: u64, message: &'static str) -> u64 {
    sleep(secs(seconds)).await;
    panic!("{message}")
}

// GatherTestsBase.test_success: children finish b, a, c; the result is
// still [a, b, c].
#[test]
fn values_come_in_argument_order_not_in_finishing_order() {
    let (values, finished, took) = run_virtual(|| async {
        let finished = Rc::new(RefCell::new(Vec::new()));
        let values = gather([3, 1, 2].map(|s| nap(s, finished.clone())))
            .await
            .unwrap();
        let finished = finished.borrow().clone();
        (values, finished, now())
    });
    assert_eq!(values, [3, 1, 2]);
    assert_eq!(finished, [1, 2, 3]);
    assert_eq!(took, secs(3), "side by side: as long as the longest");
}

// Claims C03 and C18 (gather wraps each coroutine in a task, and returns a
// future): the children run as soon as the caller yields, before the
// gather is awaited.
#[test]
fn children_start_before_the_gather_is_awaited() {
    let (started_before_await, values) = run_virtual(|| async {
        let started = Rc::new(Cell::new(0));
        let children = (0..3).map(|i| {
            let started = started.clone();
            async move {
                started.set(started.get() + 1);
                i
            }
        });
        let all = gather(children);
        yield_now().await; // not awaiting the gather: just yielding
        let started_before_await = started.get();
        (started_before_await, all.await.unwrap())
    });
    assert_eq!(started_before_await, 3);
    assert_eq!(values, [0, 1, 2]);
}

// GatherTestsBase.test_one_exception: the first failure fails the gather
// at once; the other children are not cancelled and finish later.
#[test]
fn a_panic_fails_the_gather_at_once_and_the_siblings_run_on() {
    let (message, failed_at, finished) = run_virtual(|| async {
        let finished = Rc::new(RefCell::new(Vec::new()));
        let f = finished.clone();
        let children = [
            spawn(nap(2, f.clone())),
            spawn(fail_after(1, "child 1 failed")),
            spawn(nap(3, f.clone())),
        ];
        let error = gather_tasks(children).await.unwrap_err();
        let failed_at = now();
        sleep(secs(5)).await; // the siblings were left running
        let message = error.panic_message().map(str::to_owned);
        (message, failed_at, finished.borrow().clone())
    });
    assert_eq!(message.as_deref(), Some("child 1 failed"));
    assert_eq!(failed_at, secs(1));
    assert_eq!(finished, [2, 3], "not cancelled: both siblings finished");
}

// The first failure is the first to *happen*, not the first in argument
// order (asyncio's gather fails from the first done-callback).
#[test]
fn the_failure_reported_is_the_first_to_happen() {
    let message = run_virtual(|| async {
        let late = spawn(fail_after(2, "late"));
        let early = spawn(fail_after(1, "early"));
        let error = gather_tasks([late, early]).await.unwrap_err();
        sleep(secs(2)).await; // let the late one end too
        error.panic_message().map(str::to_owned)
    });
    assert_eq!(message.as_deref(), Some("early"));
}

// FutureGatherTests.test_one_cancellation: a child cancelled by someone
// else fails the gather with a cancellation (asyncio: CancelledError as
// the gather's exception).
#[test]
fn a_cancelled_child_fails_the_gather_with_cancelled() {
    let error = run_virtual(|| async {
        let a = spawn(async { 1 });
        let b = spawn(pending::<i32>());
        let c = spawn(async {
            sleep(secs(1)).await;
            3
        });
        let b_ref = b.task_ref();
        let all = gather_tasks([a, b, c]);
        yield_now().await;
        b_ref.cancel();
        all.await.unwrap_err()
    });
    assert!(error.is_cancelled());
}

// GatherTestsBase.test_return_exceptions and
// FutureGatherTests.test_result_exception_one_cancellation: every
// outcome, in argument order, and no early return.
#[test]
fn return_exceptions_gives_every_outcome_in_argument_order() {
    let (outcomes, took) = run_virtual(|| async {
        let cancelled = spawn(pending::<u64>());
        let to_cancel = cancelled.task_ref();
        let all = gather_tasks([
            spawn(async {
                sleep(secs(3)).await;
                3
            }),
            spawn(async {
                sleep(secs(1)).await;
                panic!("zero division")
            }),
            cancelled,
            spawn(async {
                sleep(secs(4)).await;
                4
            }),
        ])
        .return_exceptions();
        sleep(secs(2)).await;
        to_cancel.cancel();
        let outcomes = all.await;
        (outcomes, now())
    });
    assert_eq!(took, secs(4), "it waits for every child");
    let described: Vec<String> = outcomes
        .iter()
        .map(|outcome| match outcome {
            Ok(v) => format!("value {v}"),
            Err(e) => e.to_string(),
        })
        .collect();
    assert_eq!(
        described,
        [
            "value 3",
            "task panicked: zero division",
            "task was cancelled",
            "value 4"
        ]
    );
}

#[test]
fn gather_settled_is_gather_with_return_exceptions() {
    let outcomes = run_virtual(|| async {
        gather_settled([1, 2].map(|n| async move {
            if n == 2 {
                panic!("two");
            }
            n
        }))
        .await
    });
    assert_eq!(outcomes[0].as_ref().ok(), Some(&1));
    assert_eq!(
        outcomes[1].as_ref().unwrap_err().panic_message(),
        Some("two")
    );
}

// Where we differ, bpo-32684 (GatherTestsBase's return_exceptions tests):
// in asyncio, `gather(..., return_exceptions=True).cancel()` makes the
// await raise CancelledError. Our settled gather's output has no place for
// that: it returns every child's outcome, the cancelled ones as
// `Err(Cancelled)`.
#[test]
fn cancelling_a_settled_gather_returns_the_cancelled_outcomes() {
    let outcomes = run_virtual(|| async {
        let settled = gather_settled([1, 2].map(|n| async move {
            sleep(secs(n)).await;
            n
        }));
        sleep(ms(1500)).await; // the first child has returned
        assert!(settled.cancel());
        settled.await
    });
    assert_eq!(outcomes[0].as_ref().ok(), Some(&1));
    assert!(outcomes[1].as_ref().unwrap_err().is_cancelled());
}

// CoroutineGatherTests.test_cancellation_broadcast: cancelling the task
// that awaits a gather cancels every child.
#[test]
fn cancelling_the_task_awaiting_a_gather_cancels_every_child() {
    let (outer_cancelled, children_cancelled, dropped) = run_virtual(|| async {
        let (flag1, guard1) = drop_flag();
        let (flag2, guard2) = drop_flag();
        let child1 = spawn(async move {
            let _guard = guard1;
            pending::<()>().await;
        });
        let child2 = spawn(async move {
            let _guard = guard2;
            pending::<()>().await;
        });
        let refs = [child1.task_ref(), child2.task_ref()];
        let outer = spawn(async move {
            gather_tasks([child1, child2]).await.ok();
            unreachable!("the children never finish");
        });
        yield_now().await; // outer is awaiting the gather now
        assert!(outer.cancel());
        let outer_cancelled = outer.await.unwrap_err().is_cancelled();
        yield_now().await; // the children's turn to be dropped
        (
            outer_cancelled,
            refs.iter().all(|r| r.cancelled()),
            flag1.get() && flag2.get(),
        )
    });
    assert!(outer_cancelled);
    assert!(children_cancelled);
    assert!(dropped, "each child's future was dropped");
}

// A timeout around a gather is a cancellation too (asyncio's
// `wait_for(gather(...), t)` cancels the gather, hence its children).
#[test]
fn a_timeout_on_a_gather_cancels_its_children() {
    let (timed_out, cancelled) = run_virtual(|| async {
        let children = [spawn(sleep(secs(10))), spawn(sleep(secs(20)))];
        let refs: Vec<_> = children.iter().map(|c| c.task_ref()).collect();
        let timed_out = wait_for(gather_tasks(children), secs(1)).await.is_err();
        yield_now().await;
        (timed_out, refs.iter().all(|r| r.cancelled()))
    });
    assert!(timed_out);
    assert!(cancelled);
}

// asyncio's gather(...).cancel(): the children are cancelled, and awaiting
// the gather fails with a cancellation.
#[test]
fn gather_cancel_cancels_the_children() {
    let (any_running, error) = run_virtual(|| async {
        let all = gather([sleep(secs(10)), sleep(secs(20))]);
        yield_now().await;
        let any_running = all.cancel();
        (any_running, all.await.unwrap_err())
    });
    assert!(any_running);
    assert!(error.is_cancelled());
}

// Like a JoinHandle (and like an asyncio gather nobody awaits), a gather
// that was never awaited cancels nothing when dropped.
#[test]
fn a_gather_never_awaited_cancels_nothing_when_dropped() {
    let finished = run_virtual(|| async {
        let finished = Rc::new(Cell::new(0));
        let f = finished.clone();
        drop(gather((0..2).map(move |_| {
            let f = f.clone();
            async move {
                sleep(ms(10)).await;
                f.set(f.get() + 1);
            }
        })));
        sleep(secs(1)).await;
        finished.get()
    });
    assert_eq!(finished, 2);
}

// FutureGatherTests.test_constructor_empty_sequence_use_running_loop.
#[test]
fn an_empty_gather_gives_an_empty_vec() {
    let values = run_virtual(|| async {
        gather(std::iter::empty::<std::future::Ready<u8>>())
            .await
            .unwrap()
    });
    assert!(values.is_empty());
}

// The fixed-arity form: futures of different types, one tuple.
#[test]
fn the_gather_macro_gives_a_tuple_of_different_types() {
    let (values, took) = run_virtual(|| async {
        let values = aio_gather::gather!(
            async {
                sleep(secs(2)).await;
                42_u8
            },
            async { "text" },
            async {
                sleep(secs(1)).await;
                vec![1.5_f64]
            },
        )
        .await
        .unwrap();
        (values, now())
    });
    assert_eq!(values, (42, "text", vec![1.5]));
    assert_eq!(took, secs(2));
}

#[test]
fn the_gather_macro_fails_at_the_first_panic_and_starts_its_children_at_once() {
    let (started, error) = run_virtual(|| async {
        let started = Rc::new(Cell::new(false));
        let s = started.clone();
        let both = aio_gather::gather!(
            async move {
                s.set(true);
                sleep(secs(5)).await;
            },
            async {
                sleep(secs(1)).await;
                panic!("bad");
            },
        );
        yield_now().await;
        let started = started.get();
        let error: JoinError = both.await.unwrap_err();
        (started, error.panic_message().map(str::to_owned))
    });
    assert!(started, "spawned by gather!, before the await");
    assert_eq!(error.as_deref(), Some("bad"));
}

#[test]
fn the_gather_settled_macro_gives_a_tuple_of_results() {
    let (a, b) = run_virtual(|| async {
        aio_gather::gather_settled!(async { 1_u8 }, async {
            panic!("no");
        })
        .await
    });
    assert_eq!(a.ok(), Some(1));
    let b: Result<(), JoinError> = b;
    assert_eq!(b.unwrap_err().panic_message(), Some("no"));
}

// CoroutineGatherTests.test_exception_marking: after a gather failed,
// asyncio marks the later exceptions of its children as retrieved,
// silently. Ours marks them too (`TaskRef::mark_retrieved`), so a sibling
// that panics later is not reported as never retrieved.
#[test]
fn a_sibling_that_panics_after_the_gather_failed_is_not_reported() {
    let (first, reports) = run_virtual_reporting(|| async {
        let first = gather([1, 2].map(|n| async move {
            sleep(secs(n)).await;
            panic!("failure {n}");
        }))
        .await
        .unwrap_err();
        sleep(secs(3)).await;
        first.panic_message().map(str::to_owned)
    });
    assert_eq!(first.as_deref(), Some("failure 1"));
    assert!(reports.is_empty(), "{reports:?}");
}
