// Suite for exercise 1.4, round_robin. Written once, run against the stub
// (`ex01-generators`) and the solution (`sol01-generators`) through a
// wrapper that names the code under test `subject`.

use std::cell::RefCell;
use std::rc::Rc;

use aio_generators::{Generator, GeneratorState, squares};
use subject::gather;

type Log = Rc<RefCell<Vec<String>>>;

/// A task that writes every step of its life to a shared log: each resume,
/// its return, and its drop. It pauses `pauses` times, then returns its
/// name in capitals. Resumed after returning, it panics, so a scheduler
/// that keeps finished tasks around fails instead of looping forever.
struct Logged {
    name: &'static str,
    pauses: u32,
    resumed: u32,
    log: Log,
}

impl Logged {
    fn task(
        name: &'static str,
        pauses: u32,
        log: &Log,
    ) -> Box<dyn Generator<Yield = (), Return = String>> {
        Box::new(Logged {
            name,
            pauses,
            resumed: 0,
            log: Rc::clone(log),
        })
    }
}

impl Generator for Logged {
    type Yield = ();
    type Return = String;

    fn resume(&mut self, (): ()) -> GeneratorState<(), String> {
        assert!(
            self.resumed <= self.pauses,
            "task {} was resumed after it returned",
            self.name
        );
        self.resumed += 1;
        if self.resumed <= self.pauses {
            self.log.borrow_mut().push(format!("{} runs", self.name));
            GeneratorState::Yielded(())
        } else {
            self.log.borrow_mut().push(format!("{} returns", self.name));
            GeneratorState::Complete(self.name.to_uppercase())
        }
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        self.log.borrow_mut().push(format!("{} dropped", self.name));
    }
}

fn log_of(log: &Log) -> Vec<String> {
    log.borrow().clone()
}

#[test]
fn tasks_take_turns_in_the_order_they_were_given() {
    let log = Log::default();
    gather(vec![
        Logged::task("a", 1, &log),
        Logged::task("b", 1, &log),
        Logged::task("c", 1, &log),
    ]);
    let runs: Vec<String> = log_of(&log)
        .into_iter()
        .filter(|line| !line.ends_with("dropped"))
        .collect();
    assert_eq!(
        runs,
        [
            "a runs",
            "b runs",
            "c runs",
            "a returns",
            "b returns",
            "c returns"
        ],
        "tasks must take turns, one step each in list order (a, b, c), until each returns: run \
         each task one resume, not to the end"
    );
}

#[test]
fn a_task_that_yields_waits_behind_every_other_task() {
    let log = Log::default();
    gather(vec![
        Logged::task("long", 3, &log),
        Logged::task("short", 1, &log),
    ]);
    let runs: Vec<String> = log_of(&log)
        .into_iter()
        .filter(|line| !line.ends_with("dropped"))
        .collect();
    assert_eq!(
        runs,
        [
            "long runs",
            "short runs",
            "long runs",
            "short returns",
            "long runs",
            "long returns"
        ],
        "a task that returned leaves the round; the others go on taking turns in order"
    );
}

#[test]
fn results_come_back_in_argument_order_not_in_finishing_order() {
    let log = Log::default();
    let results = gather(vec![
        Logged::task("slow", 4, &log),
        Logged::task("quick", 0, &log),
        Logged::task("middling", 2, &log),
    ]);
    assert_eq!(
        results,
        ["SLOW", "QUICK", "MIDDLING"],
        "results must come back in the order the tasks were given, not the order they finished, \
         each task's return value"
    );
}

#[test]
fn a_task_that_returned_is_dropped_before_the_next_task_runs() {
    let log = Log::default();
    gather(vec![Logged::task("a", 0, &log), Logged::task("b", 1, &log)]);
    assert_eq!(
        log_of(&log),
        ["a returns", "a dropped", "b runs", "b returns", "b dropped"],
        "a task that returned must be dropped at once, before the next task runs"
    );
}

#[test]
fn every_task_runs_until_it_returns_and_no_further() {
    let log = Log::default();
    let results = gather(vec![Logged::task("x", 2, &log), Logged::task("y", 5, &log)]);
    assert_eq!(
        results,
        ["X", "Y"],
        "results must come back in the order the tasks were given, each task's return value"
    );
    let returns = log_of(&log)
        .iter()
        .filter(|line| line.ends_with("returns"))
        .count();
    assert_eq!(
        returns, 2,
        "each task must be resumed until it returns, and never again after: one return per task"
    );
}

#[test]
fn gathering_no_tasks_gives_no_results() {
    let results: Vec<u64> = gather(Vec::<Box<dyn Generator<Yield = u64, Return = u64>>>::new());
    assert!(
        results.is_empty(),
        "gathering no tasks must give no results"
    );
}

#[test]
fn the_stage_generators_can_be_gathered_too() {
    let tasks: Vec<Box<dyn Generator<Yield = u64, Return = u64>>> = vec![
        Box::new(squares(3)),
        Box::new(squares(1)),
        Box::new(squares(0)),
    ];
    assert_eq!(
        gather(tasks),
        [14, 1, 0],
        "the stage's own generators must be gathered too: the total each returned, in the order \
         given"
    );
}
