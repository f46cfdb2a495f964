//! Spurious wakes are harmless: a task polled when nothing happened to its
//! socket just waits again, and a waker left behind by a wait that was
//! abandoned only costs one extra poll.

use crate::common;

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;

use aio_executor::{spawn_named, yield_now};
use aio_reactor::Async;

#[test]
fn a_readiness_future_polled_without_an_event_stays_pending() {
    let (ready_early, byte) = common::run(|| async {
        let (ours, mut peer) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let spurious = Rc::new(Cell::new(0));
        let ready_early = Rc::new(Cell::new(false));
        let (count, early) = (spurious.clone(), ready_early.clone());
        let waiter = spawn_named("waiter", async move {
            let mut readable = pin!(ours.readable());
            poll_fn(|cx| match readable.as_mut().poll(cx) {
                Poll::Ready(result) => Poll::Ready(result),
                Poll::Pending => {
                    // Wake ourselves for no reason, a hundred times.
                    if count.get() < 100 {
                        count.set(count.get() + 1);
                        cx.waker().wake_by_ref();
                    }
                    Poll::Pending
                }
            })
            .await
            .unwrap();
            early.set(count.get() < 100);
            let mut byte = [0];
            ours.read_with(|mut s| s.read(&mut byte)).await.unwrap();
            byte[0]
        });
        while spurious.get() < 100 {
            yield_now().await;
        }
        peer.write_all(&[9]).unwrap();
        (ready_early.get(), waiter.await.unwrap())
    });
    assert!(!ready_early, "readable() ended before the socket was");
    assert_eq!(byte, 9);
}

#[test]
fn a_waker_left_by_an_abandoned_wait_costs_one_extra_poll() {
    let (first, second) = common::run(|| async {
        let (a, mut a_peer) = UnixStream::pair().unwrap();
        let (b, mut b_peer) = UnixStream::pair().unwrap();
        let (a, b) = (Async::new(a).unwrap(), Async::new(b).unwrap());
        let task = spawn_named("fickle", async move {
            // Start waiting on `a`, then give up on it: its waker stays
            // registered with the reactor.
            let mut on_a = pin!(a.readable());
            poll_fn(|cx| {
                assert!(on_a.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
            // Now wait on `b`. The event for `a` wakes this task for nothing;
            // its wait on `b` must simply go on.
            let mut byte = [0];
            b.read_with(|mut s| s.read(&mut byte)).await.unwrap();
            let mut a_byte = [0];
            a.get_ref().read_exact(&mut a_byte).unwrap();
            (a_byte[0], byte[0])
        });
        yield_now().await;
        a_peer.write_all(&[1]).unwrap();
        for _ in 0..5 {
            yield_now().await; // let the spurious wake happen
        }
        assert!(!task.done(), "the event for `a` ended the wait on `b`");
        b_peer.write_all(&[2]).unwrap();
        task.await.unwrap()
    });
    assert_eq!((first, second), (1, 2));
}
