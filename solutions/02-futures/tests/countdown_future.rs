use sol02_futures::countdown_future as subject;
include!("../../../tests/02-futures/countdown_future.rs");
