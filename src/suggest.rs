//! "Did you mean …?" for misspelt names: one matcher and one rendering, used by every
//! error that suggests a name (the library's and the command line's).
//!
//! A suggestion is data: errors keep it in a field (such as
//! [`JsonError::suggestion`](crate::json::JsonError::suggestion)) and render it with
//! [`did_you_mean`] only when they are printed.
//!
//! ```
//! use sws_eval::suggest::{closest, did_you_mean};
//! let known = ["training", "supervision"];
//! let s = closest("trainin", known.into_iter());
//! assert_eq!(format!("unknown field `trainin`{}", did_you_mean(s.as_deref())),
//!            "unknown field `trainin`; did you mean `training`?");
//! ```

/// The known name closest to `given`, if one is close enough to be a likely typo
/// (Jaro–Winkler similarity at least 0.8).
///
/// ```
/// let known = ["evidence", "decision"];
/// assert_eq!(sws_eval::suggest::closest("evidnce", known.into_iter()).as_deref(), Some("evidence"));
/// assert_eq!(sws_eval::suggest::closest("zzz", known.into_iter()), None);
/// ```
pub fn closest<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    known
        .map(|k| (strsim::jaro_winkler(given, k), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.to_owned())
}

/// The suggestion as the tail of a message: "; did you mean `x`?", or nothing.
///
/// ```
/// assert_eq!(sws_eval::suggest::did_you_mean(Some("final")), "; did you mean `final`?");
/// assert_eq!(sws_eval::suggest::did_you_mean(None), "");
/// ```
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_near_names_only() {
        let known = ["training_hours", "supervision", "premises"];
        assert_eq!(
            super::closest("training_hour", known.into_iter()).as_deref(),
            Some("training_hours")
        );
        assert_eq!(super::closest("zzz", known.into_iter()), None);
    }
}
