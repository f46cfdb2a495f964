//! A server whose process runs out of descriptors pauses accepting instead
//! of spinning: `accept` fails with `EMFILE` while the connection waits in
//! the listen queue, so the listener stays readable and an accept loop that
//! retries at once fails at once, for ever, at 100% CPU. Like asyncio, ours
//! stops accepting for a while ([`ACCEPT_RETRY_DELAY`]), keeps serving the
//! connections it has, and accepts again when a descriptor is free: at once
//! when one of its own connections closes, else when the delay is over.
//!
//! The descriptor limit is per process, so the test runs in a child process
//! (a copy of this test binary, running `in_a_child_process` only), which
//! lowers its limit and fills its descriptor table on purpose.

use crate::common;

use std::cell::RefCell;
use std::fs::File;
use std::io::Read;
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::thread;
use std::time::{Duration, Instant};

use crate::demos::echo;

use aio_reactor::{
    ACCEPT_RETRY_DELAY, Server, StreamReader, StreamWriter, open_connection, start_server,
};
use rustix::io::Errno;
use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

/// Set in the child process to the name of the test it runs; the child
/// tests do nothing without it.
const CHILD_VAR: &str = "AIO_REACTOR_OUT_OF_DESCRIPTORS_CHILD";
/// The child's soft limit on open descriptors: small, so filling the table
/// is quick.
const CHILD_LIMIT: u64 = 128;

#[test]
fn accept_pauses_while_descriptors_run_out_and_resumes_when_they_free_up() {
    run_in_a_child_process("in_a_child_process");
}

/// Runs the ignored test `name` of this module in a child process (a copy
/// of this test binary), within the time limit, and fails if it fails.
fn run_in_a_child_process(name: &str) {
    // Its name in this binary is its module path without the crate's name
    // (`out_of_descriptors::in_a_child_process`).
    let (_, module) = module_path!().split_once("::").unwrap();
    let child_test = format!("{module}::{name}");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([child_test.as_str(), "--exact", "--ignored", "--nocapture"])
        .env(CHILD_VAR, name)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > common::LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the child process did not finish within {:?}:\n{}{}",
                common::LIMIT,
                stdout.join().unwrap(),
                stderr.join().unwrap()
            );
        }
        thread::sleep(Duration::from_millis(10));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert!(
        status.success() && stdout.contains("1 passed"),
        "the child process failed ({status}):\n{stdout}{stderr}"
    );
}

/// In the child process named `name` only: lowers this process's limit on
/// open descriptors to `limit` and returns `true`.
fn in_child_with_limit(name: &str, limit: u64) -> bool {
    if std::env::var_os(CHILD_VAR).is_none_or(|child| child != name) {
        // Run by hand (`--ignored`) in the test process: lowering the limit
        // here would make the tests running beside it fail.
        return false;
    }
    let hard = getrlimit(Resource::Nofile).maximum;
    let soft = hard.map_or(limit, |hard| hard.min(limit));
    setrlimit(
        Resource::Nofile,
        Rlimit {
            current: Some(soft),
            maximum: hard,
        },
    )
    .expect("lowering the soft limit is always allowed");
    true
}

/// The test proper, run by the one above in a child process.
#[test]
#[ignore = "run by accept_pauses_while_descriptors_run_out_and_resumes_when_they_free_up \
            in a child process, with a lowered descriptor limit"]
fn in_a_child_process() {
    if !in_child_with_limit("in_a_child_process", CHILD_LIMIT) {
        return;
    }
    let reports = common::run_on(|event_loop| {
        // Each pause is reported, as asyncio logs "socket.accept() out of
        // system resource".
        let reports = Rc::new(RefCell::new(Vec::new()));
        let r = reports.clone();
        event_loop.set_exception_handler(move |context| r.borrow_mut().push(context.message));
        event_loop.run_until_complete(paused_server());
        reports.take()
    });
    assert_eq!(
        reports, ["socket.accept() out of system resource"; 2],
        "one report per pause"
    );
}

