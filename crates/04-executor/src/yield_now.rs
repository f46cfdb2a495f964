//! `yield_now`: give the other ready tasks a turn (asyncio's `sleep(0)`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: yield_now
/// Suspends the current task once, letting every task that is ready run
/// before it continues: what `await asyncio.sleep(0)` does.
///
/// This is the smallest honest suspension: return `Pending`, but wake
/// yourself first, so the loop puts you at the back of the ready queue.
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: yield_now
