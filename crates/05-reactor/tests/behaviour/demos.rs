//! The demos' output, snapshotted: the book shows these snapshots, and this
//! test keeps them current. Both demos run real sockets on 127.0.0.1, and
//! print nothing that changes from run to run (no ports, no times).

#[path = "../../examples/echo.rs"]
mod echo;
#[path = "../../examples/http_get.rs"]
mod http_get;

use aio_testkit::capture;

#[test]
fn echo() {
    insta::assert_snapshot!("echo", capture(echo::run));
}

#[test]
fn http_get() {
    insta::assert_snapshot!("http_get", capture(http_get::run));
}
