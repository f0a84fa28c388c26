//! The measure's parameters and gate severities, as dated policy versions.
//!
//! A [`Policy`] is one version of the rules: the numbers the measure sets (3 resident
//! workers, ages 35/40, 48 hours, 30 working days, …), each with the article it comes
//! from, and the severity of every gate. It is data, not code: the measure
//! 东民〔2022〕62号 is the built-in version, in force 2022-11-15 to 2025-11-14 (Art. 45),
//! and a purchaser loads a later version as a file.
//!
//! The version that governs a station project is the one in force on the day its
//! contract was signed ([`PolicySet::governing`]); none in force is an explicit error.
//!
//! ```
//! use sws_eval::policy::PolicySet;
//! let set = PolicySet::dongying();
//! let p = set.governing_on("2023-06-01".parse().unwrap()).unwrap();
//! assert_eq!(p.id, "dongying-2022");
//! assert_eq!(p.parameters.min_training_hours.value.to_string(), "48");
//! assert!(set.governing_on("2025-11-15".parse().unwrap()).is_err());
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::evidence::Text;
use crate::gates::{GateId, Severity};
use crate::num::{Money, Threshold};

const DONGYING_JSON: &str = include_str!("../data/policies/dongying.json");

/// Why a policy could not be loaded or chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The file is not policy JSON.
    #[error("policy JSON is invalid at line {line}, column {column}: {message}")]
    Json {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// No version is in force on the contract's signing date.
    #[error(
        "no policy version is in force on {date} (the contract's signing date); versions known: {known}. Name a version explicitly to evaluate anyway"
    )]
    NoneInForce {
        /// The signing date.
        date: Date,
        /// The versions with their periods.
        known: String,
    },
    /// The named version does not exist.
    #[error("no policy version `{id}`; versions known: {known}")]
    UnknownVersion {
        /// The id asked for.
        id: String,
        /// The versions known.
        known: String,
    },
    /// A version leaves a gate without a severity, or lists one twice.
    #[error("policy version `{version}`: gate `{gate}` {problem}")]
    Gate {
        /// The version.
        version: String,
        /// The gate id.
        gate: String,
        /// `has no severity` or `is listed more than once`.
        problem: &'static str,
    },
    /// Two versions overlap, or a version ends before it starts.
    #[error("policy versions: {message}")]
    Periods {
        /// What is wrong.
        message: String,
    },
    /// A parameter is out of range.
    #[error("policy version `{version}`: parameter `{name}` {message}")]
    Parameter {
        /// The version.
        version: String,
        /// The parameter.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// A set of dated policy versions. 政策版本集。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Policy versions 政策版本")]
pub struct PolicySet {
    /// The versions, oldest first; their periods do not overlap. 各版本。
    pub versions: Vec<Policy>,
}

/// One version of the measure's rules. 政策版本。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Stable id, e.g. `dongying-2022`. 版本编号。
    pub id: String,
    /// The document, e.g. 东民〔2022〕62号. 文件文号。
    pub document: String,
    /// Title. 标题。
    pub title: Text,
    /// When it is in force (both days included). 有效期。
    pub in_force: InForce,
    /// The measure's numbers, each with its article. 参数。
    pub parameters: Parameters,
    /// The severity of every gate. 各项硬性规则的严重程度。
    pub gates: Vec<GateSetting>,
    /// Combining the evaluations of a project year (§5; off by default). 年度多次评估合并方式。
    #[serde(default)]
    pub combination: Combination,
}

/// A period in force. 有效期。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    /// First day. 施行日期。
    pub from: Date,
    /// Last day. 有效期至。
    pub until: Date,
    /// The article that sets the period. 依据条款。
    pub article: String,
}

/// A parameter's value and where the measure sets it. 参数值及依据。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Param<T> {
    /// The value. 数值。
    pub value: T,
    /// Articles. 依据条款。
    pub articles: Vec<String>,
    /// An assumption, not a number of the measure. 是否为假设。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
}

