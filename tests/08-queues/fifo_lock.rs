// Suite for exercise 8.2, a FIFO lock. Written once, run against the stub
// (`ex08-queues`) and the solution (`sol08-queues`) through a wrapper that
// names the code under test `subject`. Everything runs on the virtual clock
// under a one-hour guard, so a lost wake-up fails instead of hanging.
//
// The expected behaviour is CPython 3.11.7's `asyncio.Lock`, checked under
// it: after `release()` the first waiter is woken and the lock is unlocked,
// but a newcomer still queues behind that waiter; a waiter cancelled while
// the lock is free wakes the next one.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use aio_executor::{JoinHandle, spawn, yield_now};
use aio_timers::sleep;
use subject::Lock;

// Chapter 8's shared helpers: `SECOND`, `run`, `settle`, `Log`, `Rng`.
include!("support/common.rs");

/// Releases the lock, which the caller holds; fails with what it means if
/// the lock was free.
fn release(lock: &Lock) {
    lock.release().expect(
        "release() found the lock free although this task had taken it: another \
         task took it and released it meanwhile, so two tasks held it at once",
    );
}

/// A task that takes the lock, notes `name`, holds it for `hold`, and
/// releases it.
fn worker(lock: &Lock, log: &Log, name: &'static str, hold: Duration) -> JoinHandle<()> {
    let (lock, log) = (lock.clone(), log.clone());
    spawn(async move {
        lock.acquire().await;
        log.borrow_mut().push(name);
        sleep(hold).await;
        release(&lock);
    })
}

#[test]
fn a_free_lock_is_taken_at_once_and_a_held_one_makes_you_wait() {
    let lock = Lock::new();
    let mut cx = Context::from_waker(Waker::noop());
    let mut first = pin!(lock.acquire());
    assert_eq!(
        first.as_mut().poll(&mut cx),
        Poll::Ready(()),
        "acquire() waited on a free lock with nobody in line"
    );
    assert!(
        lock.locked(),
        "acquire() returned but the lock is not locked"
    );
    let mut second = pin!(lock.acquire());
    assert_eq!(
        second.as_mut().poll(&mut cx),
        Poll::Pending,
        "a second acquire() took a lock that was held"
    );
    assert_eq!(lock.waiting(), 1, "the second acquirer is not in line");
    assert_eq!(
        second.as_mut().poll(&mut cx),
        Poll::Pending,
        "an acquirer polled again while the lock is held must still be Pending"
    );
    assert_eq!(
        lock.waiting(),
        1,
        "an acquirer polled again while in line joined the line a second time"
    );
}

#[test]
fn waiters_take_the_lock_in_the_order_they_came() {
    let log = run("a waiter was never woken", async {
        let lock = Lock::new();
        let log = Log::default();
        lock.acquire().await;
        let workers: Vec<_> = ["A", "B", "C", "D"]
            .into_iter()
            .map(|name| worker(&lock, &log, name, SECOND))
            .collect();
        settle().await; // all four in line, A first
        release(&lock);
        for handle in workers {
            handle.await.expect("a worker failed");
        }
        log.take()
    });
    assert_eq!(
        log,
        ["A", "B", "C", "D"],
        "waiters did not get the lock first come, first served: asyncio's \
         Lock keeps them in a FIFO line and wakes the front one"
    );
}

#[test]
fn a_newcomer_does_not_overtake_a_woken_waiter() {
    let (log, unlocked_meanwhile) = run("a waiter was never woken", async {
        let lock = Lock::new();
        let log = Log::default();
        lock.acquire().await;
        let a = worker(&lock, &log, "A", SECOND);
        settle().await; // A in line
        release(&lock); // A is woken, but has not run yet
        let unlocked_meanwhile = !lock.locked();
        lock.acquire().await; // a newcomer, while A is still in line
        log.borrow_mut().push("newcomer");
        release(&lock);
        a.await.expect("A failed");
        (log.take(), unlocked_meanwhile)
    });
    assert_eq!(
        log,
        ["A", "newcomer"],
        "a newcomer took the lock while a woken waiter had not run yet: in \
         CPython 3.11 acquire() takes a free lock at once only if nobody is \
         in line; otherwise it queues behind the waiters"
    );
    assert!(
        unlocked_meanwhile,
        "release() left the lock locked: in asyncio the lock is unlocked until \
         the woken waiter runs and takes it"
    );
}

