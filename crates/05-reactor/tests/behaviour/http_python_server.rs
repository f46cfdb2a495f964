//! Our HTTP GET client (the `http_get` demo's `fetch`) against a real
//! server: CPython's `python3 -m http.server`, serving a temporary folder
//! on 127.0.0.1 with a port the OS chooses. Skipped with a message when
//! `python3` is missing, except in CI, where it fails.

use crate::common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::demos::http_get;

use aio_testkit::python;

/// The server process and its folder, both cleaned up on drop, even when
/// the test fails half-way.
struct PythonHttpServer {
    child: Child,
    folder: PathBuf,
    addr: SocketAddr,
}

impl PythonHttpServer {
    fn start(files: &[(&str, &str)]) -> PythonHttpServer {
        let folder = std::env::temp_dir().join(format!("aio-reactor-http-{}", std::process::id()));
        fs::create_dir_all(&folder).unwrap();
        for (name, text) in files {
            fs::write(folder.join(name), text).unwrap();
        }
        let mut child = Command::new(python::interpreter())
            .args(python::FLAGS)
            .args([
                "-m",
                "http.server",
                "0",
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(&folder)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the interpreter started a moment ago");
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let mut server = PythonHttpServer {
            child,
            folder,
            addr: "127.0.0.1:0".parse().unwrap(),
        };
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("http.server printed its port");
        let port = line
            .split(" port ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|port| port.parse::<u16>().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server.addr.set_port(port);
        server
    }
}

impl Drop for PythonHttpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.folder);
    }
}

#[test]
fn our_client_fetches_json_from_pythons_http_server() {
    if python::version().is_none() {
        return;
    }
    let body = r#"{"stage": 5, "topic": "reactor"}"#;
    let server = PythonHttpServer::start(&[("data.json", body)]);
    let addr = server.addr;
    let (found, missing) = common::run(move || async move {
        let found = http_get::fetch(addr, "/data.json").await;
        let missing = http_get::fetch(addr, "/missing.json").await;
        (
            found.map(|r| {
                (
                    r.status,
                    r.header("Content-Type").map(str::to_owned),
                    r.body,
                )
            }),
            missing.map(|r| r.status).map_err(|e| e.to_string()),
        )
    });
    let (status, content_type, got) = found.expect("GET /data.json");
    assert_eq!(status, 200);
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(got, body.as_bytes());
    assert_eq!(missing.unwrap_err(), "HTTP 404 File not found");
}
