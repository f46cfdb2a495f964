//! The hand-compiled `async fn`: its states, and that it behaves exactly
//! like the `async fn` the compiler builds from the same body.

use std::task::{Poll, Waker};

use aio_futures::{AddLater, add_later, add_later_async, block_on_counted, sum_first_two_later};
use aio_testkit::wake::{counting_waker, poll_with};

#[test]
fn calling_runs_nothing_and_each_poll_moves_through_the_states() {
    let mut fut = add_later(2, 3);
    assert_eq!(fut.state_name(), "Start");

    let waker = Waker::noop();
    let mut trace = Vec::new();
    for _ in 0..10 {
        let answer = poll_with(&mut fut, waker);
        trace.push(format!("{answer:?} {}", fut.state_name()));
        if answer.is_ready() {
            break;
        }
    }
    assert_eq!(
        trace,
        [
            "Pending AwaitingFirst",
            "Pending AwaitingSecond",
            "Pending AwaitingSecond",
            "Ready(5) Done",
        ]
    );
}

#[test]
fn same_output_and_same_number_of_polls_as_the_compilers_version() {
    for (x, y) in [(0, 0), (1, 2), (40, 2)] {
        let by_hand = block_on_counted(add_later(x, y));
        let by_compiler = block_on_counted(add_later_async(x, y));
        assert_eq!(by_hand, by_compiler);
        assert_eq!(by_hand, (x + y, 4));
    }
}

#[test]
fn every_pending_comes_with_a_wake_from_the_inner_future() {
    let (counter, waker) = counting_waker();
    let mut fut = add_later(1, 1);
    let mut pendings = 0;
    while poll_with(&mut fut, &waker) == Poll::Pending {
        pendings += 1;
        // Bounded: a machine that wakes itself forever fails, not hangs.
        assert!(
            pendings <= 3,
            "more Pending answers than the two awaits give"
        );
        assert_eq!(
            counter.wakes(),
            pendings,
            "a Pending without a wake would hang a real executor"
        );
    }
    assert_eq!(pendings, 3);
}

#[test]
#[should_panic(expected = "`AddLater` polled after it completed")]
fn polling_after_completion_panics() {
    let mut fut = add_later(1, 1);
    let ready = (0..10).any(|_| poll_with(&mut fut, Waker::noop()).is_ready());
    assert!(ready, "add_later(1, 1) is Ready within four polls");
    let _ = poll_with(&mut fut, Waker::noop());
}

#[test]
fn the_hand_written_machine_is_unpin() {
    fn assert_unpin<T: Unpin>() {}
    assert_unpin::<AddLater>();
}

#[test]
fn a_future_that_borrows_its_own_local_runs_once_pinned() {
    // `block_on` pins the future in its own frame, so the reference into
    // the future stays valid between the two polls.
    assert_eq!(block_on_counted(sum_first_two_later([4, 5, 100])), (9, 2));
}
