//! JSON pointers (RFC 6901) and JSON merge patches (RFC 7386): the one place the
//! crate, its command line and its tests escape, unescape and build pointers.
//!
//! ```
//! use sws_eval::json::pointer::{escape, unescape};
//! assert_eq!(escape("a/b~c"), "a~1b~0c");
//! assert_eq!(unescape("a~1b~0c"), "a/b~c");
//! ```

use serde_json::{Map, Value};

/// Escapes one pointer segment: `~` becomes `~0`, `/` becomes `~1`.
///
/// ```
/// assert_eq!(sws_eval::json::pointer::escape("2024/01"), "2024~101");
/// ```
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one pointer segment: `~1` becomes `/`, then `~0` becomes `~` (in that
/// order, so that `~01` reads as `~1`).
///
/// ```
/// assert_eq!(sws_eval::json::pointer::unescape("~01"), "~1");
/// ```
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The unescaped reference tokens of a pointer: `/a~1b/0` → `["a/b", "0"]`; `""` (the
/// whole document) has none.
///
/// ```
/// let tokens: Vec<String> = sws_eval::json::pointer::tokens("/years/2024~1x/0").collect();
/// assert_eq!(tokens, ["years", "2024/x", "0"]);
/// ```
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).map(unescape)
}

/// The parent of a pointer: `/$defs/Money/pattern` → `/$defs/Money`; `""` for a
/// top-level member or the document.
///
/// ```
/// assert_eq!(sws_eval::json::pointer::parent_of("/contract/price"), "/contract");
/// assert_eq!(sws_eval::json::pointer::parent_of("/contract"), "");
/// ```
pub fn parent_of(pointer: &str) -> &str {
    pointer
        .rfind('/')
        .and_then(|i| pointer.get(..i))
        .unwrap_or("")
}

/// The pointer of the place serde was reading when it failed, from
/// [`serde_path_to_error`]'s path: sequence indexes, map keys and the variant key of an
/// externally tagged enum, each escaped.
///
/// ```
/// use sws_eval::evidence::Evidence;
/// let text = include_str!("../../examples/data/station.json").replace("\"2022-12-20\"", "7");
/// let mut de = serde_json::Deserializer::from_str(&text);
/// let e = serde_path_to_error::deserialize::<_, Evidence>(&mut de).unwrap_err();
/// assert_eq!(sws_eval::json::pointer::from_serde_path(e.path()), "/contract/signed_on");
/// ```
pub fn from_serde_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut p = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                p.push('/');
                p.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                p.push('/');
                p.push_str(&escape(key));
            }
            Segment::Unknown => {}
        }
    }
    p
}

/// Applies an RFC 7386 JSON merge patch: an object patch merges member by member
/// (`null` removes a member), anything else replaces the target.
///
/// ```
/// use serde_json::json;
/// let mut doc = json!({"a": 1, "b": {"c": 2, "d": 3}});
/// sws_eval::json::pointer::merge_patch(&mut doc, &json!({"a": null, "b": {"c": 4}}));
/// assert_eq!(doc, json!({"b": {"c": 4, "d": 3}}));
/// ```
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            if let Value::Object(t) = target {
                for (k, v) in p {
                    if v.is_null() {
                        t.remove(k);
                    } else {
                        merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                    }
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// Why [`set`] could not set a value. 无法按指针设置取值。
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SetError {
    /// The text is not a pointer to a member (it does not start with `/`).
    #[error("`{0}` is not a JSON pointer to a member")]
    NotAPointer(String),
    /// The parent of the place does not exist.
    #[error("`{pointer}`: parent `{parent}` does not exist")]
    NoParent {
        /// The pointer given.
        pointer: String,
        /// Its parent.
        parent: String,
    },
    /// An array index that is not a number, or past the end.
    #[error("`{pointer}`: `{token}` is not an index of the array")]
    BadIndex {
        /// The pointer given.
        pointer: String,
        /// The last token.
        token: String,
    },
    /// The parent is neither an object nor an array.
    #[error("`{0}`: parent is not an object or array")]
    NotAContainer(String),
}

/// Sets the value at a pointer whose parent exists: an object member is added or
/// replaced, an array element replaced (`-` appends).
///
/// # Errors
///
/// [`SetError`] when the pointer is not a pointer to a member, its parent does not
/// exist or is not a container, or an array index is not one.
///
/// ```
/// use serde_json::json;
/// use sws_eval::json::pointer::set;
/// let mut doc = json!({"list": [1, 2]});
/// set(&mut doc, "/list/-", json!(3))?;
/// set(&mut doc, "/name", json!("x"))?;
/// assert_eq!(doc, json!({"list": [1, 2, 3], "name": "x"}));
/// assert!(set(&mut doc, "/missing/x", json!(0)).is_err());
/// # Ok::<(), sws_eval::json::pointer::SetError>(())
/// ```
pub fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), SetError> {
    let (parent, key) = pointer
        .rsplit_once('/')
        .ok_or_else(|| SetError::NotAPointer(pointer.to_owned()))?;
    let key = unescape(key);
    let target = doc.pointer_mut(parent).ok_or_else(|| SetError::NoParent {
        pointer: pointer.to_owned(),
        parent: parent.to_owned(),
    })?;
    match target {
        Value::Object(map) => {
            map.insert(key, value);
            Ok(())
        }
        Value::Array(list) if key == "-" => {
            list.push(value);
            Ok(())
        }
        Value::Array(list) => {
            let slot = key
                .parse::<usize>()
                .ok()
                .and_then(|i| list.get_mut(i))
                .ok_or_else(|| SetError::BadIndex {
                    pointer: pointer.to_owned(),
                    token: key.clone(),
                })?;
            *slot = value;
            Ok(())
        }
        _ => Err(SetError::NotAContainer(pointer.to_owned())),
    }
}
