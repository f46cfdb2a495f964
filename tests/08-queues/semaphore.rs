// Suite for exercise 8.4, a semaphore. Written once, run against the stub
// (`ex08-queues`) and the solution (`sol08-queues`) through a wrapper that
// names the code under test `subject`. Everything runs on the virtual clock
// under a one-hour guard, so a lost permit fails instead of hanging.
//
// The expected behaviour is CPython 3.11.7's `asyncio.Semaphore`, checked
// under it: `release` hands the permit to the first waiter at once (`value`
// does not go up); a woken waiter cancelled before it ran gives its permit
// back; a waiter that runs while permits are free wakes the next one.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use aio_executor::{JoinHandle, spawn, yield_now};
use aio_timers::{now, sleep};
use subject::Semaphore;

// Chapter 8's shared helpers: `SECOND`, `run`, `settle`, `Log`, `Rng`.
include!("support/common.rs");

/// A task that takes a permit, notes `name`, holds it for `hold`, and
/// gives it back.
fn worker(sem: &Semaphore, log: &Log, name: &'static str, hold: Duration) -> JoinHandle<()> {
    let (sem, log) = (sem.clone(), log.clone());
    spawn(async move {
        sem.acquire().await;
        log.borrow_mut().push(name);
        sleep(hold).await;
        sem.release();
    })
}

#[test]
fn free_permits_are_taken_at_once_then_acquirers_wait() {
    let sem = Semaphore::new(2);
    let mut cx = Context::from_waker(Waker::noop());
    for n in 1..=2 {
        assert_eq!(
            pin!(sem.acquire()).poll(&mut cx),
            Poll::Ready(()),
            "acquire() number {n} waited on a semaphore with a free permit and \
             nobody in line"
        );
    }
    assert_eq!(
        sem.value(),
        0,
        "taking two permits of two left {}",
        sem.value()
    );
    let mut third = pin!(sem.acquire());
    assert_eq!(
        third.as_mut().poll(&mut cx),
        Poll::Pending,
        "acquire() took a permit when none was free"
    );
    assert_eq!(
        third.as_mut().poll(&mut cx),
        Poll::Pending,
        "an acquirer polled again while no permit is free must still be Pending"
    );
    assert_eq!(
        sem.waiting(),
        1,
        "an acquirer polled twice must be in line once"
    );
}

