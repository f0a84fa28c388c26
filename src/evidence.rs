//! What an evaluator found: the evidence of one station project at one evaluation.
//!
//! Evidence is **facts, not scores**. The evaluator records the roster with birth dates,
//! entry dates, education and certificates; each training session with its provider
//! and hours; the services planned and delivered; the survey counts. The engine derives
//! everything the measure rules on (age at entry, countable hours per worker per
//! project year, months of briefings due, …) so that the rule, not the form-filler,
//! decides. Where the measure leaves a judgement to the evaluator (how complete the
//! archives are), the evaluator picks a named level.
//!
//! Every section an evaluator may not have looked at is optional: a missing section
//! makes the leaves and gates that need it `insufficient_evidence`, never "not met".
//! Unknown keys are rejected everywhere.
//!
//! ```
//! use sws_eval::evidence::Evidence;
//! let json = include_str!("../examples/data/station.json");
//! let ev: Evidence = serde_json::from_str(json).unwrap();
//! assert!(ev.check().is_empty());
//! assert!(serde_json::from_str::<Evidence>(r#"{"station": {}}"#).is_err());
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::num::{Area, Hours, Money};

/// Text in Chinese and English. 中英文文本。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Chinese. 中文。
    pub zh: String,
    /// English. 英文。
    pub en: String,
}

/// The evidence of one evaluation of one station project. 一次评估的证据。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Evidence of one evaluation 单次评估证据")]
pub struct Evidence {
    /// The station. 社工站。
    pub station: Station,
    /// The contractor running it (Art. 8, 22). 承接机构（第8、22条）。
    pub contractor: Contractor,
    /// The purchase contract (Art. 25, 27, 29). 购买服务合同（第25、27、29条）。
    pub contract: Contract,
    /// This evaluation (Art. 28). 本次评估（第28条）。
    pub evaluation: EvaluationInfo,
    /// The "1+N" project structure (Art. 9). "1+N"项目结构（第9条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// Premises and equipment (Art. 10). 场地与设备（第10条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premises: Option<Premises>,
    /// Signage (Art. 14). 标识（第14条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signage: Option<Signage>,
    /// Written rules found (Art. 11). 制度建设（第11条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_rules: Option<WrittenRules>,
    /// Staff (Art. 12). 人员配备（第12条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Staff>,
    /// Training sessions attended in the project year (Art. 31). 培训记录（第31条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Vec<TrainingRecord>>,
    /// Supervision received in the project year (Art. 32). 督导记录（第32条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision: Option<Vec<SupervisionRecord>>,
    /// Archives, records and the information system (Art. 13, 26). 档案与信息系统（第13、26条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Records>,
    /// Finance (Art. 18, 19, 21, 27). 财务（第18、19、21、27条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finance: Option<Finance>,
    /// Services planned and delivered (Art. 9, 26). 服务计划与完成量（第9、26条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Services>,
    /// Reports filed (Art. 26). 报告报送（第26条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<Reports>,
    /// Surveys (Art. 11, 39). 问卷调查（第11、39条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surveys: Option<Surveys>,
    /// Levels the evaluator chose where the standard leaves a judgement. 评估员评定的等级。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Levels>,
    /// Serious findings (Art. 18, 19, 28); an empty list means none were found. 严重问题（空表示未发现）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<Finding>>,
    /// The contractor's departure, if it leaves (Art. 13). 承接机构退出（第13条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure: Option<Departure>,
    /// A proposed renewal, if one is on the table (Art. 25, 29). 拟续签（第25、29条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<RenewalProposal>,
    /// Values of the indicators the loaded standard declares (ids such as
    /// `x.party_building`), checked against that standard when scored. 标准自定义指标的取值。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub indicators: BTreeMap<String, IndicatorValue>,
    /// Nodes of the standard that do not apply to this station, each with the reason
    /// (only where the standard allows it). 不适用的指标及理由。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_applicable: BTreeMap<String, String>,
}

/// The value of one declared indicator; which form is right depends on the indicator's
/// kind in the loaded standard (`flag`: `true`; `count`: `3`; `amount`, `hours`, `mark`:
/// `"8.5"`; `level`: `"A"`; `pair`: `{"numerator": "45", "denominator": "50"}`).
/// 自定义指标的取值（形式取决于标准中声明的类别）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IndicatorValue {
    /// A flag. 是/否。
    Flag(bool),
    /// A count. 计数。
    Count(u64),
    /// A decimal string (amount, hours, mark) or a level name. 小数字符串或等级名称。
    Text(String),
    /// A numerator and a denominator. 分子与分母。
    Pair(PairValue),
    /// One mark or level per evaluator or source, for an indicator the standard gives a
    /// `panel`. 每名评估员或每个来源的评分。
    Panel(PanelValue),
}

