//! Checking a standard and compiling it into a flat form for fast scoring.

use std::collections::HashSet;
use std::sync::Arc;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::{
    Combine, Condition, GradeBand, Indicator, IndicatorKind, Node, Panel, Rule, Standard,
    StandardError, Step,
};
use crate::evidence::{Evidence, IndicatorValue};
use crate::facts::{FactId, FactKind, FactValue, Params, resolve_params};
use crate::shared::SharedStr;
use crate::standard::{Band, Grade, GradeId, Text};

/// Largest standard file read (1 MiB: the default is about 20 KiB).
pub const MAX_STANDARD_BYTES: usize = 1 << 20;
/// Most nodes a standard may have.
pub(crate) const MAX_NODES: usize = 2_000;
/// Deepest nesting (dimension = 1).
pub(crate) const MAX_DEPTH: usize = 6;
/// Most items, steps, levels or deficiencies in one leaf.
pub(crate) const MAX_PARTS: usize = 100;

/// A checked standard in a flat form, ready to score many evaluations.
///
/// Compile once, score many times: compiling resolves every fact name, checks every
/// sum, and lays the tree out in pre-order so that scoring is one pass over the leaves
/// and one over the groups.
///
/// ```
/// use sws_eval::standard::{CompiledStandard, Standard};
/// let json = serde_json::to_string(&Standard::dongying_2022()).unwrap();
/// let again = Standard::from_json(&json).unwrap().compile().unwrap();
/// assert_eq!(again.hash(), CompiledStandard::dongying_2022().hash());
/// ```
#[derive(Debug, Clone)]
pub struct CompiledStandard {
    source: Standard,
    hash: String,
    pub(crate) nodes: Vec<CNode>,
    pub(crate) leaves: Vec<CLeaf>,
    pub(crate) bands: Vec<Band>,
    pub(crate) indicators: Vec<CIndicator>,
    pub(crate) deductions: Vec<CDeduction>,
    pub(crate) vetoes: Vec<CVeto>,
    /// The top of the scale: `total_cap`, else `max_points` plus the bonus dimensions.
    pub(crate) scale: Decimal,
    /// No cap, weight, bonus, deduction or veto: the total is the sum of the leaves.
    pub(crate) plain: bool,
}

/// Where a rule reads a value: a built-in fact, or a declared indicator (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Src {
    Fact(FactId),
    Indicator(usize),
}

/// A declared indicator, checked.
#[derive(Debug, Clone)]
pub(crate) struct CIndicator {
    pub(crate) id: String,
    pub(crate) kind: IndicatorKind,
    pub(crate) levels: Vec<String>,
    pub(crate) min: Decimal,
    pub(crate) max: Option<Decimal>,
    pub(crate) step: Option<Decimal>,
    /// Given once per evaluator or source, and how the values combine.
    pub(crate) panel: Option<Panel>,
}

/// A node in pre-order.
#[derive(Debug, Clone)]
pub(crate) struct CNode {
    /// The node's id (for reports; shared with every scorecard).
    pub(crate) id: SharedStr,
    /// Its title and articles, shared with every scorecard.
    pub(crate) title: Arc<Text>,
    pub(crate) articles: Arc<[String]>,
    /// The name of its rule (leaves).
    pub(crate) rule: Option<&'static str>,
    pub(crate) parent: Option<usize>,
    pub(crate) depth: usize,
    pub(crate) max: Decimal,
    pub(crate) leaf: Option<usize>,
    /// A group's cap on its children's sum.
    pub(crate) cap: Option<Decimal>,
    /// The multiplier of its contribution to its parent.
    pub(crate) weight: Option<Decimal>,
    /// A bonus dimension (outside `max_points`).
    pub(crate) bonus: bool,
}

/// A compiled deduction after the tree.
#[derive(Debug, Clone)]
pub(crate) struct CDeduction {
    pub(crate) fact: Src,
    pub(crate) params: Params,
    pub(crate) each: Decimal,
    pub(crate) cap: Option<Decimal>,
}

/// A compiled veto.
#[derive(Debug, Clone)]
pub(crate) struct CVeto {
    pub(crate) when: CCond,
    pub(crate) required: String,
}

