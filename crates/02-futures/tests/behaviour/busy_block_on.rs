//! The busy `block_on`: it polls until Ready with a no-op waker, so it
//! finishes any future, and every poll but the last is wasted.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_futures::{Countdown, block_on, block_on_counted};

#[test]
fn a_future_that_is_ready_at_once_takes_one_poll() {
    assert_eq!(block_on_counted(async { "now" }), ("now", 1));
    assert_eq!(block_on_counted(std::future::ready(5)), (5, 1));
}

#[test]
fn a_countdown_of_n_takes_n_plus_one_polls() {
    for n in [0, 1, 7, 1000] {
        assert_eq!(
            block_on_counted(Countdown::new(n, n)),
            (n, u64::from(n) + 1)
        );
    }
}

/// Pending `left` times without ever waking anyone: a future that breaks the
/// waker contract.
struct NeverWakes {
    left: u32,
}

impl Future for NeverWakes {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.left == 0 {
            return Poll::Ready("finished anyway");
        }
        self.left -= 1;
        Poll::Pending
    }
}

#[test]
fn busy_polling_finishes_even_a_future_that_never_wakes() {
    // An executor that sleeps until woken would hang here forever; ours does
    // not even notice. That is the one virtue of busy polling.
    assert_eq!(
        block_on_counted(NeverWakes { left: 3 }),
        ("finished anyway", 4)
    );
}

#[test]
fn nested_awaits_add_up_their_polls() {
    // Two countdowns awaited in a row: 1 + 2 Pending answers, plus the final
    // Ready. The outer `async` block adds no polls of its own.
    let fut = async {
        let a = Countdown::new(1, 10).await;
        let b = Countdown::new(2, 20).await;
        a + b
    };
    assert_eq!(block_on_counted(fut), (30, 4));
}

#[test]
fn block_on_returns_the_output() {
    assert_eq!(block_on(Countdown::new(3, 'z')), 'z');
}
