//! JSON text of the wire types (reports, hardened output, conversions, rules, the
//! configuration), written by hand rather than derived: one small writer that takes
//! every value through `&dyn ToJson` keeps the WebAssembly module free of a
//! serializer instantiated per field type. The text is compact; the command line
//! reads it back to print it sorted and indented.

use std::collections::BTreeMap;

/// A value that has a JSON form.
pub trait ToJson {
    fn write_json(&self, out: &mut JsonWriter);

    /// Whether the value is left out of the object that holds it, key included.
    fn is_absent(&self) -> bool {
        false
    }
}

/// The compact JSON text of `value`.
pub fn to_json(value: &dyn ToJson) -> String {
    let mut out = JsonWriter::default();
    value.write_json(&mut out);
    out.text
}

/// Compact JSON text, appended to as values are written.
#[derive(Default)]
pub struct JsonWriter {
    text: String,
}

impl JsonWriter {
    /// An object with `fields` in order, but those whose value [`ToJson::is_absent`].
    pub fn object(&mut self, fields: &[(&str, &dyn ToJson)]) {
        self.text.push('{');
        let mut first = true;
        for &(key, value) in fields {
            if value.is_absent() {
                continue;
            }
            if !first {
                self.text.push(',');
            }
            first = false;
            self.string(key);
            self.text.push(':');
            value.write_json(self);
        }
        self.text.push('}');
    }

    /// An array of `items`, in order.
    pub fn array(&mut self, items: &mut dyn Iterator<Item = &dyn ToJson>) {
        self.text.push('[');
        for (index, item) in items.enumerate() {
            if index > 0 {
                self.text.push(',');
            }
            item.write_json(self);
        }
        self.text.push(']');
    }

    /// A string, escaped as serde_json escapes it: quotes, backslashes and control
    /// characters only.
    pub fn string(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.text.push('"');
        let mut plain = 0;
        for (at, byte) in text.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.text.push_str(&text[plain..at]);
            plain = at + 1;
            if escape.is_empty() {
                self.text.push_str("\\u00");
                self.text.push(HEX[usize::from(byte >> 4)] as char);
                self.text.push(HEX[usize::from(byte & 0xf)] as char);
            } else {
                self.text.push_str(escape);
            }
        }
        self.text.push_str(&text[plain..]);
        self.text.push('"');
    }

    /// A whole number, in decimal.
    pub fn integer(&mut self, value: i64) {
        if value < 0 {
            self.text.push('-');
        }
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        digits[at..]
            .iter()
            .for_each(|&digit| self.text.push(digit as char));
    }

    fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut JsonWriter) {
        out.integer(i64::from(*self));
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut JsonWriter) {
        out.integer(*self as i64);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(out),
            None => out.raw("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut JsonWriter) {
        out.array(&mut self.iter().map(|item| item as &dyn ToJson));
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

/// A map with string keys is an object, in key order.
impl<V: ToJson> ToJson for BTreeMap<String, V> {
    fn write_json(&self, out: &mut JsonWriter) {
        let fields: Vec<(&str, &dyn ToJson)> = self
            .iter()
            .map(|(key, value)| (key.as_str(), value as &dyn ToJson))
            .collect();
        out.object(&fields);
    }
}

/// An `Option` field left out of its object when `None`, rather than `null`.
pub struct OmitNone<'a, T>(pub &'a Option<T>);

impl<T: ToJson> ToJson for OmitNone<'_, T> {
    fn write_json(&self, out: &mut JsonWriter) {
        self.0.write_json(out);
    }

    fn is_absent(&self) -> bool {
        self.0.is_none()
    }
}

/// A `Vec` field left out of its object when empty.
pub struct OmitEmpty<'a, T>(pub &'a Vec<T>);

impl<T: ToJson> ToJson for OmitEmpty<'_, T> {
    fn write_json(&self, out: &mut JsonWriter) {
        self.0.write_json(out);
    }

    fn is_absent(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let text = "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}k é \u{2028}";
        assert_eq!(to_json(&text), serde_json::to_string(text).unwrap());
    }

    #[test]
    fn integers_are_written_in_decimal() {
        for value in [0, 7, 10, 4_294_967_295, -1, -120, i64::MIN, i64::MAX] {
            let mut out = JsonWriter::default();
            out.integer(value);
            assert_eq!(out.text, value.to_string());
        }
    }

    #[test]
    fn objects_leave_out_absent_fields() {
        let none: Option<String> = None;
        let some = Some("x".to_string());
        let empty: Vec<u32> = Vec::new();
        struct Sample<'a>(&'a Option<String>, &'a Option<String>, &'a Vec<u32>);
        impl ToJson for Sample<'_> {
            fn write_json(&self, out: &mut JsonWriter) {
                out.object(&[
                    ("a", &OmitNone(self.0)),
                    ("b", self.0),
                    ("c", &OmitNone(self.1)),
                    ("d", &OmitEmpty(self.2)),
                    ("e", &[1u32, 2]),
                ]);
            }
        }
        assert_eq!(
            to_json(&Sample(&none, &some, &empty)),
            r#"{"b":null,"c":"x","e":[1,2]}"#
        );
    }
}
