//! A socket may outlive its loop and its reactor. It keeps the reactor's
//! registry (and so the poller) alive, and dropping it later still takes its
//! descriptor out of the poller before closing it: the promise that makes
//! registering it sound does not depend on the loop still being there.

#![cfg(target_os = "linux")]

use crate::common;

use std::os::fd::AsRawFd;

use aio_executor::EventLoop;
use aio_reactor::{Reactor, TcpListener};

#[test]
fn a_socket_dropped_after_its_loop_is_gone_still_leaves_the_poller_first() {
    common::bounded(|| {
        let event_loop = EventLoop::with_driver(Reactor::new().unwrap());
        let (first, second) = event_loop
            .run_until_complete(async {
                std::io::Result::Ok((
                    TcpListener::bind("127.0.0.1:0")?,
                    TcpListener::bind("127.0.0.1:0")?,
                ))
            })
            .unwrap();
        let first_fd = first.as_async().get_ref().as_raw_fd();
        let second_fd = second.as_async().get_ref().as_raw_fd();
        let watching = common::epolls_watching(first_fd);
        assert_eq!(watching.len(), 1, "one epoll watches the first socket");
        let epoll = watching[0].0;

        drop(event_loop); // the loop and its Reactor are gone

        // The sockets hold the poller: its epoll is still open.
        assert!(common::epoll_entry(epoll, first_fd).is_some());
        // Closing the last descriptor of a socket would take it out of
        // every epoll by itself; a duplicate keeps the socket open, so only
        // an explicit delete can remove the entry.
        let duplicate = first.as_async().get_ref().try_clone().unwrap();
        drop(first);
        assert!(
            common::epoll_entry(epoll, first_fd).is_none(),
            "the first socket was closed without leaving the poller"
        );
        assert!(
            common::epoll_entry(epoll, second_fd).is_some(),
            "the second socket is still registered, and keeps the poller alive"
        );
        drop((second, duplicate));
    });
}
