//! Wakes from other threads go through the remote queue and are never lost.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use aio_executor::{Driver, EventLoop, ParkDriver, Unpark, run, spawn, thread_sleep};

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

/// A `ParkDriver` that counts the unparks wakes ask of it.
#[derive(Debug)]
struct CountingDriver {
    inner: ParkDriver,
    unparks: Arc<AtomicUsize>,
}

struct CountingUnpark {
    inner: Arc<dyn Unpark>,
    unparks: Arc<AtomicUsize>,
}

impl Unpark for CountingUnpark {
    fn unpark(&self) {
        self.unparks.fetch_add(1, Ordering::SeqCst);
        self.inner.unpark();
    }
}

impl Driver for CountingDriver {
    fn park(&mut self, timeout: Option<Duration>) {
        self.inner.park(timeout);
    }
    fn unparker(&self) -> Arc<dyn Unpark> {
        Arc::new(CountingUnpark {
            inner: self.inner.unparker(),
            unparks: Arc::clone(&self.unparks),
        })
    }
    fn enter(&self) {
        self.inner.enter();
    }
}

/// A loop, not running, with one task suspended for good: the task's waker,
/// how many unparks wakes asked for, and how many times the task was polled.
struct Idle {
    event_loop: EventLoop<CountingDriver>,
    unparks: Arc<AtomicUsize>,
    polls: Rc<Cell<usize>>,
    waker: Waker,
}

fn idle_loop_with_a_waiting_task() -> Idle {
    let unparks = Arc::new(AtomicUsize::new(0));
    let event_loop = EventLoop::with_driver(CountingDriver {
        inner: ParkDriver::new(),
        unparks: Arc::clone(&unparks),
    });
    let polls = Rc::new(Cell::new(0));
    let waker: Rc<RefCell<Option<Waker>>> = Rc::default();
    let (count, slot) = (Rc::clone(&polls), Rc::clone(&waker));
    let waiting = event_loop.spawn(std::future::poll_fn(move |cx| {
        count.set(count.get() + 1);
        *slot.borrow_mut() = Some(cx.waker().clone());
        Poll::<()>::Pending
    }));
    drop(waiting); // dropping the handle does not cancel the task
    // The task was queued first, so it is polled before main returns.
    event_loop.run_until_complete(aio_executor::yield_now());
    let waker = waker.borrow_mut().take().expect("the task was polled");
    Idle {
        event_loop,
        unparks,
        polls,
        waker,
    }
}

/// Wakes `waker` `times` times from another thread.
fn wake_from_another_thread(waker: &Waker, times: usize) {
    let waker = waker.clone();
    thread::spawn(move || {
        for _ in 0..times {
            waker.wake_by_ref();
        }
    })
    .join()
    .unwrap();
}

#[test]
fn remote_wakes_before_the_loop_drains_queue_the_task_once() {
    let idle = idle_loop_with_a_waiting_task();
    let queued = idle.event_loop.remote_queue_len_probe();
    assert_eq!(idle.polls.get(), 1);

    wake_from_another_thread(&idle.waker, 1_000);
    assert_eq!(queued(), 1, "one entry for a thousand wakes");
    assert_eq!(idle.unparks.load(Ordering::SeqCst), 1, "one unpark too");

    idle.event_loop.run_once();
    assert_eq!(idle.polls.get(), 2, "the wakes are answered by one poll");
    assert_eq!(queued(), 0);

    // Once drained, the next wake queues the task again.
    wake_from_another_thread(&idle.waker, 1);
    assert_eq!(queued(), 1);
    idle.event_loop.run_once();
    assert_eq!(idle.polls.get(), 3);
}

#[test]
fn wakes_after_the_loop_is_gone_cost_nothing() {
    // Miri runs this too, a thousand times slower.
    const WAKES: usize = if cfg!(miri) { 1_000 } else { 1_000_000 };
    let idle = idle_loop_with_a_waiting_task();
    let queued = idle.event_loop.remote_queue_len_probe();
    wake_from_another_thread(&idle.waker, 1);
    assert_eq!(queued(), 1);

    drop(idle.event_loop);
    assert_eq!(queued(), 0, "closing the loop lets go of the queued wakes");

    let unparks_before = idle.unparks.load(Ordering::SeqCst);
    wake_from_another_thread(&idle.waker, WAKES);
    assert_eq!(queued(), 0, "a stale waker queues nothing");
    assert_eq!(
        idle.unparks.load(Ordering::SeqCst),
        unparks_before,
        "nor unparks a driver that no loop parks in"
    );
}
