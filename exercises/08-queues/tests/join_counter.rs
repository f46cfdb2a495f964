use ex08_queues::join_counter as subject;
include!("../../../tests/08-queues/join_counter.rs");
