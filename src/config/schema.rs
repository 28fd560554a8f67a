//! The JSON Schema of [`Config`](super::Config), for editors and the playground's
//! settings editor. Generated from the struct and the rule registry; the committed
//! copy (`shipshape.schema.json`) is checked against it by the CLI tests.

use super::Config;
use crate::diagnostic::Severity;
use crate::rules::{registry, Family};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The schema as pretty-printed JSON with a final newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Config);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

/// A code, family prefix or rule name, enumerated so editors can complete them.
struct RuleSelector;

impl JsonSchema for RuleSelector {
    fn schema_name() -> Cow<'static, str> {
        "RuleSelector".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let rules = registry::all();
        let codes: Vec<&str> = rules.iter().map(|rule| rule.code).collect();
        let prefixes: Vec<&str> = Family::ALL.iter().map(|family| family.prefix()).collect();
        let names: Vec<&str> = rules.iter().map(|rule| rule.name).collect();
        json_schema!({
            "description": "A rule code (`CAP-001`), a family prefix (`CAP`) or a rule name (`cap-add-all`).",
            "type": "string",
            "anyOf": [
                { "description": "A rule code.", "enum": codes },
                { "description": "A rule family prefix.", "enum": prefixes },
                { "description": "A rule name.", "enum": names }
            ]
        })
    }
}

pub(super) fn selector_list(generator: &mut SchemaGenerator) -> Schema {
    let selector = generator.subschema_for::<RuleSelector>();
    json_schema!({ "type": "array", "items": selector })
}

pub(super) fn severity_overrides(generator: &mut SchemaGenerator) -> Schema {
    let selector = generator.subschema_for::<RuleSelector>();
    let severities = Severity::ALL.map(Severity::as_str);
    json_schema!({
        "type": "object",
        "propertyNames": selector,
        "additionalProperties": { "type": "string", "enum": severities }
    })
}
