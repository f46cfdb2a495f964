//! CPython's own tests of these primitives (Lib/test/test_asyncio/
//! test_locks.py and test_queues.py), ported step by step: the same tasks,
//! the same `await asyncio.sleep(0)` turns (our `yield_now`), and the same
//! states checked after each turn. Each test names the one it ports.
//!
//! One difference is Rust's, and shows in one test: asyncio's
//! `task.cancel()` cancels the future the task awaits at once, so a
//! `release()` right after it already skips that waiter; our `cancel()`
//! drops the task's future when the loop reaches it, so the release still
//! chooses the cancelled waiter, whose `Drop` passes the lock on: the same
//! end, one loop turn later.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use aio_executor::{call_soon, spawn, yield_now};
use aio_queues::{Barrier, BrokenBarrierError, Condition, Event, Lock, Queue, Semaphore};

use crate::support::run;

type Log = Rc<RefCell<Vec<u32>>>;

/// Ports test_locks.py LockTests.test_acquire.
#[test]
fn lock_test_acquire() {
    run(|| async {
        let lock = Lock::new();
        let result: Log = Rc::default();
        lock.acquire().await.forget();
        let task = |n: u32| {
            let (lock, result) = (lock.clone(), result.clone());
            spawn(async move {
                lock.acquire().await.forget();
                result.borrow_mut().push(n);
            })
        };
        let t1 = task(1);
        let t2 = task(2);
        yield_now().await;
        assert_eq!(*result.borrow(), []);
        lock.release();
        yield_now().await;
        assert_eq!(*result.borrow(), [1]);
        yield_now().await;
        assert_eq!(*result.borrow(), [1]);
        let t3 = task(3);
        lock.release();
        yield_now().await;
        assert_eq!(*result.borrow(), [1, 2]);
        lock.release();
        yield_now().await;
        assert_eq!(*result.borrow(), [1, 2, 3]);
        assert!(t1.done() && t2.done() && t3.done());
    });
}

/// Ports test_locks.py LockTests.test_finished_waiter_cancelled: a waiter
/// woken and cancelled must not strand the next one. asyncio has the lock
/// taken after one turn; we need two (see the module's note).
#[test]
fn lock_test_finished_waiter_cancelled() {
    run(|| async {
        let lock = Lock::new();
        lock.acquire().await.forget();
        let l = lock.clone();
        let tb = spawn(async move { l.acquire().await.forget() });
        yield_now().await;
        let l = lock.clone();
        let tc = spawn(async move { l.acquire().await.forget() });
        tb.cancel();
        lock.release();
        yield_now().await;
        yield_now().await; // the extra turn
        assert!(lock.locked());
        assert!(tb.cancelled());
        tc.await.unwrap();
    });
}

/// Ports test_locks.py LockTests.test_cancel_release_race (bpo-32734):
/// cancel the first waiter and release in one callback; exactly one of the
/// remaining waiters gets the lock.
#[test]
fn lock_test_cancel_release_race() {
    run(|| async {
        let lock = Lock::new();
        let (lock_count, call_count) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        lock.acquire().await.forget();
        let lockit = || {
            let (lock, locks, calls) = (lock.clone(), lock_count.clone(), call_count.clone());
            spawn(async move {
                calls.set(calls.get() + 1);
                lock.acquire().await.forget();
                locks.set(locks.get() + 1);
            })
        };
        // The callback cancels t1 and releases, in one step, as CPython's
        // `trigger` does; t1's handle waits in a cell until main takes it.
        let t1 = Rc::new(RefCell::new(Some(lockit())));
        let t2 = lockit();
        let t3 = lockit();
        yield_now().await;
        let (t1c, l) = (t1.clone(), lock.clone());
        let _ = call_soon(move || {
            t1c.borrow().as_ref().expect("main takes it later").cancel();
            l.release();
        });
        yield_now().await; // the callback runs
        let t1 = t1.borrow_mut().take().expect("still here");
        assert!(t1.await.unwrap_err().is_cancelled());
        assert_eq!(lock_count.get(), 1);
        assert_eq!(call_count.get(), 3);
        assert!(t2.done());
        t3.cancel();
        yield_now().await;
        assert!(t3.cancelled());
    });
}

