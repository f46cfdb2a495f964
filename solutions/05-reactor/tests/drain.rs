use sol05_reactor::drain as subject;
include!("../../../tests/05-reactor/drain.rs");
