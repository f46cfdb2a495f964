// Suite for exercise 4.4, mini_loop. Written once, run against the stub
// (`ex04-executor`) and the solution (`sol04-executor`) through a wrapper
// that names the code under test `subject`.

use std::cell::{Cell, RefCell};
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use subject::MiniLoop;

/// Runs `f` under the test kit's watchdog, with a generous limit: a loop that parks with nobody left to unpark it, or spins
/// forever, fails the suite instead of hanging it.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    aio_testkit::watchdog::within(
        Duration::from_secs(10),
        "run() has not returned: a wake was lost (the loop parked and nobody \
         unparked it), or it never stops when every task is done, or a wake \
         waited forever for the queue's lock (see the test \
         a_wake_during_a_poll_finds_the_queue_unlocked)",
        f,
    )
}

type Log = Rc<RefCell<Vec<String>>>;

/// How long a wake made during a poll may wait for the queue's lock before
/// the suite calls it a deadlock. Uncontended, it takes microseconds; this
/// bound only keeps the classic mistake below from hanging the suite.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// Wakes `waker` while a task is being polled, as a task that wakes itself
/// does, and fails at once with the reason if the wake cannot get in.
///
/// The wake runs on a helper thread, so a loop that holds its queue's lock
/// through the poll shows as a wake that never finishes (on the loop's own
/// thread it would simply deadlock, with no message). The panic unwinds
/// out of `run`, which drops the guard and lets the helper finish.
fn wake_during_poll(waker: &Waker) {
    let (done, finished) = std::sync::mpsc::channel();
    let waker = waker.clone();
    thread::spawn(move || {
        waker.wake();
        let _ = done.send(());
    });
    if finished.recv_timeout(LOCK_WAIT).is_err() {
        panic!(
            "a task woke itself while being polled, and the wake could not lock the \
             ready queue: run() holds the queue's lock while it polls. In \
             `while let Some(id) = queue.lock().unwrap().pop_front()` the guard lives \
             for the whole loop body; pop the id in a statement of its own (`let next \
             = queue.lock().unwrap().pop_front();`) so the lock is released before \
             the poll"
        );
    }
}

/// Pending once (waking itself first), then ready: a task's "let the
/// others run".
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        wake_during_poll(cx.waker());
        Poll::Pending
    }
}