/// Ports test_locks.py EventTests.test_wait: a task created before `set`
/// and not yet started runs first, then the woken waiters in order.
#[test]
fn event_test_wait() {
    run(|| async {
        let event = Event::new();
        let result: Log = Rc::default();
        let task = |n: u32| {
            let (event, result) = (event.clone(), result.clone());
            spawn(async move {
                event.wait().await;
                result.borrow_mut().push(n);
            })
        };
        let t1 = task(1);
        let t2 = task(2);
        yield_now().await;
        assert_eq!(*result.borrow(), []);
        let t3 = task(3);
        event.set();
        yield_now().await;
        assert_eq!(*result.borrow(), [3, 1, 2]);
        assert!(t1.done() && t2.done() && t3.done());
    });
}

/// Ports test_locks.py EventTests.test_clear_with_waiters.
#[test]
fn event_test_clear_with_waiters() {
    run(|| async {
        let event = Event::new();
        let result: Log = Rc::default();
        let (e, r) = (event.clone(), result.clone());
        let t = spawn(async move {
            e.wait().await;
            r.borrow_mut().push(1);
        });
        yield_now().await;
        assert_eq!(*result.borrow(), []);
        event.set();
        event.clear();
        assert!(!event.is_set());
        event.set();
        event.set();
        assert!(format!("{event:?}").contains("waiters: 1"), "{event:?}");
        yield_now().await;
        assert_eq!(*result.borrow(), [1]);
        assert!(format!("{event:?}").contains("waiters: 0"), "{event:?}");
        assert!(t.done());
    });
}

/// Ports test_locks.py ConditionTests.test_wait. The waiters return from
/// `wait` holding the lock and keep it (asyncio's locks belong to no task),
/// so main's `release` hands it from one to the next.
#[test]
fn condition_test_wait() {
    run(|| async {
        let cond = Condition::new();
        let result: Log = Rc::default();
        let tasks: Vec<_> = (1..=3)
            .map(|n| {
                let (cond, result) = (cond.clone(), result.clone());
                spawn(async move {
                    let g = cond.acquire().await;
                    cond.wait(g).await.forget();
                    result.borrow_mut().push(n);
                })
            })
            .collect();
        yield_now().await;
        assert_eq!(*result.borrow(), []);
        assert!(!cond.locked());

        cond.acquire().await.forget();
        cond.notify(1);
        yield_now().await;
        assert_eq!(*result.borrow(), []);
        assert!(cond.locked());

        cond.lock().release();
        yield_now().await;
        assert_eq!(*result.borrow(), [1]);
        assert!(cond.locked());

        cond.notify(2);
        yield_now().await;
        assert_eq!(*result.borrow(), [1]);
        assert!(cond.locked());

        cond.lock().release();
        yield_now().await;
        assert_eq!(*result.borrow(), [1, 2]);
        assert!(cond.locked());

        cond.lock().release();
        yield_now().await;
        assert_eq!(*result.borrow(), [1, 2, 3]);
        assert!(cond.locked());
        assert!(tasks.iter().all(|t| t.done()));
    });
}

