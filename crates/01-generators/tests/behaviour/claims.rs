//! The claims of chapter 1 (C32 to C36 in `CLAIMS.md`), checked against
//! CPython by our own scripts in `python/claims/`, and, where this stage
//! has the concept, against the rebuild.
//!
//! Each Python check asserts what it finds and prints its evidence; the
//! snapshot keeps that evidence, and the book shows it.

use std::cell::Cell;
use std::rc::Rc;

use aio_generators::{
    Generator, GeneratorState, Holding, Squares, TwoRounds, holding, squares, two_rounds,
};
use aio_testkit::python::run_script;

fn check(script: &str) -> Option<String> {
    run_script(&format!("claims/{script}"), &[])
}

#[test]
fn c32_python_calling_runs_nothing_and_the_frame_survives() {
    let Some(out) = check("c32_generator_frame_survives.py") else {
        return;
    };
    insta::assert_snapshot!("c32_python", out);
}

// ANCHOR: c32_rebuild
#[test]
fn c32_rebuild_calling_builds_start_and_fields_carry_the_frame() {
    // The call: nothing but the arguments, stored in `Start`.
    let mut generator = squares(3);
    assert_eq!(generator, Squares::Start { limit: 3 });

    // Each pause: the variant is where it stopped, the fields are the
    // locals it will need when it carries on.
    assert_eq!(generator.resume(()), GeneratorState::Yielded(1));
    assert_eq!(
        generator,
        Squares::Suspended {
            n: 1,
            limit: 3,
            total: 0
        }
    );
    assert_eq!(generator.resume(()), GeneratorState::Yielded(4));
    assert_eq!(
        generator,
        Squares::Suspended {
            n: 2,
            limit: 3,
            total: 1
        }
    );

    // A delegating generator's frame contains its inner generator's frame,
    // and there is no inner generator before the first resume.
    let mut outer = two_rounds(1, 1);
    assert!(matches!(outer, TwoRounds::Start { .. }));
    outer.resume(());
    assert_eq!(
        outer,
        TwoRounds::InFirst {
            inner: Squares::Suspended {
                n: 1,
                limit: 1,
                total: 0
            },
            second_limit: 1
        }
    );
}
// ANCHOR_END: c32_rebuild

#[test]
fn c33_python_finishing_raises_stopiteration_and_drops_the_frame() {
    let Some(out) = check("c33_finished_generator_frame.py") else {
        return;
    };
    insta::assert_snapshot!("c33_python", out);
}

/// Counts how many times it was dropped: our stand-in for a `finally`.
struct Resource {
    drops: Rc<Cell<u32>>,
}

impl Drop for Resource {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

// ANCHOR: c33_rebuild
#[test]
fn c33_rebuild_completing_moves_to_done_and_drops_the_locals() {
    let drops = Rc::new(Cell::new(0));
    let mut generator = holding(
        Resource {
            drops: Rc::clone(&drops),
        },
        1,
    );

    assert_eq!(generator.resume(()), GeneratorState::Yielded(0));
    assert_eq!(drops.get(), 0, "a paused generator keeps its locals");

    // StopIteration(value) is `Complete(value)`; by the time the caller
    // sees it, the generator is `Done` and its locals are dropped.
    assert_eq!(generator.resume(()), GeneratorState::Complete(()));
    assert!(matches!(generator, Holding::Done));
    assert_eq!(drops.get(), 1, "finishing drops the frame's locals");

    drop(generator);
    assert_eq!(
        drops.get(),
        1,
        "a finished generator has nothing left to drop"
    );
}
// ANCHOR_END: c33_rebuild

#[test]
fn c34_python_a_coroutine_is_a_generator_in_all_but_type() {
    let Some(out) = check("c34_coroutine_is_a_generator.py") else {
        return;
    };
    insta::assert_snapshot!("c34_python", out);
}

#[test]
fn c35_python_async_def_makes_coroutines_and_async_generators() {
    let Some(out) = check("c35_async_def_forms.py") else {
        return;
    };
    insta::assert_snapshot!("c35_python", out);
}

#[test]
fn c36_python_asyncio_coroutine_is_gone_types_coroutine_remains() {
    let Some(out) = check("c36_old_style_coroutine.py") else {
        return;
    };
    insta::assert_snapshot!("c36_python", out);
}
