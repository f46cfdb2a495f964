//! The TOML the lab reads and writes, without a TOML crate: its data files
//! (`course.toml`, `stubs.toml`), the learner's state (`.lab/progress.toml`,
//! `.lab/hints.toml`), `book/book.toml`, and the workspace's `Cargo.toml`
//! manifests.
//!
//! Those files use a small part of TOML, and that part is all this reader
//! knows: comments; bare, quoted and dotted keys; `[table]` and
//! `[[array.of.tables]]` headers; basic (`"…"`, with escapes) and literal
//! (`'…'`) strings on one line; integers; booleans; arrays (over several
//! lines if need be); inline tables (on one line). Anything else (floats,
//! dates, multi-line strings, hexadecimal integers) is an error that says
//! so, with its line, as is every malformed line: a learner may edit a
//! state file by hand, and must be told where it went wrong, not left
//! with a file that is silently read as something else.
//!
//! Besides its value, every entry keeps where it stands in the text (its
//! line, and the bytes of its key and value), so a manifest can be edited
//! in place ([`Edits`]): the lines the lab does not change stay exactly as
//! they were written, comments included. The lab writes its own state
//! files by hand, with [`quote`] and [`key`].
//!
//! The usual way, serde with its derive and the `toml` crate, cost a
//! learner's first `cargo test` about 15 s of CPU time to compile, for
//! these few files.

use std::fmt;
use std::ops::Range;

/// A malformed or unexpected file: what is wrong, and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The 1-based line the problem is on.
    pub line: usize,
    /// What is wrong there, as one sentence without a final period.
    pub message: String,
}

impl Error {
    fn new(line: usize, message: impl Into<String>) -> Error {
        Error {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Error {}

/// A TOML value, of the kinds the lab's files use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `"text"` or `'text'`.
    String(String),
    /// `42`, `-1`, `1_000`.
    Integer(i64),
    /// `true` or `false`.
    Boolean(bool),
    /// `[1, 2, 3]`, written as a value.
    Array(Vec<Item>),
    /// A table: from a `[header]`, `{ inline }`, or made by a dotted key.
    Table(Table),
    /// The tables of `[[name]]` headers, in order.
    Tables(Vec<Table>),
}

impl Value {
    /// What kind of value this is, for error messages: "a string", ….
    pub fn kind(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Boolean(_) => "a boolean",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
            Value::Tables(_) => "an array of tables",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The table, if this is one.
    pub fn as_table(&self) -> Option<&Table> {
        match self {
            Value::Table(table) => Some(table),
            _ => None,
        }
    }
}

/// A value and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The value.
    pub value: Value,
    /// The 1-based line its key (or, in an array, the value) is on.
    pub line: usize,
    /// The bytes from its key's first character to its value's last; for a
    /// table made by a header, the header. Empty for a table no line
    /// defines (`a` in `[a.b]`).
    pub entry: Range<usize>,
    /// The bytes of the value's text: `"0.1.0"` with its quotes, `[…]`
    /// with its brackets.
    pub span: Range<usize>,
}

/// How a table came to be, which decides what may add to it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A `[header]` or an element of `[[header]]`.
    Header,
    /// Named on the way to a deeper header (`a` in `[a.b]`): a later
    /// `[a]` may still define it.
    Implicit,
    /// Made by a dotted key (`a` in `a.b = 1`).
    Dotted,
    /// `{ … }`: closed once written.
    Inline,
}

/// A table: its entries in the order they were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    entries: Vec<(String, Item)>,
    /// The 1-based line it starts on (its header's, or its first key's).
    pub line: usize,
    origin: Origin,
}

impl Table {
    fn new(line: usize, origin: Origin) -> Table {
        Table {
            entries: Vec::new(),
            line,
            origin,
        }
    }

    /// The entry `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<&Item> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The entry at a path of keys, through nested tables:
    /// `get_path(&["package", "name"])`.
    pub fn get_path(&self, path: &[&str]) -> Option<&Item> {
        let (last, parents) = path.split_last()?;
        let mut table = self;
        for key in parents {
            table = table.get(key)?.value.as_table()?;
        }
        table.get(last)
    }

    /// The entries, in the order they were written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Item)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Parses a whole file.
pub fn parse(text: &str) -> Result<Table, Error> {
    Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
    }
    .document()
}

/// `text` as a TOML basic string, with its quotes: `"a \"b\""`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `name` as a key: bare if TOML allows it (`countdown`), quoted if not
/// (`"1.1"`).
pub fn key(name: &str) -> String {
    if !name.is_empty() && name.bytes().all(is_bare) {
        name.to_owned()
    } else {
        quote(name)
    }
}

