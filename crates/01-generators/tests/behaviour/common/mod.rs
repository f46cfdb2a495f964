//! The one helper several of this crate's test files share.

use aio_generators::{Generator, GeneratorState};

/// Resumes `generator` until it returns: what it yielded, in order, and
/// what it returned. Python's `list(gen)`, keeping the `StopIteration`
/// value that `list` throws away.
///
/// Bounded at 100 resumes, so a machine that never finishes fails the test
/// instead of hanging it.
pub fn run_to_end<G: Generator>(mut generator: G) -> (Vec<G::Yield>, G::Return) {
    let mut yielded = Vec::new();
    for _ in 0..100 {
        match generator.resume(()) {
            GeneratorState::Yielded(value) => yielded.push(value),
            GeneratorState::Complete(value) => return (yielded, value),
        }
    }
    panic!("still running after 100 resumes");
}