/// A compiled leaf.
#[derive(Debug, Clone)]
pub(crate) struct CLeaf {
    pub(crate) node: usize,
    pub(crate) max: Decimal,
    pub(crate) rule: CRule,
    /// The fixed texts of its explanation, made once here rather than per score.
    pub(crate) texts: Vec<crate::score::PartText>,
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub(crate) struct CCond {
    pub(crate) fact: Src,
    pub(crate) params: Params,
    pub(crate) at_least: Option<Decimal>,
    pub(crate) at_most: Option<Decimal>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub(crate) enum CRule {
    Check(CCond),
    Checklist(Vec<(Decimal, CCond)>),
    Ratio {
        fact: Src,
        steps: Vec<(Decimal, Decimal)>,
    },
    Rate {
        fact: Src,
        min_sample: u32,
        steps: Vec<(Decimal, Decimal)>,
    },
    Levels {
        fact: Src,
        levels: Vec<(String, Decimal)>,
    },
    Deduct(Vec<(Src, Params, Decimal)>),
    Mark(Src),
}

impl CompiledStandard {
    /// The built-in default: the reconstruction of docs/default-standard.md §2–§3, shipped as
    /// data and loaded through the same path as any user file.
    pub fn dongying_2022() -> CompiledStandard {
        // The shipped file is checked by the test suite; if it were ever broken this
        // would be caught there, so an empty fallback is never used in practice.
        Standard::from_json(super::DONGYING_2022_JSON)
            .and_then(Standard::compile)
            .unwrap_or_else(|e| unreachable_standard(&e))
    }

    /// Reads, checks and compiles a standard from JSON.
    ///
    /// ```
    /// let err = sws_eval::standard::CompiledStandard::from_json("[]").unwrap_err();
    /// assert!(err.to_string().contains("line 1"));
    /// ```
    pub fn from_json(json: &str) -> Result<CompiledStandard, StandardError> {
        Standard::from_json(json)?.compile()
    }

    /// The standard as it was loaded.
    pub fn standard(&self) -> &Standard {
        &self.source
    }

    /// SHA-256 of the standard's canonical JSON: the content hash on every receipt.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The grade a rounded total falls in.
    ///
    /// ```
    /// use sws_eval::standard::{CompiledStandard, Grade};
    /// let std = CompiledStandard::dongying_2022();
    /// assert_eq!(std.grade_of("59.99".parse().unwrap()), Grade::Unqualified);
    /// assert_eq!(std.grade_of("60".parse().unwrap()), Grade::Qualified);
    /// assert_eq!(std.grade_of("100".parse().unwrap()), Grade::Excellent);
    /// ```
    pub fn grade_of(&self, total: Decimal) -> GradeId {
        self.band_of(total)
            .map_or_else(|| GradeId::from(Grade::Unqualified), |b| b.id.clone())
    }

    /// The band a rounded total falls in (the lowest for a total below 0, which never happens).
    pub fn band_of(&self, total: Decimal) -> Option<&Band> {
        self.bands
            .iter()
            .rev()
            .find(|b| total >= b.from)
            .or_else(|| self.bands.first())
    }

    /// The grade bands, lowest first, with their labels and pass marks.
    ///
    /// ```
    /// let std = sws_eval::standard::CompiledStandard::dongying_2022();
    /// let labels: Vec<&str> = std.bands().iter().map(|b| b.label.zh.as_str()).collect();
    /// assert_eq!(labels, ["不合格", "合格", "良好", "优秀"]);
    /// ```
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The band of this id (its zh/en label and whether it passes).
    ///
    /// ```
    /// let std = sws_eval::standard::CompiledStandard::dongying_2022();
    /// let good = std.band("good").unwrap();
    /// assert_eq!((good.label.en.as_str(), good.passes), ("good", true));
    /// ```
    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id.as_str() == id)
    }

    /// Whether a total in the band of this id passes (Art. 29); false for an unknown id.
    pub fn passes(&self, id: &GradeId) -> bool {
        self.band(id.as_str()).is_some_and(|b| b.passes)
    }

    pub(crate) fn new(source: Standard) -> Result<CompiledStandard, StandardError> {
        let indicators = check_indicators(&source.indicators)?;
        let mut c = Compiler {
            nodes: Vec::new(),
            leaves: Vec::new(),
            ids: HashSet::new(),
            indicators: &indicators,
        };
        let (mut sum, mut bonus) = (Decimal::ZERO, Decimal::ZERO);
        for (i, dim) in source.dimensions.iter().enumerate() {
            c.node(dim, None, vec![i])?;
            if dim.bonus {
                bonus = bonus.saturating_add(contribution_max(dim));
            } else {
                sum = sum.saturating_add(contribution_max(dim));
            }
        }
        if source.dimensions.is_empty() || sum != source.max_points.get() {
            return Err(StandardError::ChildrenSum {
                id: "(root)".into(),
                max: source.max_points.to_string(),
                sum: fmt(sum),
            });
        }
        let base = source.max_points.get();
        let scale = match source.total_cap {
            Some(cap) if cap.get() < base => {
                return Err(StandardError::Located {
                    pointer: "/total_cap".into(),
                    inner: Box::new(StandardError::Rule {
                        id: "(root)".into(),
                        message: format!(
                            "total_cap {cap} is below max_points {}",
                            source.max_points
                        ),
                    }),
                });
            }
            Some(cap) => cap.get(),
            None => base.saturating_add(bonus),
        };
        let bands = check_bands(&source.grades, scale)?;
        let deductions = compile_deductions(&indicators, &source)?;
        let vetoes = compile_vetoes(&indicators, &source, &bands)?;
        let plain = deductions.is_empty()
            && vetoes.is_empty()
            && source.total_cap.is_none()
            && c.nodes
                .iter()
                .all(|n| n.cap.is_none() && n.weight.is_none() && !n.bonus);
        let hash = hex(&Sha256::digest(
            serde_json::to_vec(&source).unwrap_or_default(),
        ));
        let (nodes, leaves) = (c.nodes, c.leaves);
        Ok(CompiledStandard {
            source,
            hash,
            nodes,
            leaves,
            bands,
            indicators,
            deductions,
            vetoes,
            scale,
            plain,
        })
    }

    /// The top of the scale: `total_cap`, else `max_points` plus the bonus dimensions'
    /// maxima (the default: 100).
    ///
    /// ```
    /// let std = sws_eval::standard::CompiledStandard::dongying_2022();
    /// assert_eq!(std.scale().to_string(), "100");
    /// ```
    pub fn scale(&self) -> Decimal {
        self.scale
    }

    /// The name of what a rule reads (a fact's or an indicator's id).
    pub(crate) fn src_name(&self, src: Src) -> &str {
        src_name(&self.indicators, src)
    }