/// The marks (or levels) of a panel indicator, keyed by the evaluator's name or the
/// source (`self`, `third_party`, …): `{"by": {"张三": "8.5", "李四": "9"}}`. 评分小组的评分。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanelValue {
    /// Evaluator or source → mark (a decimal string) or level name. 评估员（来源）→评分。
    pub by: BTreeMap<String, String>,
}

/// Numerator and denominator of a `pair` indicator, as decimal strings. 分子与分母。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PairValue {
    /// Numerator (delivered, positive answers, …). 分子。
    pub numerator: String,
    /// Denominator (planned, respondents, …). 分母。
    pub denominator: String,
}

/// The station. 社工站。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Station {
    /// A stable id chosen by the purchaser. 站点编号。
    pub id: String,
    /// The station's name. 站点名称。
    pub name: String,
    /// County, district or development zone (区/县/开发区). 所属县区。
    pub county: String,
    /// Township or street. 乡镇（街道）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<String>,
}

/// The contractor (承接机构).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contractor {
    /// The organisation's name. 机构名称。
    pub name: String,
    /// Unified social credit code, if known. 统一社会信用代码。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// The county where it runs stations (Art. 22). 所在县区（第22条）。
    pub county: String,
    /// Lawfully registered (Art. 8); absent if not checked. 依法登记（第8条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lawfully_registered: Option<bool>,
    /// Main business is professional social work services (Art. 8). 主业为专业社会工作服务（第8条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_business_social_work: Option<bool>,
}

/// The purchase contract. 购买服务合同。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Date of the award notice (中标/成交通知书). 中标通知书日期。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_notice_date: Option<Date>,
    /// Date the written contract was signed; picks the governing policy version. 合同签订日期。
    pub signed_on: Date,
    /// First day of the project (for the 3-year qualification rule, Art. 12). 项目开始日期。
    pub project_start: Date,
    /// Last day of the contract term (Art. 25: at most 3 years). 合同期满日期。
    pub term_end: Date,
    /// Contract price in yuan. 合同金额（元）。
    pub price: Money,
    /// Payments already made, in yuan (Art. 27). 已支付金额（元）。
    pub paid: Money,
    /// A mid-term tranche the contract's payment schedule defines, if any (§5). 合同约定的中期款。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mid_term_tranche: Option<Money>,
    /// Required clauses the contract states (Art. 25); absent if not checked. 合同必备条款。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clauses: Option<ContractClauses>,
}

/// The clauses Art. 25 requires a contract to state. 第25条要求的合同条款。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractClauses {
    /// Service content. 服务内容。
    pub service_content: bool,
    /// Staffing. 人员配备。
    pub staffing: bool,
    /// Term. 服务期限。
    pub term: bool,
    /// Quantity. 服务数量。
    pub quantity: bool,
    /// Quality. 服务质量。
    pub quality: bool,
    /// Price. 价格。
    pub price: bool,
    /// Settlement method. 资金结算方式。
    pub settlement: bool,
    /// Rights and obligations. 双方权利义务。
    pub rights_and_obligations: bool,
    /// Liability for breach. 违约责任。
    pub liability: bool,
    /// Change or termination for policy change, force majeure or a failed inspection evaluation. 变更或解除条款。
    pub change_or_termination: bool,
}

/// Whether this is the mid-term or the final evaluation of a project year. 评估类型。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    /// Mid-term (中期评估): drives rectification, never releases the remainder. 中期评估。
    MidTerm,
    /// Final (末期评估): decides the remaining payment and renewal. 末期评估。
    Final,
}

/// This evaluation. 本次评估。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationInfo {
    /// Mid-term or final. 中期或末期。
    pub kind: EvaluationKind,
    /// The evaluation date: the engine's "today" (it has no clock). 评估日期。
    pub date: Date,
    /// First day of the project year being evaluated. 本项目年度开始日期。
    pub project_year_start: Date,
    /// The third-party evaluator. 第三方评估机构。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<String>,
    /// Who the evaluator is to the project (Art. 28: a third party evaluates). 评估方身份。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator_kind: Option<EvaluatorKind>,
}

/// Who carried out an evaluation, relative to the project (Art. 28 commissions a third
/// party). 评估方身份。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluatorKind {
    /// An independent third party (Art. 28). 独立第三方。
    ThirdParty,
    /// The contractor evaluated itself: not independent. 承接机构自评（非独立）。
    Contractor,
    /// The purchaser evaluated directly: not a third party. 购买主体自行评估（非第三方）。
    Purchaser,
}

/// The "1+N" structure. "1+N"结构。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Structure {
    /// Number of main projects (must be 1). 主项目数。
    pub main_projects: u32,
    /// Number of sub-projects (2–3). 子项目数。
    pub sub_projects: u32,
}

