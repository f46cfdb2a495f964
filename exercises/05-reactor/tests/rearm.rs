use ex05_reactor::rearm as subject;
include!("../../../tests/05-reactor/rearm.rs");
