//! The slow-poll detector names the task that blocked the loop.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{EventLoop, SlowPoll, spawn_named, yield_now};

#[test]
#[cfg_attr(
    miri,
    ignore = "measures polls against a 20 ms threshold, which ordinary polls pass under miri"
)]
fn a_blocking_poll_is_reported_with_its_task_name() {
    let reports: Rc<RefCell<Vec<SlowPoll>>> = Rc::default();
    let event_loop = EventLoop::new();
    event_loop.set_slow_poll_threshold(Some(Duration::from_millis(20)));
    let sink = reports.clone();
    event_loop.set_slow_poll_handler(move |slow| sink.borrow_mut().push(slow.clone()));
    event_loop.run_until_complete(async {
        let blocker = spawn_named("blocker", async {
            // A blocking call inside a task: the whole loop waits for it.
            std::thread::sleep(Duration::from_millis(60));
        });
        let polite = spawn_named("polite", async { yield_now().await });
        blocker.await.unwrap();
        polite.await.unwrap();
    });
    let reports = reports.borrow();
    assert_eq!(
        reports.len(),
        1,
        "only the blocking poll is slow: {reports:?}"
    );
    assert_eq!(reports[0].task, "blocker");
    assert!(reports[0].took >= Duration::from_millis(60));
}

#[test]
fn without_a_threshold_nothing_is_measured() {
    let reports: Rc<RefCell<Vec<SlowPoll>>> = Rc::default();
    let event_loop = EventLoop::new();
    let sink = reports.clone();
    event_loop.set_slow_poll_handler(move |slow| sink.borrow_mut().push(slow.clone()));
    event_loop.run_until_complete(async {
        std::thread::sleep(Duration::from_millis(30));
    });
    assert!(reports.borrow().is_empty());
}
