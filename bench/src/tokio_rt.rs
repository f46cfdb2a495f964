//! The workloads on tokio's current-thread runtime, written as a tokio user
//! would: `tokio::spawn`, `time::sleep`, a bounded `mpsc` channel, one
//! `Notify` per ring task, `tokio::net`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc};

use crate::alloc;
use crate::workload::{ECHO_MESSAGE, Job, Workload, echo_message};

/// Runs `job` on a new current-thread runtime and returns its result.
pub fn run(job: Job, delays: Vec<Duration>) -> u64 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build the tokio runtime");
    runtime.block_on(async move {
        match job.workload {
            Workload::Spawn => spawn_tasks(job.n).await,
            Workload::Timers => timers(delays).await,
            Workload::Queue => queue(job.n).await,
            Workload::Ring => ring(job.n, job.m as usize).await,
            Workload::Echo => echo(job.n, job.m).await,
            Workload::Idle => idle(job.n).await,
        }
    })
}

async fn spawn_tasks(n: u64) -> u64 {
    let handles: Vec<_> = (0..n).map(|i| tokio::spawn(async move { i })).collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.expect("a task failed");
    }
    sum
}

async fn timers(delays: Vec<Duration>) -> u64 {
    let handles: Vec<_> = delays
        .into_iter()
        .map(|delay| {
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                delay.as_micros() as u64
            })
        })
        .collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.expect("a sleeper failed");
    }
    sum
}

async fn queue(n: u64) -> u64 {
    let (tx, mut rx) = mpsc::channel(100);
    let producer = tokio::spawn(async move {
        for i in 0..n {
            tx.send(i).await.expect("the consumer is gone");
        }
    });
    let consumer = tokio::spawn(async move {
        let mut sum = 0;
        for _ in 0..n {
            sum += rx.recv().await.expect("the producer is gone");
        }
        sum
    });
    producer.await.expect("the producer failed");
    consumer.await.expect("the consumer failed")
}

async fn ring(hops: u64, tasks: usize) -> u64 {
    let events: Arc<[Notify]> = (0..tasks).map(|_| Notify::new()).collect();
    let left = Arc::new(AtomicU64::new(hops));
    let stop = Arc::new(AtomicBool::new(false));
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let (events, left, stop) = (events.clone(), left.clone(), stop.clone());
            tokio::spawn(async move {
                let mut taken = 0;
                loop {
                    // `notify_one` with no one waiting stores a permit, so
                    // a wake that comes first is not lost.
                    events[i].notified().await;
                    if stop.load(Relaxed) {
                        return taken;
                    }
                    taken += 1;
                    if left.fetch_sub(1, Relaxed) == 1 {
                        stop.store(true, Relaxed);
                        events.iter().for_each(Notify::notify_one);
                        return taken;
                    }
                    events[(i + 1) % tasks].notify_one();
                }
            })
        })
        .collect();
    events[0].notify_one();
    let mut total = 0;
    for handle in handles {
        total += handle.await.expect("a ring task failed");
    }
    total
}

async fn echo(clients: u64, trips: u64) -> u64 {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the echo server");
    let addr = listener.local_addr().expect("the server's address");
    // Left running: dropping the runtime cancels it.
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.expect("accept");
            stream.set_nodelay(true).expect("TCP_NODELAY");
            tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                loop {
                    match stream.read(&mut buf).await.expect("server read") {
                        0 => return,
                        n => stream.write_all(&buf[..n]).await.expect("server write"),
                    }
                }
            });
        }
    });
    let handles: Vec<_> = (0..clients)
        .map(|client| {
            tokio::spawn(async move {
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
    let mut total = 0;
    for handle in handles {
        total += handle.await.expect("a client failed");
    }
    total
}

async fn idle(n: u64) -> u64 {
    let before = alloc::live();
    for _ in 0..n {
        // Dropping a tokio `JoinHandle` detaches the task.
        drop(tokio::spawn(alloc::idle_task()));
    }
    while alloc::idle_polled() < n {
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(alloc::SETTLE).await;
    alloc::live().wrapping_sub(before)
}
