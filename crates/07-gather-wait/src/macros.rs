//! `gather!` and `gather_settled!`: gather futures of different types.

// ANCHOR: gather_macro
/// Gathers futures of different types: `gather!(a, b, c)` spawns each as a
/// task at once, and awaiting it gives `Ok((a, b, c))`, or the first
/// failure as soon as it happens. The same rules as [`gather()`](crate::gather()).
///
/// The macro does not copy the gather for each arity: it nests the handles
/// into pairs, `((((), a), b), c)`, which one generic [`Gather`](crate::Gather)
/// waits for (see [`Children`](crate::Children)), and flattens the nested
/// values back into a tuple. Up to twelve futures.
///
/// ```
/// use std::time::Duration;
/// use aio_gather::gather;
/// use aio_timers::{Clock, sleep, timer_loop};
///
/// let event_loop = timer_loop(&Clock::new_virtual());
/// let (n, s) = event_loop.run_until_complete(async {
///     gather!(
///         async { sleep(Duration::from_secs(2)).await; 42 },
///         async { "a str, not a number" },
///     )
///     .await
///     .unwrap()
/// });
/// assert_eq!((n, s), (42, "a str, not a number"));
/// ```
#[macro_export]
macro_rules! gather {
    ($($future:expr),+ $(,)?) => {
        $crate::__gather_nest!(values; [()]; [()]; []; [_1 _2 _3 _4 _5 _6 _7 _8 _9 _10 _11 _12]; $($future),+)
    };
}

/// [`gather!`](crate::gather!) with asyncio's `return_exceptions=True`: awaiting it gives a
/// tuple of every task's `Result`, in argument order.
#[macro_export]
macro_rules! gather_settled {
    ($($future:expr),+ $(,)?) => {
        $crate::__gather_nest!(settled; [()]; [()]; []; [_1 _2 _3 _4 _5 _6 _7 _8 _9 _10 _11 _12]; $($future),+)
    };
}

// ANCHOR: nest
/// Builds the nested pairs of handles, and the pattern that takes the
/// nested values apart, one future at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __gather_nest {
    // Every future is spawned: gather them, then flatten.
    ($mode:ident; [$tasks:expr]; [$nested:pat_param]; [$($name:ident)*]; [$($spare:ident)*];) => {
        $crate::__private::$mode($tasks, |$nested| ($($name,)*))
    };
    // One more future: spawn it now, and name its value.
    ($mode:ident; [$tasks:expr]; [$nested:pat_param]; [$($name:ident)*]; [$next:ident $($spare:ident)*]; $future:expr $(, $rest:expr)*) => {
        $crate::__gather_nest!(
            $mode;
            [($tasks, $crate::__private::spawn($future))];
            [($nested, $next)];
            [$($name)* $next];
            [$($spare)*];
            $($rest),*
        )
    };
}
// ANCHOR_END: nest
// ANCHOR_END: gather_macro

/// What the macros expand to; not part of the API.
#[doc(hidden)]
pub mod __private {
    use crate::gather::{Children, Gather, GatherSettled, GatherTuple};

    pub use aio_executor::spawn;

    /// `gather!`: the values, flattened.
    pub fn values<C: Children, F: FnOnce(C::Values) -> R, R>(
        tasks: C,
        flatten: F,
    ) -> GatherTuple<Gather<C>, F> {
        GatherTuple::new(Gather::new(tasks), flatten)
    }

    /// `gather_settled!`: the outcomes, flattened.
    pub fn settled<C: Children, F: FnOnce(C::Settled) -> R, R>(
        tasks: C,
        flatten: F,
    ) -> GatherTuple<GatherSettled<C>, F> {
        GatherTuple::new(Gather::new(tasks).return_exceptions(), flatten)
    }
}
