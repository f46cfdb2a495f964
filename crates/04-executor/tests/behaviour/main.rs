//! Stage 4's tests: one module per behaviour of the event loop and its
//! tasks, all linked into one test binary. (A binary per file cost two
//! seconds of linking each, more than the tests take to run on a small
//! machine.) Run one behaviour with
//! `cargo test -p aio-executor --test behaviour <module>::`.

// The demos are declared once, in `demos`, and the other behaviours use
// them from there; but `count`, `create_task_order` and `tiny_loop` each
// bring their own copy of `examples/support`, as each does when it is
// built as an example.
#![allow(clippy::duplicate_mod)]

mod cancel;
mod claims;
mod demos;
mod hint;
mod idle_memory;
mod join;
mod local_task;
mod outcomes;
mod pinned_in_place;
mod remote_wake;
mod running_loop;
mod scheduling_order;
mod slow_poll;
mod thread_exit;
mod trace_exports;
mod twins;
