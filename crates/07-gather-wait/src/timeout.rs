//! Timeouts: stage 6's `timeout`, `timeout_at` and `wait_for`, re-exported.
//!
//! `aio_timers::timeout(duration, future)` already is asyncio 3.11's
//! `async with asyncio.timeout(delay)` scope: the future is the scope, and
//! when the deadline wins it is dropped, which cancels whatever it was
//! awaiting. `wait_for(future, duration)` is the same with asyncio's
//! argument order, and since a [`JoinHandle`](aio_executor::JoinHandle)
//! dropped in the middle of an `.await` cancels its task,
//! `wait_for(handle, d)` cancels the task on timeout, as asyncio's does.
//!
//! One difference: `wait_for(future, Duration::ZERO)` polls the future once
//! before it looks at the clock, so a future that is ready at once gives
//! its value. asyncio 3.11's `wait_for(coro, 0)` wraps the coroutine in a
//! task and cancels it before it ever runs, and raises `TimeoutError`.

pub use aio_timers::{Timeout, timeout, timeout_at, wait_for};
