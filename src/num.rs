//! Exact numbers that travel in JSON as strings.
//!
//! Points, money, hours, areas and ratios are never floating point. Each kind of
//! quantity is a small newtype over [`rust_decimal::Decimal`] that checks, when it is
//! read, that the value is non-negative and has no more decimal places than the
//! quantity allows (money: fen, two places). In JSON they are strings such as `"48.00"`;
//! a JSON number is rejected, so no host can smuggle a binary float into a figure.
//!
//! ```
//! use sws_eval::num::Money;
//! let price: Money = serde_json::from_str("\"300000.00\"").unwrap();
//! assert_eq!(price.to_string(), "300000.00");
//! assert!(serde_json::from_str::<Money>("\"1.005\"").is_err()); // no third place in money
//! assert!(serde_json::from_str::<Money>("12.5").is_err());      // numbers must be strings
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a decimal string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumError {
    /// The text is not a plain decimal number (`"12.50"`).
    #[error("`{text}` is not a decimal number written as a string such as \"12.50\"")]
    NotADecimal {
        /// The text that was read.
        text: String,
    },
    /// The value is negative where only zero or more makes sense.
    #[error("`{text}` is negative; {kind} cannot be negative")]
    Negative {
        /// The text that was read.
        text: String,
        /// The kind of quantity.
        kind: &'static str,
    },
    /// More decimal places than the quantity allows.
    #[error("`{text}` has {places} decimal places; {kind} allows at most {max}")]
    TooManyPlaces {
        /// The text that was read.
        text: String,
        /// The kind of quantity.
        kind: &'static str,
        /// Places found.
        places: u32,
        /// Places allowed.
        max: u32,
    },
    /// The value is larger than any the quantity can sensibly take.
    #[error("`{text}` is above the largest {kind} allowed, {max}")]
    OutOfRange {
        /// The text that was read.
        text: String,
        /// The kind of quantity.
        kind: &'static str,
        /// The largest value allowed.
        max: &'static str,
    },
}

/// The longest decimal string accepted (also the schemas' `maxLength`).
const MAX_LEN: usize = 30;

/// Parses a plain decimal string (digits, one optional point, optional leading `-`).
fn parse_plain(text: &str) -> Result<Decimal, NumError> {
    let bad = || NumError::NotADecimal {
        text: text.to_owned(),
    };
    let body = text.strip_prefix('-').unwrap_or(text);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) || text.len() > MAX_LEN {
        return Err(bad());
    }
    Decimal::from_str(text).map_err(|_| bad())
}

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $places:literal, $digits:literal, $max:literal, $pattern:literal, $desc:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(Decimal);

        impl $name {
            /// Zero.
            pub const ZERO: Self = Self(Decimal::ZERO);
            /// The most decimal places this quantity allows.
            pub const MAX_PLACES: u32 = $places;
            /// The most digits before the decimal point (leading zeros aside): every
            /// value is below 10 to this power.
            pub const MAX_DIGITS: u32 = $digits;
            /// The largest value allowed, as written in messages.
            pub const MAX_TEXT: &'static str = $max;

            /// Every value is below this one: 10 to the power [`Self::MAX_DIGITS`].
            const LIMIT: i64 = 10i64.pow($digits);

            /// The largest value allowed ([`Self::MAX_TEXT`]).
            ///
            /// ```
            #[doc = concat!("use sws_eval::num::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::max().to_string(), ", stringify!($max), ");")]
            #[doc = concat!("assert!(", stringify!($name), "::max().to_string().parse::<", stringify!($name), ">().is_ok());")]
            /// ```
            pub fn max() -> Self {
                let ulp = Decimal::new(1, $places);
                Self(Decimal::from(Self::LIMIT).saturating_sub(ulp))
            }

            /// Checks and wraps a decimal: non-negative (a negative zero is zero), at most
            #[doc = concat!(stringify!($places), " decimal places, at most ", $max, ".")]
            pub fn new(mut value: Decimal) -> Result<Self, NumError> {
                let text = value.to_string();
                if value.is_zero() {
                    value.set_sign_positive(true);
                }
                if value.is_sign_negative() {
                    return Err(NumError::Negative { text, kind: $kind });
                }
                let places = value.normalize().scale();
                if places > $places {
                    return Err(NumError::TooManyPlaces { text, kind: $kind, places, max: $places });
                }
                if value >= Decimal::from(Self::LIMIT) {
                    return Err(NumError::OutOfRange { text, kind: $kind, max: $max });
                }
                Ok(Self(value))
            }

            /// The exact value.
            pub fn get(self) -> Decimal {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = NumError;
            fn from_str(text: &str) -> Result<Self, NumError> {
                let value = parse_plain(text)?;
                // "-0" and "-0.00" are refused like any negative, as the schema does.
                if text.starts_with('-') {
                    return Err(NumError::Negative { text: text.to_owned(), kind: $kind });
                }
                // The written form counts: "1.500" has three places even though it
                // equals 1.5, so the engine and the schema's pattern agree.
                if value.scale() > $places {
                    return Err(NumError::TooManyPlaces {
                        text: text.to_owned(),
                        kind: $kind,
                        places: value.scale(),
                        max: $places,
                    });
                }
                Self::new(value)
            }
        }

        impl TryFrom<Decimal> for $name {
            type Error = NumError;
            fn try_from(value: Decimal) -> Result<Self, NumError> {
                Self::new(value)
            }
        }

        impl From<$name> for Decimal {
            fn from(value: $name) -> Decimal {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = Cow::<str>::deserialize(d).map_err(|_| {
                    serde::de::Error::custom(concat!(
                        "expected ",
                        $kind,
                        " as a decimal string such as \"12.50\""
                    ))
                })?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "format": "decimal",
                    "pattern": $pattern,
                    "maxLength": MAX_LEN,
                    "description": $desc,
                })
            }
        }
    };
}