#[test]
fn one_task_at_a_time_holds_the_lock() {
    let most = run("a waiter was never woken", async {
        let lock = Lock::new();
        let holders = Rc::new(Cell::new(0));
        let most = Rc::new(Cell::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (lock, holders, most) = (lock.clone(), holders.clone(), most.clone());
                spawn(async move {
                    for _ in 0..3 {
                        lock.acquire().await;
                        holders.set(holders.get() + 1);
                        most.set(most.get().max(holders.get()));
                        yield_now().await;
                        holders.set(holders.get() - 1);
                        release(&lock);
                    }
                })
            })
            .collect();
        // A newcomer now and then, while waiters are being woken.
        for _ in 0..5 {
            yield_now().await;
            lock.acquire().await;
            holders.set(holders.get() + 1);
            most.set(most.get().max(holders.get()));
            holders.set(holders.get() - 1);
            release(&lock);
        }
        for task in tasks {
            task.await.expect("a task failed");
        }
        most.get()
    });
    assert_eq!(most, 1, "two tasks held the lock at the same time");
}

#[test]
fn a_waiter_cancelled_in_line_leaves_it() {
    let (left, free_after) = run(
        "a cancelled waiter stayed in line and blocked everyone behind it: \
         take it out of the line in Drop",
        async {
            let lock = Lock::new();
            lock.acquire().await;
            let log = Log::default();
            let cancelled = worker(&lock, &log, "cancelled", SECOND);
            settle().await;
            cancelled.cancel();
            settle().await;
            let left = lock.waiting();
            release(&lock);
            settle().await;
            let free_after = !lock.locked();
            lock.acquire().await;
            (left, free_after)
        },
    );
    assert_eq!(
        left, 0,
        "a cancelled waiter is still in line: take it out in Drop"
    );
    assert!(free_after, "a cancelled waiter took the lock");
}

#[test]
fn a_woken_waiter_cancelled_before_it_ran_passes_the_lock_on() {
    let log = run(
        "the lock was lost when a woken waiter was cancelled: it is free, yet \
         the next waiter still waits. A waiter dropped while the lock is free \
         must wake the next one in Drop",
        async {
            let lock = Lock::new();
            let log = Log::default();
            lock.acquire().await;
            let a = worker(&lock, &log, "A", SECOND);
            let b = worker(&lock, &log, "B", SECOND);
            settle().await;
            release(&lock); // wakes A...
            a.cancel(); // ...which is cancelled before it runs
            b.await.expect("B failed");
            assert!(
                a.await.is_err_and(|e| e.is_cancelled()),
                "A was cancelled before it ran, so awaiting it must say cancelled"
            );
            log.take()
        },
    );
    assert_eq!(
        log,
        ["B"],
        "only B may have held the lock: A was cancelled before it ran, and B must get the lock A \
         was woken for"
    );
}

#[test]
fn a_waiter_cancelled_while_the_lock_is_held_wakes_nobody() {
    let held_by_b = run("a waiter was never woken", async {
        let lock = Lock::new();
        let log = Log::default();
        lock.acquire().await; // we hold it from here on
        let a = worker(&lock, &log, "A", SECOND);
        let _b = worker(&lock, &log, "B", SECOND);
        settle().await;
        a.cancel();
        settle().await;
        let held_by_b = log.borrow().contains(&"B");
        release(&lock);
        settle().await;
        held_by_b
    });
    assert!(
        !held_by_b,
        "a waiter took the lock while another task held it: a cancelled \
         waiter wakes the next one only if the lock is free"
    );
}

