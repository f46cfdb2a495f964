//! Chapter 6's claims (C02, C10's timing, C22, C23, C24, C25, C26 in the
//! project's claim list), checked twice: under CPython by our scripts in
//! `python/claims/`, and against this crate on the virtual clock, where
//! every time is exact. The book shows both snapshots. (C10 and C22/C23
//! are put to CPython once, by the introduction's and chapter 4's tests.)

use crate::demos::chess;
use crate::demos::count_timers;
use crate::demos::create_task_order_timers;

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{spawn, trace, yield_now};
use aio_testkit::python::{run_script_until, snapshot_holds};
use aio_timers::{Clock, blocking_sleep, now, sleep, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

/// Runs one claim script and snapshots its evidence (skips without python3).
fn python_claim(name: &str, script: &str) {
    let Some(out) = run_script_until(script, &[], |out| {
        snapshot_holds(env!("CARGO_MANIFEST_DIR"), "claims", name, out)
    }) else {
        return;
    };
    insta::assert_snapshot!(name, out);
}

/// Runs `main` on a fresh loop with a virtual clock.
fn on_virtual_clock<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    timer_loop(&Clock::new_virtual()).run_until_complete(main)
}

// --- C02: gathered sleeps overlap; blocking ones add up ---------------------

#[test]
fn c02_python_gathered_sleeps_overlap_and_blocking_ones_add_up() {
    python_claim("c02_python", "claims/c02_gather_two_sleeps.py");
}

#[test]
fn c02_rust_three_tasks_take_two_seconds_and_blocking_sleeps_six() {
    async fn two_sleeps() {
        sleep(SECOND).await;
        sleep(SECOND).await;
    }
    let together = on_virtual_clock(async {
        let tasks = [
            spawn(two_sleeps()),
            spawn(two_sleeps()),
            spawn(two_sleeps()),
        ];
        for task in tasks {
            task.await.unwrap();
        }
        now()
    });
    let blocking = on_virtual_clock(async {
        for _ in 0..3 {
            blocking_sleep(SECOND); // time.sleep, modelled on the virtual clock
            blocking_sleep(SECOND);
        }
        now()
    });
    assert_eq!((together, blocking), (2 * SECOND, 6 * SECOND));
    insta::assert_snapshot!(
        "c02_rust",
        format!(
            "three tasks of two 1-s sleeps: {together:?}\n\
             the same with blocking sleeps: {blocking:?}\n"
        )
    );
}

// --- C10: the chess exhibition's times ----------------------------------------

#[test]
fn c10_rust_the_exhibition_takes_twelve_hours_or_one_hour_and_55_s() {
    let sync = chess::play(true);
    let table_to_table = chess::play(false);
    let end = |e: &chess::Exhibition| e.ends.iter().copied().max().unwrap();
    let master_done = table_to_table.moves.last().unwrap().at + Duration::from_secs(5);
    assert_eq!(end(&sync), Duration::from_secs(12 * 3600));
    assert_eq!(master_done, Duration::from_secs(3600));
    assert_eq!(end(&table_to_table), Duration::from_secs(3600 + 55));
    insta::assert_snapshot!(
        "c10_rust",
        format!(
            "one game at a time: {:?}\n\
             table to table, master's last move done: {master_done:?}\n\
             table to table, last reply: {:?}\n",
            end(&sync),
            end(&table_to_table)
        )
    );
}

// --- C22 and C23: the two orders of create_task and await ----------------------
//
// CPython's side is chapter 4's (`c22_await_then_create_order.py` and
// `c23_create_then_await.py`, run by its `tests/claims.rs`): the same
// programs, so one script each. Here: our times, exact on the virtual clock.

#[test]
fn c22_c23_rust_awaiting_first_takes_three_seconds_creating_both_first_two() {
    let sequential =
        on_virtual_clock(create_task_order_timers::await_each_before_creating_the_next());
    let overlapped = on_virtual_clock(create_task_order_timers::create_both_then_await());
    assert_eq!((sequential, overlapped), (3 * SECOND, 2 * SECOND));
    insta::assert_snapshot!(
        "c22_c23_rust",
        format!(
            "await the first task before creating the second: {sequential:?}\n\
             create both, then await both: {overlapped:?}\n"
        )
    );
}

// --- C24: the blocking time.sleep in main ----------------------------------------

#[test]
fn c24_python_nothing_is_filled_during_the_block() {
    python_claim("c24_python", "claims/c24_blocking_sleep_in_main.py");
}

