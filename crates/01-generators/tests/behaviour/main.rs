//! Stage 1's tests: one module per behaviour of the generators and the
//! round-robin scheduler, all linked into one test binary. (A binary per
//! file cost two seconds of linking each, more than the tests take to run
//! on a small machine.) Run one behaviour with
//! `cargo test -p aio-generators --test behaviour <module>::`.

mod common;

mod claims;
mod close;
mod completion;
mod demos;
mod lazy_start;
mod round_robin;
mod send;
mod suspension;
mod trace_exports;
mod twins;
mod yield_from;
