//! `TaskGroup`: the group ends after its body and every child; a child's
//! panic cancels the others and the body, and every failure is reported.
//! Each test names the CPython test (Lib/test/test_asyncio/test_taskgroups.py)
//! it mirrors.

use std::cell::{Cell, RefCell};
use std::future::pending;
use std::rc::Rc;

use aio_executor::trace::Outcome;
use aio_executor::{TaskRef, spawn, yield_now};
use aio_gather::{Failure, TaskGroup};
use aio_timers::{now, sleep};

use crate::support::{drop_flag, ms, run_virtual, run_virtual_reporting, secs};

fn child_failure(task: &str, message: &str) -> Failure {
    Failure {
        task: Some(task.to_owned()),
        message: message.to_owned(),
    }
}

// test_taskgroup_01: the group waits for both children; their handles keep
// their values for after the group.
#[test]
fn the_group_waits_for_every_child() {
    let (values, at) = run_virtual(|| async {
        let (t1, t2) = TaskGroup::run(|tg| async move {
            let t1 = tg.create_task(async {
                sleep(ms(100)).await;
                42
            });
            let t2 = tg.create_task(async {
                sleep(ms(200)).await;
                11
            });
            (t1, t2) // the body ends here; the group goes on waiting
        })
        .await
        .unwrap();
        assert!(t1.done() && t2.done());
        ((t1.await.unwrap(), t2.await.unwrap()), now())
    });
    assert_eq!(values, (42, 11));
    assert_eq!(at, ms(200));
}

// test_taskgroup_02: a child created after the body slept is awaited too.
#[test]
fn a_child_created_later_is_awaited_too() {
    let at = run_virtual(|| async {
        TaskGroup::run(|tg| async move {
            tg.start(sleep(ms(100)));
            sleep(ms(150)).await;
            tg.start(sleep(ms(200)));
        })
        .await
        .unwrap();
        now()
    });
    assert_eq!(at, ms(350));
}

// test_taskgroup_03: a child cancelled on purpose is not a failure.
#[test]
fn a_child_cancelled_on_purpose_is_not_a_failure() {
    let (t1_cancelled, t2) = run_virtual(|| async {
        let (t1, t2) = TaskGroup::run(|tg| async move {
            let t1 = tg.create_task(async {
                sleep(secs(1)).await;
                42
            });
            sleep(ms(150)).await;
            t1.cancel();
            let t2 = tg.create_task(async {
                sleep(ms(200)).await;
                11
            });
            (t1, t2)
        })
        .await
        .unwrap();
        (t1.cancelled(), t2.await.unwrap())
    });
    assert!(t1_cancelled);
    assert_eq!(t2, 11);
}

// test_taskgroup_04 and test_cancel_children_on_child_error: a failing
// child cancels its siblings and the body; the body's code after the
// failure never runs; every failure is listed.
#[test]
fn a_failing_child_cancels_its_siblings_and_the_body() {
    let (failures, body_dropped, sibling_dropped, body_went_on, at) = run_virtual(|| async {
        let (body_flag, body_guard) = drop_flag();
        let (sibling_flag, sibling_guard) = drop_flag();
        let went_on = Rc::new(Cell::new(false));
        let w = went_on.clone();
        let error = TaskGroup::run(|tg| async move {
            let _guard = body_guard;
            for i in 1..=3 {
                tg.start_named(format!("foo1-{i}"), async {
                    sleep(ms(100)).await;
                    panic!("division by zero");
                });
            }
            tg.start_named("foo2", async move {
                let _guard = sibling_guard;
                sleep(secs(5)).await;
            });
            sleep(secs(10)).await;
            w.set(true);
        })
        .await
        .unwrap_err();
        let failures = error.failures().to_vec();
        (
            failures,
            body_flag.get(),
            sibling_flag.get(),
            went_on.get(),
            now(),
        )
    });
    // CPython warns the three can be racy on a busy host; ours are exact:
    // all three panic in the same turn, before the group looks.
    assert_eq!(
        failures,
        ["foo1-1", "foo1-2", "foo1-3"].map(|t| child_failure(t, "division by zero"))
    );
    assert!(body_dropped, "the body was cancelled");
    assert!(sibling_dropped, "foo2 was cancelled");
    assert!(!body_went_on);
    assert_eq!(at, ms(100), "the group ended at the failure, not after 5 s");
}

