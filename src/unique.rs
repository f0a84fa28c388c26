//! Maps read from JSON refuse a key given twice (`duplicate_field`), as structs do:
//! with a plain map the last one would silently win (a second, empty `"2024"` would
//! erase that year's holidays).

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// Reads a map, refusing a key given twice with serde's "duplicate field" error.
pub(crate) fn map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object with each key once")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = access.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate field `{key}`"
                    )));
                }
                let value = access.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(Debug, serde::Deserialize)]
    struct M {
        #[serde(deserialize_with = "super::map")]
        m: std::collections::BTreeMap<String, u32>,
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        let ok = serde_json::from_str::<M>(r#"{"m": {"a": 1, "b": 2}}"#).unwrap();
        assert_eq!(ok.m.len(), 2);
        let err = serde_json::from_str::<M>(r#"{"m": {"a": 1, "a": 2}}"#).unwrap_err();
        assert!(err.to_string().starts_with("duplicate field `a`"), "{err}");
    }
}
