//! Exercises for chapter 1: the stubs you complete.
#![forbid(unsafe_code)]
