//! Checking a standard and compiling it into a flat form for fast scoring.

use std::collections::HashSet;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::{Condition, GradeBand, Node, Rule, Standard, StandardError, Step};
use crate::facts::{FactId, FactInfo, FactKind, Params, resolve_params};
use crate::standard::Grade;

/// Largest standard file read (1 MiB: the default is about 20 KiB).
pub(crate) const MAX_STANDARD_BYTES: usize = 1 << 20;
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
    pub(crate) bands: Vec<(Grade, Decimal)>,
}

/// A node in pre-order.
#[derive(Debug, Clone)]
pub(crate) struct CNode {
    /// The node's id (for reports).
    pub(crate) id: String,
    pub(crate) parent: Option<usize>,
    pub(crate) depth: usize,
    pub(crate) max: Decimal,
    /// Path of indices from the dimension list to this node (for reports).
    pub(crate) path: Vec<usize>,
    pub(crate) leaf: Option<usize>,
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
    pub(crate) fact: FactId,
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
        fact: FactId,
        steps: Vec<(Decimal, Decimal)>,
    },
    Rate {
        fact: FactId,
        min_sample: u32,
        steps: Vec<(Decimal, Decimal)>,
    },
    Levels {
        fact: FactId,
        levels: Vec<(String, Decimal)>,
    },
    Deduct(Vec<(FactId, Params, Decimal)>),
}

impl CompiledStandard {
    /// The built-in default: the reconstruction of DEFAULT-STANDARD §2–§3, shipped as
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
    pub fn grade_of(&self, total: Decimal) -> Grade {
        self.bands
            .iter()
            .rev()
            .find(|(_, from)| total >= *from)
            .map(|(g, _)| *g)
            .unwrap_or(Grade::Unqualified)
    }

    pub(crate) fn node(&self, path: &[usize]) -> Option<&Node> {
        let (first, rest) = path.split_first()?;
        let mut node = self.source.dimensions.get(*first)?;
        for i in rest {
            node = node.children.get(*i)?;
        }
        Some(node)
    }

    pub(crate) fn new(source: Standard) -> Result<CompiledStandard, StandardError> {
        let mut c = Compiler {
            nodes: Vec::new(),
            leaves: Vec::new(),
            ids: HashSet::new(),
        };
        let mut sum = Decimal::ZERO;
        for (i, dim) in source.dimensions.iter().enumerate() {
            c.node(dim, None, vec![i])?;
            sum += dim.max.get();
        }
        if source.dimensions.is_empty() || sum != source.max_points.get() {
            return Err(StandardError::ChildrenSum {
                id: "(root)".into(),
                max: source.max_points.to_string(),
                sum: sum.to_string(),
            });
        }
        let bands = check_bands(&source.grades, source.max_points.get())?;
        let hash = hex(&Sha256::digest(
            serde_json::to_vec(&source).unwrap_or_default(),
        ));
        Ok(CompiledStandard {
            source,
            hash,
            nodes: c.nodes,
            leaves: c.leaves,
            bands,
        })
    }
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
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Compiler {
    nodes: Vec<CNode>,
    leaves: Vec<CLeaf>,
    ids: HashSet<String>,
}

impl Compiler {
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
                found: self.nodes.len() + 1,
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
        self.nodes.push(CNode {
            id: n.id.clone(),
            parent,
            depth,
            max,
            path: path.clone(),
            leaf: None,
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
                let compiled = compile_rule(&n.id, max, rule)?;
                if let Some(node) = self.nodes.get_mut(index) {
                    node.leaf = Some(self.leaves.len());
                }
                self.leaves.push(CLeaf {
                    node: index,
                    max,
                    texts: crate::score::leaf_texts(rule, &compiled),
                    rule: compiled,
                });
            }
            (None, false) => {
                let mut sum = Decimal::ZERO;
                for (i, child) in n.children.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(i);
                    self.node(child, Some(index), p)?;
                    sum += child.max.get();
                }
                if sum != max {
                    return Err(StandardError::ChildrenSum {
                        id: n.id.clone(),
                        max: n.max.to_string(),
                        sum: sum.to_string(),
                    });
                }
            }
        }
        Ok(())
    }
}

fn rule_err(id: &str, message: String) -> StandardError {
    StandardError::Rule {
        id: id.to_owned(),
        message,
    }
}

fn unknown_fact(id: &str, name: &str) -> StandardError {
    let suggestion =
        crate::suggest::closest(name, crate::facts::catalogue().iter().map(|f| f.name));
    StandardError::UnknownFact {
        id: id.to_owned(),
        fact: name.to_owned(),
        suggestion,
    }
}

