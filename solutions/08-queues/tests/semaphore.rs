use sol08_queues::semaphore as subject;
include!("../../../tests/08-queues/semaphore.rs");