/// The measure's numbers. 办法规定的数值。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// Main projects per station programme (Art. 9: 1). 主项目数。
    pub main_projects: Param<u32>,
    /// Fewest sub-projects (Art. 9: 2). 子项目数下限。
    pub sub_projects_min: Param<u32>,
    /// Most sub-projects (Art. 9: 3). 子项目数上限。
    pub sub_projects_max: Param<u32>,
    /// Least office area per resident worker in m² (Art. 10: 6). 人均办公面积下限。
    pub min_office_area_per_worker_m2: Param<Threshold>,
    /// Fewest full-time resident workers (Art. 12: 3). 驻站社工人数下限。
    pub min_resident_workers: Param<u32>,
    /// Fewest workers provided by the township (Art. 12: 1). 乡镇配备下限。
    pub township_workers_min: Param<u32>,
    /// Most workers provided by the township (Art. 12: 2). 乡镇配备上限。
    pub township_workers_max: Param<u32>,
    /// Fewest workers provided by the contractor (Art. 12: 2). 承接机构配备下限。
    pub contractor_workers_min: Param<u32>,
    /// Oldest age at entry (Art. 12: 35). 入职年龄上限。
    pub max_entry_age: Param<u32>,
    /// Oldest age at entry with the national certificate (Art. 12: 40). 持证入职年龄上限。
    pub max_entry_age_certified: Param<u32>,
    /// Years from the project's start until every worker must be qualified (Art. 12: 3). 全员持证期限（年）。
    pub qualification_years: Param<u32>,
    /// Years records are kept (Art. 13: 5). 资料保存年限。
    pub records_retention_years: Param<u32>,
    /// Working days to hand archives over after leaving (Art. 13: 30). 档案移交期限（工作日）。
    pub handover_working_days: Param<u32>,
    /// Least purchase funding per station per year, yuan (Art. 15: 50,000). 每站年度经费下限（元）。
    pub min_funding_per_station: Param<Money>,
    /// Days from the award notice to sign (Art. 25: 10). 签约期限（日）。
    pub signing_days: Param<u32>,
    /// Longest contract term in years (Art. 25: 3). 合同期限上限（年）。
    pub max_term_years: Param<u32>,
    /// Fewest evaluations per project year (Art. 28: 2). 年度评估次数下限。
    pub min_evaluations_per_year: Param<u32>,
    /// Least countable training hours per worker per year (Art. 31: 48). 年度培训学时下限。
    pub min_training_hours: Param<Threshold>,
    /// Of the training hours, least professional training hours (社会工作专业培训) per
    /// worker per year (Art. 31 names professional and policy-and-regulation training
    /// together for the 48 hours and sets no split: assumed 0, either kind makes up the
    /// 48). Absent from a policy file: that assumed 0. 其中专业培训学时下限（假设为0）。
    #[serde(default = "assumed_no_professional_minimum")]
    pub min_professional_training_hours: Param<Threshold>,
    /// Least supervision hours per worker per year (Art. 32: 48). 年度督导时数下限。
    pub min_supervision_hours: Param<Threshold>,
    /// Quarterly reports a county files per year (Art. 38: 4). 县区年度季度报告数。
    pub quarterly_reports_per_year: Param<u32>,
    /// Days allowed to rectify an unmet gate (assumption: the measure sets none). 整改期限（日，假设）。
    pub rectification_days: Param<u32>,
}

/// The professional-training minimum of a policy file that does not set one: 0, an
/// assumption (Art. 31 sets no split of the 48 hours).
fn assumed_no_professional_minimum() -> Param<Threshold> {
    Param {
        value: Threshold::ZERO,
        articles: vec!["31".to_owned()],
        assumed: true,
    }
}

/// A gate's severity in a version. 硬性规则严重程度。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateSetting {
    /// The gate. 规则编号。
    pub id: GateId,
    /// Its severity. 严重程度。
    pub severity: Severity,
}

/// How several evaluations of a project year combine (§5). 合并方式。
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    /// Weights for a weighted score; absent: the final evaluation alone decides. 加权（缺省时以末期评估为准）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted: Option<Weights>,
}

/// Weights of a weighted combination; they add up to 1. 权重（合计为1）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Weight of the mid-term evaluations (their mean), e.g. 0.4. 中期权重。
    pub mid_term: Threshold,
    /// Weight of the final evaluation, e.g. 0.6. 末期权重。
    #[serde(rename = "final")]
    pub final_: Threshold,
}

impl Policy {
    /// The severity of a gate in this version (every gate has one: checked on load).
    pub fn severity(&self, gate: GateId) -> Severity {
        self.gates
            .iter()
            .find(|g| g.id == gate)
            .map(|g| g.severity)
            .unwrap_or(Severity::Advisory)
    }

    /// Whether `date` lies in the version's period.
    pub fn in_force_on(&self, date: Date) -> bool {
        self.in_force.from <= date && date <= self.in_force.until
    }