    /// Derives a fact or reads a declared indicator; `None` when the evidence is missing
    /// (or, for an indicator, of a form the check refuses).
    pub(crate) fn eval<'e>(&self, src: Src, p: &Params, ev: &'e Evidence) -> Option<FactValue<'e>> {
        match src {
            Src::Fact(f) => f.eval(p, ev),
            Src::Indicator(i) => {
                let ind = self.indicators.get(i)?;
                indicator_value(ind, ev.indicators.get(&ind.id)?)
            }
        }
    }

    /// Checks the evidence's `indicators` section against this standard's declared
    /// indicators: unknown ids (with the closest declared one), values of the wrong
    /// kind, marks out of range or off their step, levels the indicator does not list.
    /// Every problem is returned, located by a JSON pointer.
    ///
    /// ```
    /// use sws_eval::{evidence::Evidence, standard::CompiledStandard};
    /// let std = CompiledStandard::dongying_2022();
    /// let mut ev: Evidence = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
    /// assert!(std.check_evidence(&ev).is_empty());
    /// ev.indicators.insert("x.party".into(), sws_eval::evidence::IndicatorValue::Flag(true));
    /// assert_eq!(std.check_evidence(&ev)[0].code, "unknown_indicator");
    /// ```
    pub fn check_evidence(&self, ev: &Evidence) -> Vec<crate::evidence::EvidenceIssue> {
        let mut out = Vec::new();
        for (key, value) in &ev.indicators {
            let pointer = format!("/indicators/{}", crate::json::pointer::escape(key));
            let Some(ind) = self.indicators.iter().find(|i| i.id == *key) else {
                let suggestion =
                    crate::suggest::closest(key, self.indicators.iter().map(|i| i.id.as_str()));
                let declared = if self.indicators.is_empty() {
                    "the standard declares no indicators".to_owned()
                } else {
                    format!(
                        "the standard declares {}",
                        self.indicators
                            .iter()
                            .map(|i| format!("`{}`", i.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                out.push(crate::evidence::EvidenceIssue {
                    code: "unknown_indicator",
                    pointer,
                    message: format!(
                        "indicator `{key}` is not declared by the standard; {declared}"
                    ),
                    suggestion,
                });
                continue;
            };
            check_value(ind, value, pointer, &mut out);
        }
        for (node, reason) in &ev.not_applicable {
            let pointer = format!("/not_applicable/{}", crate::json::pointer::escape(node));
            let mut issue = |code: &'static str, message: String, suggestion: Option<String>| {
                out.push(crate::evidence::EvidenceIssue {
                    code,
                    pointer: pointer.clone(),
                    message,
                    suggestion,
                });
            };
            if self.source.not_applicable.is_none() {
                issue(
                    "not_applicable_refused",
                    format!(
                        "node `{node}` is declared not applicable, but the standard `{}` does not allow not-applicable items",
                        self.source.id
                    ),
                    None,
                );
            } else if !self.nodes.iter().any(|n| n.id == *node) {
                issue(
                    "unknown_node",
                    format!("the standard has no node `{node}`"),
                    crate::suggest::closest(node, self.nodes.iter().map(|n| n.id.as_str())),
                );
            } else if reason.trim().is_empty() {
                issue(
                    "invalid_value",
                    format!("node `{node}` is declared not applicable without a reason"),
                    None,
                );
            }
        }
        out
    }
}

fn src_name(indicators: &[CIndicator], src: Src) -> &str {
    match src {
        Src::Fact(f) => f.name(),
        Src::Indicator(i) => indicators.get(i).map_or("", |x| x.id.as_str()),
    }
}

fn dec(text: &str) -> Option<Decimal> {
    text.parse::<crate::num::Threshold>().ok().map(|t| t.get())
}

/// The value a rule sees, for a value of the right form (a panel's, combined).
fn indicator_value<'e>(ind: &CIndicator, v: &'e IndicatorValue) -> Option<FactValue<'e>> {
    use IndicatorKind as K;
    match (ind.kind, v) {
        (K::Mark, IndicatorValue::Panel(p)) => {
            let panel = ind.panel.as_ref()?;
            super::panel::combine_marks(&panel.combine, &p.by).map(|c| FactValue::Number(c.value))
        }
        (K::Level, IndicatorValue::Panel(p)) => match &ind.panel.as_ref()?.combine {
            Combine::Prefer(order) => {
                super::panel::prefer(order, &p.by).map(|(_, level)| FactValue::Level(level))
            }
            _ => None,
        },
        (K::Flag, IndicatorValue::Flag(b)) => Some(FactValue::Flag(*b)),
        (K::Count, IndicatorValue::Count(n)) => Some(FactValue::Number(Decimal::from(*n))),
        (K::Amount | K::Hours | K::Mark, IndicatorValue::Text(t)) => dec(t).map(FactValue::Number),
        (K::Level, IndicatorValue::Text(t)) => Some(FactValue::Level(t)),
        (K::Pair, IndicatorValue::Pair(p)) => {
            Some(FactValue::Pair(dec(&p.numerator)?, dec(&p.denominator)?))
        }
        _ => None,
    }
}

fn expected_form(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Flag => "true or false",
        IndicatorKind::Count => "a whole number, 0 or more",
        IndicatorKind::Amount | IndicatorKind::Hours | IndicatorKind::Mark => {
            "a decimal string such as \"8.5\""
        }
        IndicatorKind::Pair => "an object {\"numerator\": \"…\", \"denominator\": \"…\"}",
        IndicatorKind::Level => "a level name string",
    }
}

