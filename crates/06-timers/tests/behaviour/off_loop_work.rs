//! Work handed to another thread (`to_thread`) holds a virtual clock: the
//! loop waits for the thread's wake instead of jumping past it, as tokio
//! holds its auto-advance while `spawn_blocking` work runs.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use aio_executor::spawn;
use aio_reactor::to_thread;
use aio_timers::{Clock, now, sleep, timeout, timer_loop};

const SECOND: Duration = Duration::from_secs(1);
const MS: Duration = Duration::from_millis(1);

#[test]
fn a_timeout_waits_for_work_on_another_thread() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (result, at) = event_loop.run_until_complete(async {
        let result = timeout(
            60 * SECOND,
            to_thread(|| {
                thread::sleep(50 * MS);
                7
            }),
        )
        .await;
        (result, now())
    });
    assert_eq!(result, Ok(7), "the clock jumped past the thread's work");
    assert_eq!(
        at,
        Duration::ZERO,
        "the thread's work takes no virtual time"
    );
}

#[test]
fn a_sleeper_next_to_a_thread_call_wakes_after_it_at_its_own_time() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let log = event_loop.run_until_complete(async {
        let log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        let sleeper = spawn(async move {
            sleep(10 * SECOND).await;
            l.borrow_mut().push(("sleeper", now()));
        });
        let got = to_thread(|| {
            thread::sleep(30 * MS);
            "from the thread"
        })
        .await;
        log.borrow_mut().push((got, now()));
        sleeper.await.unwrap();
        log.take()
    });
    assert_eq!(
        log,
        [
            ("from the thread", Duration::ZERO),
            ("sleeper", 10 * SECOND)
        ]
    );
}

#[test]
fn a_call_that_panics_on_its_thread_still_lets_go_of_the_clock() {
    // On a thread of its own, so a clock held for ever fails the test
    // instead of hanging it.
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        let event_loop = timer_loop(&Clock::new_virtual());
        let outcome = event_loop.run_until_complete(async {
            let call = spawn(timeout(
                60 * SECOND,
                to_thread(|| -> u32 {
                    thread::sleep(20 * MS);
                    panic!("the call failed")
                }),
            ));
            let failed = call.await.is_err();
            let before = now();
            // Nothing is held any more: the clock jumps again.
            sleep(SECOND).await;
            (failed, before, now())
        });
        let held = event_loop.driver().pending_off_loop_work();
        done.send((outcome, held)).unwrap();
    });
    let (outcome, held) = finished
        .recv_timeout(10 * SECOND)
        .expect("the loop hung: a panicking call kept the clock held");
    assert_eq!(outcome, (true, Duration::ZERO, SECOND));
    assert_eq!(held, 0);
}

#[test]
fn outside_a_timer_loop_to_thread_holds_nothing_and_still_works() {
    let got = aio_executor::run(to_thread(|| 6 * 7));
    assert_eq!(got, 42);
    assert_eq!(thread::spawn(|| 1).join().unwrap(), 1);
}

#[test]
fn many_quick_calls_in_many_tasks_all_beat_their_timeouts() {
    // Calls that finish at once race the loop's park as tightly as it gets:
    // every wake must be served before the clock may move.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (results, at) = event_loop.run_until_complete(async {
        let tasks: Vec<_> = (0..200u32)
            .map(|i| spawn(timeout(SECOND, to_thread(move || i))))
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        (results, now())
    });
    let late: Vec<u32> = (0..200).filter(|&i| results[i as usize].is_err()).collect();
    assert!(late.is_empty(), "timed out with the clock jumped: {late:?}");
    assert_eq!(results, (0..200).map(Ok).collect::<Vec<_>>());
    assert_eq!(at, Duration::ZERO);
}