    fn check(&self) -> Result<(), PolicyError> {
        for gate in GateId::ALL {
            match self.gates.iter().filter(|g| g.id == *gate).count() {
                1 => {}
                0 => {
                    return Err(PolicyError::Gate {
                        version: self.id.clone(),
                        gate: gate.as_str().to_owned(),
                        problem: "has no severity",
                    });
                }
                _ => {
                    return Err(PolicyError::Gate {
                        version: self.id.clone(),
                        gate: gate.as_str().to_owned(),
                        problem: "is listed more than once",
                    });
                }
            }
        }
        if self.in_force.until < self.in_force.from {
            return Err(PolicyError::Periods {
                message: format!(
                    "`{}` ends {} before it starts {}",
                    self.id, self.in_force.until, self.in_force.from
                ),
            });
        }
        let p = &self.parameters;
        let bad = |name: &'static str, message: &str| {
            Err(PolicyError::Parameter {
                version: self.id.clone(),
                name,
                message: message.to_owned(),
            })
        };
        // Each number within what the measure could sensibly say, so that no date or
        // count derived from it can leave the calendar's or the decimal's range.
        let counts: [(&'static str, u32, u32); 19] = [
            ("main_projects", p.main_projects.value, 100),
            ("sub_projects_min", p.sub_projects_min.value, 100),
            ("sub_projects_max", p.sub_projects_max.value, 100),
            ("min_resident_workers", p.min_resident_workers.value, 10_000),
            ("township_workers_min", p.township_workers_min.value, 10_000),
            ("township_workers_max", p.township_workers_max.value, 10_000),
            (
                "contractor_workers_min",
                p.contractor_workers_min.value,
                10_000,
            ),
            ("max_entry_age", p.max_entry_age.value, 150),
            (
                "max_entry_age_certified",
                p.max_entry_age_certified.value,
                150,
            ),
            ("qualification_years", p.qualification_years.value, 100),
            (
                "records_retention_years",
                p.records_retention_years.value,
                100,
            ),
            ("max_term_years", p.max_term_years.value, 100),
            (
                "handover_working_days",
                p.handover_working_days.value,
                MAX_PERIOD_DAYS,
            ),
            ("signing_days", p.signing_days.value, MAX_PERIOD_DAYS),
            (
                "rectification_days",
                p.rectification_days.value,
                MAX_PERIOD_DAYS,
            ),
            (
                "min_evaluations_per_year",
                p.min_evaluations_per_year.value,
                366,
            ),
            (
                "quarterly_reports_per_year",
                p.quarterly_reports_per_year.value,
                366,
            ),
            (
                "min_training_hours",
                hours_ceiling(p.min_training_hours.value),
                8_784,
            ),
            (
                "min_supervision_hours",
                hours_ceiling(p.min_supervision_hours.value),
                8_784,
            ),
        ];
        for (name, value, max) in counts {
            if value > max {
                return bad(name, &format!("is {value}; at most {max} is allowed"));
            }
        }
        if p.min_office_area_per_worker_m2.value.get() > rust_decimal::Decimal::from(10_000) {
            return bad(
                "min_office_area_per_worker_m2",
                "is above 10000 m² per worker, the most allowed",
            );
        }
        if p.sub_projects_min.value > p.sub_projects_max.value {
            return bad("sub_projects_min", "is above sub_projects_max");
        }
        if p.township_workers_min.value > p.township_workers_max.value {
            return bad("township_workers_min", "is above township_workers_max");
        }
        if p.min_professional_training_hours.value > p.min_training_hours.value {
            return bad(
                "min_professional_training_hours",
                "is above min_training_hours",
            );
        }
        if p.max_entry_age.value > p.max_entry_age_certified.value {
            return bad("max_entry_age", "is above max_entry_age_certified");
        }
        if let Some(w) = &self.combination.weighted
            && w.mid_term.get().saturating_add(w.final_.get()) != rust_decimal::Decimal::ONE
        {
            return Err(PolicyError::Parameter {
                version: self.id.clone(),
                name: "combination.weighted",
                message: format!("weights {} + {} do not add up to 1", w.mid_term, w.final_),
            });
        }
        Ok(())
    }
}

/// The longest period in days a policy may set (about ten years).
const MAX_PERIOD_DAYS: u32 = 3_660;

/// Hours rounded up to a whole number (for the bound check only).
fn hours_ceiling(hours: Threshold) -> u32 {
    u32::try_from(
        rust_decimal::prelude::ToPrimitive::to_u64(&hours.get().ceil()).unwrap_or(u64::MAX),
    )
    .unwrap_or(u32::MAX)
}

