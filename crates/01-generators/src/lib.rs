//! Stage 1: generators as state machines. (Tutorial docs to come.)
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod generator;

pub use generator::{Generator, GeneratorState};
