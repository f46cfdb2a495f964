//! An echo server and its clients, all on one thread: first one round trip
//! in slow motion (the loop's trace shows epoll waking the right task), then
//! many clients at once through `start_server` and `open_connection`.
//!
//! Run: cargo lab demo 5 echo
//! More clients: cargo run --release -p aio-demos --example echo -- 1000
//! (N clients need 2N descriptors, both ends in this one process: raise
//! `ulimit -n` for more; `tests/behaviour/ten_thousand.rs` runs 10,000 with the
//! clients in a second process.)

use std::future::{Future, poll_fn};
use std::io::{self, Write};
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::Poll;

use aio_executor::trace::export::{Export, Program};
use aio_executor::trace::{EventKind, Trace};
use aio_executor::{EventLoop, JoinHandle, spawn, spawn_named, trace, yield_now};
use aio_reactor::{
    Reactor, StreamReader, StreamWriter, TcpListener, TcpStream, open_connection, start_server,
};

/// Clients in the demo's second part (the first command-line argument
/// overrides it).
pub const CLIENTS: usize = 50;
/// Lines each client sends and expects back.
pub const MESSAGES: usize = 10;

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    slow_motion(out)?;
    writeln!(out)?;
    many_clients(out, CLIENTS, MESSAGES)
}

// ANCHOR: echo
/// The server's side of one connection: send every line back until the
/// client shuts down its writing half, then close ours.
pub async fn echo(mut reader: StreamReader, mut writer: StreamWriter) -> io::Result<()> {
    loop {
        let line = reader.readline().await?;
        if line.is_empty() {
            return writer.close().await; // end of file: the client is done
        }
        writer.write(&line);
        writer.drain().await?;
    }
}
// ANCHOR_END: echo

/// One client, one server-side socket, two round trips, traced.
fn slow_motion(out: &mut dyn Write) -> io::Result<()> {
    let (keys, trace) = slow_motion_trace()?;
    writeln!(out, "One client, one echo task, two round trips, traced.")?;
    writeln!(out, "{keys}")?;
    writeln!(out)?;
    write!(out, "{}", io_story(&trace))?;
    Ok(())
}

/// The slow-motion round trips: which source is which, and the trace up to
/// the last note (what follows, the shutdown, may take one park or two).
pub fn slow_motion_trace() -> io::Result<(String, Trace)> {
    let event_loop = EventLoop::with_driver(Reactor::new()?).with_trace();
    // Set up first, untraced: the connect's and the accept's events are
    // over before the trace below begins.
    let (client, server_side) = event_loop.run_until_complete(async {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let client = TcpStream::connect(listener.local_addr()?).await?;
        let (server_side, _peer) = listener.accept().await?;
        io::Result::Ok((client, server_side))
    })?;
    let _ = event_loop.take_trace();
    let keys = format!(
        "Sources: #{} is the client's socket, #{} the server's end of the connection.",
        client.as_async().key(),
        server_side.as_async().key()
    );

    event_loop.run_until_complete(async move {
        let echo = spawn_named("echo", async move {
            let mut buf = [0; 64];
            loop {
                let n = server_side.read(&mut buf).await?;
                if n == 0 {
                    return io::Result::Ok(());
                }
                trace::note(format!("got {:?}, sending it back", text(&buf[..n])));
                server_side.write_all(&buf[..n]).await?;
            }
        });
        let client = spawn_named("client", async move {
            yield_now().await; // let the echo task reach its first read
            let mut buf = [0; 64];
            for message in ["ping", "pong"] {
                trace::note(format!("sends {message:?}"));
                client.write_all(message.as_bytes()).await?;
                let n = client.read(&mut buf).await?;
                trace::note(format!("got back {:?}", text(&buf[..n])));
            }
            client.shutdown(std::net::Shutdown::Write)
        });
        client.await.expect("the client task")?;
        echo.await.expect("the echo task")
    })?;

    let mut trace = event_loop.take_trace();
    let last_note = trace
        .events
        .iter()
        .rposition(|event| matches!(event.kind, EventKind::Note(_)))
        .map_or(0, |at| at + 1);
    trace.events.truncate(last_note);
    Ok((keys, trace))
}

/// The slow-motion round trips as turns, for `cargo lab trace echo` and
/// the book's viewer.
pub fn export() -> io::Result<Export> {
    let (keys, trace) = slow_motion_trace()?;
    Ok(Export {
        demo: "echo".to_owned(),
        chapter: 5,
        about: format!("one client, one echo task, two round trips. {keys}"),
        programs: vec![Program::from_trace("two round trips", &trace)],
    })
}