#[test]
fn at_most_value_tasks_hold_a_permit_and_they_come_in_order() {
    let (log, most) = run("a waiter was never handed a permit", async {
        let sem = Semaphore::new(2);
        let log = Log::default();
        let holders = Rc::new(Cell::new(0));
        let most = Rc::new(Cell::new(0));
        let tasks: Vec<_> = ["A", "B", "C", "D", "E"]
            .into_iter()
            .map(|name| {
                let (sem, log, holders, most) =
                    (sem.clone(), log.clone(), holders.clone(), most.clone());
                spawn(async move {
                    sem.acquire().await;
                    log.borrow_mut().push(name);
                    holders.set(holders.get() + 1);
                    most.set(most.get().max(holders.get()));
                    sleep(SECOND).await;
                    holders.set(holders.get() - 1);
                    sem.release();
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("a task failed");
        }
        (log.take(), most.get())
    });
    assert_eq!(
        most, 2,
        "a Semaphore(2) let {most} tasks hold a permit at once"
    );
    assert_eq!(
        log,
        ["A", "B", "C", "D", "E"],
        "permits did not go first come, first served"
    );
}

#[test]
fn release_hands_the_permit_to_the_first_waiter() {
    let (value, log) = run("the waiter was never handed a permit", async {
        let sem = Semaphore::new(1);
        let log = Log::default();
        sem.acquire().await;
        let a = worker(&sem, &log, "A", SECOND);
        settle().await;
        sem.release(); // A is handed the permit, but has not run yet
        let value = sem.value();
        a.await.expect("A failed");
        (value, log.take())
    });
    assert_eq!(
        value, 0,
        "after release() woke a waiter, a permit was still free: in asyncio \
         the permit goes to the woken waiter at once (value stays 0)"
    );
    assert_eq!(
        log,
        ["A"],
        "only A, the woken waiter, may have taken the permit"
    );
}

#[test]
fn a_newcomer_queues_behind_a_woken_waiter_and_is_woken_after_it() {
    let (log, value, newcomer_at) = run(
        "a newcomer that queued while a permit was free was never woken: a \
         woken waiter that runs while permits are free must wake the next",
        async {
            let sem = Semaphore::new(2);
            let log = Log::default();
            sem.acquire().await;
            sem.acquire().await;
            let a = worker(&sem, &log, "A", SECOND);
            settle().await;
            let released_at = now();
            sem.release(); // A is handed a permit, but has not run yet
            sem.release(); // a permit is free, and nobody is left to hand it to
            sem.acquire().await; // a newcomer, while A is still in line
            log.borrow_mut().push("newcomer");
            let newcomer_at = now() - released_at;
            sem.release();
            a.await.expect("A failed");
            (log.take(), sem.value(), newcomer_at)
        },
    );
    assert_eq!(
        log,
        ["A", "newcomer"],
        "a newcomer took a free permit while a woken waiter had not run yet: \
         in CPython 3.11 acquire() takes a permit at once only if nobody is \
         in line"
    );
    assert_eq!(
        newcomer_at,
        Duration::ZERO,
        "the newcomer waited until A released its permit (1 s later), although \
         the second permit was free all along: a woken waiter that runs \
         while permits are free must call wake_up_next for the next in line"
    );
    assert_eq!(
        value, 2,
        "every permit was given back, yet {value} of 2 are free: did a woken \
         waiter take a second permit when it ran? Its permit was taken out of \
         `value` when it was woken"
    );
}

#[test]
fn a_waiter_cancelled_in_line_takes_and_gives_nothing() {
    let (left, value) = run("the run never finished", async {
        let sem = Semaphore::new(1);
        sem.acquire().await;
        let log = Log::default();
        let a = worker(&sem, &log, "A", SECOND);
        settle().await;
        a.cancel();
        settle().await;
        (sem.waiting(), sem.value())
    });
    assert_eq!(
        left, 0,
        "a cancelled waiter is still in line: take it out in Drop"
    );
    assert_eq!(
        value, 0,
        "a waiter cancelled before it was handed a permit gave one back: the \
         semaphore now has more permits than it started with"
    );
}

#[test]
fn a_woken_waiter_cancelled_before_it_ran_hands_its_permit_on() {
    let log = run(
        "a permit was lost when a woken waiter was cancelled: the next waiter \
         still waits. A waiter that was handed a permit and is dropped before \
         it ran must give it back and wake the next one, in Drop",
        async {
            let sem = Semaphore::new(1);
            let log = Log::default();
            sem.acquire().await;
            let a = worker(&sem, &log, "A", SECOND);
            let b = worker(&sem, &log, "B", SECOND);
            settle().await;
            sem.release(); // A is handed the permit...
            a.cancel(); // ...and cancelled before it runs
            b.await.expect("B failed");
            log.take()
        },
    );
    assert_eq!(
        log,
        ["B"],
        "only B may have held a permit: A was cancelled before it ran, and must hand its permit on \
         to B"
    );
}

#[test]
fn a_woken_waiter_cancelled_with_nobody_behind_gives_its_permit_back() {
    let value = run("the run never finished", async {
        let sem = Semaphore::new(1);
        sem.acquire().await;
        let log = Log::default();
        let a = worker(&sem, &log, "A", SECOND);
        settle().await;
        sem.release();
        a.cancel();
        settle().await;
        sem.value()
    });
    assert_eq!(
        value, 1,
        "a woken waiter cancelled before it ran kept its permit: give it back \
         in Drop"
    );
}

/// One random run on a `Semaphore(permits)`: tasks line up, hold a permit a
/// random while, and main cancels random tasks that hold none yet (woken
/// ones too). Returns how many acquired and how many were cancelled.
fn random_run(seed: u64, permits: usize) -> (u32, u32) {
    run(
        "a random run hung: a permit was lost (was a woken waiter cancelled \
         without giving it back, or a free permit left with a waiter in line?)",
        async move {
            let mut rng = Rng(seed);
            let sem = Semaphore::new(permits);
            let next_ticket = Rc::new(Cell::new(0u32));
            let acquired = Rc::new(RefCell::new(Vec::new()));
            let holders = Rc::new(Cell::new(0usize));
            let most = Rc::new(Cell::new(0usize));
            let mut tasks: Vec<(JoinHandle<()>, Rc<Cell<bool>>)> = Vec::new();
            let mut cancels = 0;
            for _ in 0..200 {
                match rng.below(8) {
                    0..=3 => {
                        let hold = Duration::from_millis(rng.below(3) * 10);
                        let got = Rc::new(Cell::new(false));
                        let (sem, next_ticket, acquired, got2) = (
                            sem.clone(),
                            next_ticket.clone(),
                            acquired.clone(),
                            got.clone(),
                        );
                        let (holders, most) = (holders.clone(), most.clone());
                        let handle = spawn(async move {
                            let ticket = next_ticket.get();
                            next_ticket.set(ticket + 1);
                            sem.acquire().await;
                            got2.set(true);
                            acquired.borrow_mut().push(ticket);
                            holders.set(holders.get() + 1);
                            most.set(most.get().max(holders.get()));
                            if !hold.is_zero() {
                                sleep(hold).await;
                            }
                            holders.set(holders.get() - 1);
                            sem.release();
                        });
                        tasks.push((handle, got));
                    }
                    // A random task, or the oldest one still waiting: the
                    // front of the line, which a release has often just
                    // woken. Only a task that has not got its permit yet: one
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
                most.get() <= permits,
                "seed {seed}: {} tasks held a permit at once, of {permits}",
                most.get()
            );
            let acquired = acquired.take();
            assert!(
                acquired.is_sorted(),
                "seed {seed}: permits were not taken in the order tasks got in \
                 line (tickets in the order of acquisition: {acquired:?})"
            );
            assert!(
                sem.value() == permits && sem.waiting() == 0,
                "seed {seed}: every task is done, yet {} of {permits} permits are \
                 free, with {} in line",
                sem.value(),
                sem.waiting()
            );
            (acquired.len() as u32, cancels)
        },
    )
}

#[test]
fn random_waiters_and_cancellations_lose_no_permit_and_keep_the_order() {
    let (mut acquired, mut cancels) = (0, 0);
    for seed in 1..=100u64 {
        let permits = 1 + (seed % 3) as usize;
        let (a, c) = random_run(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), permits);
        acquired += a;
        cancels += c;
    }
    // The runs did real work (a guard against a generator that got stuck).
    assert!(
        acquired > 4_000 && cancels > 500,
        "the random runs did too little work ({acquired} acquires, {cancels} cancels): the suite's \
         generator is stuck, not your code"
    );
}