/// Checks an indicator's value: a panel's `by` marks one by one, else the single value.
fn check_value(
    ind: &CIndicator,
    value: &IndicatorValue,
    pointer: String,
    out: &mut Vec<crate::evidence::EvidenceIssue>,
) {
    let mut issue = |code: &'static str, pointer: String, message: String, suggestion| {
        out.push(crate::evidence::EvidenceIssue {
            code,
            pointer,
            message,
            suggestion,
        });
    };
    let id = &ind.id;
    match (&ind.panel, value) {
        (None, IndicatorValue::Panel(_)) => issue(
            "panel_not_declared",
            format!("{pointer}/by"),
            format!(
                "indicator `{id}` takes one value; the standard declares no `panel` for it, so marks by evaluator are not read"
            ),
            None,
        ),
        (Some(_), v) if !matches!(v, IndicatorValue::Panel(_)) => issue(
            "panel_required",
            pointer,
            format!(
                "indicator `{id}` is given once per evaluator or source, as {{\"by\": {{\"name\": \"8.5\"}}}}"
            ),
            None,
        ),
        (Some(panel), IndicatorValue::Panel(p)) => {
            let at = format!("{pointer}/by");
            if p.by.is_empty() {
                issue(
                    "panel_empty",
                    at,
                    format!("indicator `{id}` lists no evaluator"),
                    None,
                );
                return;
            }
            if p.by.len() > MAX_PARTS {
                issue(
                    "panel_too_large",
                    at,
                    format!(
                        "indicator `{id}` lists {} evaluators; at most {MAX_PARTS}",
                        p.by.len()
                    ),
                    None,
                );
                return;
            }
            if panel.combine == Combine::TrimmedMean && p.by.len() < super::panel::TRIMMED_MEAN_MIN
            {
                issue(
                    "panel_too_small",
                    at.clone(),
                    format!(
                        "indicator `{id}` combines by a trimmed mean, which drops the highest and the lowest mark: it needs at least {} marks, found {}",
                        super::panel::TRIMMED_MEAN_MIN,
                        p.by.len()
                    ),
                    None,
                );
            }
            for (name, v) in &p.by {
                let here = format!("{at}/{}", crate::json::pointer::escape(name));
                if name.trim().is_empty() {
                    issue(
                        "invalid_value",
                        here,
                        format!("indicator `{id}`: an evaluator's name is empty"),
                        None,
                    );
                    continue;
                }
                if let Combine::Prefer(order) = &panel.combine
                    && !order.iter().any(|s| s == name)
                {
                    issue(
                        "unknown_source",
                        here,
                        format!(
                            "`{name}` is not a source of indicator `{id}`, which takes {}",
                            order
                                .iter()
                                .map(|s| format!("`{s}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        crate::suggest::closest(name, order.iter().map(String::as_str)),
                    );
                    continue;
                }
                if let Some(i) = check_single(ind, &IndicatorValue::Text(v.clone()), here) {
                    issue(i.code, i.pointer, i.message, i.suggestion);
                }
            }
        }
        (_, v) => {
            if let Some(i) = check_single(ind, v, pointer) {
                issue(i.code, i.pointer, i.message, i.suggestion);
            }
        }
    }
}

/// Checks one value of an indicator (a single value, or one evaluator's mark).
fn check_single(
    ind: &CIndicator,
    value: &IndicatorValue,
    pointer: String,
) -> Option<crate::evidence::EvidenceIssue> {
    let issue = |code: &'static str, pointer: String, message: String, suggestion| {
        Some(crate::evidence::EvidenceIssue {
            code,
            pointer,
            message,
            suggestion,
        })
    };
    let id = &ind.id;
    let places = |t: &str| t.split_once('.').map_or(0, |(_, f)| f.len());
    match (ind.kind, value) {
        (IndicatorKind::Level, IndicatorValue::Text(level)) => {
            if ind.levels.iter().any(|l| l == level) {
                return None;
            }
            let suggestion = crate::suggest::closest(level, ind.levels.iter().map(String::as_str));
            issue(
                "unknown_level",
                pointer,
                format!(
                    "level `{level}` is not one of indicator `{id}`'s levels: {}",
                    ind.levels.join(", ")
                ),
                suggestion,
            )
        }
        (
            IndicatorKind::Amount | IndicatorKind::Hours | IndicatorKind::Mark,
            IndicatorValue::Text(t),
        ) => {
            let Some(v) = dec(t).filter(|_| places(t) <= 2) else {
                return issue(
                    "malformed_decimal",
                    pointer,
                    format!(
                        "indicator `{id}` ({}) needs a decimal string with at most two places, such as \"8.5\", not `{t}`",
                        ind.kind.name()
                    ),
                    None,
                );
            };
            if ind.kind != IndicatorKind::Mark {
                return None;
            }
            let max = ind.max.unwrap_or(v);
            if v < ind.min || v > max {
                return issue(
                    "mark_out_of_range",
                    pointer,
                    format!(
                        "mark {t} for `{id}` is outside {}..{}",
                        fmt(ind.min),
                        fmt(max)
                    ),
                    None,
                );
            }
            match ind.step {
                Some(step) if off_step(v, ind.min, step) => issue(
                    "mark_off_step",
                    pointer,
                    format!(
                        "mark {t} for `{id}` is not {} plus a multiple of the step {}",
                        fmt(ind.min),
                        fmt(step)
                    ),
                    None,
                ),
                _ => None,
            }
        }
        (IndicatorKind::Pair, IndicatorValue::Pair(p)) => {
            for (field, t) in [("numerator", &p.numerator), ("denominator", &p.denominator)] {
                if dec(t).is_none() || places(t) > 4 {
                    return issue(
                        "malformed_decimal",
                        format!("{pointer}/{field}"),
                        format!(
                            "the {field} of `{id}` must be a decimal string with at most four places, not `{t}`"
                        ),
                        None,
                    );
                }
            }
            None
        }
        (IndicatorKind::Flag, IndicatorValue::Flag(_))
        | (IndicatorKind::Count, IndicatorValue::Count(_)) => None,
        (kind, _) => issue(
            "indicator_kind",
            pointer,
            format!(
                "indicator `{id}` is a {} indicator: its value must be {}",
                kind.name(),
                expected_form(kind)
            ),
            None,
        ),
    }
}

fn fmt(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Whether an indicator id is `x.` followed by lowercase words (`a-z`, `0-9`, `_`) joined by `.`.
fn namespaced(id: &str) -> bool {
    id.strip_prefix("x.").is_some_and(|rest| {
        rest.split('.').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
    })
}

fn check_indicators(list: &[Indicator]) -> Result<Vec<CIndicator>, StandardError> {
    if list.len() > MAX_NODES {
        return Err(StandardError::TooLarge {
            what: "indicators",
            found: list.len(),
            limit: MAX_NODES,
        });
    }
    let mut out: Vec<CIndicator> = Vec::with_capacity(list.len());
    for (i, ind) in list.iter().enumerate() {
        let bad = |field: &str, message: String| {
            Err(StandardError::Indicator {
                pointer: if field.is_empty() {
                    format!("/indicators/{i}")
                } else {
                    format!("/indicators/{i}/{field}")
                },
                message: format!("indicator `{}`: {message}", ind.id),
            })
        };
        if !namespaced(&ind.id) {
            return bad(
                "id",
                "an indicator id is `x.` followed by lowercase words of a-z, 0-9 and _ joined by `.`, e.g. `x.party_building`".into(),
            );
        }
        if out.iter().any(|o| o.id == ind.id) {
            return bad("id", "the id is declared more than once".into());
        }
        let is_mark = ind.kind == IndicatorKind::Mark;
        if ind.kind != IndicatorKind::Level && !ind.levels.is_empty() {
            return bad("levels", "only a `level` indicator has levels".into());
        }
        for (field, given) in [("min", ind.min), ("max", ind.max), ("step", ind.step)] {
            if !is_mark && given.is_some() {
                return bad(field, format!("only a `mark` indicator has `{field}`"));
            }
        }
        if ind.kind == IndicatorKind::Level {
            if ind.levels.is_empty() || ind.levels.len() > MAX_PARTS {
                return bad(
                    "levels",
                    format!("a `level` indicator lists 1 to {MAX_PARTS} levels"),
                );
            }
            for (j, l) in ind.levels.iter().enumerate() {
                if l.trim().is_empty() || ind.levels.iter().take(j).any(|k| k == l) {
                    return bad(
                        &format!("levels/{j}"),
                        format!("level `{l}` is empty or listed twice"),
                    );
                }
            }
        }
        let min = ind.min.map_or(Decimal::ZERO, |m| m.get());
        let max = ind.max.map(|m| m.get());
        let step = ind.step.map(|m| m.get());
        if is_mark {
            let Some(top) = max else {
                return bad("max", "a `mark` indicator needs `max`".into());
            };
            if top <= min {
                return bad(
                    "max",
                    format!("max {} is not above min {}", fmt(top), fmt(min)),
                );
            }
            if let Some(st) = step
                && (st.is_zero() || off_step(top, min, st))
            {
                return bad(
                    "step",
                    format!(
                        "the step {} does not divide the range {}..{}",
                        fmt(st),
                        fmt(min),
                        fmt(top)
                    ),
                );
            }
        }
        if let Some(panel) = &ind.panel {
            match (&panel.combine, ind.kind) {
                (_, IndicatorKind::Mark) | (Combine::Prefer(_), IndicatorKind::Level) => {}
                (_, IndicatorKind::Level) => {
                    return bad(
                        "panel/combine",
                        format!(
                            "a `level` indicator's panel combines by `prefer` only; `{}` needs marks",
                            panel.combine.name()
                        ),
                    );
                }
                _ => {
                    return bad(
                        "panel",
                        "only a `mark` or `level` indicator is given by a panel".into(),
                    );
                }
            }
            if let Combine::Prefer(order) = &panel.combine {
                if order.is_empty() || order.len() > MAX_PARTS {
                    return bad(
                        "panel/combine/prefer",
                        format!("`prefer` lists 1 to {MAX_PARTS} sources"),
                    );
                }
                for (j, src) in order.iter().enumerate() {
                    if src.trim().is_empty() || order.iter().take(j).any(|k| k == src) {
                        return bad(
                            &format!("panel/combine/prefer/{j}"),
                            format!("source `{src}` is empty or listed twice"),
                        );
                    }
                }
                if panel.spread_limit.is_some() {
                    return bad(
                        "panel/spread_limit",
                        "`prefer` takes one value: it has no spread".into(),
                    );
                }
            }
        }
        out.push(CIndicator {
            id: ind.id.clone(),
            kind: ind.kind,
            levels: ind.levels.clone(),
            min,
            max,
            step,
            panel: ind.panel.clone(),
        });
    }
    Ok(out)
}

#[cold]
fn unreachable_standard(e: &StandardError) -> CompiledStandard {
    // Only reachable if the shipped data file is broken, which the tests rule out.
    // Returning an empty standard would score everything 0 silently; aborting loudly is
    // the honest answer for a build defect.
    #[allow(clippy::panic)]
    {
        panic!("the built-in standard does not load: {e}")
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}

struct Compiler<'a> {
    nodes: Vec<CNode>,
    leaves: Vec<CLeaf>,
    ids: HashSet<String>,
    indicators: &'a [CIndicator],
}

impl Compiler<'_> {
    fn node(
        &mut self,
        n: &Node,
        parent: Option<usize>,
        path: Vec<usize>,
    ) -> Result<(), StandardError> {
        let depth = path.len();
        if depth > MAX_DEPTH {
            return Err(StandardError::TooDeep {
                id: n.id.clone(),
                depth,
                limit: MAX_DEPTH,
            });
        }
        if self.nodes.len() >= MAX_NODES {
            return Err(StandardError::TooLarge {
                what: "nodes",
                found: self.nodes.len().saturating_add(1),
                limit: MAX_NODES,
            });
        }
        if n.id.trim().is_empty() {
            return Err(StandardError::BadId {
                id: n.id.clone(),
                problem: "empty",
            });
        }
        if !self.ids.insert(n.id.clone()) {
            return Err(StandardError::BadId {
                id: n.id.clone(),
                problem: "used more than once",
            });
        }
        let index = self.nodes.len();
        let max = n.max.get();
        if n.bonus && depth != 1 {
            return Err(rule_err(
                &n.id,
                "only a dimension (first level) can be a bonus".into(),
            ));
        }
        if n.weight.is_some_and(|w| w.get().is_zero()) {
            return Err(rule_err(
                &n.id,
                "a weight of 0 removes the node; leave it out instead".into(),
            ));
        }
        if n.cap.is_some() && n.rule.is_some() {
            return Err(rule_err(
                &n.id,
                "a leaf has no cap: its max already limits it (a cap belongs on a group)".into(),
            ));
        }
        self.nodes.push(CNode {
            id: SharedStr::from(n.id.as_str()),
            title: Arc::new(n.title.clone()),
            articles: Arc::from(n.articles.as_slice()),
            rule: n.rule.as_ref().map(|r| r.name()),
            parent,
            depth,
            max,
            leaf: None,
            cap: n.cap.map(|c| c.get()),
            weight: n.weight.map(|w| w.get()),
            bonus: n.bonus,
        });
        match (&n.rule, n.children.is_empty()) {
            (Some(_), false) => {
                return Err(StandardError::Shape {
                    id: n.id.clone(),
                    found: "both",
                });
            }
            (None, true) => {
                return Err(StandardError::Shape {
                    id: n.id.clone(),
                    found: "neither",
                });
            }
            (Some(rule), true) => {
                let compiled = compile_rule(self.indicators, &n.id, max, rule)?;
                if let Some(node) = self.nodes.get_mut(index) {
                    node.leaf = Some(self.leaves.len());
                }
                self.leaves.push(CLeaf {
                    node: index,
                    max,
                    texts: crate::score::leaf_texts(self.indicators, rule, &compiled),
                    rule: compiled,
                });
            }
            (None, false) => {
                let mut sum = Decimal::ZERO;
                for (i, child) in n.children.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(i);
                    self.node(child, Some(index), p)?;
                    sum = sum.saturating_add(contribution_max(child));
                }
                let capped = n.cap.map_or(sum, |c| sum.min(c.get()));
                if capped != max {
                    return Err(StandardError::ChildrenSum {
                        id: n.id.clone(),
                        max: n.max.to_string(),
                        sum: match n.cap {
                            Some(c) => format!("{} (capped at {c}: {})", fmt(sum), fmt(capped)),
                            None => fmt(sum),
                        },
                    });
                }
            }
        }
        Ok(())
    }
}

