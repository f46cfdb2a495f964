//! Three `count()` generators taking turns in a round-robin scheduler, the
//! way three `count()` coroutines take turns under asyncio: every "One"
//! comes before any "Two", because each task pauses after its first line
//! and the scheduler runs the others before coming back.
//!
//! Run: cargo lab demo 1 round_robin

use std::collections::VecDeque;
use std::io::{self, Write};

use aio_executor::trace::export::{Export, Program, Turn, TurnKind};
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

/// The run as turns in stage 4's trace schema, for `cargo lab trace
/// round_robin` and the book's viewer. The scheduler's queue is replayed
/// from its rule: a task that yields goes to the back.
pub fn export() -> Export {
    let mut scheduler = RoundRobin::new();
    let mut ready: VecDeque<String> = VecDeque::new();
    for name in ["A", "B", "C"] {
        scheduler.spawn(name, count(name));
        ready.push_back(name.to_owned());
    }
    let trace = scheduler.run();
    let text: Vec<String> = trace.to_string().lines().map(str::to_owned).collect();
    let mut turns = Vec::new();
    for turn in trace.turns() {
        let queue: Vec<String> = ready.iter().cloned().collect();
        ready.pop_front();
        let (outcome, notes) = match &turn.outcome {
            GeneratorState::Yielded(line) => {
                ready.push_back(turn.task.clone());
                ("yielded", vec![line.to_string()])
            }
            GeneratorState::Complete(()) => ("returned", Vec::new()),
        };
        turns.push(Turn {
            n: turn.number,
            iteration: turn.number,
            time: None,
            kind: TurnKind::Poll {
                task: turn.task.clone(),
                outcome: outcome.to_owned(),
            },
            ready: queue,
            waiting: Vec::new(),
            notes,
            // Line 0 is the table's header.
            lines: Some((turn.number, turn.number)),
        });
    }
    Export {
        demo: "round_robin".to_owned(),
        chapter: 1,
        about: "three count() generators in a round-robin scheduler".to_owned(),
        programs: vec![Program {
            title: "three count() generators, A, B and C".to_owned(),
            clock: false,
            text,
            turns,
        }],
    }
}

fn main() -> io::Result<()> {
    if Export::present_if_asked(export)? {
        return Ok(());
    }
    run(&mut io::stdout().lock())
}
