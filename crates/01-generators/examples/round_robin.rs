//! Three `count()` generators taking turns in a round-robin scheduler, the
//! way three `count()` coroutines take turns under asyncio: every "One"
//! comes before any "Two", because each task pauses after its first line
//! and the scheduler runs the others before coming back.
//!
//! Run: cargo lab demo 1 round_robin

use std::io::{self, Write};

use aio_generators::{GeneratorState, RoundRobin, count};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let mut scheduler = RoundRobin::new();
    for name in ["A", "B", "C"] {
        // asyncio.create_task(count(name)): queued, not started.
        scheduler.spawn(name, count(name));
    }
    writeln!(out, "queued: {scheduler:?}")?;
    writeln!(out)?;

    let trace = scheduler.run();
    write!(out, "{trace}")?;
    writeln!(out)?;

    writeln!(out, "what the tasks said, in order:")?;
    for turn in trace.turns() {
        if let GeneratorState::Yielded(line) = &turn.outcome {
            writeln!(out, "  {line}")?;
        }
    }
    let finished: Vec<&str> = trace.results().map(|(task, ())| task).collect();
    writeln!(out, "finished, in order: {}", finished.join(", "))?;
    Ok(())
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
