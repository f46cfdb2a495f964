//! A task's future lives in the same `Rc` cell as its result, and the loop
//! polls it there through the crate's `unsafe` pin
//! (`TaskCell::poll_in_place`). What that block promises: once polled, a
//! future never moves until it is dropped, whatever the loop does around
//! it: the table growing by pages, the ready queue reallocating, the handle
//! moving, other tasks ending.

use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use aio_executor::{EventLoop, JoinHandle, spawn, yield_now};

/// Pending for `polls` polls, then ready; at every poll, notes whether it
/// is still where its first poll found it. (`PhantomPinned`: the compiler
/// treats it as the self-referential future it stands for.)
struct StaysPut {
    polls_left: Cell<usize>,
    first_address: Cell<Option<usize>>,
    moves: Rc<Cell<usize>>,
    _pinned: PhantomPinned,
}

impl StaysPut {
    fn new(polls: usize, moves: Rc<Cell<usize>>) -> Self {
        StaysPut {
            polls_left: Cell::new(polls),
            first_address: Cell::new(None),
            moves,
            _pinned: PhantomPinned,
        }
    }
}

impl Drop for StaysPut {
    /// Dropped where it was polled, too: `Pin` promises that as well.
    fn drop(&mut self) {
        let address = self as *const StaysPut as usize;
        if self
            .first_address
            .get()
            .is_some_and(|first| first != address)
        {
            self.moves.set(self.moves.get() + 1);
        }
    }
}

impl Future for StaysPut {
    type Output = usize;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let this = self.into_ref().get_ref();
        let address = this as *const StaysPut as usize;
        match this.first_address.get() {
            None => this.first_address.set(Some(address)),
            Some(first) if first != address => this.moves.set(this.moves.get() + 1),
            Some(_) => {}
        }
        match this.polls_left.get() {
            0 => Poll::Ready(address),
            left => {
                this.polls_left.set(left - 1);
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

#[test]
#[cfg_attr(miri, ignore = "thousands of tasks: minutes under miri")]
fn a_polled_future_never_moves_while_the_loop_grows_around_it() {
    let moves = Rc::new(Cell::new(0));
    let event_loop = EventLoop::new();
    event_loop.run_until_complete({
        let moves = moves.clone();
        async move {
            // Ten futures that stay pending for 20 polls each...
            let watched: Vec<JoinHandle<usize>> = (0..10)
                .map(|_| spawn(StaysPut::new(20, moves.clone())))
                .collect();
            // ...while the table grows by several pages and shrinks back,
            // the ready queue reallocates, and the handles move in memory.
            for round in 0..5 {
                let burst: Vec<_> = (0..3_000).map(|i| spawn(async move { i })).collect();
                yield_now().await;
                let sum: usize = {
                    let mut sum = 0;
                    for handle in burst {
                        sum += handle.await.expect("a burst task returned");
                    }
                    sum
                };
                assert_eq!(
                    sum,
                    3_000 * 2_999 / 2,
                    "round {round}: the burst's tasks all ran"
                );
            }
            let mut moved_handles = Vec::with_capacity(1);
            moved_handles.extend(watched);
            // Three are cancelled (dropped by the loop at their next turn),
            // four awaited to their end, the rest left to finish on their
            // own; and two that never end are dropped at shutdown.
            for handle in &moved_handles[..3] {
                handle.cancel();
            }
            for handle in moved_handles.drain(3..7) {
                handle.await.expect("a watched future returned");
            }
            drop(spawn(StaysPut::new(usize::MAX, moves.clone())));
            drop(spawn(StaysPut::new(usize::MAX, moves.clone())));
            yield_now().await;
        }
    });
    drop(event_loop);
    assert_eq!(
        moves.get(),
        0,
        "a task's future moved between its polls, or before its drop: the loop broke its Pin promise"
    );
}
