use ex02_futures::future_from_generator as subject;
include!("../../../tests/02-futures/future_from_generator.rs");