/// Premises and equipment (Art. 10). 场地设备。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Premises {
    /// Office floor area in m². 办公面积（平方米）。
    pub office_area_m2: Area,
    /// A casework room. 个案工作室。
    pub casework_room: bool,
    /// A group work room. 小组工作室。
    pub group_work_room: bool,
    /// A multi-function activity area. 多功能活动区。
    pub activity_area: bool,
    /// An archive room. 档案室。
    pub archive_room: bool,
    /// Desks and chairs. 办公桌椅。
    pub desks_and_chairs: bool,
    /// A computer. 电脑。
    pub computer: bool,
    /// A printer. 打印机。
    pub printer: bool,
    /// File cabinets. 档案柜。
    pub file_cabinets: bool,
}

/// Signage (Art. 14). 标识。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signage {
    /// "社会工作服务站" plate with the national social work logo. 站牌及社会工作标识。
    pub station_plate_with_logo: bool,
    /// The "荧光行" brand mark. "荧光行"品牌标识。
    pub brand_mark: bool,
}

/// Written rules found on site (Art. 11). 制度。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WrittenRules {
    /// Organisation chart and duties. 组织架构及岗位职责。
    pub organisation_chart: bool,
    /// Operating procedures and service standards. 工作流程及服务标准。
    pub procedures_and_standards: bool,
    /// Personnel rules. 人事管理制度。
    pub personnel: bool,
    /// Finance rules. 财务管理制度。
    pub finance: bool,
    /// Volunteer rules. 志愿者管理制度。
    pub volunteers: bool,
    /// Premises use rules. 场地使用制度。
    pub premises_use: bool,
    /// Archive rules. 档案管理制度。
    pub archives: bool,
    /// Service pledge, satisfaction feedback, completion evaluation, appraisal. 服务承诺、满意度反馈、结项评估、考核制度。
    pub service_pledge: bool,
}

/// Staff (Art. 12). 人员。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// The contractor's project supervisor (项目主管). 项目主管。
    pub supervisor: Supervisor,
    /// Resident social workers on the roster at the evaluation date. 驻站社工名册。
    pub workers: Vec<Worker>,
}

/// The project supervisor. 项目主管。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supervisor {
    /// Name. 姓名。
    pub name: String,
    /// Professional qualifications held. 专业资质。
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
}

/// Who provides a resident worker (Art. 12). 人员来源。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvidedBy {
    /// The township or street (1–2). 乡镇（街道）。
    Township,
    /// The contractor (≥ 2). 承接机构。
    Contractor,
}

/// Highest education completed. 学历。
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// Below junior college. 大专以下。
    BelowJuniorCollege,
    /// Junior college (大专). 大专。
    JuniorCollege,
    /// Bachelor. 本科。
    Bachelor,
    /// Master. 硕士。
    Master,
    /// Doctorate. 博士。
    Doctorate,
}

/// Kind of professional qualification (社会工作专业资质). 专业资质类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QualificationKind {
    /// A degree in social work. 社会工作专业学历。
    SocialWorkDegree,
    /// The national social worker certificate (全国社会工作者职业资格证书). 全国社会工作者职业资格证书。
    NationalCertificate,
}

/// A qualification and the day it was obtained. 资质及取得日期。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Kind. 类别。
    pub kind: QualificationKind,
    /// Obtained on. 取得日期。
    pub obtained_on: Date,
}

/// A worker on the station's roster. Only a [resident worker](Worker::is_resident_on)
/// (驻站社工: full time, not yet left) counts for the staffing, qualification, office
/// area and hours rules; a part-time helper is recorded and shown, and counted by none
/// of them. 站点人员（全职且在岗者为驻站社工）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Worker {
    /// A roster id, unique within the station; training records refer to it. 编号。
    pub id: String,
    /// Name. 姓名。
    pub name: String,
    /// Township or contractor. 人员来源。
    pub provided_by: ProvidedBy,
    /// Works full time at the station. 全职驻站。
    pub full_time: bool,
    /// Date of birth. 出生日期。
    pub birth_date: Date,
    /// Date the worker entered the post (age and certificate are judged on it). 入职日期。
    pub entry_date: Date,
    /// Highest education. 学历。
    pub education: Education,
    /// Professional qualifications. 专业资质。
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// The worker's last day at the station, when the worker has left (turnover); from
    /// the next day the worker is no longer a resident worker. 离岗日期（最后在岗日）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_on: Option<Date>,
}

impl Worker {
    /// Whether this roster entry is a resident worker (驻站社工) on `day`: the one
    /// definition every rule uses (Art. 12, "专职驻站社工"). A resident worker works full
    /// time at the station and has not left before `day` (the day of leaving still
    /// counts). A part-time helper never is one.
    ///
    /// ```
    /// use sws_eval::evidence::Worker;
    /// let w: Worker = serde_json::from_value(serde_json::json!({
    ///     "id": "w1", "name": "张三", "provided_by": "contractor", "full_time": true,
    ///     "birth_date": "1995-01-01", "entry_date": "2023-01-01", "education": "bachelor",
    ///     "left_on": "2024-06-30"
    /// })).unwrap();
    /// assert!(w.is_resident_on("2024-06-30".parse().unwrap()));
    /// assert!(!w.is_resident_on("2024-07-01".parse().unwrap()));
    /// ```
    pub fn is_resident_on(&self, day: Date) -> bool {
        self.full_time && self.left_on.is_none_or(|last| day <= last)
    }
}