/// The part of the trace that tells the story: what the tasks said, the
/// reactor's events, and which task each event woke.
fn io_story(trace: &Trace) -> Trace {
    let events = trace
        .events
        .iter()
        .filter(|event| {
            matches!(
                event.kind,
                EventKind::Note(_)
                    | EventKind::Driver(_)
                    | EventKind::Wake { .. }
                    | EventKind::Park { .. }
            )
        })
        .cloned()
        .collect();
    Trace { events }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ANCHOR: many_clients
/// `clients` clients, each sending `messages` lines to one echo server, all
/// tasks of one loop on one thread.
pub fn many_clients(out: &mut dyn Write, clients: usize, messages: usize) -> io::Result<()> {
    let event_loop = EventLoop::with_driver(Reactor::new()?);
    let (checked, stats) = event_loop.run_until_complete(async move {
        let server = start_server(echo, "127.0.0.1:0").await?;
        let checked = run_clients(server.local_addr(), clients, messages).await?;
        let stats = server.stats();
        server.close();
        yield_now().await; // the accept task drops its listener
        io::Result::Ok((checked, stats))
    })?;

    writeln!(
        out,
        "{clients} clients x {messages} lines, one echo server, one thread:"
    )?;
    writeln!(
        out,
        "  echoes checked:     {checked} of {}",
        clients * messages
    )?;
    writeln!(
        out,
        "  server:             {} accepted, at most {} open at once, {} ended cleanly, {} failed",
        stats.accepted,
        stats.peak_open,
        stats.finished,
        stats.failed + stats.aborted
    )?;
    writeln!(
        out,
        "  sources left in the reactor after closing: {}",
        event_loop.driver().sources()
    )?;
    Ok(())
}

/// Runs `clients` echo clients against `addr` on the running loop and
/// returns how many echoes they checked.
pub async fn run_clients(addr: SocketAddr, clients: usize, messages: usize) -> io::Result<usize> {
    // Phase 1: every client connects and gets its first line back, so that
    // all of them are open at once before any of them finishes.
    let connecting: Vec<JoinHandle<io::Result<_>>> = (0..clients)
        .map(|client| {
            spawn(async move {
                let (mut reader, mut writer) = open_connection(addr).await?;
                round_trip(&mut reader, &mut writer, client, 0).await?;
                Ok((reader, writer))
            })
        })
        .collect();
    let connected = all_or_first_error(connecting).await?;
    // Phase 2, once every client is in: the other lines, then a half-close
    // and the server's end of file.
    let mut talking = Vec::new();
    for (client, (mut reader, mut writer)) in connected.into_iter().enumerate() {
        talking.push(spawn(async move {
            for message in 1..messages {
                round_trip(&mut reader, &mut writer, client, message).await?;
            }
            writer.close().await?;
            let rest = reader.read_to_end().await?;
            if !rest.is_empty() {
                return Err(io::Error::other("bytes after the last echo"));
            }
            io::Result::Ok(messages)
        }));
    }
    Ok(all_or_first_error(talking).await?.into_iter().sum())
}

/// The values of `tasks`, in order, or the first error as soon as it comes,
/// with the other tasks cancelled (a handle dropped while awaited cancels
/// its task). A client that cannot connect, out of descriptors say, must
/// end the run: awaiting the handles one by one would wait for ever on the
/// clients before it, whose connections the server cannot accept without
/// the descriptors they hold. (Chapter 7's `gather` does this in general.)
async fn all_or_first_error<T>(tasks: Vec<JoinHandle<io::Result<T>>>) -> io::Result<Vec<T>> {
    let mut tasks: Vec<_> = tasks.into_iter().map(Some).collect();
    let mut values: Vec<Option<T>> = tasks.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut waiting = false;
        for (task, value) in tasks.iter_mut().zip(&mut values) {
            let Some(handle) = task else { continue };
            match Pin::new(handle).poll(cx) {
                Poll::Pending => waiting = true,
                Poll::Ready(joined) => {
                    *task = None;
                    match joined.expect("a client task") {
                        Ok(done) => *value = Some(done),
                        Err(err) => return Poll::Ready(Err(err)),
                    }
                }
            }
        }
        if waiting {
            Poll::Pending
        } else {
            Poll::Ready(Ok(()))
        }
    })
    .await?;
    Ok(values.into_iter().flatten().collect())
}

/// Sends one line and checks that the same line comes back.
async fn round_trip(
    reader: &mut StreamReader,
    writer: &mut StreamWriter,
    client: usize,
    message: usize,
) -> io::Result<()> {
    let line = format!("client {client} line {message}\n");
    writer.write(line.as_bytes());
    writer.drain().await?;
    let back = reader.readline().await?;
    if back != line.as_bytes() {
        return Err(io::Error::other(format!(
            "client {client} sent {line:?} and got {:?}",
            text(&back)
        )));
    }
    Ok(())
}
// ANCHOR_END: many_clients

#[allow(dead_code)] // the tests include this file for `run` and `echo` only
fn main() -> io::Result<()> {
    if std::env::var_os(aio_executor::trace::export::ENV).is_some() {
        let export = export()?;
        if Export::present_if_asked(|| export)? {
            return Ok(());
        }
    }
    let mut out = io::stdout().lock();
    match std::env::args().nth(1) {
        Some(arg) => {
            let clients = arg.parse().map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("expected a number of clients, got {arg:?}"),
                )
            })?;
            many_clients(&mut out, clients, MESSAGES)
        }
        None => run(&mut out),
    }
}
