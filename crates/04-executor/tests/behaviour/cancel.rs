//! `cancel()` drops the task's future at its next turn; dropping a handle
//! does not cancel anything.

use std::cell::Cell;
use std::future::pending;
use std::rc::Rc;

use aio_executor::{run, spawn, yield_now};

/// Counts its own drops: stands for the locals of a suspended task.
struct DropCounter(Rc<Cell<u32>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn cancel_drops_the_future_and_the_awaiting_side_sees_cancelled() {
    let drops = Rc::new(Cell::new(0));
    let d = drops.clone();
    let (cancel_accepted, result_cancelled, flag, drops_seen) = run(async move {
        let guard_drops = d.clone();
        let task = spawn(async move {
            let _guard = DropCounter(guard_drops);
            pending::<()>().await;
        });
        yield_now().await; // let it start and suspend
        assert_eq!(d.get(), 0);
        let accepted = task.cancel();
        let drops_before_turn = d.get();
        let err = (&mut { task }).await.unwrap_err();
        (accepted, err.is_cancelled(), drops_before_turn, d.get())
    });
    assert!(cancel_accepted);
    assert!(result_cancelled);
    // Cancel only requests: the future is dropped at the task's next turn.
    assert_eq!(flag, 0);
    assert_eq!(drops_seen, 1);
    assert_eq!(drops.get(), 1);
}

#[test]
fn cancelling_a_finished_task_returns_false() {
    run(async {
        let task = spawn(async { 7 });
        yield_now().await;
        assert!(task.done());
        assert!(!task.cancel());
        assert!(!task.cancelled());
        assert_eq!(task.await.unwrap(), 7);
    });
}

#[test]
fn dropping_a_handle_does_not_cancel_the_task() {
    let finished = Rc::new(Cell::new(false));
    let f = finished.clone();
    run(async move {
        drop(spawn(async move {
            yield_now().await;
            yield_now().await;
            f.set(true);
        }));
        for _ in 0..3 {
            yield_now().await;
        }
    });
    assert!(finished.get());
}

#[test]
fn a_task_cancelled_before_it_first_runs_never_runs() {
    let ran = Rc::new(Cell::new(false));
    let r = ran.clone();
    let cancelled = run(async move {
        let task = spawn(async move { r.set(true) });
        task.cancel();
        task.await.unwrap_err().is_cancelled()
    });
    assert!(cancelled);
    assert!(!ran.get());
}

#[test]
fn run_cancels_the_tasks_still_alive_when_main_returns() {
    let drops = Rc::new(Cell::new(0));
    let d = drops.clone();
    run(async move {
        for _ in 0..3 {
            let guard = DropCounter(d.clone());
            drop(spawn(async move {
                let _guard = guard;
                pending::<()>().await;
            }));
        }
        yield_now().await;
    });
    assert_eq!(drops.get(), 3);
}

#[test]
fn a_task_ref_cancels_the_task_and_sees_its_outcome_without_taking_the_result() {
    run(async {
        let sleeper = spawn(pending::<()>());
        let watcher = sleeper.task_ref();
        let copy = watcher.clone();
        drop(copy); // dropping a TaskRef cancels nothing
        yield_now().await;
        assert!(!watcher.done());
        assert!(watcher.cancel());
        let err = sleeper.await.unwrap_err();
        assert!(err.is_cancelled());
        assert!(watcher.cancelled());
        assert!(
            !watcher.cancel(),
            "a finished task cannot be cancelled again"
        );

        let quick = spawn(async { 5 });
        let watcher = quick.task_ref();
        yield_now().await;
        assert_eq!(
            watcher.outcome(),
            Some(aio_executor::trace::Outcome::Returned)
        );
        // The result is still there for the handle.
        assert_eq!(quick.await.unwrap(), 5);
    });
}

#[test]
fn cancelling_a_task_as_it_is_dropped_spares_the_task_its_destructor_spawned() {
    use std::cell::RefCell;

    use aio_executor::{JoinHandle, TaskRef, current_task};

    type Spawned = Rc<RefCell<Option<JoinHandle<&'static str>>>>;

    /// Dropped with the cancelled task: spawns a task (which takes the
    /// table place the cancelled one just left), then cancels its own task
    /// again, as a destructor holding a reference to it may.
    struct SpawnThenCancel {
        me: Option<TaskRef>,
        spawned: Spawned,
    }
    impl Drop for SpawnThenCancel {
        fn drop(&mut self) {
            *self.spawned.borrow_mut() = Some(spawn(async { "finished" }));
            if let Some(me) = self.me.take() {
                me.cancel();
            }
        }
    }

    let outcome = run(async {
        let spawned: Spawned = Rc::default();
        let slot = spawned.clone();
        let doomed = spawn(async move {
            let _guard = SpawnThenCancel {
                me: current_task(),
                spawned: slot,
            };
            pending::<()>().await;
        });
        yield_now().await; // it starts, and keeps a reference to itself
        doomed.cancel();
        assert!(doomed.await.unwrap_err().is_cancelled());
        let newcomer = spawned.borrow_mut().take().expect("the destructor ran");
        newcomer.await
    });
    assert_eq!(
        outcome.ok(),
        Some("finished"),
        "the task spawned into the cancelled task's place was cancelled in its stead"
    );
}