/// What a node can add to its parent at most: its max times its weight.
fn contribution_max(n: &Node) -> Decimal {
    n.max
        .get()
        .saturating_mul(n.weight.map_or(Decimal::ONE, |w| w.get()))
}

fn located(pointer: String, e: StandardError) -> StandardError {
    StandardError::Located {
        pointer,
        inner: Box::new(e),
    }
}

fn compile_deductions(
    ind: &[CIndicator],
    source: &Standard,
) -> Result<Vec<CDeduction>, StandardError> {
    too_many_list("deductions", source.deductions.len())?;
    let mut out: Vec<CDeduction> = Vec::with_capacity(source.deductions.len());
    for (i, d) in source.deductions.iter().enumerate() {
        let at = format!("/deductions/{i}");
        let name = format!("deduction `{}`", d.id);
        if d.id.trim().is_empty() || source.deductions.iter().take(i).any(|x| x.id == d.id) {
            return Err(located(
                format!("{at}/id"),
                rule_err(&name, "the id is empty or used twice".into()),
            ));
        }
        let (fact, kind, params) =
            lookup(ind, &name, &d.fact, &d.params).map_err(|e| located(format!("{at}/fact"), e))?;
        if kind != FactKind::Number {
            return Err(located(
                format!("{at}/fact"),
                StandardError::FactKind {
                    id: name,
                    rule: "deductions",
                    fact: d.fact.clone(),
                    kind,
                },
            ));
        }
        if d.points_each.get().is_zero() {
            return Err(located(
                format!("{at}/points_each"),
                rule_err(&name, "deducts 0 points".into()),
            ));
        }
        out.push(CDeduction {
            fact,
            params,
            each: d.points_each.get(),
            cap: d.cap.map(|c| c.get()),
        });
    }
    Ok(out)
}

