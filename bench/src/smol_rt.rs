//! The workloads on smol's single-threaded `LocalExecutor`, driven by
//! `smol::block_on` (which also drives async-io's reactor and timers):
//! `Timer`, a bounded `async-channel`, an `event-listener` event per ring
//! task, `smol::net`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use event_listener::Event;
use smol::LocalExecutor;
use smol::io::{AsyncReadExt, AsyncWriteExt};
use smol::net::{TcpListener, TcpStream};

use crate::alloc;
use crate::workload::{ECHO_MESSAGE, Job, Workload, echo_message};

/// Runs `job` on a new `LocalExecutor` and returns its result.
pub fn run(job: Job, delays: Vec<Duration>) -> u64 {
    let ex = LocalExecutor::new();
    smol::block_on(ex.run(async {
        match job.workload {
            Workload::Spawn => spawn_tasks(&ex, job.n).await,
            Workload::Timers => timers(&ex, delays).await,
            Workload::Queue => queue(&ex, job.n).await,
            Workload::Ring => ring(&ex, job.n, job.m as usize).await,
            Workload::Echo => echo(&ex, job.n, job.m).await,
            Workload::Idle => idle(&ex, job.n).await,
        }
    }))
}

async fn spawn_tasks(ex: &LocalExecutor<'_>, n: u64) -> u64 {
    let tasks: Vec<_> = (0..n).map(|i| ex.spawn(async move { i })).collect();
    let mut sum = 0;
    for task in tasks {
        sum += task.await;
    }
    sum
}

async fn timers(ex: &LocalExecutor<'_>, delays: Vec<Duration>) -> u64 {
    let tasks: Vec<_> = delays
        .into_iter()
        .map(|delay| {
            ex.spawn(async move {
                smol::Timer::after(delay).await;
                delay.as_micros() as u64
            })
        })
        .collect();
    let mut sum = 0;
    for task in tasks {
        sum += task.await;
    }
    sum
}

async fn queue(ex: &LocalExecutor<'_>, n: u64) -> u64 {
    let (tx, rx) = smol::channel::bounded(100);
    let producer = ex.spawn(async move {
        for i in 0..n {
            tx.send(i).await.expect("the consumer is gone");
        }
    });
    let consumer = ex.spawn(async move {
        let mut sum = 0;
        for _ in 0..n {
            sum += rx.recv().await.expect("the producer is gone");
        }
        sum
    });
    producer.await;
    consumer.await
}

/// An asyncio-style event from smol's building block: a flag, and an
/// `event_listener::Event` to wait for it to be set.
#[derive(Default)]
struct Flag {
    set: Cell<bool>,
    changed: Event,
}

impl Flag {
    fn set(&self) {
        self.set.set(true);
        self.changed.notify(usize::MAX);
    }

    /// Waits for the flag, then clears it.
    async fn take(&self) {
        loop {
            if self.set.replace(false) {
                return;
            }
            let listener = self.changed.listen();
            // Set between the check and `listen`: do not wait for it.
            if self.set.replace(false) {
                return;
            }
            listener.await;
        }
    }
}

async fn ring(ex: &LocalExecutor<'_>, hops: u64, tasks: usize) -> u64 {
    let flags: Rc<[Flag]> = (0..tasks).map(|_| Flag::default()).collect();
    let left = Rc::new(Cell::new(hops));
    let stop = Rc::new(Cell::new(false));
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let (flags, left, stop) = (flags.clone(), left.clone(), stop.clone());
            ex.spawn(async move {
                let mut taken = 0;
                loop {
                    flags[i].take().await;
                    if stop.get() {
                        return taken;
                    }
                    taken += 1;
                    left.set(left.get() - 1);
                    if left.get() == 0 {
                        stop.set(true);
                        flags.iter().for_each(Flag::set);
                        return taken;
                    }
                    flags[(i + 1) % tasks].set();
                }
            })
        })
        .collect();
    flags[0].set();
    let mut total = 0;
    for handle in handles {
        total += handle.await;
    }
    total
}

async fn echo(ex: &LocalExecutor<'_>, clients: u64, trips: u64) -> u64 {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the echo server");
    let addr = listener.local_addr().expect("the server's address");
    let tasks: Vec<_> = (0..clients)
        .map(|client| {
            ex.spawn(async move {
                let mut stream = TcpStream::connect(addr).await.expect("connect");
                stream.set_nodelay(true).expect("TCP_NODELAY");
                let mut echoed = 0;
                let mut buf = [0u8; ECHO_MESSAGE];
                for trip in 0..trips {
                    let message = echo_message(client, trip);
                    stream.write_all(&message).await.expect("client write");
                    stream.read_exact(&mut buf).await.expect("client read");
                    assert_eq!(buf, message, "the server echoed other bytes");
                    echoed += ECHO_MESSAGE as u64;
                }
                echoed
            })
        })
        .collect();
    // Serve each connection as it comes. (The accept loop is not a task of
    // its own, as in the other runtimes, only because a task that spawns
    // would need to borrow the executor for longer than it lives.)
    for _ in 0..clients {
        let (mut stream, _) = listener.accept().await.expect("accept");
        stream.set_nodelay(true).expect("TCP_NODELAY");
        ex.spawn(async move {
            let mut buf = [0u8; 1024];
            loop {
                match stream.read(&mut buf).await.expect("server read") {
                    0 => return,
                    n => stream.write_all(&buf[..n]).await.expect("server write"),
                }
            }
        })
        .detach();
    }
    let mut total = 0;
    for task in tasks {
        total += task.await;
    }
    total
}

async fn idle(ex: &LocalExecutor<'_>, n: u64) -> u64 {
    let before = alloc::live();
    for _ in 0..n {
        // A smol `Task` cancels on drop; `detach` lets it run.
        ex.spawn(alloc::idle_task()).detach();
    }
    while alloc::idle_polled() < n {
        smol::future::yield_now().await;
    }
    smol::Timer::after(alloc::SETTLE).await;
    alloc::live().wrapping_sub(before)
}