fn is_bare(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-'
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

/// A dotted key, split at its dots; also where new entries go: the path of
/// tables from the root, where each step that is an array of tables means
/// its last table.
type KeyPath = Vec<String>;

impl Parser<'_> {
    fn document(mut self) -> Result<Table, Error> {
        let mut root = Table::new(1, Origin::Header);
        let mut current: KeyPath = Vec::new();
        loop {
            self.skip_blank_lines()?;
            if self.pos == self.bytes.len() {
                return Ok(root);
            }
            let start = self.pos;
            let line = self.line;
            if self.peek() == Some(b'[') {
                let array = self.bytes.get(self.pos + 1) == Some(&b'[');
                self.pos += if array { 2 } else { 1 };
                self.skip_spaces();
                let path = self.key()?;
                self.skip_spaces();
                let close: &[u8] = if array { b"]]" } else { b"]" };
                if !self.bytes[self.pos..].starts_with(close) {
                    let wanted = if array { "`]]`" } else { "`]`" };
                    return Err(self.error(format!("expected {wanted} to end the table header")));
                }
                self.pos += close.len();
                let entry = start..self.pos;
                self.end_of_line()?;
                open_header(&mut root, &path, array, line, entry)?;
                current = path;
            } else {
                let table = walk(&mut root, &current, line)?;
                self.key_value(table)?;
                self.end_of_line()?;
            }
        }
    }

    /// `key = value`, into `table`.
    fn key_value(&mut self, table: &mut Table) -> Result<(), Error> {
        let start = self.pos;
        let line = self.line;
        let path = self.key()?;
        self.skip_spaces();
        if self.peek() != Some(b'=') {
            return Err(self.error(format!("expected `=` after the key `{}`", path.join("."))));
        }
        self.pos += 1;
        self.skip_spaces();
        let (value, span) = self.value()?;
        let item = Item {
            value,
            line,
            entry: start..span.end,
            span,
        };
        insert_dotted(table, &path, item)
    }

    /// A key: one or more simple keys joined by dots.
    fn key(&mut self) -> Result<KeyPath, Error> {
        let mut path = vec![self.simple_key()?];
        loop {
            let save = self.pos;
            self.skip_spaces();
            if self.peek() == Some(b'.') {
                self.pos += 1;
                self.skip_spaces();
                path.push(self.simple_key()?);
            } else {
                self.pos = save;
                return Ok(path);
            }
        }
    }

    fn simple_key(&mut self) -> Result<String, Error> {
        match self.peek() {
            Some(b'"') => self.basic_string(),
            Some(b'\'') => self.literal_string(),
            Some(byte) if is_bare(byte) => {
                let start = self.pos;
                while self.peek().is_some_and(is_bare) {
                    self.pos += 1;
                }
                Ok(self.text[start..self.pos].to_owned())
            }
            _ => Err(self.error(format!("expected a key, found {}", self.found()))),
        }
    }

    /// A value, and the bytes it was written in.
    fn value(&mut self) -> Result<(Value, Range<usize>), Error> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'"') => {
                if self.bytes[self.pos..].starts_with(b"\"\"\"") {
                    return Err(self.error("multi-line strings (`\"\"\"`) are not supported here"));
                }
                Value::String(self.basic_string()?)
            }
            Some(b'\'') => {
                if self.bytes[self.pos..].starts_with(b"'''") {
                    return Err(self.error("multi-line strings (`'''`) are not supported here"));
                }
                Value::String(self.literal_string()?)
            }
            Some(b'[') => Value::Array(self.array()?),
            Some(b'{') => Value::Table(self.inline_table()?),
            Some(b't' | b'f') => Value::Boolean(self.boolean()?),
            Some(b'0'..=b'9' | b'+' | b'-') => Value::Integer(self.integer()?),
            None | Some(b'\n' | b'\r' | b'#') => {
                return Err(self.error("expected a value after `=`"));
            }
            _ => {
                return Err(self.error(format!(
                    "expected a value (a string in quotes, a number, true, false, `[` or `{{`), found {}",
                    self.found()
                )));
            }
        };
        Ok((value, start..self.pos))
    }

    fn basic_string(&mut self) -> Result<String, Error> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err(self.error("this string has no closing `\"`"));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\n' | '\r' => return Err(self.error("this string has no closing `\"`")),
                '\\' => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                c if (c < ' ' && c != '\t') || c == '\u{7f}' => {
                    return Err(self.error(format!(
                        "a control character (U+{:04X}) in a string must be escaped",
                        u32::from(c)
                    )));
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(letter) = self.peek() else {
            return Err(self.error("this string has no closing `\"`"));
        };
        self.pos += 1;
        let simple = match letter {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'u' => return self.unicode_escape(4),
            b'U' => return self.unicode_escape(8),
            _ => {
                self.pos -= 1;
                return Err(self.error(format!(
                    "`\\{}` is not an escape TOML knows (write `\\\\` for a backslash)",
                    self.found_char()
                )));
            }
        };
        Ok(simple)
    }

    fn unicode_escape(&mut self, digits: usize) -> Result<char, Error> {
        let hex = self.text.get(self.pos..self.pos + digits).unwrap_or("");
        let code = (hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten()
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                self.pos += digits;
                Ok(c)
            }
            None => Err(self.error(format!(
                "a unicode escape needs {digits} hexadecimal digits naming a character"
            ))),
        }
    }

    fn literal_string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                Some(b'\'') => {
                    let text = self.text[start..self.pos].to_owned();
                    self.pos += 1;
                    return Ok(text);
                }
                None | Some(b'\n' | b'\r') => {
                    return Err(self.error("this string has no closing `'`"));
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn boolean(&mut self) -> Result<bool, Error> {
        for (word, value) in [("true", true), ("false", false)] {
            if self.bytes[self.pos..].starts_with(word.as_bytes())
                && !self
                    .bytes
                    .get(self.pos + word.len())
                    .copied()
                    .is_some_and(is_bare)
            {
                self.pos += word.len();
                return Ok(value);
            }
        }
        Err(self.error(format!(
            "expected a value, found {} (a string needs quotes)",
            self.found()
        )))
    }

    /// A decimal integer: an optional sign, digits, `_` between digits.
    fn integer(&mut self) -> Result<i64, Error> {
        let start = self.pos;
        while self.peek().is_some_and(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'.' | b':')
        }) {
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        let digits = word.strip_prefix(['+', '-']).unwrap_or(word);
        let well_formed = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
            && !digits.starts_with('_')
            && !digits.ends_with('_')
            && !digits.contains("__")
            && (digits == "0" || !digits.starts_with('0'));
        let parsed = well_formed
            .then(|| word.replace('_', "").parse::<i64>().ok())
            .flatten();
        parsed.ok_or_else(|| {
            let why = if digits
                .bytes()
                .any(|b| matches!(b, b'.' | b':' | b'-' | b'e' | b'E' | b'x' | b'o' | b'b'))
            {
                "only decimal integers are supported here, not floats, dates or hexadecimal"
            } else {
                "it is not an integer"
            };
            Error::new(self.line, format!("`{word}`: {why}"))
        })
    }

    /// `[a, b, …]`, over as many lines as it likes, with comments between
    /// its values and an optional comma after the last.
    fn array(&mut self) -> Result<Vec<Item>, Error> {
        let open_line = self.line;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_blank_lines_in_array(open_line)?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(items);
            }
            let line = self.line;
            let (value, span) = self.value()?;
            items.push(Item {
                value,
                line,
                entry: span.clone(),
                span,
            });
            self.skip_blank_lines_in_array(open_line)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `]` in the array, found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    fn skip_blank_lines_in_array(&mut self, open_line: usize) -> Result<(), Error> {
        self.skip_blank_lines()?;
        if self.pos == self.bytes.len() {
            return Err(Error::new(
                open_line,
                "the array that starts here has no closing `]`",
            ));
        }
        Ok(())
    }

    /// `{ a = 1, b.c = "x" }`, on one line.
    fn inline_table(&mut self) -> Result<Table, Error> {
        let mut table = Table::new(self.line, Origin::Inline);
        self.pos += 1;
        self.skip_spaces();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(table);
        }
        loop {
            self.skip_spaces();
            if matches!(self.peek(), None | Some(b'\n' | b'\r')) {
                return Err(self.error("an inline table `{ … }` must be written on one line"));
            }
            self.key_value(&mut table)?;
            self.skip_spaces();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(table);
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `}}` in the inline table, found {} \
                         (an inline table is written on one line)",
                        self.found()
                    )));
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Skips spaces, comments and line ends.
    fn skip_blank_lines(&mut self) -> Result<(), Error> {
        loop {
            self.skip_spaces();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => self.pos += 1,
                _ => return Ok(()),
            }
        }
    }

    /// A comment, up to (not including) its line end.
    fn comment(&mut self) -> Result<(), Error> {
        while let Some(byte) = self.peek() {
            if byte == b'\n' || (byte == b'\r' && self.bytes.get(self.pos + 1) == Some(&b'\n')) {
                break;
            }
            if byte != b'\t' && (byte < 0x20 || byte == 0x7f) {
                return Err(self.error("a control character in a comment"));
            }
            self.pos += 1;
        }
        Ok(())
    }

    /// After a header or a key-value pair: only spaces and a comment, then
    /// the line's end.
    fn end_of_line(&mut self) -> Result<(), Error> {
        self.skip_spaces();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None | Some(b'\n') => Ok(()),
            Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => Ok(()),
            _ => Err(self.error(format!(
                "expected the end of the line, found {} (one key = value per line)",
                self.found()
            ))),
        }
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::new(self.line, message)
    }

    /// What is at the current position, for error messages: a word, or
    /// one character.
    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".to_owned(),
            Some(b'\n' | b'\r') => "the end of the line".to_owned(),
            Some(byte) if is_bare(byte) => {
                let word = self.bytes[self.pos..]
                    .iter()
                    .take_while(|&&b| is_bare(b))
                    .count();
                format!("`{}`", &self.text[self.pos..self.pos + word])
            }
            Some(_) => format!("`{}`", self.found_char()),
        }
    }

    fn found_char(&self) -> char {
        self.text[self.pos..].chars().next().unwrap_or(' ')
    }
}

