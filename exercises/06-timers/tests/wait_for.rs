use ex06_timers::wait_for as subject;
include!("../../../tests/06-timers/wait_for.rs");
