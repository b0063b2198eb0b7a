//! Parsing JSON text into a [`Value`], and reading wire types out of it.

use super::{JsonError, Number, Path, Value, MAX_DEPTH};

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
                    // The input is a `str` and a key lies between two ASCII
                    // quotes, so the bytes are valid UTF-8.
                    path.push_str(
                        std::str::from_utf8(self.bytes.get(from..to).unwrap_or_default()).unwrap_or(""),
                    );
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
        if !integer {
            return Ok(Value::Number(Number::Fraction));
        }
        let text = self.bytes.get(start..self.pos).unwrap_or_default();
        let (negative, digits) = match text.split_first() {
            Some((b'-', digits)) => (true, digits),
            _ => (false, text),
        };
        let magnitude = digits.iter().try_fold(0u64, |n, d| {
            n.checked_mul(10)?.checked_add(u64::from(d.wrapping_sub(b'0')))
        });
        Ok(Value::Number(match magnitude {
            Some(magnitude) => Number::Integer { negative, magnitude },
            // Only ASCII was scanned, so the text is valid UTF-8.
            None => Number::Large(String::from_utf8(text.to_vec()).unwrap_or_default()),
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
///
/// Readers fill a value that starts at its defaults, field by field in
/// declaration order ([`Fields::set`], [`Fields::need`]): one call per field
/// and one drop on error, which keeps the WASM package small.
pub(crate) struct Fields<'v, 'a> {
    members: &'v [(String, Value, usize)],
    at: &'a Path<'a>,
}

impl<'v, 'a> Fields<'v, 'a> {
    /// Reads `value`, found at `at`, as an object whose keys are all in
    /// `known`, each once.
    pub(crate) fn of(value: &'v Value, at: &'a Path<'a>, known: &[&str]) -> Result<Self, JsonError> {
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
        Ok(Fields { members, at })
    }

    /// Reads the member `key` into `slot` when it is present, locating any
    /// error at its value. An `Option` slot reads `null` as `None`; any
    /// other slot refuses `null`, as serde does.
    // Not inlined: one copy per field type instead of one per field.
    #[inline(never)]
    pub(crate) fn set<T: FromJson>(&self, key: &str, slot: &mut T) -> Result<(), JsonError> {
        if let Some((_, value, offset)) = self.members.iter().find(|(k, _, _)| k == key) {
            *slot = T::from_json(value, &Path::Key(self.at, key)).map_err(|e| e.located(*offset))?;
        }
        Ok(())
    }

    /// Like [`Fields::set`], for a field that must be present.
    #[inline(never)]
    pub(crate) fn need<T: FromJson>(&self, key: &str, slot: &mut T) -> Result<(), JsonError> {
        if !self.members.iter().any(|(k, _, _)| k == key) {
            return Err(JsonError::at(self.at, format!("missing field `{key}`")));
        }
        self.set(key, slot)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value, at).map(Some),
        }
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

/// The sign and magnitude of an integer in `-min_magnitude..=max`, or why
/// `value` is not one. Not generic: one copy serves every integer type.
fn integer(
    value: &Value,
    at: &Path<'_>,
    name: &str,
    min_magnitude: u64,
    max: u64,
) -> Result<(bool, u64), JsonError> {
    let out_of_range =
        |n: &dyn std::fmt::Display| JsonError::at(at, format!("{n} is out of range for {name}"));
    match value {
        Value::Number(Number::Integer { negative, magnitude }) => {
            let limit = if *negative { min_magnitude } else { max };
            if *magnitude > limit {
                let sign = if *negative { "-" } else { "" };
                return Err(out_of_range(&format_args!("{sign}{magnitude}")));
            }
            Ok((*negative, *magnitude))
        }
        Value::Number(Number::Large(text)) => {
            // Long enough to recognise, short enough that a 64 KB number
            // does not become a 64 KB message.
            let shown = text.get(..24).map_or(text.clone(), |head| format!("{head}…"));
            Err(out_of_range(&shown))
        }
        other => Err(JsonError::at(
            at,
            format!("expected an integer ({name}), got {}", other.kind()),
        )),
    }
}

macro_rules! integer {
    ($($t:ty => $min_magnitude:expr),*) => {$(
        impl FromJson for $t {
            fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
                let (negative, magnitude) = integer(value, at, stringify!($t), $min_magnitude, <$t>::MAX as u64)?;
                // `integer` checked the range, so the casts are exact (the
                // magnitude of the most negative value wraps to itself).
                let n = magnitude as $t;
                Ok(if negative { (0 as $t).wrapping_sub(n) } else { n })
            }
        }
    )*};
}
integer!(u8 => 0, u32 => 0, u64 => 0, i32 => 1 << 31);

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let Value::Array(items) = value else {
            return Err(JsonError::at(
                at,
                format!("expected an array, got {}", value.kind()),
            ));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, (item, offset)) in items.iter().enumerate() {
            out.push(T::from_json(item, &Path::Index(at, i)).map_err(|e| e.located(*offset))?);
        }
        Ok(out)
    }
}

