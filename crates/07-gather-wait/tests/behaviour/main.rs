//! The stage's tests, one module per behaviour, linked into one binary.
mod claims;
mod gather;
mod support;