/// Ports test_locks.py SemaphoreTests.test_acquire: two releases hand
/// their permits straight to the two first waiters; the value stays 0.
#[test]
fn semaphore_test_acquire() {
    run(|| async {
        let sem = Semaphore::new(3);
        let result: Log = Rc::default();
        sem.acquire().await.forget();
        sem.acquire().await.forget();
        assert!(!sem.locked());
        let task = |n: u32| {
            let (sem, result) = (sem.clone(), result.clone());
            spawn(async move {
                sem.acquire().await.forget();
                result.borrow_mut().push(n);
            })
        };
        let t1 = task(1);
        let t2 = task(2);
        let t3 = task(3);
        yield_now().await;
        assert_eq!(*result.borrow(), [1]);
        assert!(sem.locked());
        assert!(format!("{sem:?}").contains("value: 0, bound: None, waiters: 2"));

        let t4 = task(4);
        sem.release();
        sem.release();
        assert!(format!("{sem:?}").contains("value: 0"));
        yield_now().await;
        assert_eq!(result.borrow().len(), 3);
        assert!(sem.locked());
        assert!(format!("{sem:?}").contains("value: 0, bound: None, waiters: 1"));
        assert!(t1.done());
        let racers = [&t2, &t3, &t4];
        assert_eq!(racers.iter().filter(|t| t.done()).count(), 2);
        sem.release();
        for t in [t2, t3, t4] {
            t.await.unwrap();
        }
    });
}

/// Ports test_locks.py SemaphoreTests.test_acquire_cancel_before_awoken.
#[test]
fn semaphore_test_acquire_cancel_before_awoken() {
    run(|| async {
        let sem = Semaphore::new(0);
        let t: Vec<_> = (0..4)
            .map(|_| {
                let sem = sem.clone();
                spawn(async move { sem.acquire().await.forget() })
            })
            .collect();
        yield_now().await;
        t[0].cancel();
        t[1].cancel();
        sem.release();
        yield_now().await;
        yield_now().await;
        assert!(t[2].done());
        assert!(!t[3].done());
        t[2].cancel();
        t[3].cancel();
        yield_now().await;
    });
}

/// Ports test_locks.py SemaphoreTests.test_acquire_hang.
#[test]
fn semaphore_test_acquire_hang() {
    run(|| async {
        let sem = Semaphore::new(0);
        let (s1, s2) = (sem.clone(), sem.clone());
        let t1 = spawn(async move { s1.acquire().await.forget() });
        let t2 = spawn(async move { s2.acquire().await.forget() });
        yield_now().await;
        t1.cancel();
        sem.release();
        yield_now().await;
        yield_now().await;
        assert!(sem.locked());
        assert!(t2.done());
    });
}

/// Ports test_locks.py SemaphoreTests.test_acquire_fifo_order_2: a task
/// that releases and asks again goes behind the waiter already woken.
#[test]
fn semaphore_test_acquire_fifo_order_2() {
    let result = run(|| async {
        let sem = Semaphore::new(1);
        let result: Log = Rc::default();
        let (s, r) = (sem.clone(), result.clone());
        let t1 = spawn(async move {
            s.acquire().await.forget();
            r.borrow_mut().push(1);
        });
        let (s, r) = (sem.clone(), result.clone());
        let t2 = spawn(async move {
            s.acquire().await.forget();
            r.borrow_mut().push(2);
            s.release();
            s.acquire().await.forget();
            r.borrow_mut().push(4);
        });
        let (s, r) = (sem.clone(), result.clone());
        let t3 = spawn(async move {
            s.acquire().await.forget();
            r.borrow_mut().push(3);
        });
        yield_now().await;
        sem.release();
        sem.release();
        for t in [t1, t2, t3] {
            t.await.unwrap();
        }
        result.take()
    });
    assert_eq!(result, [1, 2, 3, 4]);
}

/// Ports test_locks.py SemaphoreTests.test_acquire_fifo_order_3.
#[test]
fn semaphore_test_acquire_fifo_order_3() {
    let result = run(|| async {
        let sem = Semaphore::new(0);
        let result: Log = Rc::default();
        let tasks: Vec<_> = (1..=3)
            .map(|n| {
                let (sem, result) = (sem.clone(), result.clone());
                spawn(async move {
                    sem.acquire().await.forget();
                    result.borrow_mut().push(n);
                })
            })
            .collect();
        yield_now().await;
        tasks[0].cancel();
        yield_now().await;
        sem.release();
        sem.release();
        for t in tasks {
            let _ = t.await;
        }
        result.take()
    });
    assert_eq!(result, [2, 3]);
}