/// Reads a unit enum from its snake_case wire name: the position of the
/// name in `names`. Not generic, so each enum adds only a lookup.
pub(crate) fn variant(value: &Value, at: &Path<'_>, names: &[&str]) -> Result<usize, JsonError> {
    match value {
        Value::String(s) => names.iter().position(|n| n == s).ok_or_else(|| {
            JsonError::at(
                at,
                format!("unknown variant `{s}`, expected one of `{}`", names.join("`, `")),
            )
        }),
        other => Err(JsonError::at(
            at,
            format!("expected a string, got {}", other.kind()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_text;

    fn message<T: super::FromJson + std::fmt::Debug>(text: &str) -> String {
        read_text::<T>(text).err().map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn integers_fit_their_type_exactly() {
        assert_eq!(read_text::<u8>("255").ok(), Some(255));
        assert_eq!(read_text::<u8>("-0").ok(), Some(0));
        assert_eq!(message::<u8>("256"), "256 is out of range for u8");
        assert_eq!(message::<u8>("-1"), "-1 is out of range for u8");
        assert_eq!(read_text::<u32>("4294967295").ok(), Some(u32::MAX));
        assert_eq!(read_text::<u64>("18446744073709551615").ok(), Some(u64::MAX));
        assert_eq!(
            message::<u64>("18446744073709551616"),
            "18446744073709551616 is out of range for u64"
        );
        assert_eq!(read_text::<i32>("-2147483648").ok(), Some(i32::MIN));
        assert_eq!(read_text::<i32>("2147483647").ok(), Some(i32::MAX));
        assert_eq!(read_text::<i32>("-17").ok(), Some(-17));
        assert_eq!(
            message::<i32>("-2147483649"),
            "-2147483649 is out of range for i32"
        );
        assert_eq!(message::<i32>("2147483648"), "2147483648 is out of range for i32");
    }

    #[test]
    fn other_numbers_are_refused_with_what_they_are() {
        assert_eq!(
            message::<u32>("1.5"),
            "expected an integer (u32), got a non-integer number"
        );
        assert_eq!(
            message::<u32>("1e3"),
            "expected an integer (u32), got a non-integer number"
        );
        assert_eq!(message::<u32>("\"7\""), "expected an integer (u32), got a string");
        assert_eq!(message::<String>("7"), "expected a string, got an integer");
        // A huge integer is named by its first digits only.
        let huge = "9".repeat(5000);
        assert_eq!(
            message::<u64>(&huge),
            format!("{} is out of range for u64", "9".repeat(24) + "…")
        );
    }

    #[test]
    fn null_is_none_only_for_options() {
        assert_eq!(read_text::<Option<u8>>("null").ok(), Some(None));
        assert_eq!(read_text::<Option<u8>>("3").ok(), Some(Some(3)));
        assert_eq!(message::<Vec<u8>>("null"), "expected an array, got null");
        assert_eq!(
            read_text::<Vec<Option<u8>>>("[1,null]").ok(),
            Some(vec![Some(1), None])
        );
    }
}
