//! The trace exports the book's viewer plays are what the demos trace now
//! (the check never writes them; `cargo lab trace --book` does).

use crate::demos::create_task_order;

use aio_testkit::generated::assert_current;

#[test]
#[cfg_attr(
    miri,
    ignore = "times real sleeps, and miri runs a hundred times slower"
)]
fn create_task_order_export_is_current() {
    assert_current(
        "book/src/generated/traces/create_task_order.json",
        &create_task_order::export().to_json(),
        "cargo lab trace create_task_order --json --out book/src/generated/traces/create_task_order.json",
    );
}

/// The export finds the loop's iterations by replaying its rules; here the
/// test drives the loop one iteration at a time (`run_once`) and knows
/// where each one ends, and every poll the replay finds must fall in the
/// iteration it names, with the ready queue the loop had.
#[test]
fn replayed_turns_match_the_loops_own_iterations() {
    use aio_executor::trace::Trace;
    use aio_executor::trace::export::{Program, TurnKind};
    use aio_executor::{EventLoop, spawn_named, yield_now};

    let event_loop = EventLoop::new().with_trace();
    // The handles are dropped on purpose: the tasks run all the same.
    drop(event_loop.spawn(async {
        yield_now().await;
        drop(spawn_named("late", async { yield_now().await }));
        yield_now().await;
    }));
    drop(event_loop.spawn(async { yield_now().await }));
    let mut trace = Trace::default();
    // Where each iteration's events end.
    let mut ends = Vec::new();
    while event_loop.task_count() > 0 {
        event_loop.run_once();
        trace.events.extend(event_loop.take_trace().events);
        ends.push(trace.events.len());
    }
    let program = Program::from_trace("run_once by run_once", &trace);
    let polls: Vec<_> = program
        .turns
        .iter()
        .filter(|t| matches!(t.kind, TurnKind::Poll { .. }))
        .collect();
    assert_eq!(polls.len(), 7, "{:#?}", program.turns);
    for turn in polls {
        let (_, last) = turn.lines.expect("a poll covers its lines");
        let iteration = ends.iter().position(|&end| last < end).unwrap() + 1;
        assert_eq!(turn.iteration, iteration, "{turn:#?}");
        let TurnKind::Poll { task, .. } = &turn.kind else {
            unreachable!()
        };
        assert_eq!(
            turn.ready.first(),
            Some(task),
            "the front of the queue runs"
        );
    }
    assert_eq!(program.turns.last().unwrap().iteration, ends.len());
}
