use sol02_futures::two_awaits_by_hand as subject;
include!("../../../tests/02-futures/two_awaits_by_hand.rs");
