//! The stage's tests, one module per behaviour, linked into one binary.
mod as_completed;
mod claims;
mod demos;
mod gather;
mod shield;
mod support;
mod task_group;
mod trace_exports;
mod twins;
mod wait;
mod wait_for;
