//! What the chapter's two timed demos, `count` and `create_task_order`,
//! share: the unit their delays are measured in, a traced run, and a
//! duration told in whole units.

use std::future::Future;
use std::time::Duration;

use aio_executor::EventLoop;
use aio_executor::trace::Trace;

/// One unit of waiting. Long enough that a busy machine waking a helper
/// thread a few tens of milliseconds late cannot turn 2 units into 3.
pub const UNIT: Duration = Duration::from_millis(250);

/// Runs `main` on a fresh loop with tracing on, and returns the trace.
pub fn traced(main: impl Future<Output = ()> + 'static) -> Trace {
    let event_loop = EventLoop::new().with_trace();
    event_loop.run_until_complete(main);
    event_loop.take_trace()
}

/// A duration in whole units, rounded to the nearest: "1 unit", "3 units".
/// Real delays are never exact; rounded, they print the same on every run.
pub fn units(elapsed: Duration) -> String {
    let n = (elapsed.as_secs_f64() / UNIT.as_secs_f64()).round();
    if n == 1.0 {
        "1 unit".to_owned()
    } else {
        format!("{n} units")
    }
}
