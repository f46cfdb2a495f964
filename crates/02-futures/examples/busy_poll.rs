//! Busy polling: `block_on` asks again the moment a future answers Pending,
//! so every poll but the last one is wasted work.
//!
//! Run: cargo lab demo 2 busy_poll

use std::future::Future;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use aio_futures::{Countdown, block_on_counted, from_generator};
use aio_generators::{Generator, GeneratorState};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    // 1. A future that needs a fixed number of polls.
    writeln!(
        out,
        "Countdown::new(4, \"lift-off\"), ready on its 5th poll:"
    )?;
    let (value, polls) = block_on_counted(Countdown::new(4, "lift-off"));
    writeln!(out, "  output: {value:?}")?;
    report(out, polls)?;

    // 2. Stage 1's protocol: each bare `yield` costs one Pending poll.
    writeln!(out, "a generator with 3 bare yields, driven as a future:")?;
    let (value, polls) = block_on_counted(from_generator(BareYields { left: 3 }));
    writeln!(out, "  output: {value:?}")?;
    report(out, polls)?;

    // 3. Waiting for something outside the program: another thread.
    writeln!(
        out,
        "a future waiting for a flag that a thread sets after 20 ms:"
    )?;
    let flag = Arc::new(AtomicBool::new(false));
    let polls_seen = Arc::new(AtomicU64::new(0));
    let setter = {
        let (flag, polls_seen) = (Arc::clone(&flag), Arc::clone(&polls_seen));
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(20));
            // On any ordinary machine the loop below has spun hundreds of
            // thousands of times by now. Waiting for 1,000 only guards this
            // demo's printed line against a machine so busy that the polling
            // thread never got to run during those 20 ms.
            while polls_seen.load(Ordering::SeqCst) <= 1_000 {
                thread::yield_now();
            }
            flag.store(true, Ordering::SeqCst);
        })
    };
    let (value, polls) = block_on_counted(FlagSet {
        flag,
        polls: polls_seen,
    });
    setter.join().expect("the setter thread does not panic");
    writeln!(out, "  output: {value:?}")?;
    // The count depends on the machine and on how busy it is, so it differs
    // from run to run; the test that snapshots this output redacts it.
    assert!(polls > 1_000, "the setter waits for 1,000 polls");
    report(out, polls)?;
    writeln!(
        out,
        "every wasted poll asked a question whose answer had not changed;"
    )?;
    writeln!(
        out,
        "a waker would let block_on sleep until it had (stage 3)."
    )
}

fn report(out: &mut dyn Write, polls: u64) -> io::Result<()> {
    writeln!(
        out,
        "  polls: {polls}, useful: 1, wasted: {}",
        polls.saturating_sub(1)
    )
}

/// A stage-1 generator: `yield` (with no value) `left` times, then return
/// "generator done".
struct BareYields {
    left: u32,
}

impl Generator for BareYields {
    type Yield = ();
    type Return = &'static str;

    fn resume(&mut self, (): ()) -> GeneratorState<(), &'static str> {
        if self.left == 0 {
            return GeneratorState::Complete("generator done");
        }
        self.left -= 1;
        GeneratorState::Yielded(())
    }
}

/// Ready once `flag` is true. It has no way to hand its waker to the thread
/// that sets the flag, so, like the generator adapter, it can only ask to be
/// polled again at once.
struct FlagSet {
    flag: Arc<AtomicBool>,
    /// Counts polls where the setter thread can see them.
    polls: Arc<AtomicU64>,
}

impl Future for FlagSet {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.flag.load(Ordering::SeqCst) {
            Poll::Ready("flag set")
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
