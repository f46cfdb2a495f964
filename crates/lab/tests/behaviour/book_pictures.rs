//! `cargo lab book --check`, pictures: every image a page shows exists, can
//! be drawn and has alt text, and every picture in the book is shown; checked
//! on a fixture with one of each mistake, and on the real book.

use crate::common;

use std::path::Path;

use lab::book_check::pictures::{check_pictures, check_svg, find_images};

fn fixture_problems() -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pictures");
    let mut problems = Vec::new();
    let shown = check_pictures(&root, Path::new("src"), &mut problems)
        .expect("the fixture pictures can be read");
    (shown, problems.iter().map(ToString::to_string).collect())
}

#[test]
fn each_bad_picture_is_reported_at_its_line() {
    let (shown, problems) = fixture_problems();
    assert_eq!(
        shown, 7,
        "seven images on page.md: the one in code and the remote one do not count"
    );
    assert_eq!(
        problems,
        [
            "src/page.md:4: the image `no-alt.svg` has no alt text: say in a few words what \
             it shows, as `![what it shows](no-alt.svg)`",
            "src/page.md:5: shows `nowhere.svg`, which does not exist (looked for src/nowhere.svg)",
            "src/page.md:6: `broken.svg`: `</svg>` closes `<g>`: the tags are not nested",
            "src/page.md:7: `unsized.svg`: the `<svg>` needs a positive `width` (in pixels), \
             or it may be drawn with no size",
            "src/page.md:9: `photo.jpg`: the book's pictures are SVG (or PNG); draw this one as an SVG",
            "src/orphan.svg:1: no page shows this picture: show it with `![what it shows](path)` \
             next to the text it illustrates, or delete it",
        ]
    );
}

#[test]
fn images_are_found_as_mdbook_renders_them() {
    let page = "![one](a.svg) and ![two](../b.svg \"a title\")\n\
                ```\n![code](c.svg)\n```\n\
                <img class=\"x\" src='d.png' alt=\"four\"> #![forbid(unsafe_code)]\n\
                ![web](https://example.invalid/e.svg)";
    let found: Vec<(usize, String, String)> = find_images(page)
        .into_iter()
        .map(|image| (image.line, image.alt, image.path))
        .collect();
    let image = |line, alt: &str, path: &str| (line, alt.to_owned(), path.to_owned());
    assert_eq!(
        found,
        [
            image(1, "one", "a.svg"),
            image(1, "two", "../b.svg"),
            image(5, "four", "d.png"),
        ]
    );
}

#[test]
fn an_svg_must_be_well_formed_and_sized() {
    let svg = |body: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" viewBox="0 0 10 5">{body}</svg>"#
        )
    };
    assert_eq!(check_svg(&svg("<title>t</title><rect/>")), Ok(()));
    assert_eq!(
        check_svg(&svg("<g>")),
        Err("`</svg>` closes `<g>`: the tags are not nested".into())
    );
    assert_eq!(
        check_svg(&svg("<text>a < b</text>")),
        Err("a `<` that starts no tag (write `&lt;` in text)".into())
    );
    assert_eq!(
        check_svg("<svg width=\"10\" height=\"5\"></svg>"),
        Err("the `<svg>` has no viewBox, so it cannot scale to the page".into())
    );
    assert_eq!(
        check_svg("<svg viewBox=\"0 0 1 1\" width=\"0\" height=\"5\"></svg>"),
        Err(
            "the `<svg>` needs a positive `width` (in pixels), or it may be drawn with no size"
                .into()
        )
    );
    assert_eq!(
        check_svg("<html></html>"),
        Err("the root element is `<html>`, not `<svg>`".into())
    );
    assert_eq!(
        check_svg("<svg viewBox=\"0 0 1 1\" width=\"1\" height=\"1\">"),
        Err("`<svg>` is never closed".into())
    );
}

#[test]
fn the_real_book_shows_every_picture_and_each_one_is_sound() {
    let mut problems = Vec::new();
    let shown = check_pictures(
        &common::workspace_root(),
        Path::new("book/src"),
        &mut problems,
    )
    .expect("the book can be read");
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "`cargo lab book --check` finds problems with the book's pictures:\n{}",
        problems.join("\n")
    );
    assert!(
        shown >= 7,
        "the book shows {shown} pictures; issue 10 asks for six diagrams besides the chess timeline"
    );
}
