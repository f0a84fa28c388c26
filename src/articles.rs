//! The measure traced article by article: for every article of 东民〔2022〕62号, what
//! implements it — gates, standard leaves, policy parameters and evidence facts — or why
//! nothing does (a duty of a bureau, not something checkable at a station).
//!
//! The list of articles and their titles is the project's own data
//! (`data/measure/dongying-2022-articles.json`); everything else is read from the code and
//! the loaded data: the gate table ([`GateId::ALL`], [`CountyGateId::ALL`]), the standard's
//! nodes and their `articles`, the policy version's parameters and the fact catalogue.
//! `sws-eval articles` prints it; `docs/ARTICLES.md` is its Markdown form, kept in sync by
//! a test.
//!
//! ```
//! use sws_eval::{articles, policy::PolicySet, standard::Standard};
//! let trace = articles::trace(&Standard::dongying_2022(), &PolicySet::dongying());
//! let art31 = trace.iter().find(|a| a.article == "31").unwrap();
//! assert!(art31.gates.iter().any(|g| g == "art31.training_48h"));
//! assert!(art31.parameters.iter().any(|p| p == "min_training_hours"));
//! let art44 = trace.iter().find(|a| a.article == "44").unwrap();
//! assert!(art44.is_unimplemented() && art44.none.is_some());
//! ```

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::county::CountyGateId;
use crate::evidence::Text;
use crate::facts;
use crate::gates::GateId;
use crate::policy::PolicySet;
use crate::standard::{Node, Standard};

/// The parts of the decision (`decision::Decision`) and the articles each applies, as
/// the decision cites them (a test checks every article a decision cites is listed).
const DECISION_PARTS: &[(&str, &[&str])] = &[
    ("payment", &["27", "29"]),
    ("renewal", &["8", "13", "22", "25", "28", "29", "45"]),
    ("actions", &["13", "25", "28", "29"]),
    ("project_year", &["28", "29"]),
];

/// The project's data on the measure: its chapters and articles, with titles.
const DATA: &str = include_str!("../data/measure/dongying-2022-articles.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    measure: Measure,
    chapters: Vec<Chapter>,
    articles: Vec<ArticleData>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Measure {
    document: String,
    title: Text,
}

/// A chapter of the measure. 章。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Its number, from 1. 章序号。
    pub number: u8,
    /// Its title. 章名。
    pub title: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleData {
    article: String,
    chapter: u8,
    title: Text,
    #[serde(default)]
    none: Option<Text>,
}

/// A standard node that rests on an article. 依据该条款的指标。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    /// The node's id, e.g. `A5.1`. 编号。
    pub id: String,
    /// Its title. 名称。
    pub title: Text,
}

/// One article and what implements it. 条款及其实现。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleTrace {
    /// The article's number, e.g. `"31"`. 条款序号。
    pub article: String,
    /// The chapter it belongs to. 所属章。
    pub chapter: u8,
    /// Its title (the measure's own heading where it has one). 标题。
    pub title: Text,
    /// Station gates resting on it, by id. 站点硬性规则。
    pub gates: Vec<String>,
    /// County gates resting on it, by id. 县区级规则。
    pub county_gates: Vec<String>,
    /// Nodes of the standard resting on it. 评分指标。
    pub nodes: Vec<NodeRef>,
    /// Policy parameters it sets, by name. 政策参数。
    pub parameters: Vec<String>,
    /// Facts of the evidence that record it (the fact catalogue). 证据事实。
    pub facts: Vec<String>,
    /// Parts of the decision that apply it (`payment`, `renewal`, `actions`,
    /// `project_year`). 决定中的适用部分。
    pub decision: Vec<String>,
    /// Whether the policy version's period of force rests on it. 施行期间依据。
    pub in_force: bool,
    /// Why nothing implements it, when nothing does. 未实现的理由。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub none: Option<Text>,
}