/// Who ran a training (Art. 31: only some providers count). 培训举办方。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingProvider {
    /// A civil affairs bureau at county level or above (counts). 县级以上民政部门（计入）。
    CivilAffairsBureau,
    /// A social-organisation incubation base (counts). 社会组织孵化基地（计入）。
    IncubationBase,
    /// A social-work industry body (counts). 社会工作行业组织（计入）。
    IndustryBody,
    /// Anyone else: reported, not counted. 其他（不计入）。
    Other,
}

impl TrainingProvider {
    /// Whether Art. 31 lets this provider run professional training that counts toward
    /// the 48 h (policy and regulation training counts whoever runs it:
    /// [`TrainingRecord::countable`]).
    ///
    /// ```
    /// use sws_eval::evidence::TrainingProvider;
    /// assert!(TrainingProvider::IndustryBody.countable());
    /// assert!(!TrainingProvider::Other.countable());
    /// ```
    pub fn countable(self) -> bool {
        !matches!(self, TrainingProvider::Other)
    }
}

/// Which of Art. 31's two kinds of training a session is. 培训类别（第31条）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingCategory {
    /// Professional social-work training (社会工作专业培训): counts only when a listed
    /// provider runs it centrally (集中开展) — a civil affairs bureau at county level or
    /// above, an incubation base or an industry body. 社会工作专业培训（限所列举办方集中开展）。
    Professional,
    /// Civil-affairs policy and regulation training (民政政策法规等培训): Art. 31 does not
    /// restrict who runs it, so it counts whoever does. 民政政策法规等培训（不限举办方）。
    PolicyAndRegulation,
}

/// The administrative level of a training provider. 举办方层级。
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProviderLevel {
    /// Township or street (乡镇、街道): below county level. 乡镇（街道）级。
    Township,
    /// County, district or development zone (县级). 县级。
    County,
    /// City (市级). 市级。
    City,
    /// Province (省级). 省级。
    Province,
    /// National (国家级). 国家级。
    National,
}

/// One training session attended by one worker. 培训记录。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingRecord {
    /// The worker's roster id. 社工编号。
    pub worker: String,
    /// Date of the session. 日期。
    pub date: Date,
    /// Hours attended. 学时。
    pub hours: Hours,
    /// Who ran it. 举办方。
    pub provider: TrainingProvider,
    /// Professional, or policy and regulation training (Art. 31); absent: professional,
    /// the kind whose provider is restricted. 培训类别（缺省为专业培训）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<TrainingCategory>,
    /// The provider's level (Art. 31: a civil affairs bureau counts at county level or
    /// above); absent: the provider kind's own meaning (a `civil_affairs_bureau` is one at
    /// county level or above). 举办方层级（缺省按举办方类别含义）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_level: Option<ProviderLevel>,
    /// Run centrally, in person (集中开展, Art. 31); `false` for self-study or a course a
    /// worker took alone; absent: not distinguished, taken as run centrally. 是否集中开展。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centralised: Option<bool>,
    /// Title. 名称。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl TrainingRecord {
    /// The session's category; absent means professional training.
    pub fn category(&self) -> TrainingCategory {
        self.category.unwrap_or(TrainingCategory::Professional)
    }

    /// Whether Art. 31 counts this session toward the 48 hours. Policy and regulation
    /// training counts whoever runs it; professional training counts only when run
    /// centrally by a civil affairs bureau at county level or above, an incubation
    /// base or an industry body.
    ///
    /// ```
    /// use sws_eval::evidence::TrainingRecord;
    /// let rec = |extra: serde_json::Value| -> TrainingRecord {
    ///     let mut v = serde_json::json!({"worker": "w1", "date": "2024-03-15", "hours": "16"});
    ///     v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    ///     serde_json::from_value(v).unwrap()
    /// };
    /// use serde_json::json;
    /// assert!(rec(json!({"provider": "civil_affairs_bureau", "provider_level": "county"})).countable());
    /// assert!(!rec(json!({"provider": "civil_affairs_bureau", "provider_level": "township"})).countable());
    /// assert!(!rec(json!({"provider": "industry_body", "centralised": false})).countable());
    /// assert!(!rec(json!({"provider": "other"})).countable());
    /// assert!(rec(json!({"provider": "other", "category": "policy_and_regulation"})).countable());
    /// ```
    pub fn countable(&self) -> bool {
        match self.category() {
            TrainingCategory::PolicyAndRegulation => true,
            TrainingCategory::Professional => {
                self.provider.countable()
                    && self.centralised != Some(false)
                    && (self.provider != TrainingProvider::CivilAffairsBureau
                        || self
                            .provider_level
                            .is_none_or(|l| l >= ProviderLevel::County))
            }
        }
    }
}

