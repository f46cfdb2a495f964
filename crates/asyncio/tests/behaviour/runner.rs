//! `run` and `Runner`, against asyncio's `asyncio.run` and
//! `asyncio.Runner`.

use std::cell::Cell;
use std::panic;
use std::rc::Rc;
use std::time::Duration;

use asyncio::prelude::*;

/// asyncio.Runner: the loop stays open across `run` calls, so a task
/// created in one run goes on in the next.
#[test]
fn a_runner_keeps_its_loop_and_tasks_between_runs() {
    let runner = Runner::with_virtual_clock();
    let ticks = Rc::new(Cell::new(0));
    let ticker = runner.run({
        let ticks = ticks.clone();
        async move {
            let ticker = create_task(async move {
                loop {
                    sleep(Duration::from_secs(1)).await;
                    ticks.set(ticks.get() + 1);
                }
            });
            ticker.task_ref()
        }
    });
    assert_eq!(
        ticks.get(),
        0,
        "the ticker has not slept its first second yet"
    );
    runner.run(sleep(Duration::from_millis(3500)));
    assert_eq!(
        ticks.get(),
        3,
        "the ticker created in the first run should tick in the second"
    );
    assert_eq!(runner.clock().now(), Duration::from_millis(3500));
    assert!(!ticker.done());
}

/// asyncio.Runner.close() (and asyncio.run's end) cancels the tasks left:
/// here their futures are dropped, so their drop guards run.
#[test]
fn closing_a_runner_cancels_the_tasks_left() {
    struct Guard(Rc<Cell<bool>>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let dropped = Rc::new(Cell::new(false));
    let runner = Runner::with_virtual_clock();
    let task = runner.run({
        let dropped = dropped.clone();
        async move {
            create_task(async move {
                let _guard = Guard(dropped);
                sleep(Duration::MAX).await;
            })
            .task_ref()
        }
    });
    assert!(!dropped.get());
    runner.close();
    assert!(
        dropped.get(),
        "closing the runner should drop the task's future"
    );
    assert!(task.cancelled());
}

/// asyncio: `asyncio.run()` and `Runner.run()` refuse to run inside a
/// running loop, with RuntimeError.
#[test]
fn run_inside_a_running_loop_is_refused_with_asyncios_words() {
    let message = asyncio::run(async {
        let payload = panic::catch_unwind(|| asyncio::run(async {})).unwrap_err();
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .unwrap_or_default()
    });
    assert_eq!(message, "run() cannot be called from a running event loop");
    let message = asyncio::run(async {
        let runner = Runner::with_virtual_clock();
        let payload =
            panic::catch_unwind(panic::AssertUnwindSafe(|| runner.run(async {}))).unwrap_err();
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .unwrap_or_default()
    });
    assert_eq!(
        message,
        "Runner.run() cannot be called from a running event loop"
    );
}

/// `run` is on the real clock: a 30 ms sleep takes at least 30 ms.
#[test]
fn run_uses_the_real_clock() {
    let started = std::time::Instant::now();
    asyncio::run(sleep(Duration::from_millis(30)));
    assert!(
        started.elapsed() >= Duration::from_millis(30),
        "asyncio::run slept less than asked"
    );
}