/// Ready once another thread, after `delay`, sets the flag and wakes it.
/// Counts its polls, so a loop that polls without being woken shows.
fn woken_from_another_thread(delay: Duration, polls: Rc<Cell<u32>>) -> impl Future<Output = ()> {
    let done = Arc::new(AtomicBool::new(false));
    let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
    let mut started = false;
    poll_fn(move |cx| {
        polls.set(polls.get() + 1);
        // Keep the waker before looking at the flag: a set that lands in
        // between still finds it.
        *waker.lock().unwrap() = Some(cx.waker().clone());
        if done.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        if !started {
            started = true;
            let (done, waker) = (done.clone(), waker.clone());
            thread::spawn(move || {
                thread::sleep(delay);
                done.store(true, Ordering::Release);
                let waker = waker.lock().unwrap().take();
                if let Some(waker) = waker {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    })
}

#[test]
fn spawn_schedules_the_task_and_does_not_run_it() {
    let (before_run, after_run) = within(|| {
        let ran = Rc::new(Cell::new(false));
        let mut mini = MiniLoop::new();
        let flag = ran.clone();
        mini.spawn(async move { flag.set(true) });
        let before = ran.get();
        mini.run();
        (before, ran.get())
    });
    assert!(!before_run, "spawn must only queue the task; run polls it");
    assert!(after_run, "run must poll the spawned task");
}

#[test]
fn spawn_returns_a_new_id_each_time() {
    let ids = within(|| {
        let mut mini = MiniLoop::new();
        let ids = [
            mini.spawn(async {}),
            mini.spawn(async {}),
            mini.spawn(async {}),
        ];
        mini.run();
        ids
    });
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "spawn gave two tasks the same id ({ids:?}): each task needs an id of its own, \
         or a wake would poll the wrong task"
    );
}

#[test]
fn a_wake_during_a_poll_finds_the_queue_unlocked() {
    let polls = within(|| {
        let polls = Rc::new(Cell::new(0));
        let mut mini = MiniLoop::new();
        let counted = polls.clone();
        mini.spawn(poll_fn(move |cx| {
            counted.set(counted.get() + 1);
            if counted.get() == 1 {
                wake_during_poll(cx.waker());
                return Poll::Pending;
            }
            Poll::Ready(())
        }));
        mini.run();
        polls.get()
    });
    assert_eq!(
        polls, 2,
        "a task that woke itself once must be polled exactly twice: once to start, \
         once after its wake"
    );
}

#[test]
fn run_with_no_tasks_returns_at_once() {
    within(|| MiniLoop::new().run());
}

#[test]
fn ready_tasks_run_in_the_order_they_became_ready() {
    let lines = within(|| {
        let log: Log = Rc::default();
        let mut mini = MiniLoop::new();
        for n in 1..=3 {
            let log = log.clone();
            mini.spawn(async move {
                for step in 1..=3 {
                    log.borrow_mut().push(format!("task {n} step {step}"));
                    YieldOnce(false).await;
                }
            });
        }
        mini.run();
        log.take()
    });
    let expected: Vec<String> = (1..=3)
        .flat_map(|step| (1..=3).map(move |n| format!("task {n} step {step}")))
        .collect();
    assert_eq!(
        lines, expected,
        "first in, first out: a woken task goes to the back"
    );
}

#[test]
fn a_wake_from_another_thread_reaches_the_parked_loop() {
    let polls = within(|| {
        let polls = Rc::new(Cell::new(0));
        let mut mini = MiniLoop::new();
        mini.spawn(woken_from_another_thread(
            Duration::from_millis(30),
            polls.clone(),
        ));
        mini.run();
        polls.get()
    });
    assert_eq!(
        polls, 2,
        "one poll to start, one after the wake: a loop that polls without a wake is busy-waiting"
    );
}

#[test]
fn a_wake_that_races_the_park_is_never_lost() {
    // The helper thread wakes at once, so its wake lands before, during or
    // after the loop's park, differently on every round.
    within(|| {
        for _ in 0..300 {
            let mut mini = MiniLoop::new();
            mini.spawn(woken_from_another_thread(Duration::ZERO, Rc::default()));
            mini.run();
        }
    });
}

#[test]
fn many_tasks_woken_from_several_threads_all_finish() {
    let finished = within(|| {
        let finished = Rc::new(Cell::new(0));
        let mut mini = MiniLoop::new();
        for n in 0..200u64 {
            let finished = finished.clone();
            let delay = Duration::from_millis(n % 7);
            mini.spawn(async move {
                woken_from_another_thread(delay, Rc::default()).await;
                finished.set(finished.get() + 1);
            });
        }
        mini.run();
        finished.get()
    });
    assert_eq!(
        finished, 200,
        "run() returned before every task woken from another thread had finished"
    );
}

#[test]
fn a_late_wake_for_a_finished_task_is_ignored() {
    let lines = within(|| {
        let log: Log = Rc::default();
        let stash: Rc<RefCell<Option<Waker>>> = Rc::default();
        let mut mini = MiniLoop::new();
        let (early_log, early_stash) = (log.clone(), stash.clone());
        mini.spawn(poll_fn(move |cx| {
            // Keeps a copy of its waker, and finishes at once.
            *early_stash.borrow_mut() = Some(cx.waker().clone());
            early_log.borrow_mut().push("short task done".to_owned());
            Poll::Ready(())
        }));
        let late_log = log.clone();
        mini.spawn(async move {
            YieldOnce(false).await;
            // The first task is gone; its waker still works, and must do
            // no harm.
            if let Some(waker) = stash.borrow_mut().take() {
                wake_during_poll(&waker);
            }
            YieldOnce(false).await;
            late_log.borrow_mut().push("second task done".to_owned());
        });
        mini.run();
        log.take()
    });
    assert_eq!(
        lines,
        ["short task done", "second task done"],
        "a wake for a task that had already finished must do nothing: look it up, and \
         skip an id that is no longer in the table"
    );
}
