//! Reads the arguments of `applyFixes`: diagnostics as a report gave them to JS (only
//! the keys that applying needs: `code`, `suppressed` and `fix`) and `{ unsafe }`.
//! The fixing itself is `report::fixes`.

use super::options::{boolean, get, known_keys, object, string};
use crate::diagnostic::Applicability;
use crate::report::fixes::{ByteEdit, ProposedFix};
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

/// One entry per diagnostic, `None` for those without a fix.
pub fn read_diagnostics(diagnostics: &JsValue) -> Result<Vec<Option<ProposedFix>>, String> {
    array(Some(diagnostics.clone()), "diagnostics")?
        .iter()
        .enumerate()
        .map(|(index, diagnostic)| proposed(&diagnostic, &format!("diagnostics[{index}]")))
        .collect()
}

/// Whether unsafe fixes are asked for.
pub fn read_unsafe(options: Option<JsValue>) -> Result<bool, String> {
    let Some(options) = object(options.as_ref(), "options")? else {
        return Ok(false);
    };
    known_keys(&options, "options", &["unsafe"])?;
    Ok(boolean(&options, "unsafe", "options.unsafe")?.unwrap_or(false))
}

fn proposed(value: &JsValue, path: &str) -> Result<Option<ProposedFix>, String> {
    let diagnostic = required_object(value, path)?;
    let fix_path = format!("{path}.fix");
    let Some(fix) = object(get(&diagnostic, "fix").as_ref(), &fix_path)? else {
        return Ok(None);
    };
    let code = required_string(&diagnostic, "code", &format!("{path}.code"))?;
    let applicability_path = format!("{fix_path}.applicability");
    let applicability = match required_string(&fix, "applicability", &applicability_path)?.as_str()
    {
        "safe" => Applicability::Safe,
        "unsafe" => Applicability::Unsafe,
        _ => {
            return Err(format!(
                "`{applicability_path}` must be \"safe\" or \"unsafe\""
            ))
        }
    };
    let edits_path = format!("{fix_path}.edits");
    let edits = array(get(&fix, "edits"), &edits_path)?
        .iter()
        .enumerate()
        .map(|(index, edit)| read_edit(&edit, &format!("{edits_path}[{index}]")))
        .collect::<Result<_, _>>()?;
    Ok(Some(ProposedFix {
        code,
        applicability,
        suppressed: get(&diagnostic, "suppressed").is_some(),
        edits,
    }))
}

fn read_edit(value: &JsValue, path: &str) -> Result<ByteEdit, String> {
    let edit = required_object(value, path)?;
    let range_path = format!("{path}.byteRange");
    let range = array(get(&edit, "byteRange"), &range_path)?;
    let offset = |index| {
        range
            .get(index)
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
            .map(|n| n as u32)
    };
    let (2, Some(start), Some(end)) = (range.length(), offset(0), offset(1)) else {
        return Err(format!(
            "`{range_path}` must be [start, end], two whole numbers of at least 0"
        ));
    };
    let content = required_string(&edit, "content", &format!("{path}.content"))?;
    Ok(([start, end], content))
}

fn required_object(value: &JsValue, path: &str) -> Result<Object, String> {
    object(Some(value), path)?.ok_or_else(|| format!("`{path}` must be an object"))
}

fn required_string(object: &Object, key: &str, path: &str) -> Result<String, String> {
    string(object, key, path)?.ok_or_else(|| format!("`{path}` must be a string"))
}

fn array(value: Option<JsValue>, path: &str) -> Result<Array, String> {
    value
        .and_then(|value| value.dyn_into::<Array>().ok())
        .ok_or_else(|| format!("`{path}` must be an array"))
}
