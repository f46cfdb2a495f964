//! Every suite of chapter 9 against the solutions, linked into one test
//! binary (a binary per suite cost a link each, seconds on a small machine).
//! Each module is the one-line wrapper of one exercise, as the stubs' side
//! has it; `cargo lab verify` runs one with `--test suites <name>::`.

mod crawl_worker;
mod thread_wake;