fn compile_vetoes(
    ind: &[CIndicator],
    source: &Standard,
    bands: &[Band],
) -> Result<Vec<CVeto>, StandardError> {
    too_many_list("vetoes", source.vetoes.len())?;
    let mut out = Vec::with_capacity(source.vetoes.len());
    for (i, v) in source.vetoes.iter().enumerate() {
        let at = format!("/vetoes/{i}");
        let name = format!("veto `{}`", v.id);
        if v.id.trim().is_empty() || source.vetoes.iter().take(i).any(|x| x.id == v.id) {
            return Err(located(
                format!("{at}/id"),
                rule_err(&name, "the id is empty or used twice".into()),
            ));
        }
        let when =
            condition(ind, &name, "veto", &v.when).map_err(|e| located(format!("{at}/when"), e))?;
        if let super::VetoEffect::Band(b) = &v.effect
            && !bands.iter().any(|x| x.id.as_str() == b)
        {
            return Err(located(
                format!("{at}/effect/band"),
                rule_err(
                    &name,
                    format!("forces band `{b}`, which the standard does not have"),
                ),
            ));
        }
        let required = crate::score::veto_required(ind, &when);
        out.push(CVeto { when, required });
    }
    Ok(out)
}

fn too_many_list(what: &'static str, n: usize) -> Result<(), StandardError> {
    if n > MAX_PARTS {
        return Err(StandardError::TooLarge {
            what,
            found: n,
            limit: MAX_PARTS,
        });
    }
    Ok(())
}

fn rule_err(id: &str, message: String) -> StandardError {
    StandardError::Rule {
        id: id.to_owned(),
        message,
    }
}

fn unknown_fact(id: &str, name: &str, indicators: &[CIndicator]) -> StandardError {
    if name.starts_with("x.") {
        return StandardError::UndeclaredIndicator {
            id: id.to_owned(),
            indicator: name.to_owned(),
            suggestion: crate::suggest::closest(name, indicators.iter().map(|i| i.id.as_str())),
        };
    }
    let suggestion =
        crate::suggest::closest(name, crate::facts::catalogue().iter().map(|f| f.name));
    StandardError::UnknownFact {
        id: id.to_owned(),
        fact: name.to_owned(),
        suggestion,
    }
}

