//! Wakes from other threads go through the remote queue and are never lost.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use aio_executor::{EventLoop, ParkDriver, run, spawn, thread_sleep};

/// A future that is ready once another thread sets its flag and wakes it.
struct Flag {
    shared: Arc<FlagState>,
}

#[derive(Default)]
struct FlagState {
    set: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Future for Flag {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Store the waker first, then check: a set that lands in between
        // still finds the waker.
        *self.shared.waker.lock().unwrap() = Some(cx.waker().clone());
        if self.shared.set.load(Ordering::Acquire) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

#[test]
fn many_tasks_woken_from_several_threads_all_finish() {
    const TASKS: usize = 2_000;
    const THREADS: usize = 4;
    let states: Vec<Arc<FlagState>> = (0..TASKS).map(|_| Arc::default()).collect();
    let for_threads = states.clone();
    let finished = run(async move {
        let handles: Vec<_> = states
            .into_iter()
            .map(|shared| spawn(Flag { shared }))
            .collect();
        // Let every task start and suspend before the threads begin.
        aio_executor::yield_now().await;
        let wakers: Vec<_> = (0..THREADS)
            .map(|t| {
                let mine: Vec<_> = for_threads
                    .iter()
                    .skip(t)
                    .step_by(THREADS)
                    .cloned()
                    .collect();
                thread::spawn(move || {
                    for state in mine {
                        state.set.store(true, Ordering::Release);
                        if let Some(waker) = state.waker.lock().unwrap().take() {
                            waker.wake();
                        }
                    }
                })
            })
            .collect();
        let mut finished = 0;
        for handle in handles {
            handle.await.unwrap();
            finished += 1;
        }
        for t in wakers {
            t.join().unwrap();
        }
        finished
    });
    assert_eq!(finished, TASKS);
}

#[test]
fn a_thread_backed_delay_wakes_the_parked_loop() {
    let done = run(async {
        let a = spawn(thread_sleep(Duration::from_millis(20)));
        let b = spawn(thread_sleep(Duration::from_millis(10)));
        a.await.unwrap();
        b.await.unwrap();
        true
    });
    assert!(done);
}

#[test]
fn a_wake_after_the_task_finished_is_harmless() {
    let stale = run(async {
        let waker = spawn(std::future::poll_fn(|cx| Poll::Ready(cx.waker().clone())))
            .await
            .unwrap();
        waker.wake_by_ref(); // the task is gone: nothing happens
        waker
    });
    // Outside the loop, after it closed: still nothing happens.
    stale.wake();
}

#[test]
fn a_park_driver_made_on_one_thread_runs_its_loop_on_another() {
    // `ParkDriver` is `Send`, so it can be made here and the loop built
    // around it on another thread. The remote wake (the helper thread of
    // `thread_sleep`) must unpark the thread the loop runs on, not the one
    // that made the driver.
    let driver = ParkDriver::new();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let event_loop = EventLoop::with_driver(driver);
        event_loop.run_until_complete(thread_sleep(Duration::from_millis(10)));
        done_tx.send(()).unwrap();
    });
    done_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the loop on the other thread was never unparked");
}
