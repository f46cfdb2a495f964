//! Stage 6's tests: one module per behaviour of the timers, the clocks and
//! the loop built on them, all linked into one test binary. (A binary per
//! file cost two seconds of linking each, more than the tests take to run
//! on a small machine.) Run one behaviour with
//! `cargo test -p aio-timers --test behaviour <module>::`.

mod blocking;
mod call_later;
mod claims;
mod demos;
mod different_loop;
mod dropped_sleeps;
mod far_deadlines;
mod fired_mark;
mod full_stack;
// The timers' heap is private to the crate (the library builds no test
// binary of its own): its tests run here, with its file compiled in.
#[path = "../../src/heap.rs"]
mod heap;
mod off_loop_work;
mod scale;
mod sleep;
mod sleep_wakers;
mod thread_exit;
mod timeout;
mod timer_order;
mod timer_queue;
mod trace_exports;
mod twins;
mod virtual_clock;