#[test]
fn c24_rust_the_tasks_finish_after_the_block_not_during_it() {
    let out = on_virtual_clock(async {
        let log = Rc::new(RefCell::new(Vec::new()));
        let say_after = |secs: u32, what: &'static str| {
            let log = log.clone();
            async move {
                sleep(secs * SECOND).await;
                log.borrow_mut().push((what, now()));
            }
        };
        let first = spawn(say_after(1, "hello"));
        let second = spawn(say_after(2, "world"));
        sleep(SECOND / 10).await;
        blocking_sleep(3 * SECOND); // time.sleep(3), on the virtual clock
        let mut out = String::new();
        let (a, b) = (first.done(), second.done());
        assert!(!a && !b, "a task ran during the block");
        writeln!(
            out,
            "right after the block: first done: {a}, second done: {b}"
        )
        .unwrap();
        let mut turns = 0;
        while !first.done() {
            yield_now().await;
            turns += 1;
        }
        writeln!(
            out,
            "main yielded {turns} times before the first task was done"
        )
        .unwrap();
        first.await.unwrap();
        second.await.unwrap();
        for (what, at) in log.borrow().iter() {
            assert_eq!(*at, Duration::from_millis(3100));
            writeln!(out, "{what} finished at {at:?}").unwrap();
        }
        writeln!(out, "whole program: {:?}", now()).unwrap();
        out
    });
    insta::assert_snapshot!("c24_rust", out);
}

// --- C25: time.sleep stops every task; sleep does not ----------------------------

#[test]
fn c25_python_time_sleep_stops_the_ticker_asyncio_sleep_does_not() {
    python_claim("c25_python", "claims/c25_time_sleep_stops_everyone.py");
}

/// A ticker that counts every 10 ms while `main` first blocks for 200 ms,
/// then sleeps 200 ms; returns the ticks during each.
async fn ticks_during_block_and_sleep() -> (u32, u32) {
    let ticks = Rc::new(Cell::new(0));
    let t = ticks.clone();
    let ticker = spawn(async move {
        loop {
            sleep(Duration::from_millis(10)).await;
            t.set(t.get() + 1);
        }
    });
    yield_now().await; // let the ticker start
    let before = ticks.get();
    blocking_sleep(Duration::from_millis(200));
    let during_block = ticks.get() - before;
    let before = ticks.get();
    sleep(Duration::from_millis(200)).await;
    let during_sleep = ticks.get() - before;
    ticker.cancel();
    (during_block, during_sleep)
}

#[test]
fn c25_rust_blocking_sleep_stops_the_ticker_sleep_does_not() {
    let virtual_ticks = on_virtual_clock(ticks_during_block_and_sleep());
    // On the real clock the block is a real std::thread::sleep; the counts
    // below are what holds on any machine.
    let real_ticks = timer_loop(&Clock::real()).run_until_complete(ticks_during_block_and_sleep());
    // After the block the ticker's timer is overdue: one tick at once, then
    // one every 10 ms; main's deadline was set first, so it wins the tie at
    // the end. 20 in all.
    assert_eq!(virtual_ticks, (0, 20));
    assert_eq!(real_ticks.0, 0);
    assert!(real_ticks.1 >= 1);
    insta::assert_snapshot!(
        "c25_rust",
        format!(
            "virtual clock: ticks during the 200-ms block: {}, during the 200-ms sleep: {}\n\
             real clock: ticks during the block: {}, during the sleep at least one: {}\n",
            virtual_ticks.0,
            virtual_ticks.1,
            real_ticks.0,
            real_ticks.1 >= 1
        )
    );
}

// --- C26: three count() calls -----------------------------------------------

#[test]
fn c26_python_every_one_before_any_two_in_one_second_even_with_sleep_zero() {
    python_claim("c26_python", "claims/c26_three_counts.py");
}

/// Runs `program` with a trace and returns what count() said and the time.
fn said<F: Future<Output = Duration> + 'static>(program: F) -> (String, Duration) {
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    let took = event_loop.run_until_complete(program);
    (event_loop.take_trace().notes().join(" "), took)
}

#[test]
fn c26_rust_every_one_before_any_two_in_one_second_even_with_sleep_zero() {
    let (together, took_together) = said(count_timers::concurrently());
    let (in_turn, took_in_turn) = said(count_timers::one_after_another());
    let (zero, _) = said(async {
        async fn count_zero() {
            trace::note("One");
            sleep(Duration::ZERO).await;
            trace::note("Two");
        }
        let tasks = [
            spawn(count_zero()),
            spawn(count_zero()),
            spawn(count_zero()),
        ];
        for task in tasks {
            task.await.unwrap();
        }
        now()
    });
    assert_eq!(together, "One One One Two Two Two");
    assert_eq!(zero, together);
    assert_eq!((took_together, took_in_turn), (SECOND, 3 * SECOND));
    insta::assert_snapshot!(
        "c26_rust",
        format!(
            "three tasks: {together}; {took_together:?}\n\
             three tasks with sleep(0): {zero}\n\
             one after another: {in_turn}; {took_in_turn:?}\n"
        )
    );
}

// --- Not a claim: equal deadlines ------------------------------------------------

#[test]
fn equal_deadlines_python_asyncio_may_fire_them_out_of_order() {
    python_claim(
        "equal_deadlines_python",
        "claims/timer_order_equal_deadlines.py",
    );
}
