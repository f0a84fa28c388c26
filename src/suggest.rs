//! "Did you mean …?" for misspelt names.

/// The known name closest to `given`, if one is close enough to be a likely typo
/// (Jaro–Winkler similarity at least 0.8).
pub(crate) fn closest<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    known
        .map(|k| (strsim::jaro_winkler(given, k), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.to_owned())
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
