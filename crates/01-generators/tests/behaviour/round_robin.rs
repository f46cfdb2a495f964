//! The round-robin scheduler: tasks run in turn, each until it yields;
//! a task that yields goes to the back of the queue, a task that returns
//! is recorded and dropped.

use std::rc::{Rc, Weak};

use aio_generators::{
    Generator, GeneratorState, RoundRobin, Trace, count, holding, squares, yield_from,
};

/// The tasks' names and outcomes, turn by turn, in a form easy to compare.
fn turns<Y: Clone, R: Clone>(trace: &Trace<Y, R>) -> Vec<(String, GeneratorState<Y, R>)> {
    trace
        .turns()
        .iter()
        .map(|turn| (turn.task.clone(), turn.outcome.clone()))
        .collect()
}

fn yielded<Y, R>(task: &str, value: Y) -> (String, GeneratorState<Y, R>) {
    (task.to_owned(), GeneratorState::Yielded(value))
}

fn returned<Y, R>(task: &str, value: R) -> (String, GeneratorState<Y, R>) {
    (task.to_owned(), GeneratorState::Complete(value))
}

#[test]
fn tasks_take_turns_in_the_order_they_were_spawned() {
    let mut scheduler = RoundRobin::new();
    scheduler.spawn("A", count("A"));
    scheduler.spawn("B", count("B"));
    let trace = scheduler.run();
    assert_eq!(
        turns(&trace),
        [
            yielded("A", "A: One".to_owned()),
            yielded("B", "B: One".to_owned()),
            yielded("A", "A: Two".to_owned()),
            yielded("B", "B: Two".to_owned()),
            returned("A", ()),
            returned("B", ()),
        ]
    );
}

#[test]
fn a_longer_task_keeps_running_after_the_shorter_ones_finish() {
    let mut scheduler = RoundRobin::new();
    scheduler.spawn("short", squares(1));
    scheduler.spawn("long", squares(3));
    let trace = scheduler.run();
    assert_eq!(
        turns(&trace),
        [
            yielded("short", 1),
            yielded("long", 1),
            returned("short", 1),
            yielded("long", 4),
            yielded("long", 9),
            returned("long", 14),
        ]
    );
}

#[test]
fn results_are_listed_in_the_order_tasks_finished() {
    let mut scheduler = RoundRobin::new();
    scheduler.spawn("three", squares(3));
    scheduler.spawn("one", squares(1));
    scheduler.spawn("none", squares(0));
    let trace = scheduler.run();
    let results: Vec<(&str, u64)> = trace.results().map(|(task, sum)| (task, *sum)).collect();
    assert_eq!(results, [("none", 0), ("one", 1), ("three", 14)]);
}

#[test]
fn tasks_of_different_types_share_one_queue() {
    let mut scheduler = RoundRobin::new();
    scheduler.spawn("plain", squares(1));
    scheduler.spawn("delegating", yield_from(squares(1), |sum| sum + 100));
    let results: Vec<u64> = scheduler.run().results().map(|(_, sum)| *sum).collect();
    assert_eq!(results, [1, 101]);
}

/// A task that yields how many strong references the watched value has,
/// three times: it sees another task's frame let go of it.
struct Watcher {
    watched: Weak<()>,
    left: u32,
}

impl Generator for Watcher {
    type Yield = u32;
    type Return = ();

    fn resume(&mut self, (): ()) -> GeneratorState<u32, ()> {
        if self.left == 0 {
            return GeneratorState::Complete(());
        }
        self.left -= 1;
        let count = u32::try_from(self.watched.strong_count()).expect("a small count");
        GeneratorState::Yielded(count)
    }
}

#[test]
fn a_finished_task_is_dropped_before_the_next_turn() {
    let resource = Rc::new(());
    let mut scheduler = RoundRobin::new();
    scheduler.spawn("holder", holding(Rc::clone(&resource), 1));
    scheduler.spawn(
        "watcher",
        Watcher {
            watched: Rc::downgrade(&resource),
            left: 2,
        },
    );
    let trace = scheduler.run();
    assert_eq!(
        turns(&trace),
        [
            yielded("holder", 0),
            // The holder's paused frame and this test hold the resource.
            yielded("watcher", 2),
            returned("holder", ()),
            // The holder is gone, frame and all.
            yielded("watcher", 1),
            returned("watcher", ()),
        ]
    );
}

#[test]
fn spawning_runs_nothing_until_the_scheduler_runs() {
    let resource = Rc::new(());
    let mut scheduler = RoundRobin::new();
    scheduler.spawn("holder", holding(Rc::clone(&resource), 1));
    assert_eq!(
        format!("{scheduler:?}"),
        r#"RoundRobin { ready: ["holder"] }"#
    );
    drop(scheduler);
    assert_eq!(
        Rc::strong_count(&resource),
        1,
        "dropping the scheduler drops its tasks"
    );
}

#[test]
fn a_scheduler_with_no_tasks_returns_an_empty_trace() {
    let trace = RoundRobin::<(), ()>::new().run();
    assert!(trace.turns().is_empty());
}

#[test]
fn turns_are_numbered_from_one_and_shown_as_a_table() {
    let mut trace = Trace::new();
    trace.record("first", GeneratorState::<u8, &str>::Yielded(7));
    trace.record("second-task", GeneratorState::Complete("done"));
    let numbers: Vec<usize> = trace.turns().iter().map(|turn| turn.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(
        trace.to_string(),
        "turn  task         outcome\n\
         \x20  1  first        yielded 7\n\
         \x20  2  second-task  returned \"done\"\n"
    );
}