// test_cancellation and test_taskgroup_07: cancelling the task that runs
// the group cancels every child (and the body).
#[test]
fn cancelling_the_task_running_the_group_cancels_every_child() {
    let (runner_cancelled, dropped, body_dropped) = run_virtual(|| async {
        let dropped = Rc::new(Cell::new(0));
        let (body_flag, body_guard) = drop_flag();
        let d = dropped.clone();
        let runner = spawn(async move {
            TaskGroup::run(|tg| async move {
                let _guard = body_guard;
                for _ in 0..5 {
                    let counter = Counter(d.clone());
                    tg.start(async move {
                        let _counter = counter;
                        sleep(secs(5)).await;
                    });
                }
                sleep(secs(10)).await;
            })
            .await
        });
        sleep(ms(100)).await;
        assert!(!runner.done());
        runner.cancel();
        let runner_cancelled = runner.await.unwrap_err().is_cancelled();
        yield_now().await; // the children's turn to be dropped
        (runner_cancelled, dropped.get(), body_flag.get())
    });
    assert!(runner_cancelled);
    assert_eq!(dropped, 5);
    assert!(body_dropped);
}

/// Counts the drops of the futures that hold one.
struct Counter(Rc<Cell<u32>>);

impl Drop for Counter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

// test_taskgroup_09 and test_taskgroup_10: a panic in the body cancels the
// children, and is the group's failure.
#[test]
fn a_panic_in_the_body_cancels_the_children_and_is_reported() {
    for sleep_first in [true, false] {
        let (failures, cancelled) = run_virtual(move || async move {
            let refs: Rc<RefCell<Vec<TaskRef>>> = Rc::default();
            let r = refs.clone();
            let error = TaskGroup::run(|tg| async move {
                let t1 = tg.create_task(sleep(secs(1)));
                let t2 = tg.create_task(sleep(secs(2)));
                r.borrow_mut().extend([t1.task_ref(), t2.task_ref()]);
                if sleep_first {
                    sleep(ms(100)).await;
                }
                panic!("division by zero");
            })
            .await
            .unwrap_err();
            let cancelled = refs.borrow().iter().all(TaskRef::cancelled);
            (error.failures().to_vec(), cancelled)
        });
        assert_eq!(
            failures,
            [Failure {
                task: None,
                message: "division by zero".to_owned()
            }]
        );
        assert!(cancelled, "sleep first: {sleep_first}");
    }
}

/// Panics when dropped: a body whose cleanup fails while it is cancelled.
struct PanicOnDrop;

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("cleanup failed");
    }
}

// test_taskgroup_19: the body, cancelled because a child failed, fails
// again in its cleanup; both failures are reported, the child's first.
#[test]
fn a_body_that_fails_while_cancelled_is_reported_after_the_child() {
    let failures = run_virtual(|| async {
        TaskGroup::run(|tg| async move {
            tg.start_named("crash_soon", async {
                sleep(ms(100)).await;
                panic!("division by zero");
            });
            let _cleanup = PanicOnDrop;
            sleep(secs(10)).await;
        })
        .await
        .unwrap_err()
        .failures()
        .to_vec()
    });
    assert_eq!(
        failures,
        [
            child_failure("crash_soon", "division by zero"),
            Failure {
                task: None,
                message: "cleanup failed".to_owned()
            }
        ]
    );
}

// test_taskgroup_24: children may create more children.
#[test]
fn children_may_create_more_children() {
    let (at, created) = run_virtual(|| async {
        let created = Rc::new(Cell::new(0));
        let c = created.clone();
        TaskGroup::run(|tg| async move {
            let inner = tg.clone();
            tg.start(async move {
                sleep(ms(100)).await;
                for delay in [100, 200] {
                    inner.start(sleep(ms(delay)));
                    c.set(c.get() + 1);
                }
            });
        })
        .await
        .unwrap();
        (now(), created.get())
    });
    assert_eq!(created, 2);
    assert_eq!(at, ms(300), "the grandchildren were awaited too");
}

