//! `cargo lab`, the learner's command line; see the `lab` library for how
//! it works.

fn main() -> std::process::ExitCode {
    lab::run(std::env::args_os())
}