impl ArticleTrace {
    /// Whether no gate, node, parameter or fact implements the article.
    ///
    /// ```
    /// # use sws_eval::{articles, policy::PolicySet, standard::Standard};
    /// let trace = articles::trace(&Standard::dongying_2022(), &PolicySet::dongying());
    /// assert!(!trace.iter().find(|a| a.article == "12").unwrap().is_unimplemented());
    /// ```
    pub fn is_unimplemented(&self) -> bool {
        self.gates.is_empty()
            && self.county_gates.is_empty()
            && self.nodes.is_empty()
            && self.parameters.is_empty()
            && self.facts.is_empty()
            && self.decision.is_empty()
            && !self.in_force
    }
}

fn data() -> Data {
    // The file is part of the crate and checked by the tests below; an unreadable copy
    // yields an empty trace rather than a panic.
    serde_json::from_str(DATA).unwrap_or(Data {
        measure: Measure {
            document: String::new(),
            title: Text {
                zh: String::new(),
                en: String::new(),
            },
        },
        chapters: Vec::new(),
        articles: Vec::new(),
    })
}

/// The measure's chapters, in order.
///
/// ```
/// assert_eq!(sws_eval::articles::chapters().len(), 7);
/// ```
pub fn chapters() -> Vec<Chapter> {
    data().chapters
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
    for n in nodes {
        out.push(n);
        walk(&n.children, out);
    }
}

