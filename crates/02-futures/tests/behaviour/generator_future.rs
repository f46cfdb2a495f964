//! A stage-1 generator driven as a future: a bare `yield` is Pending, the
//! return value is Ready, and each Pending wakes the task at once.

use std::cell::Cell;
use std::rc::Rc;
use std::task::{Poll, Waker};

use aio_futures::{block_on_counted, from_generator};
use aio_generators::{Generator, GeneratorState};
use aio_testkit::wake::{counting_waker, poll_with};

/// Yields `yields` times, then returns how often it was resumed; counts its
/// resumes in a shared cell so the test can see when code runs.
struct Pauses {
    yields: u32,
    resumed: Rc<Cell<u32>>,
}

impl Generator for Pauses {
    type Yield = ();
    type Return = u32;

    fn resume(&mut self, (): ()) -> GeneratorState<(), u32> {
        let n = self.resumed.get() + 1;
        self.resumed.set(n);
        if n <= self.yields {
            GeneratorState::Yielded(())
        } else {
            GeneratorState::Complete(n)
        }
    }
}

#[test]
fn wrapping_runs_nothing_and_each_poll_resumes_once() {
    let resumed = Rc::new(Cell::new(0));
    let mut fut = from_generator(Pauses {
        yields: 2,
        resumed: Rc::clone(&resumed),
    });
    assert_eq!(resumed.get(), 0, "wrapping must not resume the generator");

    let waker = Waker::noop();
    assert_eq!(poll_with(&mut fut, waker), Poll::Pending);
    assert_eq!(resumed.get(), 1);
    assert_eq!(poll_with(&mut fut, waker), Poll::Pending);
    assert_eq!(poll_with(&mut fut, waker), Poll::Ready(3));
    assert_eq!(resumed.get(), 3);
}

#[test]
fn each_yield_becomes_a_pending_with_one_wake() {
    let (counter, waker) = counting_waker();
    let resumed = Rc::new(Cell::new(0));
    let mut fut = from_generator(Pauses { yields: 4, resumed });
    let mut pendings = 0;
    while poll_with(&mut fut, &waker).is_pending() {
        pendings += 1;
        assert!(pendings <= 4, "more Pending answers than yields");
    }
    assert_eq!(pendings, 4);
    assert_eq!(counter.wakes(), 4);
}

#[test]
fn block_on_drives_it_like_a_for_loop_over_the_generator() {
    let resumed = Rc::new(Cell::new(0));
    let fut = from_generator(Pauses { yields: 9, resumed });
    assert_eq!(block_on_counted(fut), (10, 10));
}