/// Resolves a name to a built-in fact (with its parameters) or a declared indicator
/// (which takes none).
fn lookup(
    indicators: &[CIndicator],
    id: &str,
    name: &str,
    given: &std::collections::BTreeMap<String, crate::num::Threshold>,
) -> Result<(Src, FactKind, Params), StandardError> {
    if let Some((fid, info)) = FactId::from_name(name) {
        let params = resolve_params(info, given).map_err(|m| rule_err(id, m))?;
        return Ok((Src::Fact(fid), info.kind, params));
    }
    match indicators.iter().position(|i| i.id == name) {
        Some(i) => {
            if let Some(extra) = given.keys().next() {
                return Err(rule_err(
                    id,
                    format!("indicator `{name}` takes no parameter `{extra}`"),
                ));
            }
            let kind = indicators
                .get(i)
                .map_or(FactKind::Flag, |x| x.kind.fact_kind());
            Ok((Src::Indicator(i), kind, Vec::new()))
        }
        None => Err(unknown_fact(id, name, indicators)),
    }
}

fn fact(
    indicators: &[CIndicator],
    id: &str,
    rule: &'static str,
    name: &str,
    want: FactKind,
) -> Result<Src, StandardError> {
    let (src, kind, _) = lookup(indicators, id, name, &Default::default())?;
    if kind != want {
        return Err(StandardError::FactKind {
            id: id.to_owned(),
            rule,
            fact: name.to_owned(),
            kind,
        });
    }
    Ok(src)
}

fn condition(
    indicators: &[CIndicator],
    id: &str,
    rule: &'static str,
    c: &Condition,
) -> Result<CCond, StandardError> {
    let (src, kind, params) = lookup(indicators, id, &c.fact, &c.params)?;
    let (at_least, at_most) = (c.at_least.map(|t| t.get()), c.at_most.map(|t| t.get()));
    match kind {
        FactKind::Flag if at_least.is_some() || at_most.is_some() => Err(rule_err(
            id,
            format!(
                "fact `{}` is a yes/no fact; it takes no `at_least` or `at_most`",
                c.fact
            ),
        )),
        FactKind::Number if at_least.is_none() && at_most.is_none() => Err(rule_err(
            id,
            format!(
                "fact `{}` is a number; the condition needs `at_least` or `at_most`",
                c.fact
            ),
        )),
        FactKind::Flag | FactKind::Number => Ok(CCond {
            fact: src,
            params,
            at_least,
            at_most,
        }),
        kind => Err(StandardError::FactKind {
            id: id.to_owned(),
            rule,
            fact: c.fact.clone(),
            kind,
        }),
    }
}

fn too_many(id: &str, n: usize) -> Result<(), StandardError> {
    if n > MAX_PARTS {
        return Err(StandardError::TooLarge {
            what: "parts in one leaf",
            found: n,
            limit: MAX_PARTS,
        });
    }
    if n == 0 {
        return Err(rule_err(id, "the rule lists nothing to score".into()));
    }
    Ok(())
}

fn steps(
    id: &str,
    max: Decimal,
    steps: &[Step],
    cap: Option<Decimal>,
) -> Result<Vec<(Decimal, Decimal)>, StandardError> {
    too_many(id, steps.len())?;
    let mut out: Vec<(Decimal, Decimal)> = Vec::with_capacity(steps.len());
    for (i, s) in steps.iter().enumerate() {
        let (t, p) = (s.at_least.get(), s.points.get());
        if p > max {
            return Err(rule_err(
                id,
                format!(
                    "step {} gives {p} points, more than the leaf's max {max}",
                    i.saturating_add(1)
                ),
            ));
        }
        if let Some(cap) = cap
            && t > cap
        {
            return Err(rule_err(
                id,
                format!(
                    "step {} threshold {t} is above {cap}: a rate lies in [0, 1]",
                    i.saturating_add(1)
                ),
            ));
        }
        if let Some((pt, pp)) = out.last() {
            if t >= *pt {
                return Err(rule_err(
                    id,
                    format!(
                        "steps must be listed from the highest threshold down; step {} ({t}) is not below {pt}",
                        i.saturating_add(1)
                    ),
                ));
            }
            if p > *pp {
                return Err(rule_err(
                    id,
                    format!(
                        "step {} gives more points ({p}) than the higher step before it ({pp})",
                        i.saturating_add(1)
                    ),
                ));
            }
        }
        out.push((t, p));
    }
    Ok(out)
}

