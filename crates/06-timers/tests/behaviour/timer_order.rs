//! Due timers fire in deadline order, and timers with equal deadlines in
//! the order they were set.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::spawn;
use aio_timers::{Clock, call_at, now, sleep, sleep_until, timer_loop};

#[test]
fn tasks_wake_in_deadline_order_whatever_order_they_slept_in() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        let tasks: Vec<_> = [5u64, 1, 4, 2, 3]
            .into_iter()
            .map(|secs| {
                let l = l.clone();
                spawn(async move {
                    sleep(Duration::from_secs(secs)).await;
                    l.borrow_mut().push((secs, now().as_secs()));
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    assert_eq!(*log.borrow(), [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]);
}

#[test]
fn equal_deadlines_fire_in_the_order_they_were_set() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let l = l.clone();
                spawn(async move {
                    sleep_until(Duration::from_secs(1)).await;
                    l.borrow_mut().push(i);
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    assert_eq!(*log.borrow(), (0..20).collect::<Vec<_>>());
}

#[test]
fn overdue_timers_all_fire_in_one_turn_earliest_first() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let clock = Clock::new_virtual();
    let event_loop = timer_loop(&clock);
    let l = log.clone();
    let c = clock.clone();
    event_loop.run_until_complete(async move {
        for (i, at) in [3u64, 1, 2].into_iter().enumerate() {
            let l = l.clone();
            let _ = call_at(Duration::from_secs(at), move || {
                l.borrow_mut().push((i, now()))
            });
        }
        // Hold the loop past all three deadlines, then let it look.
        c.advance(Duration::from_secs(10));
        sleep(Duration::ZERO).await;
    });
    let ten = Duration::from_secs(10);
    assert_eq!(*log.borrow(), [(1, ten), (2, ten), (0, ten)]);
}
