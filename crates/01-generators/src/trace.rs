//! A record of who ran when, for demos to print and tests to snapshot.

use std::fmt;

use crate::generator::GeneratorState;

// ANCHOR: trace
/// One resume made by a scheduler: which task ran, and how its turn ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn<Y, R> {
    /// Turns are numbered 1, 2, 3, … in the order they ran.
    pub number: usize,
    /// The name the task was given when it was spawned.
    pub task: String,
    /// `Yielded`: the task paused and went to the back of the queue.
    /// `Complete`: the task returned this value and was dropped.
    pub outcome: GeneratorState<Y, R>,
}

/// Every turn of one run, in order.
///
/// Its `Display` is a small table, one turn a line, which is what the
/// demos print and the tests snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace<Y, R> {
    turns: Vec<Turn<Y, R>>,
}
// ANCHOR_END: trace

impl<Y, R> Trace<Y, R> {
    /// An empty trace.
    pub const fn new() -> Self {
        Trace { turns: Vec::new() }
    }

    /// Appends a turn of `task` that ended in `outcome`, numbered one after
    /// the last.
    pub fn record(&mut self, task: &str, outcome: GeneratorState<Y, R>) {
        self.turns.push(Turn {
            number: self.turns.len() + 1,
            task: task.to_owned(),
            outcome,
        });
    }

    /// The turns, in the order they ran.
    pub fn turns(&self) -> &[Turn<Y, R>] {
        &self.turns
    }

    /// The tasks' return values, in the order the tasks finished, each with
    /// the task's name.
    pub fn results(&self) -> impl Iterator<Item = (&str, &R)> {
        self.turns.iter().filter_map(|turn| match &turn.outcome {
            GeneratorState::Complete(value) => Some((turn.task.as_str(), value)),
            GeneratorState::Yielded(_) => None,
        })
    }
}

impl<Y, R> Default for Trace<Y, R> {
    fn default() -> Self {
        Trace::new()
    }
}

impl<Y: fmt::Debug, R: fmt::Debug> fmt::Display for Trace<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .turns
            .iter()
            .map(|turn| turn.task.len())
            .chain(["task".len()])
            .max()
            .unwrap_or_default();
        writeln!(f, "turn  {:width$}  outcome", "task")?;
        for turn in &self.turns {
            write!(f, "{:>4}  {:width$}  ", turn.number, turn.task)?;
            match &turn.outcome {
                GeneratorState::Yielded(value) => writeln!(f, "yielded {value:?}")?,
                GeneratorState::Complete(value) => writeln!(f, "returned {value:?}")?,
            }
        }
        Ok(())
    }
}
