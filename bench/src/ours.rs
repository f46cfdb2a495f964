//! The workloads on our finished stack: `aio_timers::event_loop` on the
//! real clock (executor over timers over the epoll reactor), with stage 8's
//! `Queue` and `Event`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{spawn, yield_now};
use aio_queues::{Event, Queue};
use aio_reactor::{TcpListener, TcpStream};
use aio_timers::{Clock, sleep};

use crate::alloc;
use crate::workload::{ECHO_MESSAGE, Job, Workload, echo_message};

/// Runs `job` on a new loop and returns its result (for the idle tasks,
/// the live bytes they hold).
pub fn run(job: Job, delays: Vec<Duration>) -> u64 {
    let event_loop = aio_timers::event_loop(&Clock::real()).expect("make the reactor");
    event_loop.run_until_complete(async move {
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
    let handles: Vec<_> = (0..n).map(|i| spawn(async move { i })).collect();
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
            spawn(async move {
                sleep(delay).await;
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
    let queue = Queue::new(100);
    let producer = spawn({
        let queue = queue.clone();
        async move {
            for i in 0..n {
                queue.put(i).await.expect("the queue was shut down");
            }
        }
    });
    let consumer = spawn(async move {
        let mut sum = 0;
        for _ in 0..n {
            sum += queue.get().await.expect("the queue was shut down");
        }
        sum
    });
    producer.await.expect("the producer failed");
    consumer.await.expect("the consumer failed")
}

async fn ring(hops: u64, tasks: usize) -> u64 {
    let events: Rc<[Event]> = (0..tasks).map(|_| Event::new()).collect();
    let left = Rc::new(Cell::new(hops));
    let stop = Rc::new(Cell::new(false));
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let (events, left, stop) = (events.clone(), left.clone(), stop.clone());
            spawn(async move {
                let mut taken = 0;
                loop {
                    events[i].wait().await;
                    events[i].clear();
                    if stop.get() {
                        return taken;
                    }
                    taken += 1;
                    left.set(left.get() - 1);
                    if left.get() == 0 {
                        // The last hop: wake every task so that each returns.
                        stop.set(true);
                        events.iter().for_each(Event::set);
                        return taken;
                    }
                    events[(i + 1) % tasks].set();
                }
            })
        })
        .collect();
    events[0].set();
    let mut total = 0;
    for handle in handles {
        total += handle.await.expect("a ring task failed");
    }
    total
}

async fn echo(clients: u64, trips: u64) -> u64 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the echo server");
    let addr = listener.local_addr().expect("the server's address");
    // Left running (a handle dropped unawaited does not cancel): closing the
    // loop cancels it.
    drop(spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.expect("accept");
            stream.set_nodelay(true).expect("TCP_NODELAY");
            drop(spawn(async move {
                let mut buf = [0u8; 1024];
                loop {
                    match stream.read(&mut buf).await.expect("server read") {
                        0 => return,
                        n => stream.write_all(&buf[..n]).await.expect("server write"),
                    }
                }
            }));
        }
    }));
    let handles: Vec<_> = (0..clients)
        .map(|client| {
            spawn(async move {
                let stream = TcpStream::connect(addr).await.expect("connect");
                stream.set_nodelay(true).expect("TCP_NODELAY");
                let mut echoed = 0;
                let mut buf = [0u8; ECHO_MESSAGE];
                for trip in 0..trips {
                    let message = echo_message(client, trip);
                    stream.write_all(&message).await.expect("client write");
                    let mut got = 0;
                    while got < ECHO_MESSAGE {
                        match stream.read(&mut buf[got..]).await.expect("client read") {
                            0 => panic!("the server closed the connection"),
                            n => got += n,
                        }
                    }
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
        // Dropping a handle that was never awaited leaves the task running.
        drop(spawn(alloc::idle_task()));
    }
    while alloc::idle_polled() < n {
        yield_now().await;
    }
    // Measured once the loop has gone idle (see `alloc::SETTLE`).
    sleep(alloc::SETTLE).await;
    alloc::live().wrapping_sub(before)
}