/// Every article of the measure, in order, with what implements it under `standard`
/// and the first version of `policy` (the parameters' names and articles).
///
/// ```
/// use sws_eval::{articles, policy::PolicySet, standard::Standard};
/// let trace = articles::trace(&Standard::dongying_2022(), &PolicySet::dongying());
/// assert_eq!(trace.len(), 45);
/// assert_eq!(trace[0].title.zh, "政策和制度依据");
/// ```
pub fn trace(standard: &Standard, policy: &PolicySet) -> Vec<ArticleTrace> {
    let data = data();
    let mut nodes = Vec::new();
    walk(&standard.dimensions, &mut nodes);
    let version = policy.versions.first();
    let params: Vec<(String, Vec<String>)> = version
        .and_then(|v| serde_json::to_value(&v.parameters).ok())
        .and_then(|v| v.as_object().cloned())
        .map(|o| {
            o.into_iter()
                .map(|(name, p)| {
                    let arts = p
                        .get("articles")
                        .and_then(serde_json::Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                    (name, arts)
                })
                .collect()
        })
        .unwrap_or_default();
    let in_force_article = version.map(|v| v.in_force.article.clone());
    data.articles
        .into_iter()
        .map(|a| {
            let art = a.article.as_str();
            let mut t = ArticleTrace {
                article: a.article.clone(),
                chapter: a.chapter,
                title: a.title,
                gates: Vec::new(),
                county_gates: Vec::new(),
                nodes: Vec::new(),
                parameters: Vec::new(),
                facts: Vec::new(),
                decision: DECISION_PARTS
                    .iter()
                    .filter(|(_, arts)| arts.contains(&art))
                    .map(|(part, _)| (*part).to_owned())
                    .collect(),
                in_force: in_force_article.as_deref() == Some(art),
                none: a.none,
            };
            for g in GateId::ALL {
                if g.articles().contains(&art) {
                    push_unique(&mut t.gates, g.as_str());
                }
            }
            for g in CountyGateId::ALL {
                if g.articles().contains(&art) {
                    push_unique(&mut t.county_gates, g.as_str());
                }
            }
            for n in &nodes {
                if n.articles.iter().any(|x| x == art) {
                    t.nodes.push(NodeRef {
                        id: n.id.clone(),
                        title: n.title.clone(),
                    });
                }
            }
            for (name, arts) in &params {
                if arts.iter().any(|x| x == art) {
                    push_unique(&mut t.parameters, name);
                }
            }
            for f in facts::catalogue() {
                if f.articles.contains(&art) {
                    push_unique(&mut t.facts, f.name);
                }
            }
            t
        })
        .collect()
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "—".into()
    } else {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn node_list(nodes: &[NodeRef]) -> String {
    if nodes.is_empty() {
        "—".into()
    } else {
        nodes
            .iter()
            .map(|n| format!("`{}` {}", n.id, n.title.zh))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The trace as a Markdown document (what `docs/ARTICLES.md` holds for the built-in
/// standard and policy): one table per chapter, and the articles nothing implements
/// with the reason.
///
/// ```
/// use sws_eval::{articles, policy::PolicySet, standard::Standard};
/// let md = articles::markdown(&articles::trace(&Standard::dongying_2022(), &PolicySet::dongying()));
/// assert!(md.contains("| 31 | 继续教育"));
/// ```
pub fn markdown(trace: &[ArticleTrace]) -> String {
    let data = data();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# The measure, article by article 办法逐条对照\n\n{} {} ({})\n",
        data.measure.title.zh, data.measure.document, data.measure.title.en
    );
    let _ = writeln!(
        out,
        "For every article: the gates, standard leaves, policy parameters, evidence facts and \
parts of the decision that implement it, or why nothing does. Generated by `sws-eval articles --format markdown` \
from the gate table, the built-in standard, the built-in policy and the fact catalogue; \
a test keeps this file in sync. 每一条款对应的硬性规则、评分指标、政策参数和证据事实；\
未实现的条款注明理由。\n"
    );
    let implemented = trace.iter().filter(|a| !a.is_unimplemented()).count();
    let _ = writeln!(
        out,
        "{implemented} of {} articles are implemented; the others are duties of a bureau or \
declarations, not facts an evaluator finds at a station. 共{}条，已实现{}条。\n",
        trace.len(),
        trace.len(),
        implemented
    );
    for ch in &data.chapters {
        let arts: Vec<&ArticleTrace> = trace.iter().filter(|a| a.chapter == ch.number).collect();
        if arts.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "## Chapter {} {} · {}\n",
            ch.number, ch.title.zh, ch.title.en
        );
        let _ = writeln!(
            out,
            "| art. 条 | title 标题 | gates 硬性规则 | standard leaves 评分指标 | parameters 参数 | evidence facts 证据事实 | decision 决定 |\n|---|---|---|---|---|---|---|"
        );
        for a in &arts {
            let mut gates = a.gates.clone();
            gates.extend(a.county_gates.iter().map(|g| format!("{g} (county)")));
            let mut params = a.parameters.clone();
            if a.in_force {
                params.push("in_force".into());
            }
            if a.is_unimplemented() {
                let why = a
                    .none
                    .as_ref()
                    .map(|t| format!("{} {}", t.en, t.zh))
                    .unwrap_or_else(|| "(no reason recorded)".into());
                let _ = writeln!(
                    out,
                    "| {} | {} {} | *none:* {why} | | | | |",
                    a.article, a.title.zh, a.title.en
                );
            } else {
                let _ = writeln!(
                    out,
                    "| {} | {} {} | {} | {} | {} | {} | {} |",
                    a.article,
                    a.title.zh,
                    a.title.en,
                    list(&gates),
                    node_list(&a.nodes),
                    list(&params),
                    list(&a.facts),
                    list(&a.decision)
                );
            }
        }
        let _ = writeln!(out);
    }
    out
}

/// The trace as plain text for a terminal: one block per article.
///
/// ```
/// use sws_eval::{articles, policy::PolicySet, standard::Standard};
/// let text = articles::text(&articles::trace(&Standard::dongying_2022(), &PolicySet::dongying()));
/// assert!(text.contains("Art. 31"));
/// ```
pub fn text(trace: &[ArticleTrace]) -> String {
    let mut out = String::new();
    for a in trace {
        let _ = writeln!(
            out,
            "Art. {} 第{}条  {} {}",
            a.article, a.article, a.title.zh, a.title.en
        );
        if a.is_unimplemented() {
            if let Some(why) = &a.none {
                let _ = writeln!(out, "  none 未实现: {} {}", why.en, why.zh);
            }
            continue;
        }
        let mut gates = a.gates.clone();
        gates.extend(a.county_gates.iter().map(|g| format!("{g} (county)")));
        for (label, items) in [
            ("gates 规则", gates),
            (
                "leaves 指标",
                a.nodes
                    .iter()
                    .map(|n| format!("{} {}", n.id, n.title.zh))
                    .collect(),
            ),
            ("parameters 参数", {
                let mut p = a.parameters.clone();
                if a.in_force {
                    p.push("in_force".into());
                }
                p
            }),
            ("facts 事实", a.facts.clone()),
            ("decision 决定", a.decision.clone()),
        ] {
            if !items.is_empty() {
                let _ = writeln!(out, "  {label}: {}", items.join(", "));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Vec<ArticleTrace> {
        trace(&Standard::dongying_2022(), &PolicySet::dongying())
    }

    #[test]
    fn the_data_lists_every_article_once_in_order() {
        let data: Data = serde_json::from_str(DATA).unwrap();
        let numbers: Vec<String> = data.articles.iter().map(|a| a.article.clone()).collect();
        let want: Vec<String> = (1..=45).map(|n: u32| n.to_string()).collect();
        assert_eq!(numbers, want);
        for a in &data.articles {
            assert!(
                data.chapters.iter().any(|c| c.number == a.chapter),
                "article {} in unknown chapter {}",
                a.article,
                a.chapter
            );
            assert!(!a.title.zh.is_empty() && !a.title.en.is_empty());
        }
    }

    /// An article nothing implements says why; one that something implements does not
    /// carry a stale reason.
    #[test]
    fn every_article_is_implemented_or_says_why_not() {
        for a in built_in() {
            assert_eq!(
                a.is_unimplemented(),
                a.none.is_some(),
                "article {}: implemented {}, reason {:?}",
                a.article,
                !a.is_unimplemented(),
                a.none
            );
        }
    }

    /// Every article a decision cites (payment, renewal reasons, actions) is in the
    /// decision part's row of [`DECISION_PARTS`]: the sample station and the county's.
    #[test]
    fn decision_parts_cover_what_decisions_cite() {
        let ev = crate::decision::Evaluator::dongying();
        let mut files = vec![include_str!("../examples/data/station.json")];
        files.extend([
            include_str!("../examples/data/county/01-dongcheng-pass.json"),
            include_str!("../examples/data/county/03-huanghelu-fail-score.json"),
            include_str!("../examples/data/county/04-xindian-veto.json"),
            include_str!("../examples/data/county/05-shengli-midterm.json"),
            include_str!("../examples/data/county/06-liuhu-contractor-leaves.json"),
            include_str!("../examples/data/county/07-shikou-after-expiry.json"),
        ]);
        let part = |name: &str| {
            DECISION_PARTS
                .iter()
                .find(|(p, _)| *p == name)
                .map(|(_, a)| *a)
                .unwrap()
        };
        for text in files {
            let evidence: crate::evidence::Evidence = serde_json::from_str(text).unwrap();
            let d = serde_json::to_value(ev.evaluate(&evidence).unwrap()).unwrap();
            let cited = |v: &serde_json::Value| -> Vec<String> {
                v["articles"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            for a in cited(&d["payment"]) {
                assert!(part("payment").contains(&a.as_str()), "payment cites {a}");
            }
            // A reason about a veto gate cites the gate's articles (the gates column).
            for r in d["renewal"]["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| {
                    !r["code"]
                        .as_str()
                        .unwrap_or_default()
                        .starts_with("veto_gate")
                })
            {
                for a in cited(r) {
                    assert!(part("renewal").contains(&a.as_str()), "renewal cites {a}");
                }
            }
            // An action that answers a gate cites the gate's articles (the gates column).
            for x in d["actions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|x| x["gate"].is_null())
            {
                for a in cited(x) {
                    assert!(part("actions").contains(&a.as_str()), "action cites {a}");
                }
            }
        }
    }

    /// Every article the code cites exists in the measure.
    #[test]
    fn every_cited_article_exists() {
        let known: Vec<String> = (1..=45).map(|n: u32| n.to_string()).collect();
        let mut cited: Vec<&str> = Vec::new();
        for g in GateId::ALL {
            cited.extend(g.articles());
        }
        for g in CountyGateId::ALL {
            cited.extend(g.articles());
        }
        for f in facts::catalogue() {
            cited.extend(f.articles);
        }
        let standard = Standard::dongying_2022();
        let mut nodes = Vec::new();
        walk(&standard.dimensions, &mut nodes);
        for n in nodes {
            cited.extend(n.articles.iter().map(String::as_str));
        }
        for c in cited {
            assert!(
                known.iter().any(|k| k == c),
                "article {c} is not in the measure"
            );
        }
    }
}
