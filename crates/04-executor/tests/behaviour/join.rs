//! A task's handle carries its value out, or its panic.

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::{EventLoop, ExceptionContext, run, spawn, yield_now};

#[test]
fn awaiting_a_handle_gives_the_tasks_value() {
    let sum = run(async {
        let handles: Vec<_> = (1..=10u64).map(|n| spawn(async move { n * n })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap();
        }
        sum
    });
    assert_eq!(sum, 385);
}

#[test]
fn a_panicking_task_does_not_take_the_loop_down() {
    let outcome = run(async {
        let bad = spawn(async {
            yield_now().await;
            panic!("the disk is full");
        });
        let good = spawn(async { "still here" });
        let err = bad.await.unwrap_err();
        (
            err.is_panic(),
            err.panic_message().map(str::to_owned),
            good.await.unwrap(),
        )
    });
    assert_eq!(
        outcome,
        (true, Some("the disk is full".to_owned()), "still here")
    );
}

#[test]
fn a_panic_nobody_retrieves_is_reported_to_the_exception_handler() {
    let reports: Rc<RefCell<Vec<ExceptionContext>>> = Rc::default();
    let event_loop = EventLoop::new();
    let sink = reports.clone();
    event_loop.set_exception_handler(move |context| sink.borrow_mut().push(context.clone()));
    event_loop.run_until_complete(async {
        drop(aio_executor::spawn_named("doomed", async {
            panic!("nobody looks at me");
        }));
        yield_now().await;
        yield_now().await;
    });
    assert_eq!(
        *reports.borrow(),
        [ExceptionContext {
            message: "Task exception was never retrieved",
            task: Some("doomed".to_owned()),
            panic: "nobody looks at me".to_owned(),
        }]
    );
}

#[test]
fn a_retrieved_panic_is_not_reported_again() {
    let reports: Rc<RefCell<Vec<ExceptionContext>>> = Rc::default();
    let event_loop = EventLoop::new();
    let sink = reports.clone();
    event_loop.set_exception_handler(move |context| sink.borrow_mut().push(context.clone()));
    let seen = event_loop
        .run_until_complete(async { spawn(async { panic!("looked at") }).await.is_err() });
    assert!(seen);
    assert!(reports.borrow().is_empty());
}

#[test]
fn the_main_futures_panic_comes_out_of_run() {
    let caught = std::panic::catch_unwind(|| run(async { panic!("main failed") }));
    let payload = caught.unwrap_err();
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"main failed"));
}

#[test]
fn tasks_are_named_like_asyncio_names_them() {
    let names = run(async {
        let a = spawn(async {});
        let b = aio_executor::spawn_named("fetcher", async {});
        (a.name().to_owned(), b.name().to_owned(), format!("{a:?}"))
    });
    // The main future is Task-1, as in a fresh asyncio.run.
    assert_eq!(names.0, "Task-2");
    assert_eq!(names.1, "fetcher");
    assert_eq!(names.2, "<Task pending name='Task-2'>");
}

#[test]
#[cfg_attr(
    miri,
    ignore = "miri gives each use of a waker's vtable its own address, so comparing wakers by address (will_wake) finds no match"
)]
fn a_forgotten_waker_is_let_go_and_not_woken_and_the_others_still_are() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Context, Wake, Waker};

    /// Counts its wakes, and the drops of its clones (through the `Arc`).
    #[derive(Default)]
    struct Watcher {
        wakes: AtomicUsize,
    }
    impl Wake for Watcher {
        fn wake(self: Arc<Self>) {
            self.wakes.fetch_add(1, Ordering::SeqCst);
        }
    }

    let (forgotten, kept) = (Arc::new(Watcher::default()), Arc::new(Watcher::default()));
    run({
        let (forgotten, kept) = (forgotten.clone(), kept.clone());
        async move {
            let task = spawn(async { yield_now().await });
            let watcher = task.task_ref();
            for waker in [Waker::from(forgotten.clone()), Waker::from(kept.clone())] {
                let pending = watcher.poll_done(&mut Context::from_waker(&waker));
                assert!(pending.is_pending());
            }
            assert_eq!(watcher.waiter_count(), 2);
            // Ours, the one this future holds, and the task's clone.
            assert_eq!(Arc::strong_count(&forgotten), 3);
            watcher.forget_waker(&Waker::from(forgotten.clone()));
            assert_eq!(watcher.waiter_count(), 1);
            assert_eq!(
                Arc::strong_count(&forgotten),
                2,
                "the task let its clone go"
            );
            // A waker the task does not hold: nothing happens.
            watcher.forget_waker(Waker::noop());
            assert_eq!(watcher.waiter_count(), 1);
            task.await.expect("the task returned");
        }
    });
    assert_eq!(forgotten.wakes.load(Ordering::SeqCst), 0);
    assert_eq!(kept.wakes.load(Ordering::SeqCst), 1);
}
