use sol08_queues::fifo_lock as subject;
include!("../../../tests/08-queues/fifo_lock.rs");