fn compile_rule(
    ind: &[CIndicator],
    id: &str,
    max: Decimal,
    rule: &Rule,
) -> Result<CRule, StandardError> {
    Ok(match rule {
        Rule::Check { when } => CRule::Check(condition(ind, id, "check", when)?),
        Rule::Checklist { items } => {
            too_many(id, items.len())?;
            let mut seen = HashSet::new();
            let mut sum = Decimal::ZERO;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if !seen.insert(item.id.as_str()) {
                    return Err(rule_err(
                        id,
                        format!("checklist item id `{}` is used more than once", item.id),
                    ));
                }
                sum = sum.saturating_add(item.points.get());
                out.push((
                    item.points.get(),
                    condition(ind, id, "checklist", &item.when)?,
                ));
            }
            if sum != max {
                return Err(StandardError::ItemsSum {
                    id: id.to_owned(),
                    max: max.to_string(),
                    sum: sum.to_string(),
                });
            }
            CRule::Checklist(out)
        }
        Rule::RatioSteps { fact: f, steps: s } => {
            let fact = fact(ind, id, "ratio_steps", f, FactKind::Pair)?;
            CRule::Ratio {
                fact,
                steps: steps(id, max, s, None)?,
            }
        }
        Rule::RateSteps {
            fact: f,
            min_sample,
            steps: s,
        } => {
            let fact = fact(ind, id, "rate_steps", f, FactKind::Pair)?;
            CRule::Rate {
                fact,
                min_sample: min_sample.unwrap_or(0),
                steps: steps(id, max, s, Some(Decimal::ONE))?,
            }
        }
        Rule::Levels { fact: f, levels } => {
            let fact = fact(ind, id, "levels", f, FactKind::Level)?;
            too_many(id, levels.len())?;
            let mut out: Vec<(String, Decimal)> = Vec::with_capacity(levels.len());
            for l in levels {
                if l.level.trim().is_empty() || out.iter().any(|(n, _)| *n == l.level) {
                    return Err(rule_err(
                        id,
                        format!("level `{}` is empty or listed twice", l.level),
                    ));
                }
                if l.points.get() > max {
                    return Err(rule_err(
                        id,
                        format!(
                            "level `{}` gives {} points, more than the leaf's max {max}",
                            l.level, l.points
                        ),
                    ));
                }
                out.push((l.level.clone(), l.points.get()));
            }
            CRule::Levels { fact, levels: out }
        }
        Rule::Deduct { deficiencies } => {
            too_many(id, deficiencies.len())?;
            let mut seen = HashSet::new();
            let mut out = Vec::with_capacity(deficiencies.len());
            for d in deficiencies {
                if !seen.insert(d.id.as_str()) {
                    return Err(rule_err(
                        id,
                        format!("deficiency id `{}` is used more than once", d.id),
                    ));
                }
                let (fid, kind, params) = lookup(ind, id, &d.fact, &d.params)?;
                if kind != FactKind::Number {
                    return Err(StandardError::FactKind {
                        id: id.to_owned(),
                        rule: "deduct",
                        fact: d.fact.clone(),
                        kind,
                    });
                }
                if d.points_each.get().is_zero() {
                    return Err(rule_err(
                        id,
                        format!("deficiency `{}` deducts 0 points", d.id),
                    ));
                }
                out.push((fid, params, d.points_each.get()));
            }
            CRule::Deduct(out)
        }
        Rule::Mark { fact: f } => {
            let src = fact(ind, id, "mark", f, FactKind::Number)?;
            let Some(x) = (match src {
                Src::Indicator(i) => ind.get(i).filter(|x| x.kind == IndicatorKind::Mark),
                Src::Fact(_) => None,
            }) else {
                return Err(rule_err(
                    id,
                    format!("rule `mark` reads a declared `mark` indicator; `{f}` is not one"),
                ));
            };
            if x.max.is_some_and(|m| m > max) {
                return Err(rule_err(
                    id,
                    format!(
                        "mark indicator `{f}` goes up to {}, above the leaf's max {}",
                        x.max.map(fmt).unwrap_or_default(),
                        fmt(max)
                    ),
                ));
            }
            CRule::Mark(src)
        }
    })
}

/// A band's id, label and pass mark: from `grade`, or from `id`, `label`, `passes`.
fn band_identity(i: usize, b: &GradeBand) -> Result<(GradeId, Text, bool), StandardError> {
    let err = |m: String| {
        Err(StandardError::Bands {
            message: format!("band {}: {m}", i.saturating_add(1)),
        })
    };
    match (b.grade, &b.id, &b.label, b.passes) {
        (Some(g), None, None, passes) => Ok((
            GradeId::from(g),
            Text {
                zh: g.zh().into(),
                en: g.en().into(),
            },
            passes.unwrap_or(g >= Grade::Qualified),
        )),
        (None, Some(id), Some(label), Some(passes)) => {
            let ok = !id.is_empty()
                && id
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_');
            if !ok {
                return err(format!(
                    "the id `{id}` must be lowercase letters, digits and `_`"
                ));
            }
            Ok((GradeId::new(id), label.clone(), passes))
        }
        (Some(_), _, _, _) => err("give either `grade` or `id` with `label`, not both".into()),
        (None, _, _, _) => err("an open band needs `id`, `label` and `passes`".into()),
    }
}

fn check_bands(bands: &[GradeBand], max: Decimal) -> Result<Vec<Band>, StandardError> {
    let err = |m: String| Err(StandardError::Bands { message: m });
    let Some(first) = bands.first() else {
        return err("no grade bands".into());
    };
    if bands.len() > MAX_PARTS {
        return err(format!("more than {MAX_PARTS} bands"));
    }
    if !first.from.get().is_zero() {
        return err(format!("the lowest band starts at {}, not 0", first.from));
    }
    let mut out: Vec<Band> = Vec::with_capacity(bands.len());
    for (i, b) in bands.iter().enumerate() {
        let (id, label, passes) = band_identity(i, b)?;
        let name = id.to_string();
        if out.iter().any(|o| o.id == id) {
            return err(format!("band `{name}` is listed twice"));
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| bands.get(j)) {
            let prev_name = out.last().map(|o| o.id.to_string()).unwrap_or_default();
            match prev.below {
                Some(below) if below == b.from => {}
                Some(below) if below < b.from => {
                    return err(format!(
                        "gap between {below} and {} ({prev_name} → {name})",
                        b.from
                    ));
                }
                Some(below) => {
                    return err(format!(
                        "{name} starts at {} inside the band below it, which ends below {below}",
                        b.from
                    ));
                }
                None => {
                    return err(format!(
                        "band {i} ({prev_name}) has no upper limit but is not the top band"
                    ));
                }
            }
        }
        match b.below {
            Some(below) if below <= b.from => {
                return err(format!(
                    "{name} band is empty: from {} below {below}",
                    b.from
                ));
            }
            Some(below) if i.saturating_add(1) == bands.len() => {
                return err(format!(
                    "the top band ({name}) ends below {below}; it must include the maximum {}",
                    fmt(max)
                ));
            }
            _ => {}
        }
        if b.from.get() > max {
            return err(format!(
                "{name} starts at {} above the maximum {}",
                b.from,
                fmt(max)
            ));
        }
        out.push(Band {
            id,
            label,
            passes,
            from: b.from.get(),
        });
    }
    if !out.iter().any(|b| b.passes) {
        return err("no band passes: the pass mark is missing".into());
    }
    Ok(out)
}

/// Whether `value` is not `from` plus a whole number of `step`s (a zero step: never on it).
fn off_step(value: Decimal, from: Decimal, step: Decimal) -> bool {
    value
        .saturating_sub(from)
        .checked_rem(step)
        .is_none_or(|r| !r.is_zero())
}