quantity!(
    /// An amount of money in yuan (CNY), exact to the fen (two decimal places).
    ///
    /// ```
    /// let m: sws_eval::num::Money = "50000".parse().unwrap();
    /// assert_eq!(m.get(), rust_decimal::Decimal::from(50_000));
    /// ```
    Money,
    "money",
    2,
    12,
    "999999999999.99",
    "^0*[0-9]{1,12}(\\.[0-9]{1,2})?$",
    "Yuan (CNY) as a decimal string, at most two decimal places (fen), below one trillion (10^12). 人民币元，字符串形式，最多两位小数（分），小于一万亿。"
);

quantity!(
    /// Points of an evaluation standard, at most two decimal places (docs/default-standard.md (introduction)).
    ///
    /// ```
    /// let p: sws_eval::num::Points = "0.5".parse().unwrap();
    /// assert_eq!(p.to_string(), "0.5");
    /// ```
    Points,
    "points",
    2,
    6,
    "999999.99",
    "^0*[0-9]{1,6}(\\.[0-9]{1,2})?$",
    "Points as a decimal string, at most two decimal places, below 1,000,000. 分值，字符串形式，最多两位小数，小于一百万。"
);

quantity!(
    /// Hours of training or supervision, at most two decimal places (47.99 h is not 48 h).
    ///
    /// ```
    /// let h: sws_eval::num::Hours = "47.99".parse().unwrap();
    /// assert!(h.get() < rust_decimal::Decimal::from(48));
    /// ```
    Hours,
    "hours",
    2,
    4,
    "9999.99",
    "^0*[0-9]{1,4}(\\.[0-9]{1,2})?$",
    "Hours as a decimal string, at most two decimal places, below 10,000 (a year has 8,784). 小时数，字符串形式，最多两位小数，小于10000（一年8784小时）。"
);

quantity!(
    /// A floor area in square metres, at most two decimal places.
    ///
    /// ```
    /// let a: sws_eval::num::Area = "18.5".parse().unwrap();
    /// assert_eq!(a.to_string(), "18.5");
    /// ```
    Area,
    "area",
    2,
    6,
    "999999.99",
    "^0*[0-9]{1,6}(\\.[0-9]{1,2})?$",
    "Square metres as a decimal string, at most two decimal places, below 1,000,000. 平方米，字符串形式，最多两位小数，小于一百万。"
);

quantity!(
    /// A threshold or parameter of a rule: a non-negative decimal with at most four
    /// places (a ratio step such as `"0.95"`, a limit such as `"48"`).
    ///
    /// ```
    /// let r: sws_eval::num::Threshold = "0.95".parse().unwrap();
    /// assert_eq!(r.to_string(), "0.95");
    /// ```
    Threshold,
    "threshold",
    4,
    9,
    "999999999.9999",
    "^0*[0-9]{1,9}(\\.[0-9]{1,4})?$",
    "A threshold as a decimal string, at most four decimal places, below 10^9. 阈值，字符串形式，最多四位小数，小于十亿。"
);

/// The JSON Schema of any exact decimal in an output (a score, a ratio): a string.
/// Used with `#[schemars(with = "DecimalString")]` on `Decimal` fields.
#[derive(Debug)]
pub struct DecimalString;

