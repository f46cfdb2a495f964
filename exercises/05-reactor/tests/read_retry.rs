use ex05_reactor::read_retry as subject;
include!("../../../tests/05-reactor/read_retry.rs");
