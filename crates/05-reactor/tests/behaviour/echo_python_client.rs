//! Our echo server against a real peer: CPython's asyncio streams
//! (`python/twins/echo_client.py`, 20 clients x 5 lines), while the server
//! runs on a reactor loop in a background thread. Skipped with a message
//! when `python3` is missing, except in CI, where it fails.

use crate::common;

use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::demos::echo;

use aio_executor::EventLoop;
use aio_reactor::{Reactor, start_server, to_thread};
use aio_testkit::{python, workspace_root};

#[test]
fn asyncio_clients_get_their_lines_back_from_our_server() {
    if python::version().is_none() {
        return;
    }
    // Our server, on its own thread, until told to stop.
    let (port_tx, port_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let server = thread::spawn(move || {
        let event_loop = EventLoop::with_driver(Reactor::new().unwrap());
        event_loop.run_until_complete(async move {
            let server = start_server(echo::echo, "127.0.0.1:0").await.unwrap();
            port_tx.send(server.local_addr().port()).unwrap();
            // Wait for the stop signal on a helper thread: the loop stays
            // free to serve.
            let _ = to_thread(move || stop_rx.recv()).await;
            let stats = server.stats();
            server.close();
            stats
        })
    });
    let port = port_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the server started");

    let script = workspace_root().join("python/twins/echo_client.py");
    let mut child = Command::new(python::interpreter())
        .args(python::FLAGS)
        .arg(&script)
        .arg(port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the interpreter started a moment ago");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > common::LIMIT {
            let _ = child.kill();
            panic!(
                "the Python clients did not finish within {:?}",
                common::LIMIT
            );
        }
        thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    stop_tx.send(()).unwrap();
    let stats = server.join().expect("the server thread");

    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the Python clients failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("python_clients", stdout);
    assert_eq!(stats.accepted, 20);
    assert_eq!((stats.finished, stats.failed, stats.aborted), (20, 0, 0));
}