impl JsonSchema for DecimalString {
    fn schema_name() -> Cow<'static, str> {
        "DecimalString".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "decimal",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "An exact decimal written as a string. 精确小数，字符串形式。",
        })
    }
}

/// Serde helpers that write a `Decimal` as a string in its normal form (no trailing
/// zeros: scores, maxima, losses; totals and money use [`decimal_2dp`]) and read it
/// back strictly.
pub(crate) mod decimal_str {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::borrow::Cow;

    /// Writes the normal form: no trailing zeros (`"24"`, `"0.5"`, never `"24.0"`).
    pub(crate) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&v.normalize())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = Cow::<str>::deserialize(d)?;
        super::parse_plain(&text).map_err(serde::de::Error::custom)
    }
}

/// Serde helpers for an optional `Decimal` written as a string.
pub(crate) mod opt_decimal_str {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::borrow::Cow;

    pub(crate) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.collect_str(&d.normalize()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let text = Option::<Cow<str>>::deserialize(d)?;
        text.map(|t| super::parse_plain(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// Serde helpers for money and totals in outputs: always two decimal places.
pub(crate) mod decimal_2dp {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::fixed2(*v))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        super::decimal_str::deserialize(d)
    }
}

/// Rounds a total to 0.01, half away from zero (docs/default-standard.md §3).
///
/// ```
/// use rust_decimal::Decimal;
/// use sws_eval::num::round_total;
/// assert_eq!(round_total(Decimal::new(59995, 3)), Decimal::new(6000, 2));
/// ```
pub fn round_total(value: Decimal) -> Decimal {
    let mut v =
        value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    v
}

/// Serialises a decimal as a string with exactly two places (for money and totals).
pub(crate) fn fixed2(value: Decimal) -> String {
    round_total(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_only_and_places_checked() {
        assert!(serde_json::from_str::<Money>("\"1.00\"").is_ok());
        assert!(serde_json::from_str::<Money>("\"1.001\"").is_err());
        assert!(serde_json::from_str::<Money>("\"-1\"").is_err());
        assert!(serde_json::from_str::<Money>("1").is_err());
        assert!(serde_json::from_str::<Money>("\"1e3\"").is_err());
        assert!(serde_json::from_str::<Money>("\" 1\"").is_err());
        assert!(serde_json::from_str::<Money>("\".5\"").is_err());
        assert!(serde_json::from_str::<Money>("\"5.\"").is_err());
        // The written form counts, as in the schema's pattern.
        assert!(serde_json::from_str::<Money>("\"1.500\"").is_err());
        assert!(serde_json::from_str::<Threshold>("\"0.7999\"").is_ok());
        assert!(serde_json::from_str::<Threshold>("\"0.79999\"").is_err());
        assert!(
            serde_json::from_str::<Hours>("\"99999999999999999999999999999999999999999\"").is_err()
        );
    }

    #[test]
    fn bounded_and_negative_zero_refused() {
        assert!("999999999999.99".parse::<Money>().is_ok());
        assert!("000999999999999.99".parse::<Money>().is_ok());
        assert!(matches!(
            "1000000000000".parse::<Money>(),
            Err(NumError::OutOfRange { .. })
        ));
        assert!(matches!(
            "79228162514264337593543950335".parse::<Money>(),
            Err(NumError::OutOfRange { .. })
        ));
        assert!("9999.99".parse::<Hours>().is_ok());
        assert!("10000".parse::<Hours>().is_err());
        assert!("1000000".parse::<Area>().is_err());
        assert!("1000000".parse::<Points>().is_err());
        assert!("999999999.9999".parse::<Threshold>().is_ok());
        assert!("1000000000".parse::<Threshold>().is_err());
        for text in ["-0", "-0.00", "-0.0"] {
            assert!(matches!(
                text.parse::<Money>(),
                Err(NumError::Negative { .. })
            ));
        }
        // A negative zero built in code is zero.
        let z = Money::new(Decimal::new(-0, 2)).unwrap();
        assert!(!z.get().is_sign_negative());
        assert_eq!(Money::max().to_string(), Money::MAX_TEXT);
        assert!(Money::new(Decimal::MAX).is_err());
    }

    #[test]
    fn rounding_half_away_from_zero() {
        assert_eq!(round_total(Decimal::new(8995, 3)).to_string(), "9.00");
        assert_eq!(round_total(Decimal::new(8994, 3)).to_string(), "8.99");
        assert_eq!(fixed2(Decimal::new(5, 0)), "5.00");
    }
}