/// Supervision received by one worker. 督导记录。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRecord {
    /// The worker's roster id. 社工编号。
    pub worker: String,
    /// Date. 日期。
    pub date: Date,
    /// Hours. 小时数。
    pub hours: Hours,
}

/// Records and the information system (Art. 13, 26). 档案与信息系统。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// Services are entered in the national social work information system. 服务数据录入全国社会工作信息系统。
    pub info_system_entries: bool,
    /// Evaluation-related service records are kept. 评估相关服务资料留存。
    pub service_records_kept: bool,
    /// Evaluation-related financial records are kept. 评估相关财务资料留存。
    pub financial_records_kept: bool,
    /// Years the contractor's retention rule keeps them (Art. 13: ≥ 5). 保存年限。
    pub retention_years: u32,
    /// The contractor keeps its accounting archives (会计档案) long-term, with no
    /// disposal date (Art. 13); absent if not checked. 会计档案由承接机构长期保留。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounting_archives_long_term: Option<bool>,
}

/// Finance (Art. 18, 19, 21, 27). 财务。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    /// A separate ledger for every sub-project. 分子项目核算。
    pub ledger_per_sub_project: bool,
    /// A separate ledger for every funding source. 分资金来源核算。
    pub ledger_per_funding_source: bool,
    /// Budget for the project year up to the evaluation date, in yuan. 截至评估日预算（元）。
    pub budget_to_date: Money,
    /// Spent up to the evaluation date, in yuan. 截至评估日支出（元）。
    pub spent_to_date: Money,
    /// Every payment backed by a written request, the agreement and vouchers (Art. 27). 每笔支付有书面申请、协议及凭证。
    pub payments_documented: bool,
}

/// Planned and delivered counts of one kind of service. 计划与完成数。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedDelivered {
    /// Planned for the period (must be > 0 where scored). 计划数。
    pub planned: u32,
    /// Delivered. 完成数。
    pub delivered: u32,
}

/// Services (Art. 9, 26). 服务。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Services {
    /// Casework (个案). 个案。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub casework: Option<PlannedDelivered>,
    /// Group work (小组). 小组。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_work: Option<PlannedDelivered>,
    /// Community activities (社区活动). 社区活动。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_activities: Option<PlannedDelivered>,
    /// Home and phone visits (家访电访). 家访电访。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visits: Option<PlannedDelivered>,
    /// Publicity items (宣传). 宣传报道。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity: Option<PlannedDelivered>,
}

/// Reports filed to the city and county bureaus (Art. 26). 报告报送。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    /// Monthly briefings filed in the project year so far. 已报送月度简报数。
    pub monthly_briefings: u32,
    /// The mid-term report was filed. 已报送中期报告。
    pub mid_term_report: bool,
    /// The annual report was filed (due only at a final evaluation). 已报送年度报告。
    pub annual_report: bool,
    /// Each report of the project year so far with its due date and the days it was
    /// filed with the city and the county bureau (Art. 26: on time, to both); absent
    /// if not checked. The list may leave reports out (those not checked for
    /// timeliness), but never lists more filed reports of a kind than counted above.
    /// 各报告的应报日期及向市、县民政部门报送日期。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filings: Option<Vec<ReportFiling>>,
}

/// A kind of report the contractor files (Art. 26). 报告类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A monthly briefing (月度工作简报). 月度工作简报。
    MonthlyBriefing,
    /// The mid-term report (中期工作报告). 中期工作报告。
    MidTerm,
    /// The annual report (年度工作报告). 年度工作报告。
    Annual,
}

impl ReportKind {
    /// The kind's JSON name, e.g. `monthly_briefing`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::MonthlyBriefing => "monthly_briefing",
            ReportKind::MidTerm => "mid_term",
            ReportKind::Annual => "annual",
        }
    }
}

/// One report, when it was due and when it was filed with each bureau (Art. 26).
/// A due date that is not a working day moves to the next working day. 报告报送记录。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportFiling {
    /// Which report. 报告类别。
    pub kind: ReportKind,
    /// The day it was due, as the contract or the bureau set it. 应报日期。
    pub due_on: Date,
    /// The day it was filed with the city civil affairs bureau; absent: not filed with
    /// it. 报送市民政局日期（未报送则缺省）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed_with_city_on: Option<Date>,
    /// The day it was filed with the county civil affairs bureau; absent: not filed
    /// with it. 报送县级民政局日期（未报送则缺省）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed_with_county_on: Option<Date>,
}

impl ReportFiling {
    /// Filed with at least one bureau (a report the counts call filed).
    pub fn filed(&self) -> bool {
        self.filed_with_city_on.is_some() || self.filed_with_county_on.is_some()
    }
}

