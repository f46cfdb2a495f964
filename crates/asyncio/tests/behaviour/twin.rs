//! The same program on CPython's asyncio and on our crate, line for line:
//! python/facade/tasks_and_callbacks.py and `program` below.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use asyncio::prelude::*;

type Say = Rc<dyn Fn(String)>;

async fn child(say: Say, delay_ms: u64, value: &'static str) -> &'static str {
    say(format!("{} starts", current_task().unwrap().name()));
    sleep(Duration::from_millis(delay_ms)).await;
    say(format!("{} ends", current_task().unwrap().name()));
    value
}

async fn fails() {
    yield_now().await;
    panic!("bad input");
}

async fn program(say: Say) {
    let event_loop = get_running_loop();
    say(format!("main is {}", current_task().unwrap().name()));
    let mut a = create_task(child(say.clone(), 100, "A"));
    let b = create_task(child(say.clone(), 10, "B"));
    say(format!("created {} and {}", a.get_name(), b.get_name()));
    {
        let say = say.clone();
        a.add_done_callback(move |t| say(format!("callback 1 sees {} -> A", t.name())));
    }
    {
        let say = say.clone();
        a.add_done_callback(move |t| {
            say(format!(
                "callback 2 sees {} done={}",
                t.name(),
                py_bool(t.done())
            ))
        });
    }
    {
        let say = say.clone();
        event_loop.call_soon(move || {
            let current = current_task().map_or("None".to_owned(), |t| t.name().to_owned());
            say(format!("call_soon runs; current task is {current}"));
        });
    }
    {
        let say = say.clone();
        event_loop.call_later(Duration::from_millis(50), move || {
            say("call_later fires".into())
        });
    }
    say(format!("all tasks: {}", names(all_tasks())));
    match a.result() {
        // asyncio's message, which ours (stage 2's) words differently.
        Err(FutureError::InvalidState(InvalidStateError::RESULT_NOT_SET)) => {
            say("result too early: InvalidStateError Result is not set.".into());
        }
        other => panic!("result() of a running task gave {other:?}, not InvalidStateError"),
    }
    let value = (&mut a).await.unwrap();
    say(format!("main resumed with {value}"));
    let mut b = b;
    (&mut b).await.unwrap();
    {
        let say = say.clone();
        b.add_done_callback(move |t| say(format!("late callback sees {}", t.name())));
    }
    say("late callback added".into());
    sleep(Duration::ZERO).await;
    let bad = create_task(fails());
    let (done, _) = wait(vec![bad], ALL_COMPLETED, None).await;
    let exception = done[0].exception().unwrap().unwrap();
    say(format!("exception: {exception}"));
    let c = create_task(child(say.clone(), 5, "C"));
    sleep(Duration::ZERO).await;
    c.cancel();
    let (mut done, _) = wait(vec![c], ALL_COMPLETED, None).await;
    let mut c = done.pop().unwrap();
    say(format!("cancelled: {}", py_bool(c.cancelled())));
    if let Err(CancelledError) = c.result() {
        say("result of a cancelled task: CancelledError".into());
    }
    say(format!("all tasks: {}", names(all_tasks())));
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

fn names(tasks: Vec<TaskRef>) -> String {
    let mut names: Vec<String> = tasks.iter().map(|t| t.name().to_owned()).collect();
    names.sort();
    names.join(" ")
}

#[test]
fn tasks_and_callbacks_print_what_cpython_prints() {
    let lines = Rc::new(RefCell::new(Vec::<String>::new()));
    let say: Say = {
        let lines = lines.clone();
        Rc::new(move |line| lines.borrow_mut().push(line))
    };
    Runner::with_virtual_clock().run(program(say));
    let ours = lines.borrow().join("\n");
    let Some(python) = aio_testkit::python::run_script("facade/tasks_and_callbacks.py", &[]) else {
        return;
    };
    assert_eq!(
        ours.trim(),
        python.trim(),
        "our asyncio crate and CPython's asyncio disagree on the order of events"
    );
}
