//! 10,000 concurrent loopback connections served by the echo demo's server
//! on one thread. The clients (the echo demo's too, on a loop of their own)
//! run in a second process, a copy of this test binary, so that neither
//! process needs more than about 10,000 descriptors. Every client connects
//! and gets its first line back before any of them finishes, so the server
//! holds all 10,000 connections open at once.
//!
//! Ignored by default (it takes a few seconds in a release build). Run it
//! with
//!
//! ```text
//! cargo test --release -p aio-reactor --test behaviour ten_thousand_clients -- --ignored --nocapture
//! ```
//!
//! Each process needs a `ulimit -n` of about 10,100; the test checks and
//! says so.

use crate::demos::echo;

use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use aio_executor::EventLoop;
use aio_reactor::{Reactor, start_server, to_thread};

const CLIENTS: usize = 10_000;
/// Where the client process finds the server.
const ADDR_VAR: &str = "AIO_TEN_THOUSAND_ADDR";
const LIMIT: Duration = Duration::from_secs(600);

/// The soft limit on open files, from `/proc/self/limits` (std has no
/// `getrlimit`).
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn check_limit() {
    if let Some(limit) = open_files_limit() {
        assert!(
            limit >= CLIENTS as u64 + 100,
            "{CLIENTS} connections need {} descriptors and the limit is {limit}: \
             raise it with `ulimit -n` first",
            CLIENTS + 100
        );
    }
}

#[test]
#[ignore = "10,000 connections: run it on purpose (see the file's docs)"]
fn ten_thousand_clients_on_one_thread() {
    check_limit();
    let started = Instant::now();
    let (addr_tx, addr_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let server = thread::spawn(move || {
        let event_loop = EventLoop::with_driver(Reactor::new().unwrap());
        event_loop.run_until_complete(async move {
            let server = start_server(echo::echo, "127.0.0.1:0").await.unwrap();
            addr_tx.send(server.local_addr()).unwrap();
            let _ = to_thread(move || stop_rx.recv()).await;
            server.stats()
        })
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();

    // The clients: this same test binary, running `client_process` only.
    // Its name in the binary is its module path without the crate's name
    // (`ten_thousand::client_process`).
    let (_, module) = module_path!().split_once("::").unwrap();
    let client_test = format!("{module}::client_process");
    let mut clients = Command::new(std::env::current_exe().unwrap())
        .args([client_test.as_str(), "--exact", "--ignored", "--nocapture"])
        .env(ADDR_VAR, addr.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    while clients.try_wait().unwrap().is_none() {
        if started.elapsed() > LIMIT {
            let _ = clients.kill();
            panic!("the clients did not finish within {LIMIT:?}");
        }
        thread::sleep(Duration::from_millis(50));
    }
    let out = clients.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    stop_tx.send(()).unwrap();
    let stats = server.join().unwrap();

    println!(
        "server: {} accepted, at most {} open at once, {} ended cleanly, {} failed \
         ({:.1?} in all)",
        stats.accepted,
        stats.peak_open,
        stats.finished,
        stats.failed + stats.aborted,
        started.elapsed()
    );
    assert!(
        out.contains("echoes checked: 100000"),
        "client process said:\n{out}"
    );
    assert_eq!(stats.accepted, CLIENTS as u64);
    assert_eq!(
        stats.peak_open, CLIENTS as u64,
        "not all connections were open at once"
    );
    assert_eq!(
        (stats.finished, stats.failed, stats.aborted),
        (CLIENTS as u64, 0, 0)
    );
}

/// The client half of the test above, run in a child process.
#[test]
#[ignore = "the client half of ten_thousand_clients_on_one_thread, which runs it"]
fn client_process() {
    let addr = std::env::var(ADDR_VAR)
        .expect("run by ten_thousand_clients_on_one_thread, which sets the address")
        .parse()
        .unwrap();
    check_limit();
    let event_loop = EventLoop::with_driver(Reactor::new().unwrap());
    let checked = event_loop
        .run_until_complete(echo::run_clients(addr, CLIENTS, echo::MESSAGES))
        .unwrap();
    println!("echoes checked: {checked}");
    assert_eq!(checked, CLIENTS * echo::MESSAGES);
}
