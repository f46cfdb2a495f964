//! The checking waker turns every way a future can hang into an error that
//! says what went wrong, and passes the futures that keep their promise.

use std::future::{Future, pending, poll_fn};
use std::pin::pin;
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use aio_wakers::check::{self, Stuck};
use aio_wakers::thread_sleep;

/// Short, so the "never woken" test is quick; the others never wait this long.
const SHORT: Duration = Duration::from_millis(100);

/// Pending once, then ready, without ever touching the waker.
fn forgets_the_waker() -> impl Future<Output = ()> {
    let mut polled = false;
    poll_fn(move |_| {
        if polled {
            return Poll::Ready(());
        }
        polled = true;
        Poll::Pending
    })
}

#[test]
fn a_future_that_keeps_its_promise_is_driven_to_its_output() {
    let out = check::try_drive(
        async {
            thread_sleep(Duration::from_millis(5)).await;
            "slept"
        },
        5,
        check::WAIT_LIMIT,
    );
    assert_eq!(out, Ok("slept"));
}

#[test]
fn a_future_that_wakes_itself_is_polled_again_at_once() {
    let mut left = 3;
    let out = check::drive(
        poll_fn(move |cx| {
            if left == 0 {
                return Poll::Ready("yielded thrice");
            }
            left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }),
        4,
    );
    assert_eq!(out, "yielded thrice");
}

#[test]
fn a_forgotten_waker_is_caught_on_the_poll_that_forgot_it() {
    assert_eq!(
        check::try_drive(forgets_the_waker(), 5, SHORT),
        Err(Stuck::NoWakerKept { poll: 1 })
    );

    // Keeps its promise once, then forgets.
    let mut polls = 0;
    let forgets_later = poll_fn(move |cx| {
        polls += 1;
        if polls == 1 {
            cx.waker().wake_by_ref();
        }
        Poll::<()>::Pending
    });
    assert_eq!(
        check::try_drive(forgets_later, 5, SHORT),
        Err(Stuck::NoWakerKept { poll: 2 })
    );
}

#[test]
fn a_clone_dropped_before_pending_is_not_a_kept_waker() {
    let out = check::try_drive(
        poll_fn(|cx| {
            let clone = cx.waker().clone();
            drop(clone);
            Poll::<()>::Pending
        }),
        5,
        SHORT,
    );
    assert_eq!(out, Err(Stuck::NoWakerKept { poll: 1 }));
}

#[test]
fn a_kept_waker_dropped_later_without_a_wake_is_caught() {
    let mut sent = false;
    let out = check::try_drive(
        poll_fn(move |cx| {
            if !sent {
                sent = true;
                let waker = cx.waker().clone();
                // The thread "forgets" to wake and drops the waker, after
                // the poll has returned (a drop during the poll would read
                // as a waker never kept).
                thread::spawn(move || {
                    thread::sleep(Duration::from_millis(100));
                    drop(waker);
                });
            }
            Poll::<()>::Pending
        }),
        5,
        check::WAIT_LIMIT,
    );
    assert_eq!(out, Err(Stuck::WakersDroppedUnwoken { poll: 1 }));
}

#[test]
fn a_kept_waker_that_nobody_wakes_times_out() {
    let mut kept: Option<Waker> = None;
    let out = check::try_drive(
        poll_fn(move |cx| {
            kept.replace(cx.waker().clone());
            Poll::<()>::Pending
        }),
        5,
        SHORT,
    );
    assert_eq!(
        out,
        Err(Stuck::NotWokenInTime {
            poll: 1,
            waited: SHORT
        })
    );
}

#[test]
fn a_future_woken_forever_stops_at_the_poll_limit() {
    let out = check::try_drive(
        poll_fn(|cx| {
            cx.waker().wake_by_ref();
            Poll::<()>::Pending
        }),
        7,
        SHORT,
    );
    assert_eq!(out, Err(Stuck::TooManyPolls { max_polls: 7 }));
}

#[test]
fn std_pending_is_caught_too() {
    // `std::future::pending` never wakes, and says so: it keeps no waker.
    assert_eq!(
        check::try_drive(pending::<()>(), 5, SHORT),
        Err(Stuck::NoWakerKept { poll: 1 })
    );
}

#[test]
#[should_panic(
    expected = "the future returned Pending but kept no waker: nothing will ever poll it again"
)]
fn drive_panics_with_the_reason() {
    check::drive(forgets_the_waker(), 5);
}

#[test]
fn poll_once_returns_pending_when_the_waker_is_kept() {
    let mut sleep = pin!(thread_sleep(Duration::from_millis(5)));
    assert!(check::poll_once(sleep.as_mut()).is_pending());
    // Each poll gives the future a new checking waker, which it keeps.
    let ready = (0..500).any(|_| {
        thread::sleep(Duration::from_millis(10));
        check::poll_once(sleep.as_mut()).is_ready()
    });
    assert!(ready, "the helper thread ends the sleep");
}

#[test]
#[should_panic(expected = "kept no waker")]
fn poll_once_panics_on_a_forgotten_waker() {
    let mut future = pin!(forgets_the_waker());
    let _ = check::poll_once(future.as_mut());
}

#[test]
fn every_reason_reads_as_a_sentence() {
    let reasons = [
        Stuck::NoWakerKept { poll: 1 },
        Stuck::WakersDroppedUnwoken { poll: 2 },
        Stuck::NotWokenInTime {
            poll: 3,
            waited: Duration::from_secs(1),
        },
        Stuck::TooManyPolls { max_polls: 4 },
    ];
    let text: Vec<String> = reasons.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(text.join("\n"));
}
