//! Schema versions: a change to a schema that would break a host fails here unless the
//! schema's major version (`x-schema-version`, set in `src/schema.rs`) is bumped.
//!
//! Each schema's last published form is kept under `tests/schema-baseline/`. The
//! current schema is compared with it along the wire shape (properties by name, `$ref`s
//! resolved, so renaming a `$defs` entry is not a break). What breaks a host depends on
//! the direction:
//!
//! - in an **input** (the host writes, the engine reads): a property removed (the
//!   engine would refuse it), a property newly required, a narrowed type, a removed
//!   enum value, an enum or `const` imposed on a free value, a changed `pattern`, a
//!   tighter bound, unknown keys newly refused;
//! - in an **output** (the engine writes, the host reads): a property removed or no
//!   longer always written, a widened type (a new JSON type, e.g. `null`), a removed
//!   enum value.
//!
//! When a schema breaks, bump the major of its version in `src/schema.rs` (`ENTRIES`),
//! regenerate the schemas, and rewrite the baseline with
//! `SWS_EVAL_WRITE_SCHEMA_BASELINE=1 cargo test --test schema_versions`. Rewriting is
//! refused while a break stands at an unchanged major version.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use serde_json::{Map, Value};
use sws_eval::schema::{self, Direction};

const REWRITE: &str = "SWS_EVAL_WRITE_SCHEMA_BASELINE=1 cargo test --test schema_versions";

fn baseline_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("schema-baseline")
        .join(format!("{name}.json"))
}

fn major(version: &str) -> u64 {
    version
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("version {version:?} is not MAJOR.MINOR.PATCH"))
}

fn version_of(s: &Value) -> &str {
    s[schema::VERSION_KEY]
        .as_str()
        .unwrap_or_else(|| panic!("schema {} has no {}", s["$id"], schema::VERSION_KEY))
}

fn empty() -> &'static Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

/// One side of the comparison: a schema document whose `$ref`s resolve in its `$defs`.
struct Doc<'a> {
    defs: &'a Map<String, Value>,
}

impl<'a> Doc<'a> {
    fn new(root: &'a Value) -> Self {
        let defs = root["$defs"].as_object().unwrap_or(empty());
        Doc { defs }
    }

    /// Follows `$ref`s (`#/$defs/NAME`) to the schema they name; the name of the last
    /// definition followed, for the cycle guard.
    fn resolve(&self, mut node: &'a Value) -> (&'a Value, Option<&'a str>) {
        let mut name = None;
        for _ in 0..16 {
            let Some(r) = node.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let key = r.trim_start_matches("#/$defs/");
            match self.defs.get_key_value(key) {
                Some((k, v)) => {
                    name = Some(k.as_str());
                    node = v;
                }
                None => break,
            }
        }
        (node, name)
    }
}