/// A survey's counts. 问卷数。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyCount {
    /// People who answered. 有效问卷数。
    pub respondents: u32,
    /// Those who answered positively (satisfied, or aware). 肯定回答数。
    pub positive: u32,
}

/// Surveys. 问卷调查。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Surveys {
    /// Client satisfaction (满意度). 服务对象满意度。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<SurveyCount>,
    /// Public awareness: knows ≥ 3 of 5 facts about the station (知晓率). 知晓率。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awareness: Option<SurveyCount>,
}

/// Levels the evaluator picks (A, B, C, D unless the standard names others). 评定等级。
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// Completeness of service archives (A6.1). 服务档案完整性。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archives: Option<String>,
    /// Spending within each fund's purpose (B2). 资金使用合规性。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund_use: Option<String>,
    /// Needs research (C1). 需求调研。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_research: Option<String>,
    /// Service plan (C2). 服务计划。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_plan: Option<String>,
    /// Volunteers and resource linkage (C7). 志愿者与资源链接。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_linkage: Option<String>,
    /// Purchaser and township appraisal (D2). 购买方及乡镇评价。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraisal: Option<String>,
    /// Experience summaries and innovation (E2). 经验总结与创新。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
}

/// Kind of serious finding. 严重问题类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Funds mixed between projects or sources (Art. 18). 资金混用。
    MixingFunds,
    /// Funds diverted (Art. 18). 挤占。
    DivertingFunds,
    /// Funds misappropriated (Art. 18). 挪用。
    MisappropriatingFunds,
    /// Spending outside a fund's purpose (Art. 19). 超范围使用资金。
    OutsidePurpose,
    /// Falsified records (Art. 28). 弄虚作假。
    FalsifiedRecords,
    /// A major safety incident (Art. 28). 重大安全事故。
    SafetyIncident,
    /// A serious breach of professional ethics or client privacy (Art. 28). 严重违反职业伦理或泄露隐私。
    EthicsBreach,
    /// A serious deviation from the contract's goals (Art. 28: corrected; serious cases
    /// suspend or stop the project). 严重偏离合同目标。
    SeriousDeviation,
    /// A failed provincial or city inspection evaluation (Art. 25: grounds to change or
    /// end the contract). 省市督查评估不合格。
    FailedInspection,
}

impl FindingKind {
    /// The kind's name in Chinese and English (`资金混用`, `mixing funds`), shown beside
    /// its code in gate texts.
    ///
    /// ```
    /// use sws_eval::evidence::FindingKind;
    /// assert_eq!(FindingKind::MixingFunds.name(), ("资金混用", "mixing funds"));
    /// ```
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            FindingKind::MixingFunds => ("资金混用", "mixing funds"),
            FindingKind::DivertingFunds => ("挤占资金", "diverting funds"),
            FindingKind::MisappropriatingFunds => ("挪用资金", "misappropriating funds"),
            FindingKind::OutsidePurpose => ("超范围使用资金", "spending outside a fund's purpose"),
            FindingKind::FalsifiedRecords => ("弄虚作假", "falsified records"),
            FindingKind::SafetyIncident => ("重大安全事故", "a major safety incident"),
            FindingKind::EthicsBreach => (
                "严重违反职业伦理或泄露服务对象隐私",
                "a serious breach of professional ethics or client privacy",
            ),
            FindingKind::SeriousDeviation => (
                "严重偏离合同目标",
                "serious deviation from the contract's goals",
            ),
            FindingKind::FailedInspection => (
                "省市督查评估不合格",
                "a failed provincial or city inspection evaluation",
            ),
        }
    }
}

/// A serious finding recorded by the evaluator. 严重问题。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Kind. 类别。
    pub kind: FindingKind,
    /// What was found. 情况说明。
    pub description: String,
}

/// The contractor's departure (Art. 13). 承接机构退出。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Departure {
    /// The day it left. 退出日期。
    pub left_on: Date,
    /// The handover of service archives, if it has happened. 档案移交。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover: Option<Handover>,
}

/// A handover of archives to the purchaser. 档案移交。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// Date handed over. 移交日期。
    pub date: Date,
    /// With a list of what was handed over. 附移交清单。
    pub with_list: bool,
    /// With a signed handover agreement. 签订移交协议。
    pub signed_agreement: bool,
    /// The kinds of service archive handed over (Art. 13 lists seven); absent if not
    /// checked. 移交的服务档案类别。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinds: Option<ArchiveKinds>,
    /// The information handed over was kept confidential (做好相关信息保密工作, Art. 13);
    /// absent if not checked. 做好信息保密。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality_kept: Option<bool>,
}

