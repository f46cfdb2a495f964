use ex02_futures::placeholder_await as subject;
include!("../../../tests/02-futures/placeholder_await.rs");