/// The JSON types a schema admits (all seven when it says nothing).
fn types(doc: &Doc, node: &Value) -> BTreeSet<String> {
    let (node, _) = doc.resolve(node);
    let mut out = BTreeSet::new();
    match node.get("type") {
        Some(Value::String(t)) => {
            out.insert(t.clone());
        }
        Some(Value::Array(ts)) => out.extend(ts.iter().filter_map(Value::as_str).map(String::from)),
        _ => {
            let branches = node
                .get("oneOf")
                .or_else(|| node.get("anyOf"))
                .and_then(Value::as_array);
            match branches {
                Some(bs) => {
                    for b in bs {
                        out.extend(types(doc, b));
                    }
                }
                None if node.get("const").is_some() || node.get("enum").is_some() => {
                    for v in enum_values(doc, node).unwrap_or_default() {
                        out.insert(json_type(&v).into());
                    }
                }
                None => {
                    for t in [
                        "null", "boolean", "object", "array", "number", "string", "integer",
                    ] {
                        out.insert(t.into());
                    }
                }
            }
        }
    }
    if out.contains("number") {
        out.insert("integer".into());
    }
    out
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The closed set of values a schema admits, when it is one (`enum`, `const`, or a
/// `oneOf`/`anyOf` whose branches are all closed); `None` for a free value.
fn enum_values(doc: &Doc, node: &Value) -> Option<Vec<Value>> {
    let (node, _) = doc.resolve(node);
    if let Some(c) = node.get("const") {
        return Some(vec![c.clone()]);
    }
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        return Some(e.clone());
    }
    let bs = node
        .get("oneOf")
        .or_else(|| node.get("anyOf"))
        .and_then(Value::as_array)?;
    let mut out = Vec::new();
    for b in bs {
        out.extend(enum_values(doc, b)?);
    }
    Some(out)
}

/// The object branches of a schema by a stable key: in a union, the value of a `const`
/// tag property or the single key of an externally tagged variant; "" for a plain object.
fn object_branches<'a>(doc: &Doc<'a>, node: &'a Value) -> Vec<(String, &'a Value)> {
    let (node, _) = doc.resolve(node);
    if let Some(bs) = node
        .get("oneOf")
        .or_else(|| node.get("anyOf"))
        .and_then(Value::as_array)
    {
        return bs
            .iter()
            .map(|b| doc.resolve(b).0)
            .filter(|b| b.get("properties").is_some())
            .map(|b| (branch_key(b), b))
            .collect();
    }
    if node.get("properties").is_some() {
        vec![(String::new(), node)]
    } else {
        Vec::new()
    }
}

fn branch_key(b: &Value) -> String {
    let props = b["properties"].as_object().unwrap_or(empty());
    if let Some(tag) = props.iter().find_map(|(k, v)| {
        v.get("const")
            .map(|c| format!("{k}={}", c.as_str().unwrap_or_default()))
    }) {
        return tag;
    }
    if props.len() == 1 {
        return format!("{{{}}}", props.keys().next().cloned().unwrap_or_default());
    }
    String::new()
}

fn required(node: &Value) -> BTreeSet<String> {
    node.get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

struct Compare<'a> {
    old: Doc<'a>,
    new: Doc<'a>,
    direction: Direction,
    breaks: Vec<String>,
    seen: HashSet<(String, String, String)>,
}

impl<'a> Compare<'a> {
    fn brk(&mut self, at: &str, what: String) {
        self.breaks
            .push(format!("{}: {what}", if at.is_empty() { "/" } else { at }));
    }