fn fact(
    id: &str,
    rule: &'static str,
    name: &str,
    want: FactKind,
) -> Result<(FactId, &'static FactInfo), StandardError> {
    let Some((fid, info)) = FactId::from_name(name) else {
        return Err(unknown_fact(id, name));
    };
    if info.kind != want {
        return Err(StandardError::FactKind {
            id: id.to_owned(),
            rule,
            fact: name.to_owned(),
            kind: info.kind,
        });
    }
    Ok((fid, info))
}

fn condition(id: &str, rule: &'static str, c: &Condition) -> Result<CCond, StandardError> {
    let Some((fid, info)) = FactId::from_name(&c.fact) else {
        return Err(unknown_fact(id, &c.fact));
    };
    let params = resolve_params(info, &c.params).map_err(|m| rule_err(id, m))?;
    let (at_least, at_most) = (c.at_least.map(|t| t.get()), c.at_most.map(|t| t.get()));
    match info.kind {
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
            fact: fid,
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
                    i + 1
                ),
            ));
        }
        if let Some(cap) = cap {
            if t > cap {
                return Err(rule_err(
                    id,
                    format!(
                        "step {} threshold {t} is above {cap}: a rate lies in [0, 1]",
                        i + 1
                    ),
                ));
            }
        }
        if let Some((pt, pp)) = out.last() {
            if t >= *pt {
                return Err(rule_err(
                    id,
                    format!(
                        "steps must be listed from the highest threshold down; step {} ({t}) is not below {pt}",
                        i + 1
                    ),
                ));
            }
            if p > *pp {
                return Err(rule_err(
                    id,
                    format!(
                        "step {} gives more points ({p}) than the higher step before it ({pp})",
                        i + 1
                    ),
                ));
            }
        }
        out.push((t, p));
    }
    Ok(out)
}

fn compile_rule(id: &str, max: Decimal, rule: &Rule) -> Result<CRule, StandardError> {
    Ok(match rule {
        Rule::Check { when } => CRule::Check(condition(id, "check", when)?),
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
                sum += item.points.get();
                out.push((item.points.get(), condition(id, "checklist", &item.when)?));
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
            let (fact, _) = fact(id, "ratio_steps", f, FactKind::Pair)?;
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
            let (fact, _) = fact(id, "rate_steps", f, FactKind::Pair)?;
            CRule::Rate {
                fact,
                min_sample: min_sample.unwrap_or(0),
                steps: steps(id, max, s, Some(Decimal::ONE))?,
            }
        }
        Rule::Levels { fact: f, levels } => {
            let (fact, _) = fact(id, "levels", f, FactKind::Level)?;
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
                let (fid, info) = fact(id, "deduct", &d.fact, FactKind::Number)?;
                let params = resolve_params(info, &d.params).map_err(|m| rule_err(id, m))?;
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
    })
}

fn check_bands(bands: &[GradeBand], max: Decimal) -> Result<Vec<(Grade, Decimal)>, StandardError> {
    let err = |m: String| Err(StandardError::Bands { message: m });
    let Some(first) = bands.first() else {
        return err("no grade bands".into());
    };
    if !first.from.get().is_zero() {
        return err(format!(
            "the lowest band ({}) starts at {}, not 0",
            first.grade.en(),
            first.from
        ));
    }
    let mut out = Vec::with_capacity(bands.len());
    for (i, b) in bands.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|j| bands.get(j)) {
            if b.grade <= prev.grade {
                return err(format!(
                    "band {} ({}) must be a higher grade than the band below it ({})",
                    i + 1,
                    b.grade.en(),
                    prev.grade.en()
                ));
            }
            match prev.below {
                Some(below) if below == b.from => {}
                Some(below) if below < b.from => {
                    return err(format!(
                        "gap between {below} and {} ({} → {})",
                        b.from,
                        prev.grade.en(),
                        b.grade.en()
                    ));
                }
                Some(below) => {
                    return err(format!(
                        "{} starts at {} inside the band below it, which ends below {below}",
                        b.grade.en(),
                        b.from
                    ));
                }
                None => {
                    return err(format!(
                        "band {} ({}) has no upper limit but is not the top band",
                        i,
                        prev.grade.en()
                    ));
                }
            }
        }
        match b.below {
            Some(below) if below <= b.from => {
                return err(format!(
                    "{} band is empty: from {} below {below}",
                    b.grade.en(),
                    b.from
                ));
            }
            Some(below) if i + 1 == bands.len() => {
                return err(format!(
                    "the top band ({}) ends below {below}; it must include the maximum {max}",
                    b.grade.en()
                ));
            }
            _ => {}
        }
        if b.from.get() > max {
            return err(format!(
                "{} starts at {} above the maximum {max}",
                b.grade.en(),
                b.from
            ));
        }
        out.push((b.grade, b.from.get()));
    }
    if !bands.iter().any(|b| b.grade == Grade::Qualified) {
        return err("no band for `qualified` (the pass mark)".into());
    }
    Ok(out)
}