/// Ports test_queues.py test_get_cancel_drop_one_pending_reader: a reader
/// woken for item 1 and cancelled must not lose it; the next reader gets 1.
#[test]
fn queue_test_get_cancel_drop_one_pending_reader() {
    let got = run(|| async {
        let q = Queue::new(0);
        let q1 = q.clone();
        let reader = spawn(async move { q1.get().await.unwrap() });
        yield_now().await;
        q.put_nowait(1).unwrap();
        q.put_nowait(2).unwrap();
        reader.cancel();
        assert!(reader.await.unwrap_err().is_cancelled());
        let q2 = q.clone();
        spawn(async move { q2.get().await.unwrap() }).await.unwrap()
    });
    assert_eq!(got, 1, "getting 2 would mean 1 was dropped");
}

/// Ports test_queues.py test_get_cancel_drop_many_pending_readers.
#[test]
fn queue_test_get_cancel_drop_many_pending_readers() {
    let (r2, r3) = run(|| async {
        let q = Queue::new(0);
        let readers: Vec<_> = (0..3)
            .map(|_| {
                let q = q.clone();
                spawn(async move { q.get().await.unwrap() })
            })
            .collect();
        yield_now().await;
        q.put_nowait(1).unwrap();
        q.put_nowait(2).unwrap();
        readers[0].cancel();
        let mut readers = readers.into_iter();
        assert!(readers.next().unwrap().await.unwrap_err().is_cancelled());
        let r2 = readers.next().unwrap();
        let r3 = readers.next().unwrap().await.unwrap();
        (r2.await.unwrap(), r3)
    });
    let mut got = [r2, r3];
    got.sort();
    assert_eq!(got, [1, 2]);
}

/// Ports test_queues.py test_put_cancel_drop: a writer woken by a `get`
/// and cancelled, then tried again, puts its item exactly once.
#[test]
fn queue_test_put_cancel_drop() {
    run(|| async {
        let q = Queue::new(1);
        q.put_nowait(1).unwrap();
        let q1 = q.clone();
        let writer = spawn(async move { q1.put(2).await.unwrap() });
        yield_now().await;
        assert_eq!(q.get_nowait(), Ok(1));
        writer.cancel();
        assert!(writer.await.unwrap_err().is_cancelled());
        let q2 = q.clone();
        spawn(async move { q2.put(2).await.unwrap() })
            .await
            .unwrap();
        assert_eq!(q.get_nowait(), Ok(2));
        assert_eq!(q.qsize(), 0);
    });
}

/// Ports test_queues.py test_put_cancelled_race.
#[test]
fn queue_test_put_cancelled_race() {
    run(|| async {
        let q = Queue::new(1);
        let put = |item: &'static str| {
            let q = q.clone();
            spawn(async move { q.put(item).await.unwrap() })
        };
        let (put_a, put_b, put_c) = (put("a"), put("b"), put("X"));
        yield_now().await;
        assert!(put_a.done());
        assert!(!put_b.done());
        put_c.cancel();
        yield_now().await;
        assert!(put_c.done());
        assert_eq!(q.get_nowait(), Ok("a"));
        yield_now().await;
        assert_eq!(q.get_nowait(), Ok("b"));
        put_b.await.unwrap();
    });
}

/// Ports test_queues.py test_get_cancelled_race.
#[test]
fn queue_test_get_cancelled_race() {
    let got = run(|| async {
        let q = Queue::new(0);
        let (q1, q2) = (q.clone(), q.clone());
        let t1 = spawn(async move { q1.get().await.unwrap() });
        let t2 = spawn(async move { q2.get().await.unwrap() });
        yield_now().await;
        t1.cancel();
        yield_now().await;
        assert!(t1.done());
        q.put("a").await.unwrap();
        yield_now().await;
        t2.await.unwrap()
    });
    assert_eq!(got, "a");
}

