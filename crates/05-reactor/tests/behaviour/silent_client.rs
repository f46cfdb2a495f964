//! A client that connects and says nothing holds only its own connection:
//! the server keeps serving everyone else meanwhile, and when the silent
//! one finally hangs up, its handler ends cleanly.

use crate::common;

use std::io;

use crate::demos::echo;

use aio_executor::spawn;
use aio_reactor::{open_connection, start_server};

#[test]
fn a_silent_client_does_not_hold_up_the_others() {
    let (while_silent, at_end) = common::run(|| async {
        let server = start_server(echo::echo, "127.0.0.1:0").await.unwrap();
        let addr = server.local_addr();
        let silent = open_connection(addr).await.unwrap();

        let talkers: Vec<_> = (0..10)
            .map(|i| {
                spawn(async move {
                    let (mut reader, mut writer) = open_connection(addr).await?;
                    for j in 0..5 {
                        let line = format!("{i}.{j}\n");
                        writer.write(line.as_bytes());
                        writer.drain().await?;
                        assert_eq!(reader.readline().await?, line.as_bytes());
                    }
                    writer.close().await?;
                    reader.read_to_end().await?;
                    io::Result::Ok(())
                })
            })
            .collect();
        for talker in talkers {
            talker.await.unwrap().unwrap();
        }
        common::wait_until(|| server.stats().finished == 10).await;
        let while_silent = server.stats();
        drop(silent); // hang up without a word
        common::wait_until(|| server.stats().open == 0).await;
        (while_silent, server.stats())
    });
    assert_eq!(while_silent.accepted, 11);
    assert_eq!(while_silent.finished, 10);
    assert_eq!(
        while_silent.open, 1,
        "only the silent client's handler still waits"
    );
    assert_eq!((at_end.finished, at_end.failed, at_end.open), (11, 0, 0));
}
