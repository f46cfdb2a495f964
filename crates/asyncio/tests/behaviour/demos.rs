//! The demos' output, snapshotted: the book shows these snapshots, and this
//! test keeps them current. The JSON demo runs real sockets on 127.0.0.1
//! and prints nothing that changes from run to run (no ports, no times).

#[path = "../../examples/json_api.rs"]
mod json_api;

use aio_testkit::capture;
use json_api::Json;

#[test]
fn json_api() {
    insta::assert_snapshot!("json_api", capture(json_api::run));
}

/// The demo's JSON parser reads what the server writes, and refuses what
/// JSON refuses: a client that accepted `01` or a lone `[` would hide a
/// broken server.
#[test]
fn json_parser_reads_json_and_refuses_what_is_not() {
    let parsed = Json::parse(r#" {"a": [1, -2.5e1, true, null], "b": "x\"\u00e9\n"} "#)
        .expect("a well-formed document");
    assert_eq!(
        parsed,
        Json::Object(vec![
            (
                "a".to_owned(),
                Json::Array(vec![
                    Json::Number(1.0),
                    Json::Number(-25.0),
                    Json::Bool(true),
                    Json::Null
                ])
            ),
            ("b".to_owned(), Json::String("x\"é\n".to_owned())),
        ])
    );
    assert_eq!(
        parsed.to_string(),
        r#"{"a":[1,-25,true,null],"b":"x\"é\n"}"#
    );
    for bad in [
        "",
        "[",
        "01",
        "1.",
        ".5",
        "+1",
        "[1,]",
        "{\"a\" 1}",
        "\"\\x\"",
        "nul",
        "1 2",
        "\"é\\",
    ] {
        assert!(
            Json::parse(bad).is_err(),
            "{bad:?} is not JSON, yet the parser accepted it"
        );
    }
}