/// Ports test_queues.py test_why_are_putters_waiting: a getter that
/// empties the queue with `get_nowait` must wake every blocked putter.
#[test]
fn queue_test_why_are_putters_waiting() {
    run(|| async {
        let q = Queue::new(2);
        let qg = q.clone();
        let getter = spawn(async move {
            yield_now().await;
            for _ in 0..qg.qsize() {
                qg.get_nowait().unwrap();
            }
        });
        let putters: Vec<_> = (0..4)
            .map(|n| {
                let q = q.clone();
                spawn(async move { q.put(n).await.unwrap() })
            })
            .collect();
        getter.await.unwrap();
        for p in putters {
            p.await.unwrap();
        }
        assert_eq!(q.qsize(), 2);
    });
}

/// Spawns `n` copies of the task `make` builds and awaits them all, in
/// order (what `asyncio.gather` does for these tests).
async fn gather<F, T>(n: usize, make: impl Fn() -> F) -> Vec<T>
where
    F: std::future::Future<Output = T> + 'static,
    T: 'static,
{
    let tasks: Vec<_> = (0..n).map(|_| spawn(make())).collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

const N: usize = 5;

/// Ports test_locks.py BarrierTests.test_filling_tasks_cancel_one.
#[test]
fn barrier_test_filling_tasks_cancel_one() {
    run(|| async {
        let barrier = Barrier::new(3);
        let results = Rc::new(Cell::new(0));
        let coro = || {
            let (b, r) = (barrier.clone(), results.clone());
            spawn(async move {
                b.wait().await.unwrap();
                r.set(r.get() + 1);
            })
        };
        let t1 = coro();
        yield_now().await;
        assert_eq!(barrier.n_waiting(), 1);
        let t2 = coro();
        yield_now().await;
        assert_eq!(barrier.n_waiting(), 2);
        t1.cancel();
        yield_now().await;
        assert_eq!(barrier.n_waiting(), 1);
        assert!(t1.await.unwrap_err().is_cancelled());
        let t3 = coro();
        yield_now().await;
        assert_eq!(barrier.n_waiting(), 2);
        let t4 = coro();
        for t in [t2, t3, t4] {
            t.await.unwrap();
        }
        assert_eq!(results.get(), 3);
        assert_eq!(barrier.n_waiting(), 0);
        assert!(!barrier.broken());
    });
}

/// Ports test_locks.py BarrierTests.test_draining_state: every task but
/// the last one out sees the barrier draining.
#[test]
fn barrier_test_draining_state() {
    let results = run(|| async {
        let barrier = Barrier::new(N);
        // In the order the tasks leave the barrier, not the order they came.
        let seen = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = (0..N)
            .map(|_| {
                let (b, seen) = (barrier.clone(), seen.clone());
                spawn(async move {
                    b.wait().await.unwrap();
                    seen.borrow_mut()
                        .push(format!("{b:?}").contains("Draining"));
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(barrier.n_waiting(), 0);
        seen.take()
    });
    assert_eq!(results, [true, true, true, true, false]);
}

/// Ports test_locks.py BarrierTests.test_blocking_tasks_while_draining:
/// tasks that come back while the barrier drains wait at the door.
#[test]
fn barrier_test_blocking_tasks_while_draining() {
    run(|| async {
        let rewait = 2;
        let barrier = Barrier::new(N);
        let barrier_nowaiting = Barrier::new(N - rewait);
        let rewait_n = Rc::new(Cell::new(rewait));
        gather(N, || {
            let (b, nb, r) = (barrier.clone(), barrier_nowaiting.clone(), rewait_n.clone());
            async move {
                b.wait().await.unwrap();
                if r.get() > 0 {
                    r.set(r.get() - 1);
                    b.wait().await.unwrap();
                } else {
                    nb.wait().await.unwrap();
                    b.wait().await.unwrap();
                }
            }
        })
        .await;
    });
}

/// Ports test_locks.py BarrierTests.test_reset_barrier_while_tasks_waiting.
#[test]
fn barrier_test_reset_barrier_while_tasks_waiting() {
    run(|| async {
        let barrier = Barrier::new(N);
        let tasks: Vec<_> = (0..N - 1)
            .map(|_| {
                let b = barrier.clone();
                spawn(async move { b.wait().await })
            })
            .collect();
        yield_now().await;
        let b = barrier.clone();
        let _reset = spawn(async move { b.reset() });
        for t in tasks {
            assert_eq!(t.await.unwrap(), Err(BrokenBarrierError));
        }
        assert_eq!(barrier.n_waiting(), 0);
        assert!(!format!("{barrier:?}").contains("Resetting"));
        assert!(!barrier.broken());
    });
}

/// Ports test_locks.py BarrierTests.test_reset_barrier_while_tasks_draining.
#[test]
fn barrier_test_reset_barrier_while_tasks_draining() {
    let (r1, r2, r3) = run(|| async {
        let barrier = Barrier::new(N);
        let (r1, r2, r3) = (
            Rc::new(Cell::new(0)),
            Rc::new(Cell::new(0)),
            Rc::new(Cell::new(0)),
        );
        let count = Rc::new(Cell::new(0));
        gather(N, || {
            let (b, count) = (barrier.clone(), count.clone());
            let (r1, r2, r3) = (r1.clone(), r2.clone(), r3.clone());
            async move {
                b.wait().await.unwrap();
                count.set(count.get() + 1);
                if count.get() == N {
                    b.reset(); // the last one out
                    b.wait().await.unwrap();
                } else {
                    match b.wait().await {
                        Ok(_) => r1.set(r1.get() + 1),
                        Err(_) => r2.set(r2.get() + 1),
                    }
                }
                b.wait().await.unwrap();
                r3.set(r3.get() + 1);
            }
        })
        .await;
        assert!(!barrier.broken());
        assert_eq!(barrier.n_waiting(), 0);
        (r1.get(), r2.get(), r3.get())
    });
    assert_eq!((r1, r2, r3), (N - 1, 0, N));
}

/// Ports test_locks.py BarrierTests.test_abort_barrier_when_exception_then_resetting.
#[test]
fn barrier_test_abort_then_reset() {
    let (r1, r2, r3) = run(|| async {
        let (barrier1, barrier2) = (Barrier::new(N), Barrier::new(N));
        let (r1, r2, r3) = (
            Rc::new(Cell::new(0)),
            Rc::new(Cell::new(0)),
            Rc::new(Cell::new(0)),
        );
        gather(N, || {
            let (b1, b2) = (barrier1.clone(), barrier2.clone());
            let (r1, r2, r3) = (r1.clone(), r2.clone(), r3.clone());
            async move {
                match b1.wait().await {
                    Ok(i) if i == N / 2 => b1.abort(), // "raise RuntimeError"
                    Ok(_) => match b1.wait().await {
                        Ok(_) => r1.set(r1.get() + 1),
                        Err(BrokenBarrierError) => r2.set(r2.get() + 1),
                    },
                    Err(BrokenBarrierError) => r2.set(r2.get() + 1),
                }
                // Everyone has left barrier1 before the reset, and nobody
                // enters it again before the reset.
                if b2.wait().await.unwrap() == N / 2 {
                    b1.reset();
                }
                b2.wait().await.unwrap();
                b1.wait().await.unwrap();
                r3.set(r3.get() + 1);
            }
        })
        .await;
        assert!(!barrier1.broken());
        assert_eq!(barrier1.n_waiting(), 0);
        (r1.get(), r2.get(), r3.get())
    });
    assert_eq!((r1, r2, r3), (0, N - 1, N));
}
