use sol06_timers::fire_due as subject;
include!("../../../tests/06-timers/fire_due.rs");
