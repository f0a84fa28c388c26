//! The leaf of the gate vocabulary: gate ids, severities and outcomes. It imports
//! nothing from the gates' checks, so `policy` (which gives each gate its severity) and
//! `county` (which declares its own ids with the same macro) can use it without a cycle.
//!
//! ```
//! use sws_eval::gates::{GateId, Severity};
//! assert_eq!(GateId::ALL[0].as_str(), "art8.contractor_eligible");
//! assert!(Severity::Veto > Severity::Rectify);
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How much an unmet gate weighs. 严重程度。
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Reported only. 仅提示。
    Advisory,
    /// Orders a correction with a deadline; does not fail the evaluation by itself. 限期整改。
    Rectify,
    /// Fails the evaluation whatever the score (一票否决). 一票否决。
    Veto,
}

/// A gate's outcome; the four states are never merged. 规则结果。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GateOutcome {
    /// The rule holds. 符合。
    Met,
    /// The rule is broken. 不符合。
    NotMet,
    /// The rule does not apply here (no departure, not yet due, …). 不适用。
    NotApplicable,
    /// The evidence needed is missing. 证据不足。
    InsufficientEvidence,
}

/// Declares a gate id enum: one variant per gate with its JSON id, articles and zh/en
/// rule, plus `ALL`, `as_str`, `articles` and `rule`. Station gates (here) and county
/// gates (`county`) share it.
macro_rules! gate_ids {
    ($(#[$meta:meta])* $name:ident, $err:ident, $all:literal; $( $v:ident => $id:literal, [$($a:literal),*], ($nzh:literal, $nen:literal), $zh:literal, $en:literal; )*) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("`", $id, "` ", $nen, " ", $nzh, ": ", $en, " (Art. ", $($a, " "),*, ") ", $zh)]
                #[serde(rename = $id)]
                $v,
            )*
        }

        impl $name {
            #[doc = $all]
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The gate's id as it appears in JSON, e.g. `art12.min_staff`.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $id),* }
            }

            /// The articles of the measure the gate rests on.
            pub fn articles(self) -> &'static [&'static str] {
                match self { $($name::$v => &[$($a),*]),* }
            }

            /// What the gate requires, in Chinese and English.
            pub fn rule(self) -> (&'static str, &'static str) {
                match self { $($name::$v => ($zh, $en)),* }
            }

            /// The gate's short name, in Chinese and English (`资金专款专用`, `no misuse
            /// of funds`): shown beside its id.
            pub fn name(self) -> (&'static str, &'static str) {
                match self { $($name::$v => ($nzh, $nen)),* }
            }

            /// The gate as a reader meets it: articles, short name and id, in Chinese
            /// and English ("第18、19条 资金专款专用（art18.no_misuse）" / "Art. 18, 19 no
            /// misuse of funds (art18.no_misuse)").
            pub fn label(self) -> crate::evidence::Text {
                crate::gates::gate_label(self.as_str(), self.articles(), self.name())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, $err> {
                $name::ALL.iter().copied().find(|g| g.as_str() == s).ok_or_else(|| $err {
                    given: s.to_owned(),
                    suggestion: crate::suggest::closest(s, $name::ALL.iter().map(|g| g.as_str())),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use gate_ids;

gate_ids! {
    /// A station-level gate of docs/default-standard.md §4. The ids are a public contract. 站点级硬性规则编号（固定不变）。
    GateId, UnknownGate, "Every station-level gate, in the order they are reported.";
    Art8ContractorEligible => "art8.contractor_eligible", ["8"], ("承接机构资质", "contractor eligible"), "承接机构依法登记且以专业社会工作服务为主业", "contractor lawfully registered, main business professional social work";
    Art9ProjectStructure => "art9.project_structure", ["9"], ("“1+N”项目结构", "1+N project structure"), "1个主项目、2-3个子项目", "exactly 1 main project and 2–3 sub-projects";
    Art10OfficeArea => "art10.office_area", ["10"], ("人均办公面积", "office area per worker"), "人均办公面积不少于6平方米", "office area per resident worker at least 6 m²";
    Art10FunctionalAreas => "art10.functional_areas", ["10"], ("功能区设置", "functional areas"), "办公区、个案室、小组室、多功能活动区、档案室齐全", "all five functional areas present";
    Art11WrittenRules => "art11.written_rules", ["11"], ("制度建设", "written rules"), "各项制度齐全", "all required written rules present";
    Art12MinStaff => "art12.min_staff", ["12"], ("驻站社工人数", "resident workers"), "全职驻站社工不少于3名", "at least 3 full-time resident workers";
    Art12StaffSplit => "art12.staff_split", ["12"], ("社工配备来源", "who provides the workers"), "乡镇（街道）配备1-2名、承接机构配备不少于2名", "township provides 1–2, contractor at least 2";
    Art12EntryAge => "art12.entry_age", ["12"], ("入职年龄", "age at entry"), "入职年龄35周岁以下，持全国社会工作者职业资格证书的40周岁以下", "age at entry at most 35, or 40 with the national certificate at entry";
    Art12Education => "art12.education", ["12"], ("学历要求", "education"), "大专及以上学历", "junior college (大专) or above";
    Art12SupervisorQualified => "art12.supervisor_qualified", ["12"], ("项目主管资质", "supervisor qualified"), "项目主管具备社会工作专业资质", "project supervisor holds a professional qualification";
    Art12AllQualifiedAfter3y => "art12.all_qualified_after_3y", ["12"], ("三年内全员持证", "all qualified within 3 years"), "项目启动3年内驻站社工全部具备专业资质", "every resident worker qualified within 3 years of the project's start";
    Art13RecordsRetained => "art13.records_retained", ["13"], ("资料留存", "records retained"), "评估相关服务及财务资料保存5年以上", "evaluation-related service and financial records kept at least 5 years";
    Art13AccountingArchives => "art13.accounting_archives", ["13"], ("会计档案长期保留", "accounting archives kept"), "会计档案由承接机构长期保留", "accounting archives kept long-term by the contractor";
    Art13Handover => "art13.handover", ["13"], ("档案移交", "archive handover"), "退出后30个工作日内移交全部服务档案（附清单、签订移交协议），并做好信息保密", "every kind of service archive handed over with a list and a signed agreement within 30 working days of leaving, confidentiality kept";
    Art14Signage => "art14.signage", ["14"], ("站牌标识", "signage"), "悬挂社会工作服务站站牌及荧光行标识", "station plate and brand mark present";
    Art18SeparateLedgers => "art18.separate_ledgers", ["18"], ("分账核算", "separate ledgers"), "分子项目、分资金来源单独核算", "a separate ledger per sub-project and funding source";
    Art18NoMisuse => "art18.no_misuse", ["18", "19"], ("资金专款专用", "no misuse of funds"), "无混用、挤占、挪用资金或超范围使用", "no mixing, diverting, misappropriating funds or spending outside a fund's purpose";
    Art25SignedWithin10Days => "art25.signed_within_10_days", ["25"], ("合同按期签订", "contract signed in time"), "中标通知书发出之日起10日内签订合同", "contract signed within 10 days of the award notice";
    Art25TermAtMost3Years => "art25.term_at_most_3_years", ["25"], ("合同期限", "contract term"), "合同期限不超过3年", "contract term at most 3 years";
    Art25RequiredClauses => "art25.required_clauses", ["25"], ("合同必备条款", "required contract clauses"), "合同载明各项必备条款", "contract states every required clause";
    Art25InspectionPassed => "art25.inspection_passed", ["25"], ("省市督查评估", "provincial/city inspection"), "未发生省市督查评估不合格", "no failed provincial or city inspection evaluation";
    Art26ReportsFiled => "art26.reports_filed", ["26"], ("报告报送", "reports filed"), "按时报送月度简报、中期报告和年度报告", "monthly briefings, mid-term and annual reports filed as due";
    Art26ReportsOnTime => "art26.reports_on_time", ["26"], ("报告按时报送", "reports on time"), "各项报告按时报送市、县两级民政部门", "each report filed on time with both the city and the county bureau";
    Art26InfoSystem => "art26.info_system", ["26"], ("信息系统录入", "information system entries"), "服务数据录入全国社会工作信息系统", "services entered in the national information system";
    Art28TwoEvaluationsAYear => "art28.two_evaluations_a_year", ["28"], ("年度评估次数", "evaluations a year"), "每年至少开展2次第三方评估", "at least 2 third-party evaluations per project year";
    Art28NoSeriousDeviation => "art28.no_serious_deviation", ["28"], ("偏离合同目标", "deviation from contract goals"), "未严重偏离合同目标", "no serious deviation from the contract's goals";
    Art31Training48h => "art31.training_48h", ["31"], ("培训学时", "training hours"), "驻站社工每年参加有效培训不少于48学时", "each resident worker at least 48 countable training hours in the project year";
    Art32Supervision48h => "art32.supervision_48h", ["32"], ("督导时数", "supervision hours"), "驻站社工每年接受督导不少于48小时", "each resident worker at least 48 supervision hours in the project year";
    SeriousFalsifiedRecords => "serious.falsified_records", ["28"], ("弄虚作假", "falsified records"), "存在弄虚作假（假设性否决项）", "falsified records (assumption)";
    SeriousSafetyIncident => "serious.safety_incident", ["28"], ("重大安全事故", "major safety incident"), "发生重大安全事故（假设性否决项）", "major safety incident (assumption)";
    SeriousEthicsBreach => "serious.ethics_breach", ["28"], ("严重违反职业伦理", "serious ethics breach"), "严重违反职业伦理或泄露服务对象隐私（假设性否决项）", "serious breach of professional ethics or client privacy (assumption)";
}

/// An unknown gate id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown gate id `{given}`{}", crate::suggest::did_you_mean(suggestion.as_deref()))]
pub struct UnknownGate {
    /// The id given.
    pub given: String,
    /// The closest known id.
    pub suggestion: Option<String>,
}
