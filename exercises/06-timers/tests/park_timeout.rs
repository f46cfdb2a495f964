use ex06_timers::park_timeout as subject;
include!("../../../tests/06-timers/park_timeout.rs");
