//! The `asyncio` crate's behaviour: each name it offers does what
//! asyncio's does, or the test shows how and why it differs. One binary,
//! one module per topic.

mod capstone;
mod demos;
mod names;
mod runner;
mod running_loop;
mod tasks;
mod threads;
mod twin;
