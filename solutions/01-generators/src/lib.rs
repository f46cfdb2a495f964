//! Solutions to chapter 1's exercises.
#![forbid(unsafe_code)]