    fn node(&mut self, at: &str, old: &'a Value, new: &'a Value) {
        let (old_r, old_name) = self.old.resolve(old);
        let (new_r, new_name) = self.new.resolve(new);
        if let (Some(o), Some(n)) = (old_name, new_name) {
            // A recursive type is compared once per pair of definitions and path shape.
            let depth = at.matches('/').count().min(12).to_string();
            if !self.seen.insert((o.to_string(), n.to_string(), depth)) {
                return;
            }
        }
        let input = self.direction == Direction::Input;

        // Types.
        let (ot, nt) = (types(&self.old, old_r), types(&self.new, new_r));
        if input {
            let lost: Vec<_> = ot.difference(&nt).collect();
            if !lost.is_empty() {
                self.brk(at, format!("type narrowed: {lost:?} no longer accepted"));
            }
        } else {
            let gained: Vec<_> = nt.difference(&ot).collect();
            if !gained.is_empty() {
                self.brk(at, format!("type widened: may now be {gained:?}"));
            }
        }

        // Closed sets of values.
        match (enum_values(&self.old, old_r), enum_values(&self.new, new_r)) {
            (Some(o), Some(n)) => {
                let removed: Vec<_> = o.iter().filter(|v| !n.contains(v)).collect();
                if !removed.is_empty() {
                    self.brk(at, format!("enum values removed: {removed:?}"));
                }
            }
            (None, Some(_)) if input => self.brk(at, "an enum now restricts a free value".into()),
            _ => {}
        }

        // Strings and numbers.
        if input {
            if new_r.get("pattern").is_some() && old_r.get("pattern") != new_r.get("pattern") {
                self.brk(
                    at,
                    format!(
                        "pattern changed: {:?} → {}",
                        old_r.get("pattern"),
                        new_r["pattern"]
                    ),
                );
            }
            for (key, tighter) in [
                ("maxLength", true),
                ("maximum", true),
                ("maxItems", true),
                ("minLength", false),
                ("minimum", false),
                ("minItems", false),
            ] {
                let (o, n) = (
                    old_r.get(key).and_then(Value::as_f64),
                    new_r.get(key).and_then(Value::as_f64),
                );
                let narrowed = match (o, n) {
                    (None, Some(_)) => true,
                    (Some(o), Some(n)) => (tighter && n < o) || (!tighter && n > o),
                    _ => false,
                };
                if narrowed {
                    self.brk(at, format!("{key} tightened: {o:?} → {n:?}"));
                }
            }
        }

        // Objects, by branch.
        let new_branches = object_branches(&self.new, new_r);
        for (key, ob) in object_branches(&self.old, old_r) {
            let Some((_, nb)) = new_branches.iter().find(|(k, _)| *k == key) else {
                if input || !key.is_empty() {
                    self.brk(at, format!("variant {key:?} removed"));
                }
                continue;
            };
            self.object(at, ob, nb);
        }

        // Arrays and maps.
        if let (Some(o), Some(n)) = (old_r.get("items"), new_r.get("items")) {
            self.node(&format!("{at}/items"), o, n);
        }
        if let (Some(o @ Value::Object(_)), Some(n @ Value::Object(_))) = (
            old_r.get("additionalProperties"),
            new_r.get("additionalProperties"),
        ) {
            self.node(&format!("{at}/*"), o, n);
        }
    }

    fn object(&mut self, at: &str, old: &'a Value, new: &'a Value) {
        let input = self.direction == Direction::Input;
        let op = old
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(empty());
        let np = new
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(empty());
        let (or, nr) = (required(old), required(new));
        for (k, ov) in op {
            let here = format!("{at}/{k}");
            match np.get(k) {
                None => self.brk(&here, "property removed".into()),
                Some(nv) => {
                    if input && nr.contains(k) && !or.contains(k) {
                        self.brk(&here, "property now required".into());
                    }
                    if !input && or.contains(k) && !nr.contains(k) {
                        self.brk(&here, "property no longer always written".into());
                    }
                    self.node(&here, ov, nv);
                }
            }
        }
        if input {
            for k in nr.difference(&or) {
                if !op.contains_key(k) {
                    self.brk(&format!("{at}/{k}"), "new required property".into());
                }
            }
            if old.get("additionalProperties") != Some(&Value::Bool(false))
                && new.get("additionalProperties") == Some(&Value::Bool(false))
            {
                self.brk(at, "unknown keys now refused".into());
            }
        }
    }
}

/// What would break a host of schema `name` if it moved from `old` to `new`.
fn breaks(name: &str, old: &Value, new: &Value) -> Vec<String> {
    let direction = if name == schema::BUNDLE {
        Direction::Output
    } else {
        schema::direction(name).unwrap()
    };
    let mut c = Compare {
        old: Doc::new(old),
        new: Doc::new(new),
        direction,
        breaks: Vec::new(),
        seen: HashSet::new(),
    };
    if name == schema::BUNDLE {
        // The bundle's roots are its definitions: every one must stay and stay compatible
        // (inputs and outputs are checked through their own schemas; here, presence).
        for (k, _) in c.old.defs.iter() {
            if !c.new.defs.contains_key(k) {
                c.breaks.push(format!("$defs/{k}: definition removed"));
            }
        }
        return c.breaks;
    }
    c.node("", old, new);
    c.breaks
}

fn current() -> Vec<(&'static str, Value)> {
    let mut all: Vec<_> = schema::names()
        .iter()
        .map(|n| (*n, schema::schema(n).unwrap()))
        .collect();
    all.push((schema::BUNDLE, schema::bundle()));
    all
}

