use sol07_gather_wait::wait_first as subject;
include!("../../../tests/07-gather-wait/wait_first.rs");
