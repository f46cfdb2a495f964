// What every suite of chapter 7 shares, pulled into each one with
// `include!("support/common.rs");`: `secs`, the `Event` log of what happened
// to each task and when (`Log`, `events_of`), the `Watch` guard that writes
// it, and `task`, a named task that sleeps. Its items name their paths in
// full, so a suite imports only what it uses itself; those that some
// suites never use are marked `#[allow(dead_code)]`.

fn secs(n: u64) -> std::time::Duration {
    std::time::Duration::from_secs(n)
}

/// What happened to a task (a child of the gather), and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    Started,
    Finished,
    /// Ended by a panic (gather_vec's failing children).
    #[allow(dead_code)]
    Failed,
    /// Dropped before it finished: cancelled.
    Cancelled,
}

/// `(task, event, virtual time)`, in the order they happened.
type Log = std::rc::Rc<std::cell::RefCell<Vec<(&'static str, Event, std::time::Duration)>>>;

fn events_of(log: &Log, name: &str) -> Vec<(Event, std::time::Duration)> {
    log.borrow()
        .iter()
        .filter(|(who, _, _)| *who == name)
        .map(|&(_, event, at)| (event, at))
        .collect()
}

/// Logs a task's start, and its cancellation if it is dropped before it
/// logged its end.
struct Watch {
    log: Log,
    name: &'static str,
    ended: bool,
}

impl Watch {
    fn start(log: &Log, name: &'static str) -> Watch {
        log.borrow_mut()
            .push((name, Event::Started, aio_timers::now()));
        Watch {
            log: log.clone(),
            name,
            ended: false,
        }
    }

    /// Logs the end, `Finished` or `Failed`.
    #[allow(dead_code)]
    fn end(mut self, event: Event) {
        self.ended = true;
        self.log
            .borrow_mut()
            .push((self.name, event, aio_timers::now()));
    }

    #[allow(dead_code)]
    fn finish(self) {
        self.end(Event::Finished);
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if !self.ended {
            self.log
                .borrow_mut()
                .push((self.name, Event::Cancelled, aio_timers::now()));
        }
    }
}

/// Spawns a task named `name` that sleeps `delay` seconds, then returns
/// its name.
#[allow(dead_code)]
fn task(log: &Log, name: &'static str, delay: u64) -> aio_executor::JoinHandle<&'static str> {
    let log = log.clone();
    aio_executor::spawn_named(name, async move {
        let watch = Watch::start(&log, name);
        aio_timers::sleep(secs(delay)).await;
        watch.finish();
        name
    })
}
