//! Parsing JSON text into a [`Value`], and reading wire types out of it.

use super::{JsonError, Path, Value, MAX_DEPTH};

/// Parses one JSON document. Syntax errors name the line and column, and
/// the path of the member being read.
pub(crate) fn parse(text: &str) -> Result<Value, JsonError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        pos: 0,
        at: Vec::new(),
    };
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("trailing characters after the JSON value"));
    }
    Ok(value)
}

struct Parser<'t> {
    bytes: &'t [u8],
    pos: usize,
    /// Where the parser is: object keys and array indices, innermost last.
    at: Vec<Segment>,
}

/// One step of the parser's position: a key (as a byte range of the input,
/// so tracking costs no allocation) or an array index.
enum Segment {
    Key(usize, usize),
    Index(usize),
}

impl Parser<'_> {
    fn error(&self, what: &str) -> JsonError {
        let seen = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line = seen.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = seen.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let mut path = String::new();
        for segment in &self.at {
            match *segment {
                Segment::Key(from, to) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&String::from_utf8_lossy(
                        self.bytes.get(from..to).unwrap_or_default(),
                    ));
                }
                Segment::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        JsonError {
            path,
            message: format!("{what} at line {line} column {column}"),
            offset: None,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8, what: &str) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key_start = self.pos + 1;
            let key = self.string()?;
            // The raw key bytes; a key with escapes shows them as written.
            self.at.push(Segment::Key(key_start, self.pos.saturating_sub(1)));
            self.skip_ws();
            self.eat(b':', "expected `:`")?;
            self.skip_ws();
            let offset = self.pos;
            let value = self.value(depth + 1)?;
            self.at.pop();
            members.push((key, value, offset));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            self.at.push(Segment::Index(items.len()));
            let offset = self.pos;
            items.push((self.value(depth + 1)?, offset));
            self.at.pop();
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos - from
        };
        let int_start = self.pos;
        let int_digits = digits(self);
        if int_digits == 0 || (int_digits > 1 && self.bytes.get(int_start) == Some(&b'0')) {
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(self.bytes.get(start..self.pos).unwrap_or_default()).unwrap_or("");
        Ok(Value::Number(if integer {
            text.parse::<i128>().ok()
        } else {
            None
        }))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The input is a `str` and we stopped at an ASCII byte, so this
            // slice is valid UTF-8.
            out.push_str(
                std::str::from_utf8(self.bytes.get(start..self.pos).unwrap_or_default()).unwrap_or(""),
            );
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.error("unpaired surrogate in a string"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in a string"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                out.push(char::from_u32(code).ok_or_else(|| self.error("invalid escape in a string"))?);
                return Ok(());
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.error("invalid \\u escape"))?;
        let code = u32::from_str_radix(text, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(code)
    }
}

/// A wire type that can be read from a [`Value`].
pub(crate) trait FromJson: Sized {
    /// Reads `Self` from `value`, found at `at`.
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError>;
}

/// The members of a JSON object, checked against the fields a type knows.
pub(crate) struct Fields<'v> {
    members: &'v [(String, Value, usize)],
}

impl<'v> Fields<'v> {
    /// Reads `value` as an object whose keys are all in `known`, each once.
    pub(crate) fn of(value: &'v Value, at: &Path<'_>, known: &[&str]) -> Result<Fields<'v>, JsonError> {
        let Value::Object(members) = value else {
            return Err(JsonError::at(
                at,
                format!("expected an object, got {}", value.kind()),
            ));
        };
        for (i, (key, _, offset)) in members.iter().enumerate() {
            let here = Path::Key(at, key);
            if !known.contains(&key.as_str()) {
                let message = format!("unknown field `{key}`, expected one of `{}`", known.join("`, `"));
                return Err(JsonError::at(&here, message).located(*offset));
            }
            if members.iter().take(i).any(|(k, _, _)| k == key) {
                return Err(JsonError::at(&here, format!("duplicate field `{key}`")).located(*offset));
            }
        }
        Ok(Fields { members })
    }

    /// Reads the member `key` as `T`, locating any error at its value.
    fn read<T: FromJson>(&self, at: &Path<'_>, key: &str) -> Option<Result<T, JsonError>> {
        let (_, value, offset) = self.members.iter().find(|(k, _, _)| k == key)?;
        Some(T::from_json(value, &Path::Key(at, key)).map_err(|e| e.located(*offset)))
    }

    fn is_null(&self, key: &str) -> bool {
        self.members.iter().any(|(k, v, _)| k == key && *v == Value::Null)
    }

    /// A field that may be absent; `null` also counts as absent.
    pub(crate) fn optional<T: FromJson>(&self, at: &Path<'_>, key: &str) -> Result<Option<T>, JsonError> {
        if self.is_null(key) {
            return Ok(None);
        }
        self.read(at, key).transpose()
    }

    /// A field with a default when absent (`null` is an error, as in serde).
    pub(crate) fn or_default<T: FromJson + Default>(&self, at: &Path<'_>, key: &str) -> Result<T, JsonError> {
        self.or(at, key, T::default)
    }

    /// A field with the given default when absent.
    pub(crate) fn or<T: FromJson>(
        &self,
        at: &Path<'_>,
        key: &str,
        default: fn() -> T,
    ) -> Result<T, JsonError> {
        self.read(at, key).unwrap_or_else(|| Ok(default()))
    }

    /// A field that must be present.
    pub(crate) fn required<T: FromJson>(&self, at: &Path<'_>, key: &str) -> Result<T, JsonError> {
        self.read(at, key)
            .unwrap_or_else(|| Err(JsonError::at(at, format!("missing field `{key}`"))))
    }
}

impl FromJson for String {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(JsonError::at(
                at,
                format!("expected a string, got {}", other.kind()),
            )),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(JsonError::at(
                at,
                format!("expected a boolean, got {}", other.kind()),
            )),
        }
    }
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
                match value {
                    Value::Number(Some(n)) => <$t>::try_from(*n).map_err(|_| {
                        JsonError::at(at, format!("{n} is out of range for {}", stringify!($t)))
                    }),
                    other => Err(JsonError::at(
                        at,
                        format!("expected an integer ({}), got {}", stringify!($t), other.kind()),
                    )),
                }
            }
        }
    )*};
}
integer!(u8, u32, u64, i32);

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, (v, offset))| T::from_json(v, &Path::Index(at, i)).map_err(|e| e.located(*offset)))
                .collect(),
            other => Err(JsonError::at(
                at,
                format!("expected an array, got {}", other.kind()),
            )),
        }
    }
}

/// Reads a unit enum from its snake_case wire name.
pub(crate) fn variant<T: Copy>(value: &Value, at: &Path<'_>, names: &[(&str, T)]) -> Result<T, JsonError> {
    let expected = || names.iter().map(|(n, _)| *n).collect::<Vec<_>>().join("`, `");
    match value {
        Value::String(s) => names
            .iter()
            .find(|(n, _)| n == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                JsonError::at(
                    at,
                    format!("unknown variant `{s}`, expected one of `{}`", expected()),
                )
            }),
        other => Err(JsonError::at(
            at,
            format!("expected a string, got {}", other.kind()),
        )),
    }
}
