//! The demos' output, snapshotted: the book shows these snapshots, and this
//! test keeps them current. Both demos run real sockets on 127.0.0.1, and
//! print nothing that changes from run to run (no ports, no times).

// The demos are example binaries (their `main` is not used here), declared
// once in the test binary: the other behaviours use them from here.
#[allow(dead_code)]
#[path = "../../examples/echo.rs"]
pub(crate) mod echo;
#[allow(dead_code)]
#[path = "../../examples/http_get.rs"]
pub(crate) mod http_get;

use aio_testkit::capture;

#[test]
fn echo() {
    insta::assert_snapshot!("echo", capture(echo::run));
}

#[test]
fn http_get() {
    insta::assert_snapshot!("http_get", capture(http_get::run));
}
