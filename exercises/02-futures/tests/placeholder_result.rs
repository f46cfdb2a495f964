use ex02_futures::placeholder_result as subject;
include!("../../../tests/02-futures/placeholder_result.rs");
