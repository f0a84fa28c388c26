//! The stable codes of warnings, verdict reasons and renewal reasons: a public
//! contract, written in JSON as the snake_case strings listed here (schemas list them
//! as `enum`s). New codes may be added in minor versions (`#[non_exhaustive]`).
//!
//! ```
//! use sws_eval::decision::{RenewalReasonCode, VerdictReasonCode, WarningCode};
//! assert_eq!(serde_json::to_string(&WarningCode::PolicyEnded).unwrap(), "\"policy_ended\"");
//! assert_eq!(VerdictReasonCode::BelowPassMark.as_str(), "below_pass_mark");
//! assert_eq!(RenewalReasonCode::VerdictFail.to_string(), "verdict_fail");
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares a code enum with `as_str` (the JSON string), `ALL` and `Display`.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $v:ident => $s:literal, )* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $v, )*
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The code as written in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }
        }

        /// A code equals its JSON string (`code == "policy_ended"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

codes! {
    /// What a warning is about. 提示代码。
    WarningCode {
        /// The governing policy version ended before the evaluation (or the county
        /// check). 适用的政策版本已失效。
        PolicyEnded => "policy_ended",
        /// A veto gate lacks evidence. 否决项缺少证据。
        VetoGateUnverified => "veto_gate_unverified",
        /// Indicators scored 0 for want of evidence. 指标因证据不足计0分。
        InsufficientEvidence => "insufficient_evidence",
        /// The built-in standard is a reconstruction. 评分标准为重构版。
        ReconstructedStandard => "reconstructed_standard",
        /// Another standard declares itself a reconstruction. 评分标准声明为重构版。
        StandardProvenance => "standard_provenance",
        /// The evaluation date is outside the standard's effective period. 评估日期不在评分标准适用期内。
        StandardNotInEffect => "standard_not_in_effect",
        /// A mid-term evaluation failed. 中期评估不合格。
        MidTermFail => "mid_term_fail",
        /// The evaluator is not a third party (Art. 28). 评估方非第三方。
        EvaluatorNotIndependent => "evaluator_not_independent",
        /// A count of working days ran past the work calendar. 工作日历覆盖范围不足。
        CalendarOutOfRange => "calendar_out_of_range",
        /// Fewer evaluations in the project year than required (Art. 28). 年度评估次数不足。
        TooFewEvaluations => "too_few_evaluations",
        /// The project year has no final evaluation yet. 尚无末期评估。
        NoFinalEvaluation => "no_final_evaluation",
        /// The year's weighted total decides payment and renewal. 以年度加权总分为准。
        WeightedTotalGoverns => "weighted_total_governs",
        /// This final evaluation's verdict is superseded by the year's weighted total. 本次结论已被年度加权总分取代。
        SupersededByWeightedTotal => "superseded_by_weighted_total",
        /// Stations evaluated after their governing policy version ended (county). 部分站点评估晚于政策失效日期。
        StationsAfterPolicyEnded => "stations_after_policy_ended",
        /// Station evaluations that could not be decided (county). 部分站点未能作出决定。
        UndecidedStations => "undecided_stations",
        /// The evaluators' marks of a panel indicator spread beyond the standard's limit. 评估员评分极差超过上限。
        PanelSpread => "panel_spread",
        /// The evaluation date was replaced by the CLI's `--as-of`. 评估日期已按 `--as-of` 替换。
        AsOf => "as_of",
    }
}

codes! {
    /// Why the verdict is what it is. 结论理由代码。
    VerdictReasonCode {
        /// A veto gate is not met. 一票否决项不符合。
        VetoGateNotMet => "veto_gate_not_met",
        /// The total is below the pass mark. 总分低于合格线。
        BelowPassMark => "below_pass_mark",
        /// The total reaches the pass mark and no veto gate is unmet. 达到合格线。
        PassMarkReached => "pass_mark_reached",
        /// One of the standard's own vetoes was triggered. 评分标准一票否决。
        StandardVeto => "standard_veto",
    }
}

codes! {
    /// A reason bearing on renewal. 续签理由代码。
    RenewalReasonCode {
        /// A mid-term evaluation never decides renewal. 续签由末期评估决定。
        MidTerm => "mid_term",
        /// The project year has no final evaluation yet. 尚无末期评估。
        NoFinalEvaluation => "no_final_evaluation",
        /// The evaluation failed. 评估不合格。
        VerdictFail => "verdict_fail",
        /// A veto gate is not met. 否决项不符合。
        VetoGateNotMet => "veto_gate_not_met",
        /// A veto gate lacks evidence. 否决项缺少证据。
        VetoGateUnverified => "veto_gate_unverified",
        /// The contractor does not meet Art. 8. 承接机构不符合第8条。
        ContractorIneligible => "contractor_ineligible",
        /// The contractor's eligibility lacks evidence. 承接机构资格缺少证据。
        ContractorEligibilityUnknown => "contractor_eligibility_unknown",
        /// The contractor has left the station. 承接机构已退出。
        ContractorLeft => "contractor_left",
        /// The contractor is based in another county (Art. 22). 承接机构跨县区。
        ContractorOutsideCounty => "contractor_outside_county",
        /// The proposed renewal term is too long (Art. 25). 拟续签期限过长。
        RenewalTermTooLong => "renewal_term_too_long",
        /// The governing policy version ends before the renewal. 政策版本失效。
        PolicyEnded => "policy_ended",
        /// The final evaluation passed. 末期评估合格。
        Passed => "passed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_is_the_serde_name() {
        for c in WarningCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for c in VerdictReasonCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for c in RenewalReasonCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
    }
}
