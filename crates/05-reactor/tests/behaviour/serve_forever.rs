//! `serve_forever` ends when the server is closed, or when its accept task
//! panics; that panic is reported to the loop's exception handler, not
//! dropped (asyncio reports what its accept callback raises with
//! `loop.call_exception_handler`). Cancelling `serve_forever` closes the
//! server.

use crate::common;

use std::cell::RefCell;
use std::future::{Ready, ready};
use std::io;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_reactor::{StreamReader, StreamWriter, TcpStream, open_connection, start_server};

/// A handler that panics when it is called, in the accept task, before
/// there is a connection task to catch the panic.
fn explodes(_: StreamReader, _: StreamWriter) -> Ready<io::Result<()>> {
    panic!("the handler exploded before its connection began")
}

#[test]
fn a_panic_in_the_accept_loop_reaches_the_exception_handler() {
    let reports = common::run_on(|event_loop| {
        let reports = Rc::new(RefCell::new(Vec::new()));
        let sink = reports.clone();
        event_loop.set_exception_handler(move |context| {
            sink.borrow_mut().push(format!(
                "{} (task {}): {}",
                context.message,
                context.task.as_deref().unwrap_or("-"),
                context.panic
            ));
        });
        let seen = reports.clone();
        event_loop.run_until_complete(async move {
            let server = start_server(explodes, "127.0.0.1:0").await.unwrap();
            let client = spawn(open_connection(server.local_addr()));
            server.serve_forever().await;
            // Reported by the time serve_forever returns, not later.
            assert_eq!(seen.borrow().len(), 1, "{:?}", seen.borrow());
            drop(client);
        });
        reports.borrow().clone()
    });
    assert_eq!(
        reports,
        ["Task exception was never retrieved (task server): \
          the handler exploded before its connection began"]
    );
}

#[test]
fn cancelling_serve_forever_closes_the_server_and_reports_nothing() {
    let reports = common::run_on(|event_loop| {
        let reports = Rc::new(RefCell::new(Vec::<String>::new()));
        let sink = reports.clone();
        event_loop.set_exception_handler(move |context| {
            sink.borrow_mut().push(context.panic.clone());
        });
        event_loop.run_until_complete(async {
            let server = start_server(|_, _| ready(Ok(())), "127.0.0.1:0")
                .await
                .unwrap();
            let addr = server.local_addr();
            let serving = spawn(server.serve_forever());
            yield_now().await;
            // Cancelling serve_forever closes the server: nothing listens.
            serving.cancel();
            let _ = serving.await;
            yield_now().await;
            let refused = TcpStream::connect(addr).await.unwrap_err();
            assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
        });
        reports.borrow().clone()
    });
    assert_eq!(reports, Vec::<String>::new());
}