/// The table at `path` from `root`, where new key-value pairs go: the last
/// table of each array of tables on the way.
fn walk<'t>(root: &'t mut Table, path: &[String], line: usize) -> Result<&'t mut Table, Error> {
    let mut table = root;
    for key in path {
        table = match table.get_mut(key).map(|item| &mut item.value) {
            Some(Value::Table(inner)) => inner,
            Some(Value::Tables(list)) => {
                list.last_mut().expect("an array of tables is never empty")
            }
            _ => return Err(Error::new(line, format!("`{key}` is not a table"))),
        };
    }
    Ok(table)
}

/// Opens the table of a `[path]` or `[[path]]` header.
fn open_header(
    root: &mut Table,
    path: &[String],
    array: bool,
    line: usize,
    entry: Range<usize>,
) -> Result<(), Error> {
    let (last, parents) = path.split_last().expect("a key has at least one part");
    let mut table = root;
    for key in parents {
        match table.get(key).map(|item| &item.value) {
            None => table.entries.push((
                key.clone(),
                Item {
                    value: Value::Table(Table::new(line, Origin::Implicit)),
                    line,
                    entry: entry.start..entry.start,
                    span: entry.start..entry.start,
                },
            )),
            Some(Value::Table(inner)) if inner.origin == Origin::Inline => {
                return Err(Error::new(
                    line,
                    format!("`{key}` is an inline table, which no header can add to"),
                ));
            }
            Some(Value::Table(_) | Value::Tables(_)) => {}
            Some(other) => {
                return Err(Error::new(
                    line,
                    format!("`{key}` is {} already, not a table", other.kind()),
                ));
            }
        }
        table = match table.get_mut(key).map(|item| &mut item.value) {
            Some(Value::Table(inner)) => inner,
            Some(Value::Tables(list)) => {
                list.last_mut().expect("an array of tables is never empty")
            }
            _ => unreachable!("a table, made or checked above"),
        };
    }
    let name = path.join(".");
    let fresh = Table::new(line, Origin::Header);
    match table.get_mut(last) {
        None => {
            let value = if array {
                Value::Tables(vec![fresh])
            } else {
                Value::Table(fresh)
            };
            table.entries.push((
                last.clone(),
                Item {
                    value,
                    line,
                    entry: entry.clone(),
                    span: entry,
                },
            ));
            Ok(())
        }
        Some(item) => match (&mut item.value, array) {
            (Value::Tables(list), true) => {
                list.push(fresh);
                Ok(())
            }
            (Value::Table(existing), false) if existing.origin == Origin::Implicit => {
                existing.origin = Origin::Header;
                existing.line = line;
                item.entry = entry.clone();
                item.span = entry;
                Ok(())
            }
            _ => Err(Error::new(
                line,
                format!(
                    "`{name}` is defined twice (the first time on line {})",
                    item.line
                ),
            )),
        },
    }
}

