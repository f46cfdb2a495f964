// Suite for exercise 2.5, awaiting a placeholder. Written once, run against
// the stub (`ex02-futures`) and the solution (`sol02-futures`) through a
// wrapper that names the code under test `subject`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use aio_testkit::wake::{counting_waker, poll_with};
use subject::Slot;

#[test]
fn an_empty_slot_is_pending_and_nobody_is_woken_yet() {
    let mut slot: Slot<u32> = Slot::new();
    let (counter, waker) = counting_waker();
    assert_eq!(
        poll_with(&mut slot, &waker),
        Poll::Pending,
        "polling an empty slot must return Pending"
    );
    assert_eq!(
        poll_with(&mut slot, &waker),
        Poll::Pending,
        "polling an empty slot again must still return Pending"
    );
    assert_eq!(
        counter.wakes(),
        0,
        "there is nothing to wake for until `set`"
    );
}

#[test]
fn set_wakes_the_waiting_task_once_and_the_next_poll_is_ready() {
    let setter: Slot<&str> = Slot::new();
    let mut waiting = setter.clone();
    let (counter, waker) = counting_waker();
    assert_eq!(
        poll_with(&mut waiting, &waker),
        Poll::Pending,
        "polling an empty slot must return Pending"
    );

    assert!(
        setter.set("value"),
        "the first set of a slot must succeed (return true)"
    );
    assert_eq!(
        counter.wakes(),
        1,
        "`set` must wake the waker that `poll` kept"
    );
    assert_eq!(
        poll_with(&mut waiting, &waker),
        Poll::Ready("value"),
        "after set, the next poll must be Ready with the value"
    );
    assert_eq!(
        counter.wakes(),
        1,
        "polling after the value arrived must not wake the task again"
    );
}

#[test]
fn only_the_most_recent_waker_is_woken() {
    let setter: Slot<u32> = Slot::new();
    let mut waiting = setter.clone();
    let (old, old_waker) = counting_waker();
    let (new, new_waker) = counting_waker();
    assert!(
        poll_with(&mut waiting, &old_waker).is_pending(),
        "polling an empty slot must return Pending"
    );
    assert!(
        poll_with(&mut waiting, &new_waker).is_pending(),
        "polling an empty slot again must still return Pending"
    );
    setter.set(5);
    assert_eq!(
        (old.wakes(), new.wakes()),
        (0, 1),
        "the newest waker replaces the older one"
    );
}

#[test]
fn set_before_any_poll_needs_no_waker_and_the_first_poll_is_ready() {
    let mut slot = Slot::new();
    assert!(
        slot.set(3),
        "the first set of a slot must succeed (return true)"
    );
    let (counter, waker) = counting_waker();
    assert_eq!(
        poll_with(&mut slot, &waker),
        Poll::Ready(3),
        "a slot set before any poll must be Ready with its value at the first poll"
    );
    assert_eq!(
        counter.wakes(),
        0,
        "a poll that is Ready at once must wake nobody"
    );
}

#[test]
fn a_second_set_is_refused_even_after_the_value_was_taken() {
    let setter = Slot::new();
    let mut waiting = setter.clone();
    assert!(
        setter.set('a'),
        "the first set of a slot must succeed (return true)"
    );
    assert!(!setter.set('b'), "a slot is set once");
    assert_eq!(
        poll_with(&mut waiting, Waker::noop()),
        Poll::Ready('a'),
        "the waiting side must get the value set first"
    );
    assert!(
        !setter.set('c'),
        "a slot is set once: a set after the value was taken must still be refused (return false)"
    );
}

/// The slot a `PollsInline` waker polls, and what that poll answered.
type Inline = Option<(Slot<u32>, Option<Poll<u32>>)>;

thread_local! {
    static INLINE: RefCell<Inline> = const { RefCell::new(None) };
}

/// A waker that polls the slot from inside `wake`, as an executor that runs
/// a woken task at once would. (The slot is not `Send`, so it waits in a
/// thread-local; wakes happen on this same thread.)
struct PollsInline;

impl Wake for PollsInline {
    fn wake(self: Arc<Self>) {
        INLINE.with(|cell| {
            if let Some((slot, seen)) = cell.borrow_mut().as_mut() {
                *seen = Some(Pin::new(slot).poll(&mut Context::from_waker(Waker::noop())));
            }
        });
    }
}

#[test]
fn set_has_let_go_of_the_slot_before_it_wakes() {
    let setter: Slot<u32> = Slot::new();
    let mut waiting = setter.clone();
    let waker = Waker::from(Arc::new(PollsInline));
    assert!(
        poll_with(&mut waiting, &waker).is_pending(),
        "polling an empty slot must return Pending"
    );
    INLINE.with(|cell| *cell.borrow_mut() = Some((waiting, None)));

    // If `set` still held its `borrow_mut` while waking, the poll inside
    // `wake` would panic with "already borrowed".
    assert!(
        setter.set(9),
        "the first set of a slot must succeed (return true)"
    );
    let seen = INLINE.with(|cell| cell.borrow_mut().take().and_then(|(_, seen)| seen));
    assert_eq!(
        seen,
        Some(Poll::Ready(9)),
        "set must let go of the slot before it wakes: the waker polled the slot inside wake, and \
         that poll did not see Ready(9) (a RefCell still borrowed panics here)"
    );
}

#[test]
fn an_async_block_awaiting_the_slot_gets_the_value() {
    let setter: Slot<u32> = Slot::new();
    let waiting = setter.clone();
    let mut task = pin!(async move { waiting.await + 1 });
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(
        task.as_mut().poll(&mut cx),
        Poll::Pending,
        "an async block awaiting an empty slot must be Pending"
    );
    setter.set(41);
    assert_eq!(
        task.as_mut().poll(&mut cx),
        Poll::Ready(42),
        "after set(41), the async block must finish with 41 + 1"
    );
}
