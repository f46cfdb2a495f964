//! The stage's tests, one module per behaviour, linked into one binary.
mod back_pressure;
mod barrier;
mod cancel_safety;
mod claims;
mod condition;
mod demos;
mod event;
mod lock_fairness;
mod nowait;
mod queue_order;
mod semaphore;
mod shutdown;
mod spurious_wakes;
mod stress;
mod support;
mod task_done_join;
mod twins;
