//! `cargo lab`: the learner's command line (being built).
fn main() {}
