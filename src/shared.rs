//! Shared text: the ids, titles, articles and requirement texts that a decision repeats
//! from its standard or from the engine's fixed wording, held once and shared instead of
//! copied into every decision.
//!
//! A scorecard names every node of the standard with its id, title and articles, and
//! every input a leaf reads with its requirement. Those texts belong to the compiled
//! standard; a decision only points at them. [`SharedStr`] is that pointer: a string
//! that is either fixed in the engine (`&'static str`, free) or shared with the standard
//! (`Arc<str>`, a reference count), and reads, compares, prints and serialises as a
//! plain string. In JSON it is a plain string; a decision read back from JSON owns its
//! texts.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string shared with the standard or fixed in the engine. 共享文本。
///
/// It dereferences to `str`, so it reads like a `String`:
///
/// ```
/// use sws_eval::shared::SharedStr;
/// let id = SharedStr::from("A1");
/// assert_eq!(id, "A1");
/// assert_eq!(id.len(), 2);
/// assert_eq!(serde_json::to_string(&id).unwrap(), "\"A1\"");
/// let copy = id.clone(); // a reference count, not a copy of the text
/// assert_eq!(copy, id);
/// ```
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl SharedStr {
    /// A text fixed in the engine (no allocation).
    ///
    /// ```
    /// use sws_eval::shared::SharedStr;
    /// assert_eq!(SharedStr::fixed("yes"), "yes");
    /// ```
    pub const fn fixed(text: &'static str) -> SharedStr {
        SharedStr(Repr::Static(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr::fixed("")
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> Self {
        SharedStr(Repr::Shared(s))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> Self {
        s.as_str().to_owned()
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

impl JsonSchema for SharedStr {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::SharedStr;

    #[test]
    fn fixed_and_shared_texts_are_equal_by_content() {
        let a = SharedStr::fixed("第12条");
        let b = SharedStr::from(String::from("第12条"));
        assert_eq!(a, b);
        assert_eq!(a, "第12条");
        assert_eq!("第12条", b);
        assert_eq!(format!("{a}"), "第12条");
        assert_eq!(format!("{b:?}"), "\"第12条\"");
    }

    #[test]
    fn it_travels_as_a_plain_json_string() {
        let s: SharedStr = serde_json::from_str("\"art12.min_staff\"").unwrap();
        assert_eq!(s, "art12.min_staff");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"art12.min_staff\"");
        assert!(serde_json::from_str::<SharedStr>("12").is_err());
    }
}
