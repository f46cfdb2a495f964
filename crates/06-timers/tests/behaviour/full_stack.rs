//! The full stack, executor over timers over the reactor: a task that
//! sleeps and a task that waits on a socket make progress together, and a
//! virtual clock waits in real time while a task waits on a socket (and
//! only then).

use std::cell::Cell;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::rc::Rc;
use std::time::{Duration, Instant};

use aio_executor::spawn;
use aio_reactor::Async;
use aio_timers::{Clock, event_loop, now, sleep, timeout};

const MS: Duration = Duration::from_millis(1);

#[test]
fn a_sleeper_and_a_socket_reader_both_progress_on_the_real_clock() {
    let event_loop = event_loop(&Clock::real()).unwrap();
    let (ticks_before_data, data) = event_loop.run_until_complete(async {
        let (ours, theirs) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let ticks = Rc::new(Cell::new(0u32));
        let t = ticks.clone();
        // Ticks every 5 ms, for as long as it lives.
        let ticker = spawn(async move {
            loop {
                sleep(5 * MS).await;
                t.set(t.get() + 1);
            }
        });
        // The other end writes only after the ticker has ticked three times:
        // the loop must be waking for timers while the reader waits in epoll.
        let t = ticks.clone();
        let writer = spawn(async move {
            while t.get() < 3 {
                sleep(MS).await;
            }
            (&theirs).write_all(b"ping").unwrap();
        });
        let mut buf = [0; 4];
        let n = ours.read_with(|mut s| s.read(&mut buf)).await.unwrap();
        let ticks_before_data = ticks.get();
        writer.await.unwrap();
        ticker.cancel();
        (ticks_before_data, buf[..n].to_vec())
    });
    assert!(ticks_before_data >= 3, "{ticks_before_data}");
    assert_eq!(data, b"ping");
}

#[test]
fn a_timeout_on_a_silent_socket_fires_on_the_real_clock() {
    let event_loop = event_loop(&Clock::real()).unwrap();
    let (result, waited) = event_loop.run_until_complete(async {
        let (ours, _theirs) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let start = now();
        let mut buf = [0; 1];
        let result = timeout(20 * MS, ours.read_with(|mut s| s.read(&mut buf))).await;
        (result.is_err(), now() - start)
    });
    assert!(result, "nobody wrote, so the read must time out");
    assert!(waited >= 20 * MS, "{waited:?}");
}

#[test]
fn while_a_task_waits_on_a_socket_the_virtual_clock_follows_real_time() {
    let event_loop = event_loop(&Clock::new_virtual()).unwrap();
    let started = Instant::now();
    let woke_at = event_loop.run_until_complete(async {
        let (ours, _theirs) = UnixStream::pair().unwrap();
        let ours = Rc::new(Async::new(ours).unwrap());
        // A task waits on the socket: a reply could wake the loop at any
        // moment, so no jump. The wait is real, and the clock moves with
        // it, to the deadline exactly.
        let reader = ours.clone();
        let _waiting = spawn(async move { reader.readable().await });
        sleep(15 * MS).await;
        now()
    });
    assert_eq!(woke_at, 15 * MS);
    assert!(started.elapsed() >= 15 * MS, "the loop really waited");
}

#[test]
fn a_socket_nobody_waits_on_does_not_stop_the_virtual_clock_jumping() {
    let event_loop = event_loop(&Clock::new_virtual()).unwrap();
    let started = Instant::now();
    let woke_at = event_loop.run_until_complete(async {
        let (ours, _theirs) = UnixStream::pair().unwrap();
        // Registered, but no task waits on it: it cannot wake the loop.
        let _idle = Async::new(ours).unwrap();
        sleep(Duration::from_secs(10)).await;
        now()
    });
    assert_eq!(woke_at, Duration::from_secs(10));
    // Ten virtual seconds, no real ten seconds (a generous bound).
    assert!(started.elapsed() < Duration::from_secs(5));
}