/// The kinds of service archive handed over (Art. 13: 个案、小组、社区服务、家访电访、服务对象建档、
/// 志愿者建档、服务需求调研). 移交的服务档案类别。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchiveKinds {
    /// Casework (个案). 个案。
    pub casework: bool,
    /// Group work (小组). 小组。
    pub group_work: bool,
    /// Community services (社区服务). 社区服务。
    pub community_services: bool,
    /// Home and phone visits (家访电访). 家访电访。
    pub visits: bool,
    /// Client files (服务对象建档). 服务对象建档。
    pub client_files: bool,
    /// Volunteer files (志愿者建档). 志愿者建档。
    pub volunteer_files: bool,
    /// Needs research (服务需求调研). 服务需求调研。
    pub needs_research: bool,
}

impl ArchiveKinds {
    /// The kinds not handed over, by their JSON names, in Art. 13's order.
    ///
    /// ```
    /// use sws_eval::evidence::ArchiveKinds;
    /// let mut k = ArchiveKinds { casework: true, group_work: true, community_services: true,
    ///     visits: true, client_files: true, volunteer_files: true, needs_research: true };
    /// assert!(k.lacking().is_empty());
    /// k.needs_research = false;
    /// assert_eq!(k.lacking(), ["needs_research"]);
    /// ```
    pub fn lacking(&self) -> Vec<&'static str> {
        [
            (self.casework, "casework"),
            (self.group_work, "group_work"),
            (self.community_services, "community_services"),
            (self.visits, "visits"),
            (self.client_files, "client_files"),
            (self.volunteer_files, "volunteer_files"),
            (self.needs_research, "needs_research"),
        ]
        .into_iter()
        .filter(|(handed, _)| !handed)
        .map(|(_, name)| name)
        .collect()
    }
}

/// A proposed renewal. 拟续签合同。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewalProposal {
    /// First day of the renewed term. 续签开始日期。
    pub start: Date,
    /// Last day of the renewed term. 续签结束日期。
    pub end: Date,
}

