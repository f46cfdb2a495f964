//! Stage 3's tests: one module per behaviour of the wakers and `block_on`,
//! all linked into one test binary. (A binary per file cost two seconds of
//! linking each, more than the tests take to run on a small machine.) Run
//! one behaviour with `cargo test -p aio-wakers --test behaviour <module>::`.

mod block_on;
mod checking_waker;
mod claims;
mod counting_waker;
mod cross_thread_wake;
mod demos;
mod wake_trait;
