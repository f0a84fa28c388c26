//! Readable reports of decisions: for the terminal, in Markdown, and as one
//! self-contained HTML file, in Chinese or English.
//!
//! The JSON [`Decision`] is the contract; a report is what a third-party evaluator
//! hands the purchaser. Every report puts the decision first (verdict, grade, score,
//! remaining payment, renewal, the actions owed with their deadlines), then every gate
//! with its article and required vs actual value, then the scorecard with the points
//! lost per indicator and the ranked reasons, then the receipt that reproduces it.
//! The HTML file has its styles inline, draws the dimension scores against their
//! maxima (a county report: the grade distribution) as inline SVG, and needs no
//! script and no network. All text from the input is escaped.
//!
//! Rendering is pure: the same decision gives the same bytes.
//!
//! ```
//! use sws_eval::{decision::Evaluator, evidence::Evidence, report::{self, Format, Lang, Subject}};
//! let ev: Evidence = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
//! let decision = Evaluator::dongying().evaluate(&ev).unwrap();
//! let md = report::station(&decision, Some(&Subject::of(&ev)), Format::Markdown, Lang::En);
//! assert!(md.starts_with("# Final evaluation report: 东城街道社会工作服务站 project"));
//! let html = report::station(&decision, None, Format::Html, Lang::Zh);
//! assert!(html.contains("<svg") && !html.contains("<script"));
//! ```

mod county;
mod doc;
mod labels;
#[cfg(feature = "pdf")]
// Page geometry in typographic points (f32, as the PDF writer takes it); no money,
// score or rate is computed here: figures arrive as decided decimals and text.
#[allow(clippy::float_arithmetic)]
mod pdf;
mod standard;
mod station;
mod text;

use std::fmt;
use std::str::FromStr;

use crate::county::CountyDecision;
use crate::decision::{Decision, YearDecision};
use crate::evidence::Evidence;
use crate::standard::Standard;

#[cfg(feature = "pdf")]
pub use pdf::PdfError;

/// The language of a report. 报告语言。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Chinese (简体中文).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language's code, `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// An unknown language or format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`; expected one of: {expected}")]
pub struct UnknownName {
    /// `language` or `format`.
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// The names known.
    pub expected: &'static str,
}

impl FromStr for Lang {
    type Err = UnknownName;
    /// ```
    /// use sws_eval::report::Lang;
    /// assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
    /// assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
    /// assert!("fr".parse::<Lang>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "cn" => Ok(Lang::Zh),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            _ => Err(UnknownName {
                what: "language",
                given: s.to_owned(),
                expected: "zh, en",
            }),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The form of a report. 报告格式。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A compact plain-text summary for a terminal. 终端文本摘要。
    Text,
    /// GitHub-flavoured Markdown. Markdown。
    Markdown,
    /// One self-contained HTML file with inline CSS and SVG. 单文件HTML。
    Html,
}

impl FromStr for Format {
    type Err = UnknownName;
    /// ```
    /// assert_eq!("md".parse::<sws_eval::report::Format>().unwrap(), sws_eval::report::Format::Markdown);
    /// ```
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            _ => Err(UnknownName {
                what: "format",
                given: s.to_owned(),
                expected: "text, markdown, html",
            }),
        }
    }
}

/// Who a station report is about: taken from the evidence, because a decision does
/// not repeat the station's name. 报告对象（站点、承接机构）。
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Subject {
    /// Station id. 站点编号。
    pub station_id: String,
    /// Station name. 站点名称。
    pub station_name: String,
    /// County. 县区。
    pub county: String,
    /// Township or street. 乡镇（街道）。
    pub township: Option<String>,
    /// Contractor. 承接机构。
    pub contractor: String,
    /// The contractor's unified social credit code. 统一社会信用代码。
    pub contractor_credit_code: Option<String>,
    /// Third-party evaluator. 评估机构。
    pub evaluator: Option<String>,
    /// The contract's signing date. 合同签订日期。
    pub signed_on: Option<crate::date::Date>,
    /// The project's start. 项目开始日期。
    pub project_start: Option<crate::date::Date>,
    /// The contract term's last day. 合同期满日期。
    pub term_end: Option<crate::date::Date>,
}

impl Subject {
    /// The subject of an evaluation's evidence.
    pub fn of(ev: &Evidence) -> Subject {
        Subject {
            station_id: ev.station.id.clone(),
            station_name: ev.station.name.clone(),
            county: ev.station.county.clone(),
            township: ev.station.township.clone(),
            contractor: ev.contractor.name.clone(),
            contractor_credit_code: ev.contractor.credit_code.clone(),
            evaluator: ev.evaluation.evaluator.clone(),
            signed_on: Some(ev.contract.signed_on),
            project_start: Some(ev.contract.project_start),
            term_end: Some(ev.contract.term_end),
        }
    }
}

/// Renders one station decision. `subject` names the station (from its evidence);
/// without it the report says only what the decision holds.
pub fn station(
    decision: &Decision,
    subject: Option<&Subject>,
    format: Format,
    lang: Lang,
) -> String {
    match format {
        Format::Text => text::station(decision, subject, lang),
        Format::Markdown => station::doc(decision, subject, lang).markdown(),
        Format::Html => station::doc(decision, subject, lang).html(),
    }
}

