//! Every suite of chapter 7 against the solutions, linked into one test
//! binary (a binary per suite cost a link each, seconds on a small machine).
//! Each module is the one-line wrapper of one exercise, as the stubs' side
//! has it; `cargo lab verify` runs one with `--test suites <name>::`.

mod as_completed;
mod cancel_on_drop;
mod gather_vec;
mod wait_first;