/// A semantic problem in otherwise well-formed evidence (contradictory dates, a worker
/// that does not exist, …), located by a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, JsonSchema)]
#[error("{pointer}: {message}")]
pub struct EvidenceIssue {
    /// A stable code, e.g. `contradictory_dates`. 错误代码。
    pub code: &'static str,
    /// JSON pointer to the offending value. JSON 指针。
    pub pointer: String,
    /// What is wrong, as a sentence. 说明。
    pub message: String,
    /// The closest known name, for a misspelt one. 最接近的已知名称。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Evidence {
    /// Checks what a schema cannot: dates that contradict each other, references to
    /// workers not on the roster, counts that cannot be (more satisfied than asked),
    /// and an overpaid contract. Returns every problem found, in document order.
    pub fn check(&self) -> Vec<EvidenceIssue> {
        let mut out = Vec::new();
        let mut issue = |code: &'static str, pointer: &str, message: String| {
            out.push(EvidenceIssue {
                code,
                pointer: pointer.to_owned(),
                message,
                suggestion: None,
            });
        };
        let c = &self.contract;
        if let Some(award) = c.award_notice_date
            && c.signed_on < award
        {
            issue(
                "contradictory_dates",
                "/contract/signed_on",
                format!(
                    "signed on {} before the award notice of {award}",
                    c.signed_on
                ),
            );
        }
        if c.term_end < c.project_start {
            issue(
                "contradictory_dates",
                "/contract/term_end",
                format!(
                    "term ends {} before the project starts {}",
                    c.term_end, c.project_start
                ),
            );
        }
        if c.paid > c.price {
            issue(
                "overpaid",
                "/contract/paid",
                format!(
                    "paid {} is more than the contract price {} (Art. 27)",
                    c.paid, c.price
                ),
            );
        }
        if let Some(t) = c.mid_term_tranche {
            if t > c.price {
                issue(
                    "tranche_exceeds_price",
                    "/contract/mid_term_tranche",
                    format!(
                        "mid-term tranche {t} is more than the contract price {}",
                        c.price
                    ),
                );
            } else if self.evaluation.kind == EvaluationKind::MidTerm
                && !t.get().is_zero()
                && c.paid <= c.price
                && t.get() >= c.price.get().saturating_sub(c.paid.get())
            {
                // A mid-term never releases the remainder (Art. 29: the final
                // evaluation decides it): a schedule that pays it all at mid-term
                // contradicts itself.
                issue(
                    "tranche_leaves_nothing",
                    "/contract/mid_term_tranche",
                    format!(
                        "mid-term tranche {t} is not below the remaining payment {} (price {} − paid {}): nothing would be left for the final evaluation to decide",
                        crate::num::fixed2(c.price.get().saturating_sub(c.paid.get())),
                        c.price,
                        c.paid
                    ),
                );
            }
        }
        let e = &self.evaluation;
        if e.project_year_start < c.project_start {
            issue(
                "contradictory_dates",
                "/evaluation/project_year_start",
                format!(
                    "project year starts {} before the project starts {}",
                    e.project_year_start, c.project_start
                ),
            );
        }
        if e.date < e.project_year_start {
            issue(
                "contradictory_dates",
                "/evaluation/date",
                format!(
                    "evaluated on {} before the project year starts {}",
                    e.date, e.project_year_start
                ),
            );
        }
        // A hash set: the duplicate and roster checks stay linear in the roster.
        let mut ids: std::collections::HashSet<&str> = std::collections::HashSet::new();
        if let Some(staff) = &self.staff {
            for (i, w) in staff.workers.iter().enumerate() {
                if !ids.insert(w.id.as_str()) {
                    issue(
                        "duplicate_worker",
                        &format!("/staff/workers/{i}/id"),
                        format!("worker id `{}` appears twice on the roster", w.id),
                    );
                }
                if w.birth_date >= w.entry_date {
                    issue(
                        "contradictory_dates",
                        &format!("/staff/workers/{i}/entry_date"),
                        format!(
                            "worker `{}` entered on {} but was born on {}",
                            w.id, w.entry_date, w.birth_date
                        ),
                    );
                }
                if w.left_on.is_some_and(|l| l < w.entry_date) {
                    issue(
                        "contradictory_dates",
                        &format!("/staff/workers/{i}/left_on"),
                        format!(
                            "worker `{}` left on {} before entering on {}",
                            w.id,
                            w.left_on.unwrap_or(w.entry_date),
                            w.entry_date
                        ),
                    );
                }
                if w.entry_date > e.date {
                    issue(
                        "contradictory_dates",
                        &format!("/staff/workers/{i}/entry_date"),
                        format!(
                            "worker `{}` enters on {}, after the evaluation on {}",
                            w.id, w.entry_date, e.date
                        ),
                    );
                }
            }
        }
        let refs = self
            .training
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, r)| ("training", i, &r.worker, r.date))
            .chain(
                self.supervision
                    .iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, r)| ("supervision", i, &r.worker, r.date)),
            );
        for (section, i, worker, date) in refs {
            if self.staff.is_some() && !ids.contains(worker.as_str()) {
                issue(
                    "unknown_worker",
                    &format!("/{section}/{i}/worker"),
                    format!("{section} record names worker `{worker}`, who is not on the roster"),
                );
            }
            if date > e.date {
                issue(
                    "contradictory_dates",
                    &format!("/{section}/{i}/date"),
                    format!("{section} on {date} is after the evaluation on {}", e.date),
                );
            }
        }
        if let Some(r) = &self.reports
            && let Some(filings) = &r.filings
        {
            for (i, fl) in filings.iter().enumerate() {
                for (field, day) in [
                    ("filed_with_city_on", fl.filed_with_city_on),
                    ("filed_with_county_on", fl.filed_with_county_on),
                ] {
                    if let Some(day) = day.filter(|d| *d > e.date) {
                        issue(
                            "contradictory_dates",
                            &format!("/reports/filings/{i}/{field}"),
                            format!(
                                "{} filed on {day}, after the evaluation on {}",
                                fl.kind.as_str(),
                                e.date
                            ),
                        );
                    }
                }
            }
            let filed = |kind: ReportKind| {
                filings
                    .iter()
                    .filter(|f| f.kind == kind && f.filed())
                    .count()
            };
            for (kind, field, count) in [
                (
                    ReportKind::MonthlyBriefing,
                    "monthly_briefings",
                    usize::try_from(r.monthly_briefings).unwrap_or(usize::MAX),
                ),
                (
                    ReportKind::MidTerm,
                    "mid_term_report",
                    usize::from(r.mid_term_report),
                ),
                (
                    ReportKind::Annual,
                    "annual_report",
                    usize::from(r.annual_report),
                ),
            ] {
                let listed = filed(kind);
                if listed > count {
                    issue(
                        "contradictory_counts",
                        &format!("/reports/{field}"),
                        format!(
                            "reports.{field} counts {count} filed, but reports.filings lists {listed} {} report(s) filed",
                            kind.as_str()
                        ),
                    );
                }
            }
        }
        if let Some(s) = &self.surveys {
            for (name, count) in [("satisfaction", s.satisfaction), ("awareness", s.awareness)] {
                if let Some(sc) = count
                    && sc.positive > sc.respondents
                {
                    issue(
                        "impossible_count",
                        &format!("/surveys/{name}/positive"),
                        format!(
                            "{} positive answers out of {} respondents",
                            sc.positive, sc.respondents
                        ),
                    );
                }
            }
        }
        if let Some(d) = &self.departure
            && let Some(h) = &d.handover
            && h.date < d.left_on
        {
            issue(
                "contradictory_dates",
                "/departure/handover/date",
                format!("handed over on {} before leaving on {}", h.date, d.left_on),
            );
        }
        if let Some(r) = &self.renewal
            && r.end < r.start
        {
            issue(
                "contradictory_dates",
                "/renewal/end",
                format!("renewed term ends {} before it starts {}", r.end, r.start),
            );
        }
        out
    }
}