/// Inserts `item` at the dotted key `path` of `table`, making the tables
/// on the way.
fn insert_dotted(table: &mut Table, path: &[String], item: Item) -> Result<(), Error> {
    let (last, parents) = path.split_last().expect("a key has at least one part");
    let mut table = table;
    for key in parents {
        match table.get(key) {
            None => table.entries.push((
                key.clone(),
                Item {
                    value: Value::Table(Table::new(item.line, Origin::Dotted)),
                    line: item.line,
                    entry: item.entry.clone(),
                    span: item.entry.clone(),
                },
            )),
            Some(Item {
                value: Value::Table(inner),
                ..
            }) if inner.origin == Origin::Dotted => {}
            Some(existing) => {
                return Err(Error::new(
                    item.line,
                    format!(
                        "`{key}` is defined already (on line {}); a dotted key cannot add to it",
                        existing.line
                    ),
                ));
            }
        }
        table = match table.get_mut(key).map(|item| &mut item.value) {
            Some(Value::Table(inner)) => inner,
            _ => unreachable!("a table, made or checked above"),
        };
    }
    if let Some(existing) = table.get(last) {
        return Err(Error::new(
            item.line,
            format!(
                "`{}` is defined twice (the first time on line {})",
                path.join("."),
                existing.line
            ),
        ));
    }
    table.entries.push((last.clone(), item));
    Ok(())
}

