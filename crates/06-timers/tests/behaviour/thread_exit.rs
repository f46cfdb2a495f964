//! The whole stack kept in a thread-local is dropped when its thread
//! exits, maybe after the thread-locals of its layers (the running loop,
//! the running timers, the running reactor) are gone. Closing it then must
//! not touch them: a panic in a thread-local's destructor aborts the whole
//! process. Its live tasks hold a sleep and a socket wait.

use std::os::unix::net::UnixStream;
use std::time::Duration;

use aio_executor::{EventLoop, spawn, yield_now};
use aio_reactor::{Async, Reactor};
use aio_timers::{Clock, TimerDriver, event_loop, sleep};

thread_local! {
    static LOOP: EventLoop<TimerDriver<Reactor>> = event_loop(&Clock::real()).unwrap();
}

#[test]
fn the_whole_stack_in_a_thread_local_with_live_tasks_closes_at_thread_exit() {
    let joined = std::thread::spawn(|| {
        LOOP.with(|event_loop| {
            event_loop.run_until_complete(async {
                drop(spawn(sleep(Duration::from_secs(3600))));
                let (ours, theirs) = UnixStream::pair().unwrap();
                drop(spawn(async move {
                    let _theirs = theirs; // open: no end of file
                    let ours = Async::new(ours).unwrap();
                    let mut byte = [0u8; 1];
                    let _ = ours
                        .read_with(|s| std::io::Read::read(&mut &*s, &mut byte))
                        .await;
                }));
                yield_now().await;
                yield_now().await;
            });
            assert_eq!(event_loop.task_count(), 2, "both tasks are live");
        });
    })
    .join();
    assert!(joined.is_ok(), "the thread's exit panicked");
}