#[test]
fn a_breaking_schema_change_needs_a_major_version_bump() {
    let write = std::env::var_os("SWS_EVAL_WRITE_SCHEMA_BASELINE").is_some();
    let mut problems = Vec::new();
    for (name, new) in current() {
        let path = baseline_path(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            if write {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, pretty(&new)).unwrap();
            } else {
                problems.push(format!("{name}: no baseline at {}", path.display()));
            }
            continue;
        };
        let old: Value = serde_json::from_str(&text).unwrap();
        let (ov, nv) = (version_of(&old), version_of(&new));
        let found = breaks(name, &old, &new);
        let bumped = major(nv) > major(ov);
        if !found.is_empty() && !bumped {
            problems.push(format!(
                "{name} {nv}: breaks hosts of {ov} without a major version bump:\n    {}",
                found.join("\n    ")
            ));
        } else if write {
            std::fs::write(&path, pretty(&new)).unwrap();
        } else if ov != nv {
            problems.push(format!(
                "{name}: version {nv}, baseline {ov}: record the new version in the baseline"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(bump the schema's major version in src/schema.rs for a break, then rewrite the baseline with:\n    {REWRITE})",
        problems.join("\n")
    );
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s
}

/// The checker itself: each kind of break is seen, and a compatible change is not.
#[test]
fn the_checker_sees_each_kind_of_break() {
    let input = |props: Value, required: Value| {
        serde_json::json!({
            "type": "object", "additionalProperties": false,
            "properties": props, "required": required,
            "$defs": {"Kind": {"oneOf": [{"const": "a", "type": "string"}, {"const": "b", "type": "string"}]}}
        })
    };
    let base = input(
        serde_json::json!({"name": {"type": "string"}, "kind": {"$ref": "#/$defs/Kind"}, "note": {"type": ["string", "null"]}}),
        serde_json::json!(["name"]),
    );
    // Compatible for an input: a new optional property.
    let added = input(
        serde_json::json!({"name": {"type": "string"}, "kind": {"$ref": "#/$defs/Kind"}, "note": {"type": ["string", "null"]}, "extra": {"type": "string"}}),
        serde_json::json!(["name"]),
    );
    assert_eq!(breaks("evidence", &base, &added), Vec::<String>::new());
    let cases = [
        (
            serde_json::json!({"name": {"type": "string"}, "kind": {"$ref": "#/$defs/Kind"}}),
            serde_json::json!(["name"]),
            "property removed",
        ),
        (
            serde_json::json!({"name": {"type": "string"}, "kind": {"$ref": "#/$defs/Kind"}, "note": {"type": "string"}}),
            serde_json::json!(["name"]),
            "type narrowed",
        ),
        (
            serde_json::json!({"name": {"type": "string"}, "kind": {"const": "a"}, "note": {"type": ["string", "null"]}}),
            serde_json::json!(["name"]),
            "enum values removed",
        ),
        (
            serde_json::json!({"name": {"type": "string"}, "kind": {"$ref": "#/$defs/Kind"}, "note": {"type": ["string", "null"]}}),
            serde_json::json!(["name", "note"]),
            "property now required",
        ),
        (
            serde_json::json!({"name": {"type": "string", "pattern": "^x"}, "kind": {"$ref": "#/$defs/Kind"}, "note": {"type": ["string", "null"]}}),
            serde_json::json!(["name"]),
            "pattern changed",
        ),
    ];
    for (props, req, want) in cases {
        let found = breaks("evidence", &base, &input(props, req));
        assert!(found.iter().any(|b| b.contains(want)), "{want}: {found:?}");
    }
    // An output: dropping a written field breaks, a new field does not, a new null does.
    assert!(
        !breaks("decision", &base, &added)
            .iter()
            .any(|b| b.contains("removed"))
    );
    let no_name = input(
        serde_json::json!({"name": {"type": "string"}}),
        serde_json::json!([]),
    );
    assert!(
        breaks("decision", &base, &no_name)
            .iter()
            .any(|b| b.contains("no longer always written"))
    );
}