/// Reads the entries of one table into a struct's fields: each getter
/// takes one key, and [`Fields::finish`] refuses the keys nobody took (a
/// typo in a field name is an error, not a field silently left out).
#[derive(Debug)]
pub struct Fields<'a> {
    table: &'a Table,
    what: &'a str,
    taken: Vec<&'a str>,
}

impl<'a> Fields<'a> {
    /// The fields of `table`, which error messages call `what` (`this
    /// [[chapter]]`, `the file`).
    pub fn of(table: &'a Table, what: &'a str) -> Fields<'a> {
        Fields {
            table,
            what,
            taken: Vec::new(),
        }
    }

    fn take(&mut self, key: &'a str) -> Option<&'a Item> {
        self.taken.push(key);
        self.table.get(key)
    }

    fn missing(&self, key: &str) -> Error {
        Error::new(
            self.table.line,
            format!("`{key}` is missing from {}", self.what),
        )
    }

    /// A string that must be there.
    pub fn string(&mut self, key: &'a str) -> Result<String, Error> {
        self.optional_string(key)?.ok_or_else(|| self.missing(key))
    }

    /// A string that may be left out.
    pub fn optional_string(&mut self, key: &'a str) -> Result<Option<String>, Error> {
        match self.take(key) {
            None => Ok(None),
            Some(Item {
                value: Value::String(text),
                ..
            }) => Ok(Some(text.clone())),
            Some(item) => Err(wrong_kind(key, item, "a string in quotes")),
        }
    }

    /// A whole number from 0 to `u32::MAX`, that must be there.
    pub fn number(&mut self, key: &'a str) -> Result<u32, Error> {
        match self.take(key) {
            None => Err(self.missing(key)),
            Some(Item {
                value: Value::Integer(n),
                line,
                ..
            }) => u32::try_from(*n)
                .map_err(|_| Error::new(*line, format!("`{key}` must be from 0 to {}", u32::MAX))),
            Some(item) => Err(wrong_kind(key, item, "a whole number")),
        }
    }

    /// A count, that must be there.
    pub fn count(&mut self, key: &'a str) -> Result<usize, Error> {
        match self.take(key) {
            None => Err(self.missing(key)),
            Some(Item {
                value: Value::Integer(n),
                line,
                ..
            }) => usize::try_from(*n)
                .map_err(|_| Error::new(*line, format!("`{key}` must not be negative"))),
            Some(item) => Err(wrong_kind(key, item, "a whole number")),
        }
    }

    /// A boolean that is `false` when left out.
    pub fn flag(&mut self, key: &'a str) -> Result<bool, Error> {
        match self.take(key) {
            None => Ok(false),
            Some(Item {
                value: Value::Boolean(flag),
                ..
            }) => Ok(*flag),
            Some(item) => Err(wrong_kind(key, item, "true or false")),
        }
    }

    /// An array of strings, empty when left out.
    pub fn strings(&mut self, key: &'a str) -> Result<Vec<String>, Error> {
        match self.take(key) {
            None => Ok(Vec::new()),
            Some(Item {
                value: Value::Array(items),
                ..
            }) => items
                .iter()
                .map(|item| match &item.value {
                    Value::String(text) => Ok(text.clone()),
                    other => Err(Error::new(
                        item.line,
                        format!("`{key}` must hold strings, not {}", other.kind()),
                    )),
                })
                .collect(),
            Some(item) => Err(wrong_kind(key, item, "an array of strings")),
        }
    }

    /// A table that must be there (a `[key]` section or `key = { … }`).
    pub fn table(&mut self, key: &'a str) -> Result<&'a Table, Error> {
        self.optional_table(key)?.ok_or_else(|| self.missing(key))
    }

    /// A table that may be left out.
    pub fn optional_table(&mut self, key: &'a str) -> Result<Option<&'a Table>, Error> {
        match self.take(key) {
            None => Ok(None),
            Some(Item {
                value: Value::Table(table),
                ..
            }) => Ok(Some(table)),
            Some(item) => Err(wrong_kind(key, item, "a table")),
        }
    }

    /// The tables of `[[key]]` headers, none when there are none.
    pub fn tables(&mut self, key: &'a str) -> Result<&'a [Table], Error> {
        match self.take(key) {
            None => Ok(&[]),
            Some(Item {
                value: Value::Tables(tables),
                ..
            }) => Ok(tables),
            Some(item) => Err(wrong_kind(key, item, &format!("`[[{key}]]` tables"))),
        }
    }

    /// Succeeds if every key of the table was taken; otherwise names the
    /// first that was not, and the keys that may be there.
    pub fn finish(self) -> Result<(), Error> {
        match self.table.iter().find(|(key, _)| !self.taken.contains(key)) {
            None => Ok(()),
            Some((key, item)) => {
                let known: Vec<String> = self.taken.iter().map(|k| format!("`{k}`")).collect();
                Err(Error::new(
                    item.line,
                    format!(
                        "unknown field `{key}` in {}; the fields are {}",
                        self.what,
                        known.join(", ")
                    ),
                ))
            }
        }
    }
}

fn wrong_kind(key: &str, item: &Item, wanted: &str) -> Error {
    Error::new(
        item.line,
        format!("`{key}` must be {wanted}, not {}", item.value.kind()),
    )
}

/// Changes to a text at byte ranges found by [`parse`], made all at once
/// so that earlier changes do not move the ranges of later ones.
#[derive(Debug, Default)]
pub struct Edits {
    changes: Vec<(Range<usize>, String)>,
}

impl Edits {
    /// No changes yet.
    pub fn new() -> Edits {
        Edits::default()
    }

    /// Replaces the bytes `range` with `text`.
    pub fn replace(&mut self, range: Range<usize>, text: impl Into<String>) {
        self.changes.push((range, text.into()));
    }

    /// Removes the line(s) of an entry, from the start of its first line to
    /// the end of its last (a comment after it goes too). An error if
    /// anything else is written on those lines (an entry of an inline
    /// table): removing the lines would remove it too.
    pub fn remove_entry(&mut self, source: &str, item: &Item) -> Result<(), Error> {
        let start = source[..item.entry.start].rfind('\n').map_or(0, |i| i + 1);
        let end = source[item.entry.end..]
            .find('\n')
            .map_or(source.len(), |i| item.entry.end + i + 1);
        let before = &source[start..item.entry.start];
        let after = source[item.entry.end..end].trim_start();
        if !before.trim().is_empty() || !(after.is_empty() || after.starts_with('#')) {
            return Err(Error::new(
                item.line,
                "cannot remove an entry that shares its line with others",
            ));
        }
        self.changes.push((start..end, String::new()));
        Ok(())
    }

    /// Inserts `text` at the start of line `line` (1-based), or at the end.
    pub fn insert_line(&mut self, source: &str, line: usize, text: &str) {
        let at = match line.checked_sub(2) {
            None => 0,
            // After the newline that ends line `line - 1`.
            Some(newlines) => source
                .match_indices('\n')
                .nth(newlines)
                .map_or(source.len(), |(i, _)| i + 1),
        };
        self.changes.push((at..at, format!("{text}\n")));
    }

    /// The text with every change made.
    ///
    /// # Panics
    /// If two changes overlap (a bug in the caller).
    pub fn apply(mut self, source: &str) -> String {
        self.changes.sort_by_key(|(range, _)| range.start);
        let mut out = String::with_capacity(source.len());
        let mut at = 0;
        for (range, text) in &self.changes {
            assert!(range.start >= at, "overlapping edits of one text");
            out.push_str(&source[at..range.start]);
            out.push_str(text);
            at = range.end;
        }
        out.push_str(&source[at..]);
        out
    }
}
