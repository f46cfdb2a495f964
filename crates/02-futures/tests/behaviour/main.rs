//! Stage 2's tests: one module per behaviour of the hand-written futures,
//! all linked into one test binary. (A binary per file cost two seconds of
//! linking each, more than the tests take to run on a small machine.) Run
//! one behaviour with `cargo test -p aio-futures --test behaviour <module>::`.

mod await_placeholder;
mod busy_block_on;
mod claims;
mod countdown;
mod demos;
mod done_callbacks;
mod generator_future;
mod placeholder_future;
mod two_awaits;