impl PolicySet {
    /// The built-in versions: the measure 东民〔2022〕62号 (2022-11-15 to 2025-11-14).
    pub fn dongying() -> PolicySet {
        PolicySet::from_json(DONGYING_JSON).unwrap_or_else(|e| broken_builtin(&e))
    }

    /// Reads and checks a set of versions.
    ///
    /// ```
    /// let err = sws_eval::policy::PolicySet::from_json(r#"{"versions": []}"#).unwrap_err();
    /// assert!(err.to_string().contains("no version"));
    /// ```
    pub fn from_json(json: &str) -> Result<PolicySet, PolicyError> {
        let set: PolicySet = serde_json::from_str(json).map_err(|e| PolicyError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        set.check()?;
        Ok(set)
    }

    /// Checks every version, and that no two overlap.
    pub fn check(&self) -> Result<(), PolicyError> {
        if self.versions.is_empty() {
            return Err(PolicyError::Periods {
                message: "the set has no version".into(),
            });
        }
        for (i, v) in self.versions.iter().enumerate() {
            v.check()?;
            for w in self.versions.iter().skip(i.saturating_add(1)) {
                if v.id == w.id {
                    return Err(PolicyError::Periods {
                        message: format!("two versions are called `{}`", v.id),
                    });
                }
                if v.in_force.from <= w.in_force.until && w.in_force.from <= v.in_force.until {
                    return Err(PolicyError::Periods {
                        message: format!("`{}` and `{}` overlap", v.id, w.id),
                    });
                }
            }
        }
        Ok(())
    }

    fn known(&self) -> String {
        self.versions
            .iter()
            .map(|v| format!("{} ({} to {})", v.id, v.in_force.from, v.in_force.until))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The version in force on `date` (for a project: its contract's signing date).
    pub fn governing_on(&self, date: Date) -> Result<&Policy, PolicyError> {
        self.versions
            .iter()
            .find(|v| v.in_force_on(date))
            .ok_or_else(|| PolicyError::NoneInForce {
                date,
                known: self.known(),
            })
    }

    /// The version with this id.
    pub fn by_id(&self, id: &str) -> Result<&Policy, PolicyError> {
        self.versions
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| PolicyError::UnknownVersion {
                id: id.to_owned(),
                known: self.known(),
            })
    }

    /// The version governing a project: the one named, if any, else the one in force
    /// on the contract's signing date.
    pub fn governing(&self, signed_on: Date, named: Option<&str>) -> Result<&Policy, PolicyError> {
        match named {
            Some(id) => self.by_id(id),
            None => self.governing_on(signed_on),
        }
    }
}

#[cold]
fn broken_builtin(e: &PolicyError) -> PolicySet {
    // Only reachable if the shipped data file is broken, which the tests rule out.
    #[allow(clippy::panic)]
    {
        panic!("the built-in policy does not load: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_with_every_gate() {
        let set = PolicySet::dongying();
        let p = set.by_id("dongying-2022").unwrap();
        assert_eq!(p.in_force.from.to_string(), "2022-11-15");
        assert_eq!(p.in_force.until.to_string(), "2025-11-14");
        assert_eq!(p.severity(GateId::Art8ContractorEligible), Severity::Veto);
        assert_eq!(p.severity(GateId::Art14Signage), Severity::Advisory);
        assert_eq!(p.gates.len(), GateId::ALL.len());
    }

    #[test]
    fn in_force_boundaries() {
        let set = PolicySet::dongying();
        assert!(set.governing_on("2022-11-14".parse().unwrap()).is_err());
        assert!(set.governing_on("2022-11-15".parse().unwrap()).is_ok());
        assert!(set.governing_on("2025-11-14".parse().unwrap()).is_ok());
        assert!(matches!(
            set.governing_on("2025-11-15".parse().unwrap()),
            Err(PolicyError::NoneInForce { .. })
        ));
        assert!(
            set.governing("2026-01-01".parse().unwrap(), Some("dongying-2022"))
                .is_ok()
        );
        assert!(matches!(
            set.governing("2026-01-01".parse().unwrap(), Some("x")),
            Err(PolicyError::UnknownVersion { .. })
        ));
    }

    #[test]
    fn missing_gate_and_overlap_are_refused() {
        let mut set = PolicySet::dongying();
        let mut v = set.versions[0].clone();
        v.gates.pop();
        assert!(matches!(
            PolicySet { versions: vec![v] }.check(),
            Err(PolicyError::Gate { .. })
        ));
        let mut w = set.versions[0].clone();
        w.id = "later".into();
        set.versions.push(w);
        assert!(matches!(set.check(), Err(PolicyError::Periods { .. })));
    }
}
