use ex08_queues::cancel_safe_get as subject;
include!("../../../tests/08-queues/cancel_safe_get.rs");
