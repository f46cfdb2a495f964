use sol05_reactor::read_retry as subject;
include!("../../../tests/05-reactor/read_retry.rs");
