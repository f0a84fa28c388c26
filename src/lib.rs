//! # sws-eval
//!
//! Scores the evaluations of township and street social work stations (乡镇（街道）社会
//! 工作服务站) under Dongying City's measure 东民〔2022〕62号, and decides what follows from
//! them: the grade, pass or fail, whether the remaining payment is released, whether the
//! contract may be renewed, and the actions owed — every figure explained and tied to
//! its article.
//!
//! The pieces, each a module with its own error type:
//!
//! | module | what it is |
//! |---|---|
//! | [`standard`] | the evaluation standard (Annex 2) as a weighted scoring tree, loaded from JSON and compiled once |
//! | [`evidence`] | what an evaluator found at one evaluation: facts, not scores |
//! | [`facts`] | the catalogue of facts a standard's leaves may read from evidence |
//! | [`score`](mod@score) | exact scoring with reasons |
//! | [`gates`] | the measure's hard rules, each with its article and four outcomes |
//! | [`policy`] | dated policy versions: the measure's numbers and gate severities |
//! | [`decision`] | the Article 29 decision: verdict, payment, renewal, actions, receipt |
//! | [`calendar`] | working days with official days off and make-up workdays |
//! | [`county`] | county-level gates over all stations of a county, with a summary |
//! | [`articles`] | the measure traced article by article: what implements each article, or why nothing does |
//! | [`report`] | readable reports: terminal text, Markdown and self-contained HTML, zh/en |
//! | [`date`], [`num`] | civil dates, and exact decimals that travel as strings |
//! | `sheet` | workbooks in and out (feature `xlsx`): the evidence template and reader, result workbooks |
//!
//! ```
//! use sws_eval::{evidence::Evidence, score::score, standard::CompiledStandard};
//! let standard = CompiledStandard::dongying_2022();
//! let evidence: Evidence = serde_json::from_str(include_str!("../examples/data/station.json"))?;
//! let card = score(&standard, &evidence)?;
//! println!("{} points, {:?}", card.total, card.grade);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// No arithmetic that can overflow or divide by zero (and so panic): checked or
// saturating operations, with every input quantity bounded (see `num`).
#![deny(clippy::arithmetic_side_effects)]
// Money, points and rates are exact decimals: no float arithmetic anywhere but the
// PDF page geometry (allowed, with its reason, on `report::pdf`).
#![deny(clippy::float_arithmetic)]

pub mod articles;
pub mod calendar;
pub mod county;
pub mod date;
pub mod decision;
pub mod evidence;
pub mod facts;
pub mod gates;
pub mod json;
pub mod num;
pub mod policy;
// Reports only lay out decided figures (bounded by the inputs' ranges).
#[allow(clippy::arithmetic_side_effects)]
pub mod report;
pub mod schema;
pub mod score;
pub mod shared;
#[cfg(feature = "xlsx")]
pub mod sheet;
pub mod standard;
#[cfg(feature = "proptest")]
#[allow(clippy::arithmetic_side_effects)] // test-data generators, not the engine
pub mod strategies;
pub mod suggest;
mod unique;

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use decision::{Decision, DecisionError, Evaluator, evaluate};
pub use evidence::Evidence;
pub use policy::{Policy, PolicySet};
pub use score::{Scorecard, score};
pub use standard::{CompiledStandard, Standard};
