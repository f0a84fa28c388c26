//! Panels: an indicator given once per evaluator or per source, combined into the one
//! value every rule reads.
//!
//! Arithmetic is exact: a median of an even count is the mean of the middle two (a
//! half of a finite decimal is finite), a mean is exact to rust_decimal's 28
//! significant digits, and nothing is rounded before the total.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Combine;

/// Least number of marks a trimmed mean takes: it drops one highest and one lowest.
pub(crate) const TRIMMED_MEAN_MIN: usize = 3;

/// A panel's marks combined: the value, and for each mark (in the evidence's order,
/// by evaluator name) whether the combination used it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Combined {
    pub(crate) value: Decimal,
    pub(crate) used: Vec<bool>,
}

fn parse(text: &str) -> Option<Decimal> {
    text.parse::<crate::num::Threshold>().ok().map(|t| t.get())
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for v in values {
        sum = sum.checked_add(*v)?;
    }
    let n = Decimal::from(u64::try_from(values.len()).ok()?);
    sum.checked_div(n)
}

/// Combines numeric marks; `None` when a mark is not a decimal, the panel is empty, a
/// trimmed mean has fewer than three marks, or no preferred source gave one.
pub(crate) fn combine_marks(c: &Combine, by: &BTreeMap<String, String>) -> Option<Combined> {
    let mut marks: Vec<(usize, Decimal)> = Vec::with_capacity(by.len());
    for (i, v) in by.values().enumerate() {
        marks.push((i, parse(v)?));
    }
    let n = marks.len();
    if n == 0 {
        return None;
    }
    // Stable: equal marks keep the evidence's (name) order.
    let mut sorted = marks.clone();
    sorted.sort_by_key(|(_, v)| *v);
    let mut used = vec![false; n];
    let mut mark_used = |i: usize| {
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
    };
    let value = match c {
        Combine::Mean => {
            (0..n).for_each(&mut mark_used);
            mean(&marks.iter().map(|(_, v)| *v).collect::<Vec<_>>())?
        }
        Combine::Minimum => {
            let (i, v) = *sorted.first()?;
            mark_used(i);
            v
        }
        Combine::Median => {
            let half = n.checked_div(2)?;
            let (hi_i, hi) = *sorted.get(half)?;
            mark_used(hi_i);
            if n % 2 == 1 {
                hi
            } else {
                let (lo_i, lo) = *sorted.get(half.checked_sub(1)?)?;
                mark_used(lo_i);
                lo.checked_add(hi)?.checked_div(Decimal::TWO)?
            }
        }
        Combine::TrimmedMean => {
            if n < TRIMMED_MEAN_MIN {
                return None;
            }
            let kept = sorted.get(1..n.checked_sub(1)?)?;
            kept.iter().for_each(|(i, _)| mark_used(*i));
            mean(&kept.iter().map(|(_, v)| *v).collect::<Vec<_>>())?
        }
        Combine::Prefer(order) => {
            let (name, text) = prefer(order, by)?;
            mark_used(by.keys().position(|k| k == name)?);
            parse(text)?
        }
    };
    Some(Combined { value, used })
}

/// The value of the first source in `order` that gave one.
pub(crate) fn prefer<'a>(
    order: &[String],
    by: &'a BTreeMap<String, String>,
) -> Option<(&'a str, &'a str)> {
    order
        .iter()
        .find_map(|s| by.get_key_value(s))
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

/// Highest minus lowest mark (`None` for marks that are not decimals).
pub(crate) fn spread(by: &BTreeMap<String, String>) -> Option<Decimal> {
    let marks: Option<Vec<Decimal>> = by.values().map(|v| parse(v)).collect();
    let marks = marks?;
    let hi = marks.iter().max()?;
    let lo = marks.iter().min()?;
    hi.checked_sub(*lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(marks: &[(&str, &str)]) -> BTreeMap<String, String> {
        marks
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn value(c: &Combine, marks: &[(&str, &str)]) -> Option<String> {
        combine_marks(c, &by(marks)).map(|x| x.value.normalize().to_string())
    }

    #[test]
    fn every_combination_exactly() {
        let m = [("a", "7"), ("b", "9.5"), ("c", "8"), ("d", "6")];
        assert_eq!(value(&Combine::Mean, &m).as_deref(), Some("7.625"));
        assert_eq!(value(&Combine::Median, &m).as_deref(), Some("7.5"));
        assert_eq!(value(&Combine::Minimum, &m).as_deref(), Some("6"));
        assert_eq!(value(&Combine::TrimmedMean, &m).as_deref(), Some("7.5"));
        let odd = [("a", "7"), ("b", "9.5"), ("c", "8")];
        assert_eq!(value(&Combine::Median, &odd).as_deref(), Some("8"));
        assert_eq!(value(&Combine::TrimmedMean, &odd).as_deref(), Some("8"));
        assert_eq!(value(&Combine::TrimmedMean, &odd[..2]), None);
        let prefer = Combine::Prefer(vec!["third_party".into(), "self".into()]);
        assert_eq!(value(&prefer, &[("self", "9")]).as_deref(), Some("9"));
        assert_eq!(
            value(&prefer, &[("self", "9"), ("third_party", "7.5")]).as_deref(),
            Some("7.5")
        );
        assert_eq!(value(&Combine::Mean, &[]), None);
    }

    #[test]
    fn used_marks_are_flagged() {
        let c = combine_marks(
            &Combine::TrimmedMean,
            &by(&[("a", "7"), ("b", "9.5"), ("c", "8"), ("d", "6")]),
        )
        .unwrap();
        assert_eq!(c.used, [true, false, true, false]);
        assert_eq!(
            spread(&by(&[("a", "7"), ("b", "9.5")])).map(|d| d.to_string()),
            Some("2.5".into())
        );
    }
}
