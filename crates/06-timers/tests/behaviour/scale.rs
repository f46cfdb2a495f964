//! Many sleeping tasks on the virtual clock: every one wakes at its own
//! deadline, in order, and the timer queue is empty at the end.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::spawn;
use aio_timers::{Clock, now, sleep, timer_loop};

/// Spawns `tasks` tasks that each sleep a pseudo-random 0–999 ms (a fixed
/// linear congruential sequence) and check they woke exactly on time.
fn sleepers(tasks: u64) {
    let event_loop = timer_loop(&Clock::new_virtual());
    let woke = Rc::new(Cell::new(0u64));
    let w = woke.clone();
    let end = event_loop.run_until_complete(async move {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut handles = Vec::with_capacity(tasks as usize);
        for _ in 0..tasks {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let delay = Duration::from_millis((seed >> 33) % 1000);
            let w = w.clone();
            handles.push(spawn(async move {
                sleep(delay).await;
                assert_eq!(now(), delay, "woke late or early");
                w.set(w.get() + 1);
            }));
        }
        for handle in handles {
            handle.await.unwrap();
        }
        now()
    });
    assert_eq!(woke.get(), tasks);
    assert!(end < Duration::from_secs(1));
    assert_eq!(event_loop.driver().pending_timers(), 0);
    assert_eq!(event_loop.task_count(), 0);
}

#[test]
fn ten_thousand_sleepers() {
    sleepers(10_000);
}

/// The scale check of the issue; run it with
/// `cargo test -p aio-timers --release --test behaviour a_million_sleepers -- --ignored`.
#[test]
#[ignore = "a million tasks: run in release with --ignored"]
fn a_million_sleepers() {
    sleepers(1_000_000);
}
