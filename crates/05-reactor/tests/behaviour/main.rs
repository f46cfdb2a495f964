//! Stage 5's tests: one module per behaviour of the reactor, its sockets
//! and its streams, all linked into one test binary. (A binary per file
//! cost two seconds of linking each, more than the tests take to run on a
//! small machine.) Run one behaviour with
//! `cargo test -p aio-reactor --test behaviour <module>::`.

mod common;

mod claims;
mod connect;
mod demos;
mod driver;
mod echo_python_client;
mod half_close;
mod handler_failures;
mod http_client_limits;
mod http_python_server;
mod interest;
mod out_of_descriptors;
mod partial_writes;
mod peer_reset;
mod serve_forever;
mod silent_client;
mod socket_outlives_loop;
mod spurious_wakes;
mod stale_events;
mod streams;
mod tcp;
mod ten_thousand;
mod trace_exports;
mod wake_by_key;