/// The server of `in_a_child_process`: out of descriptors twice.
async fn paused_server() {
    let server = start_server(echo::echo, "127.0.0.1:0").await.unwrap();
    let addr = server.local_addr();
    let mut first = open_connection(addr).await.unwrap();
    round_trip(&mut first, "first 0").await;

    // Out of descriptors: the second client's socket takes the last one,
    // so the server's accept fails with EMFILE.
    let mut filler = fill_descriptor_table();
    filler.pop();
    let mut second = open_connection(addr).await.unwrap();
    common::wait_until(|| server.stats().accept_errors > 0).await;
    let paused_at = Instant::now();

    // Paused, the server still serves the connection it has.
    for n in 1..=20 {
        round_trip(&mut first, &format!("first {n}")).await;
        common::wait_until(|| paused_at.elapsed() >= Duration::from_millis(5 * n)).await;
    }
    let stats = server.stats();
    assert_eq!((stats.accepted, stats.accept_pauses), (1, 1));
    assert_no_spin(&server, paused_at);

    // The first client leaves: its handler ends and closes its socket,
    // and that wakes the accept loop, which takes the second client.
    drop(first);
    common::wait_until(|| server.stats().accepted == 2).await;
    round_trip(&mut second, "second").await;
    assert_eq!(server.stats().accept_pauses, 1);
    assert_no_spin(&server, paused_at);

    // Out again, for a third client; this time descriptors come free
    // elsewhere in the process, which the server cannot see: it takes
    // the third client when its retry delay is over.
    filler.extend(fill_descriptor_table());
    filler.pop();
    let mut third = open_connection(addr).await.unwrap();
    common::wait_until(|| server.stats().accept_pauses == 2).await;
    let paused_again_at = Instant::now();
    drop(filler);
    common::wait_until(|| server.stats().accepted == 3).await;
    assert!(
        paused_again_at.elapsed() < ACCEPT_RETRY_DELAY * 3,
        "the retry delay was {ACCEPT_RETRY_DELAY:?}, the pause lasted {:?}",
        paused_again_at.elapsed()
    );
    round_trip(&mut third, "third").await;
    assert_no_spin(&server, paused_at);
}

/// Opens `/dev/null` until the process has no descriptor left, and returns
/// the files (closing one frees one).
fn fill_descriptor_table() -> Vec<File> {
    let mut files = Vec::new();
    loop {
        match File::open("/dev/null") {
            Ok(file) => files.push(file),
            Err(err) => {
                assert_eq!(Errno::from_io_error(&err), Some(Errno::MFILE), "{err}");
                return files;
            }
        }
        assert!(
            files.len() <= CHILD_LIMIT as usize,
            "the limit did not hold"
        );
    }
}

/// A spinning accept loop fails thousands of times a second; a pausing one
/// once per pause, and a pause lasts [`ACCEPT_RETRY_DELAY`] at most.
fn assert_no_spin(server: &Server, since: Instant) {
    let stats = server.stats();
    let pauses_since = since.elapsed().as_secs_f64() / ACCEPT_RETRY_DELAY.as_secs_f64();
    let allowed = 2 + 2 * pauses_since.ceil() as u64;
    assert!(
        stats.accept_errors <= allowed,
        "{} failed accepts in {:?}: the accept loop spins (at most {allowed} expected)",
        stats.accept_errors,
        since.elapsed()
    );
}

/// Sends one line and checks that it comes back.
async fn round_trip((reader, writer): &mut (StreamReader, StreamWriter), line: &str) {
    let line = format!("{line}\n");
    writer.write(line.as_bytes());
    writer.drain().await.unwrap();
    assert_eq!(reader.readline().await.unwrap(), line.as_bytes());
}

/// The echo demo with more clients than descriptors (`ulimit -n 64`, 200
/// clients, both ends in one process) ends with the first client's error,
/// "Too many open files", instead of leaving the clients that did connect
/// waiting for ever for a server that cannot accept them.
#[test]
fn the_echo_demo_out_of_descriptors_ends_with_an_error() {
    run_in_a_child_process("echo_demo_in_a_child_process");
}

/// The test proper, run by the one above in a child process.
#[test]
#[ignore = "run by the_echo_demo_out_of_descriptors_ends_with_an_error in a child process, \
            with a lowered descriptor limit"]
fn echo_demo_in_a_child_process() {
    if !in_child_with_limit("echo_demo_in_a_child_process", 64) {
        return;
    }
    let err = common::bounded(|| echo::many_clients(&mut Vec::new(), 200, echo::MESSAGES))
        .expect_err("200 clients and their connections cannot fit in 64 descriptors");
    assert_eq!(Errno::from_io_error(&err), Some(Errno::MFILE), "{err}");
}
