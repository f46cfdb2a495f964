// Suite for exercise 2.1, a countdown future. Written once, run against the
// stub (`ex02-futures`) and the solution (`sol02-futures`) through a wrapper
// that names the code under test `subject`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use subject::Countdown;

/// A waker that counts its wakes.
#[derive(Default)]
struct WakeCounter(AtomicUsize);

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting_waker() -> (Arc<WakeCounter>, Waker) {
    let counter = Arc::new(WakeCounter::default());
    (Arc::clone(&counter), Waker::from(counter))
}

fn poll_once(fut: &mut Countdown, waker: &Waker) -> Poll<()> {
    Pin::new(fut).poll(&mut Context::from_waker(waker))
}

#[test]
fn a_countdown_of_zero_is_ready_on_the_first_poll() {
    let mut fut = Countdown::new(0);
    assert_eq!(poll_once(&mut fut, Waker::noop()), Poll::Ready(()));
}

#[test]
fn a_countdown_of_three_is_pending_three_times_then_ready() {
    let mut fut = Countdown::new(3);
    let mut answers = Vec::new();
    // Bounded: a countdown that never finishes fails here instead of hanging.
    for _ in 0..10 {
        let answer = poll_once(&mut fut, Waker::noop());
        answers.push(answer);
        if answer.is_ready() {
            break;
        }
    }
    assert_eq!(
        answers,
        [Poll::Pending, Poll::Pending, Poll::Pending, Poll::Ready(())]
    );
}

#[test]
fn every_pending_wakes_the_task_exactly_once() {
    let (counter, waker) = counting_waker();
    let mut fut = Countdown::new(4);
    for pendings in 1..=4 {
        assert_eq!(poll_once(&mut fut, &waker), Poll::Pending);
        assert_eq!(
            counter.0.load(Ordering::SeqCst),
            pendings,
            "after Pending number {pendings}: a Pending needs one wake, or a sleeping executor never comes back"
        );
    }
    assert_eq!(poll_once(&mut fut, &waker), Poll::Ready(()));
    assert_eq!(counter.0.load(Ordering::SeqCst), 4, "Ready must not wake");
}

#[test]
fn it_counts_down_one_per_poll() {
    let mut fut = Countdown::new(2);
    let _ = poll_once(&mut fut, Waker::noop());
    assert_eq!(fut.remaining, 1);
}