/// One random run: tasks line up for the lock, hold it a random while, and
/// main cancels random tasks that do not hold it yet (woken ones too).
/// Returns how many acquired and how many were cancelled.
fn random_run(seed: u64) -> (u32, u32) {
    run(
        "a random run hung: a waiter was never woken (was a wake-up lost when \
         a woken waiter was cancelled?)",
        async move {
            let mut rng = Rng(seed);
            let lock = Lock::new();
            // Tickets in the order tasks got in line; acquisitions in the
            // order tasks got the lock. FIFO means the tickets come out sorted.
            let next_ticket = Rc::new(Cell::new(0u32));
            let acquired = Rc::new(RefCell::new(Vec::new()));
            let holders = Rc::new(Cell::new(0u32));
            let most = Rc::new(Cell::new(0u32));
            let mut tasks: Vec<(JoinHandle<()>, Rc<Cell<bool>>)> = Vec::new();
            let mut cancels = 0;
            for _ in 0..200 {
                match rng.below(8) {
                    0..=3 => {
                        let hold = Duration::from_millis(rng.below(3) * 10);
                        let got = Rc::new(Cell::new(false));
                        let (lock, next_ticket, acquired, got2) = (
                            lock.clone(),
                            next_ticket.clone(),
                            acquired.clone(),
                            got.clone(),
                        );
                        let (holders, most) = (holders.clone(), most.clone());
                        let handle = spawn(async move {
                            let ticket = next_ticket.get();
                            next_ticket.set(ticket + 1);
                            lock.acquire().await;
                            got2.set(true);
                            acquired.borrow_mut().push(ticket);
                            holders.set(holders.get() + 1);
                            most.set(most.get().max(holders.get()));
                            if !hold.is_zero() {
                                sleep(hold).await;
                            }
                            holders.set(holders.get() - 1);
                            release(&lock);
                        });
                        tasks.push((handle, got));
                    }
                    // A random task, or the oldest one still waiting: the
                    // front of the line, which a release has often just
                    // woken. Only a task that has not got its lock yet: one
                    // cancelled while holding it would never release it.
                    4..=5 => {
                        let waiting: Vec<usize> = (0..tasks.len())
                            .filter(|&i| !tasks[i].1.get() && !tasks[i].0.done())
                            .collect();
                        if !waiting.is_empty() {
                            let victim = if rng.below(2) == 0 {
                                waiting[rng.below(waiting.len() as u64) as usize]
                            } else {
                                waiting[0]
                            };
                            if tasks[victim].0.cancel() {
                                drop(tasks.remove(victim));
                                cancels += 1;
                            }
                        }
                    }
                    6 => yield_now().await,
                    _ => sleep(Duration::from_millis(rng.below(20))).await,
                }
            }
            for (handle, _) in tasks {
                handle.await.unwrap_or_else(|e| {
                    assert!(e.is_cancelled(), "seed {seed}: a task panicked");
                });
            }
            settle().await;
            assert!(
                most.get() <= 1,
                "seed {seed}: two tasks held the lock at the same time"
            );
            let acquired = acquired.take();
            assert!(
                acquired.is_sorted(),
                "seed {seed}: the lock was not taken in the order tasks got in \
                 line (tickets in the order of acquisition: {acquired:?})"
            );
            assert!(
                !lock.locked() && lock.waiting() == 0,
                "seed {seed}: every task is done, yet the lock is {} with {} in line",
                if lock.locked() { "locked" } else { "free" },
                lock.waiting()
            );
            (acquired.len() as u32, cancels)
        },
    )
}

#[test]
fn random_waiters_and_cancellations_keep_the_lock_fair_and_usable() {
    let (mut acquired, mut cancels) = (0, 0);
    for seed in 1..=100u64 {
        let (a, c) = random_run(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        acquired += a;
        cancels += c;
    }
    // The runs did real work (a guard against a generator that got stuck).
    assert!(
        acquired > 4_000 && cancels > 1_000,
        "the random runs did too little work ({acquired} acquires, {cancels} cancels): the suite's \
         generator is stuck, not your code"
    );
}