/// Renders a project year's decision: the year's verdict, payment and renewal, the
/// open actions, then each evaluation's report.
///
/// ```
/// use sws_eval::{decision::{Evaluator, ProjectYear}, report::{self, Format, Lang}};
/// let ev = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
/// let year = Evaluator::dongying().evaluate_year(&ProjectYear { evaluations: vec![ev] }).unwrap();
/// let md = report::year(&year, None, Format::Markdown, Lang::En);
/// assert!(md.contains("at least 2 third-party evaluations"));
/// ```
pub fn year(
    decision: &YearDecision,
    subject: Option<&Subject>,
    format: Format,
    lang: Lang,
) -> String {
    match format {
        Format::Text => text::year(decision, subject, lang),
        Format::Markdown => station::year_doc(decision, subject, lang).markdown(),
        Format::Html => station::year_doc(decision, subject, lang).html(),
    }
}

/// Renders a county decision: the summary with the grade distribution, the county
/// gates, the corrections owed, and every station evaluation.
pub fn county(decision: &CountyDecision, format: Format, lang: Lang) -> String {
    match format {
        Format::Text => text::county(decision, lang),
        Format::Markdown => county::doc(decision, lang).markdown(),
        Format::Html => county::doc(decision, lang).html(),
    }
}

/// Renders several county decisions as one report (one county: as [`county`]).
pub fn counties(decisions: &[CountyDecision], format: Format, lang: Lang) -> String {
    match (decisions, format) {
        ([one], _) => self::county(one, format, lang),
        (many, Format::Text) => many
            .iter()
            .map(|c| text::county(c, lang))
            .collect::<Vec<_>>()
            .join("\n"),
        (many, Format::Markdown) => county::doc_many(many, lang).markdown(),
        (many, Format::Html) => county::doc_many(many, lang).html(),
    }
}

/// Renders one station decision as an A4 PDF: the same report as the HTML, with real,
/// selectable Chinese text (an embedded subset of an Apache-2.0 font). Feature `pdf`.
///
/// ```
/// use sws_eval::{decision::Evaluator, evidence::Evidence, report::{self, Lang, Subject}};
/// let ev: Evidence = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
/// let decision = Evaluator::dongying().evaluate(&ev).unwrap();
/// let pdf = report::station_pdf(&decision, Some(&Subject::of(&ev)), Lang::Zh)?;
/// assert!(pdf.starts_with(b"%PDF-"));
/// # Ok::<(), report::PdfError>(())
/// ```
///
/// # Errors
/// [`PdfError`] only if the embedded font cannot be read or subset.
#[cfg(feature = "pdf")]
pub fn station_pdf(
    decision: &Decision,
    subject: Option<&Subject>,
    lang: Lang,
) -> Result<Vec<u8>, PdfError> {
    pdf::render(&station::doc(decision, subject, lang))
}

/// Renders a project year's decision as an A4 PDF (see [`station_pdf`]). Feature `pdf`.
///
/// # Errors
/// [`PdfError`] only if the embedded font cannot be read or subset.
#[cfg(feature = "pdf")]
pub fn year_pdf(
    decision: &YearDecision,
    subject: Option<&Subject>,
    lang: Lang,
) -> Result<Vec<u8>, PdfError> {
    pdf::render(&station::year_doc(decision, subject, lang))
}

/// Renders one or more county decisions as an A4 PDF (see [`station_pdf`]). Feature `pdf`.
///
/// # Errors
/// [`PdfError`] only if the embedded font cannot be read or subset.
#[cfg(feature = "pdf")]
pub fn counties_pdf(decisions: &[CountyDecision], lang: Lang) -> Result<Vec<u8>, PdfError> {
    match decisions {
        [one] => pdf::render(&county::doc(one, lang)),
        many => pdf::render(&county::doc_many(many, lang)),
    }
}

/// Renders a standard as a readable table: its provenance, grade bands, and every
/// node with its articles, maximum, rule (checklist items, steps, levels, deductions)
/// and whether its numbers are assumed. `Text` renders as Markdown, which reads well
/// in a terminal.
///
/// ```
/// use sws_eval::{report::{self, Format, Lang}, standard::Standard};
/// let md = report::standard(&Standard::dongying_2022(), Format::Markdown, Lang::En);
/// assert!(md.contains("| A5.1 |"));
/// assert!(md.contains(r"**ratio\_steps** `services.casework`"));
/// ```
pub fn standard(standard: &Standard, format: Format, lang: Lang) -> String {
    let doc = standard::doc(standard, lang);
    match format {
        Format::Text | Format::Markdown => doc.markdown(),
        Format::Html => doc.html(),
    }
}

/// Renders the fact catalogue ([`crate::facts::catalogue`]): every fact a standard's
/// leaves may read, with its kind, parameters, articles and meaning.
///
/// ```
/// let md = sws_eval::report::facts(sws_eval::report::Format::Markdown, sws_eval::report::Lang::En);
/// assert!(md.contains("`services.casework`"));
/// ```
pub fn facts(format: Format, lang: Lang) -> String {
    let doc = standard::facts_doc(lang);
    match format {
        Format::Text | Format::Markdown => doc.markdown(),
        Format::Html => doc.html(),
    }
}
