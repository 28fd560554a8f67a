//! The WebAssembly binding: the only module that knows wasm-bindgen, js-sys and
//! serde-wasm-bindgen. Every export is synchronous and stateless.
//!
//! Values cross as plain JS objects built by one serializer ([`SERIALIZER`]). The
//! TypeScript declarations are hand-written in `wasm/types.d.ts` and attached to the
//! exports through `typescript_type` extern types, so the generated `.d.ts` names real
//! types instead of `any`. Caller mistakes (bad options) throw an `Error`; bad input
//! text never throws, it comes back as diagnostics.

use crate::analyze::{analyze as run_analysis, AnalyzeOptions, Environment, InputKind};
use crate::config::{Config, ConfigError, Profile, RuleOptions};
use crate::report::{self, Report};
use js_sys::{Error, Object, Reflect};
use serde::{de, Deserialize, Serialize};
use std::fmt::Display;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("wasm/types.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "AnalyzeOptions")]
    pub type JsAnalyzeOptions;
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    #[wasm_bindgen(typescript_type = "RuleInfo[]")]
    pub type JsRules;
    #[wasm_bindgen(typescript_type = "Config")]
    pub type JsConfig;
}

/// Plain objects for maps, `null` for `None`: what the TypeScript types promise.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_missing_as_null(true)
    .serialize_maps_as_objects(true);

/// Analyse a Compose file or `docker`/`podman run` commands, detected from the text.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen]
pub fn analyze(text: &str, options: Option<JsAnalyzeOptions>) -> Result<JsReport, Error> {
    analyze_as(InputKind::Auto, text, options)
}

/// Analyse `text` as a Compose file.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen(js_name = analyzeCompose)]
pub fn analyze_compose(text: &str, options: Option<JsAnalyzeOptions>) -> Result<JsReport, Error> {
    analyze_as(InputKind::Compose, text, options)
}

/// Analyse `text` as `docker`/`podman`/`nerdctl run` (or `create`) command lines.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen(js_name = analyzeRun)]
pub fn analyze_run(text: &str, options: Option<JsAnalyzeOptions>) -> Result<JsReport, Error> {
    analyze_as(InputKind::Run, text, options)
}

/// Every rule with its metadata and Markdown documentation, in registry order.
#[wasm_bindgen]
pub fn rules() -> Result<JsRules, Error> {
    to_js(&report::rules())
}

/// The configuration used when `options.config` is absent.
#[wasm_bindgen(js_name = defaultConfig)]
pub fn default_config() -> Result<JsConfig, Error> {
    to_js(&Config::default())
}

/// The version of shipshape (the crate and the npm package share it).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `AnalyzeOptions` as JS passes it; every key is optional.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase", expecting = "an options object")]
struct WireOptions {
    config: Option<Config>,
    /// Overrides `config.profile`.
    profile: Option<Profile>,
    env: Option<Environment>,
    file_name: Option<String>,
}

impl WireOptions {
    fn from_js(options: Option<JsAnalyzeOptions>) -> Result<WireOptions, Error> {
        let Some(options) = options.map(JsValue::from) else {
            return Ok(WireOptions::default());
        };
        let invalid_options =
            |err: &dyn Display| into_error(format_args!("invalid options: {err}"));
        let invalid_config = |err: &dyn Display| into_error(format_args!("invalid config: {err}"));
        reject_unknown_keys::<WireOptions>(&options).map_err(|err| invalid_options(&err))?;
        let config = property(&options, "config");
        reject_unknown_keys::<Config>(&config).map_err(|err| invalid_config(&err))?;
        reject_unknown_keys::<RuleOptions>(&property(&config, "options"))
            .map_err(|err| invalid_config(&err))?;
        let options: WireOptions = serde_wasm_bindgen::from_value(options).map_err(|err| {
            // The error is a JS `Error`, whose `toString` would prefix "Error: ".
            let message = Error::from(JsValue::from(err)).message();
            invalid_options(&ConfigError::from_deserialize(String::from(message)))
        })?;
        if let Some(config) = &options.config {
            config.validate().map_err(|err| invalid_config(&err))?;
        }
        Ok(options)
    }

    fn into_analyze_options(self, input: InputKind) -> AnalyzeOptions {
        let mut config = self.config.unwrap_or_default();
        if let Some(profile) = self.profile {
            config.profile = profile;
        }
        AnalyzeOptions {
            config,
            input,
            env: self.env.unwrap_or_default(),
            file_name: self.file_name,
        }
    }
}

fn property(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// serde-wasm-bindgen looks up only the fields a struct knows, so `deny_unknown_fields`
/// never fires; this rejects an unknown key of `object` with serde's own message, for
/// a struct `T` read from it.
fn reject_unknown_keys<'de, T: Deserialize<'de>>(object: &JsValue) -> Result<(), ConfigError> {
    let Some(object) = object.dyn_ref::<Object>() else {
        // Not an object: the deserializer reports the wrong type.
        return Ok(());
    };
    let fields = field_names::<T>();
    match Object::keys(object)
        .iter()
        .filter_map(|key| key.as_string())
        .find(|key| !fields.contains(&key.as_str()))
    {
        Some(key) => Err(ConfigError::from_deserialize(
            <de::value::Error as de::Error>::unknown_field(&key, fields),
        )),
        None => Ok(()),
    }
}

/// The keys serde reads for struct `T` (its field names after renames), taken from the
/// derived `Deserialize` so that they cannot drift from the struct: the deserializer
/// below fails with the field list as soon as it is asked for a struct.
fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct FieldsProbe;

    #[derive(Debug)]
    struct Fields(&'static [&'static str]);

    impl Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0.join(", "))
        }
    }

    impl std::error::Error for Fields {}

    impl de::Error for Fields {
        fn custom<M: Display>(_: M) -> Self {
            Fields(&[])
        }
    }

    impl<'de> de::Deserializer<'de> for FieldsProbe {
        type Error = Fields;

        fn deserialize_any<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }

        fn deserialize_struct<V: de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }

    match T::deserialize(FieldsProbe) {
        Err(Fields(fields)) => fields,
        Ok(_) => &[],
    }
}

fn analyze_as(
    input: InputKind,
    text: &str,
    options: Option<JsAnalyzeOptions>,
) -> Result<JsReport, Error> {
    // Here rather than in a `start` function, which wasm-bindgen would export too.
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
    let options = WireOptions::from_js(options)?.into_analyze_options(input);
    let analysis = run_analysis(text, &options);
    to_js(&Report::new(text, analysis, options.file_name))
}

fn to_js<T: JsCast>(value: &impl Serialize) -> Result<T, Error> {
    value
        .serialize(&SERIALIZER)
        .map(JsCast::unchecked_into)
        .map_err(into_error)
}

fn into_error(err: impl Display) -> Error {
    Error::new(&err.to_string())
}
