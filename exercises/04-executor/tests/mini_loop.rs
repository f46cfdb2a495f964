use ex04_executor::mini_loop as subject;
include!("../../../tests/04-executor/mini_loop.rs");