// taskgroups.py, create_task: "is shutting down" once a child failed,
// "is finished" once the group ended (asyncio raises RuntimeError).
#[test]
fn create_task_is_refused_while_shutting_down_and_after_the_end() {
    let (during, after) = run_virtual(|| async {
        let during: Rc<RefCell<Option<String>>> = Rc::default();
        let kept: Rc<RefCell<Option<TaskGroup>>> = Rc::default();
        let (d, k) = (during.clone(), kept.clone());
        TaskGroup::run(|tg| async move {
            *k.borrow_mut() = Some(tg.clone());
            let again = tg.clone();
            tg.start(async move {
                // Cancelled when its sibling fails; its guard tries to
                // start one more child on the way out.
                let _guard = OnDrop(Box::new(move || {
                    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        drop(again.create_task(async {}));
                    }));
                    *d.borrow_mut() = refused.err().map(|p| message(&*p));
                }));
                pending::<()>().await;
            });
            tg.start(async { panic!("boom") });
        })
        .await
        .unwrap_err();
        let tg = kept.borrow_mut().take().unwrap();
        let after = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            drop(tg.create_task(async {}));
        }))
        .err()
        .map(|p| message(&*p));
        let during = during.borrow().clone();
        (during, after)
    });
    assert!(during.unwrap().ends_with("is shutting down"));
    assert!(after.unwrap().ends_with("is finished"));
}

/// Runs a closure when dropped.
struct OnDrop(Box<dyn FnMut()>);

impl Drop for OnDrop {
    fn drop(&mut self) {
        (self.0)();
    }
}

fn message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

// test_taskgroup_task_name.
#[test]
fn a_child_can_be_named() {
    let name = run_virtual(|| async {
        TaskGroup::run(|tg| async move {
            let task = tg.create_task_named("yolo", yield_now());
            task.name().to_owned()
        })
        .await
        .unwrap()
    });
    assert_eq!(name, "yolo");
}

// The error reads like Python's ExceptionGroup.
#[test]
fn the_error_says_how_many_failures_like_an_exception_group() {
    let texts = run_virtual(|| async {
        let error = TaskGroup::run(|tg| async move {
            tg.start_named("a", async { panic!("one") });
            tg.start_named("b", async { panic!("two") });
        })
        .await
        .unwrap_err();
        let mut texts = vec![error.to_string()];
        texts.extend(error.failures().iter().map(ToString::to_string));
        texts
    });
    assert_eq!(
        texts,
        [
            "unhandled errors in a TaskGroup (2 sub-exceptions)",
            "a panicked: one",
            "b panicked: two"
        ]
    );
}

// `TaskGroup::new` and `join`: create the children first, then wait.
#[test]
fn join_waits_for_a_group_made_with_new() {
    let (outcomes, at) = run_virtual(|| async {
        let tg = TaskGroup::new();
        let a = tg.create_task(sleep(secs(1)));
        let b = tg.create_task(sleep(secs(2)));
        tg.join().await.unwrap();
        ([a.outcome(), b.outcome()], now())
    });
    assert_eq!(outcomes, [Some(Outcome::Returned); 2]);
    assert_eq!(at, secs(2));
}

// test_taskgroups.py: the group retrieves every child's exception itself,
// so a child whose task object was dropped is reported once, in the
// ExceptionGroup. Ours marks the child's panic as retrieved when it lists
// it, so a handle dropped unawaited leaves nothing for the loop to report.
#[test]
fn a_panicking_child_whose_handle_was_dropped_is_reported_once() {
    let (failures, reports) = run_virtual_reporting(|| async {
        TaskGroup::run(|tg| async move {
            drop(tg.create_task_named("dropped", async { panic!("lost") }));
        })
        .await
        .unwrap_err()
        .failures()
        .len()
    });
    assert_eq!(failures, 1);
    assert!(reports.is_empty(), "{reports:?}");
}

// `start` lets the group keep the handle and take the result itself.
#[test]
fn a_child_started_without_a_handle_is_reported_once() {
    let (failures, reports) = run_virtual_reporting(|| async {
        TaskGroup::run(|tg| async move {
            tg.start_named("kept", async { panic!("found") });
        })
        .await
        .unwrap_err()
        .failures()
        .to_vec()
    });
    assert_eq!(failures, [child_failure("kept", "found")]);
    assert!(reports.is_empty(), "{reports:?}");
}
