//! Steps `two_rounds(2, 3)`, a generator that delegates to `squares(2)` and
//! then to `squares(3)` with `yield from`: the inner generator's state sits
//! inside the outer one's, its yields come straight out, and the outer one
//! returns the sum of what the inner ones returned.
//!
//! Run: cargo lab demo 1 yield_from

use std::io::{self, Write};

use aio_generators::{Generator, GeneratorState, two_rounds};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# two_rounds(2, 3)")?;
    let mut outer = two_rounds(2, 3);
    writeln!(out, "state    {outer:?}")?;
    loop {
        let step = outer.resume(());
        writeln!(out, "next()   -> {step:?}")?;
        writeln!(out, "state    {outer:?}")?;
        if let GeneratorState::Complete(total) = step {
            writeln!(out)?;
            writeln!(out, "returned {total}")?;
            return Ok(());
        }
    }
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
