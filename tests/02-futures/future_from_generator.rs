// Suite for exercise 2.2, a generator driven as a future. Written once, run
// against the stub (`ex02-futures`) and the solution (`sol02-futures`)
// through a wrapper that names the code under test `subject`.

use std::cell::Cell;
use std::rc::Rc;
use std::task::{Poll, Waker};

use aio_generators::{Generator, GeneratorState};
use aio_testkit::wake::{counting_waker, poll_with};
use subject::FromGenerator;

/// Yields `yields` times, then returns the number of resumes; every resume
/// is counted in `resumed`, so the tests can see when the generator runs.
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
fn each_poll_resumes_the_generator_exactly_once() {
    let resumed = Rc::new(Cell::new(0));
    let mut fut = FromGenerator::new(Pauses {
        yields: 2,
        resumed: Rc::clone(&resumed),
    });
    assert_eq!(resumed.get(), 0, "wrapping must not run the generator");
    for expected in 1..=2 {
        assert_eq!(
            poll_with(&mut fut, Waker::noop()),
            Poll::Pending,
            "a generator that yielded must make the future Pending"
        );
        assert_eq!(
            resumed.get(),
            expected,
            "each poll must resume the generator exactly once: {expected} polls, {expected} resumes"
        );
    }
    assert_eq!(
        poll_with(&mut fut, Waker::noop()),
        Poll::Ready(3),
        "when the generator returns, the future must be Ready with its return value"
    );
    assert_eq!(
        resumed.get(),
        3,
        "three polls must resume the generator three times, no more"
    );
}

#[test]
fn a_generator_that_returns_at_once_is_ready_on_the_first_poll() {
    let resumed = Rc::new(Cell::new(0));
    let mut fut = FromGenerator::new(Pauses { yields: 0, resumed });
    assert_eq!(
        poll_with(&mut fut, Waker::noop()),
        Poll::Ready(1),
        "a generator that returns at once must make the first poll Ready with its value"
    );
}

#[test]
fn each_yield_is_a_pending_that_wakes_the_task() {
    let (counter, waker) = counting_waker();
    let resumed = Rc::new(Cell::new(0));
    let mut fut = FromGenerator::new(Pauses { yields: 5, resumed });
    let mut pendings = 0;
    // Bounded: a future that never finishes fails here instead of hanging.
    while poll_with(&mut fut, &waker).is_pending() {
        pendings += 1;
        assert!(
            pendings <= 5,
            "more Pending answers than the generator has yields"
        );
        assert_eq!(
            counter.wakes(),
            pendings,
            "a yield gives no hint of when to come back, so each Pending must wake the task once"
        );
    }
    assert_eq!(
        pendings, 5,
        "a generator that yields five times must make the future Pending five times before it is \
         Ready"
    );
}
