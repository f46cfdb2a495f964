//! Exercises for chapter 2 (in progress).
#![forbid(unsafe_code)]
