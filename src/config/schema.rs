//! The JSON Schema of [`Config`](super::Config), for editors and the playground's
//! settings editor, generated from the struct. The rule registry adds the list of
//! selectors (`rules::registry::config_json_schema`); the committed copy
//! (`shipshape.schema.json`) is checked against the result by the CLI tests.

use super::{Config, Profile, RuleOptions};
use crate::diagnostic::Severity;
use crate::json::{to_json, ToJson};
use crate::model::Limits;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// schemars writes each setting's default through serde: the types of the settings
/// give it their JSON form, which is the writer's.
macro_rules! serialize_as_written {
    ($($type:ty),*) => {$(
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&written(self), serializer)
            }
        }
    )*};
}

serialize_as_written!(Profile, Severity, RuleOptions, Limits);

fn written(value: &dyn ToJson) -> serde_json::Value {
    serde_json::from_str(&to_json(value)).expect("the JSON writer writes JSON")
}

/// The schema, its rule selectors not yet enumerated.
pub fn json_schema() -> Schema {
    schemars::schema_for!(Config)
}

/// A code, family prefix or rule name.
struct RuleSelector;

impl JsonSchema for RuleSelector {
    fn schema_name() -> Cow<'static, str> {
        "RuleSelector".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A rule code (`CAP-001`), a family prefix (`CAP`) or a rule name (`cap-add-all`).",
            "type": "string"
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
