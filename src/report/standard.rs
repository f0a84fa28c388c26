//! The standard and the fact catalogue as readable tables.

use super::Lang;
use super::doc::{Block, Doc, Line, code, strong, t};
use super::labels::pts;
use crate::facts::{FactKind, catalogue};
use crate::standard::{Condition, Node, Provenance, Rule, Standard};

fn condition(c: &Condition) -> String {
    let mut s = c.fact.clone();
    if !c.params.is_empty() {
        let ps: Vec<String> = c.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        s.push_str(&format!("({})", ps.join(", ")));
    }
    if let Some(x) = c.at_least {
        s.push_str(&format!(" ≥ {x}"));
    }
    if let Some(x) = c.at_most {
        s.push_str(&format!(" ≤ {x}"));
    }
    s
}

fn rule(r: &Rule, lang: Lang) -> Line {
    let steps = |steps: &[crate::standard::Step]| {
        steps
            .iter()
            .map(|s| format!("≥ {} → {}", s.at_least, s.points))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match r {
        Rule::Check { when } => vec![strong("check"), t(": "), code(condition(when))],
        Rule::Checklist { items } => {
            let mut line = vec![strong("checklist"), t(": ")];
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    line.push(t("; "));
                }
                line.push(t(format!("{} {}", lang.text(&item.title), item.points)));
                line.push(t(" "));
                line.push(code(condition(&item.when)));
            }
            line
        }
        Rule::RatioSteps { fact, steps: s } => vec![
            strong("ratio_steps"),
            t(" "),
            code(fact),
            t(format!(": {}", steps(s))),
        ],
        Rule::RateSteps {
            fact,
            min_sample,
            steps: s,
        } => {
            let sample = min_sample
                .map(|n| format!(" ({} {n})", lang.pick("最小样本", "at least")))
                .unwrap_or_default();
            vec![
                strong("rate_steps"),
                t(" "),
                code(fact),
                t(format!("{sample}: {}", steps(s))),
            ]
        }
        Rule::Levels { fact, levels } => vec![
            strong("levels"),
            t(" "),
            code(fact),
            t(format!(
                ": {}",
                levels
                    .iter()
                    .map(|l| format!("{} {}", l.level, l.points))
                    .collect::<Vec<_>>()
                    .join(" / ")
            )),
        ],
        Rule::Deduct { deficiencies } => {
            let mut line = vec![strong("deduct"), t(": ")];
            for (i, d) in deficiencies.iter().enumerate() {
                if i > 0 {
                    line.push(t("; "));
                }
                line.push(t(format!(
                    "{} −{} {} ",
                    lang.text(&d.title),
                    d.points_each,
                    lang.pick("每项", "each")
                )));
                let mut fact = d.fact.clone();
                if !d.params.is_empty() {
                    let ps: Vec<String> =
                        d.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    fact.push_str(&format!("({})", ps.join(", ")));
                }
                line.push(code(fact));
            }
            line
        }
        Rule::Mark { fact } => vec![
            strong("mark"),
            t(" "),
            code(fact),
            t(format!(
                ": {}",
                lang.pick("评估员直接评分", "the evaluator's mark")
            )),
        ],
    }
}

fn rows(node: &Node, depth: usize, lang: Lang, out: &mut Vec<Vec<Line>>) {
    let title = lang.text(&node.title).to_owned();
    let (id, title) = if depth == 0 {
        (vec![strong(&node.id)], vec![strong(title)])
    } else {
        (vec![t(&node.id)], vec![t(title)])
    };
    let rule = match &node.rule {
        Some(r) => rule(r, lang),
        None => vec![t(lang.pick("分组", "group"))],
    };
    let mut assumed = if node.assumed {
        vec![strong(lang.pick("假设", "assumed"))]
    } else {
        Vec::new()
    };
    if let Some(note) = &node.note {
        if !assumed.is_empty() {
            assumed.push(t(" — "));
        }
        assumed.push(t(note));
    }
    out.push(vec![
        id,
        title,
        vec![t(if node.articles.is_empty() {
            "—".to_owned()
        } else {
            node.articles.join(", ")
        })],
        vec![t(pts(node.max.get()))],
        rule,
        assumed,
    ]);
    for child in &node.children {
        rows(child, depth + 1, lang, out);
    }
}

pub(crate) fn doc(s: &Standard, lang: Lang) -> Doc {
    let provenance = match s.provenance.kind {
        Provenance::Official => lang.pick("官方标准", "official"),
        Provenance::Reconstruction => lang.pick(
            "重构（部分数值为假设）",
            "reconstruction (some numbers are assumptions)",
        ),
    };
    let mut table = Vec::new();
    for d in &s.dimensions {
        rows(d, 0, lang, &mut table);
    }
    let assumed = count_assumed(&s.dimensions);
    Doc {
        lang_tag: lang.tag(),
        title: format!("{} ({} {})", lang.text(&s.title), s.id, s.version),
        blocks: vec![
            Block::Facts(vec![
                (lang.pick("编号", "Id").into(), vec![code(&s.id)]),
                (lang.pick("版本", "Version").into(), vec![t(&s.version)]),
                (
                    lang.pick("来源", "Provenance").into(),
                    vec![strong(provenance), t(" — "), t(&s.provenance.note)],
                ),
                (
                    lang.pick("适用期间", "Effective").into(),
                    vec![t(format!(
                        "{} — {}",
                        s.effective.from,
                        s.effective
                            .until
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| lang.pick("无截止", "open-ended").into())
                    ))],
                ),
                (
                    lang.pick("满分", "Maximum").into(),
                    vec![t(pts(s.max_points.get()))],
                ),
                (
                    lang.pick("假设数值的指标", "Nodes with assumed numbers")
                        .into(),
                    vec![t(assumed.to_string())],
                ),
            ]),
            Block::Heading(2, lang.pick("等级", "Grades").into()),
            Block::Table {
                head: vec![
                    lang.pick("等级", "Grade").into(),
                    lang.pick("下限（含）", "From (inclusive)").into(),
                    lang.pick("上限（不含）", "Below").into(),
                ],
                rows: s
                    .grades
                    .iter()
                    .rev()
                    .map(|b| {
                        vec![
                            vec![t(match (&b.grade, &b.label) {
                                (Some(g), _) => lang.grade(g),
                                (None, Some(l)) => lang.text(l).to_owned(),
                                (None, None) => b.id.clone().unwrap_or_default(),
                            })],
                            vec![t(b.from.to_string())],
                            vec![t(b
                                .below
                                .map(|x| x.to_string())
                                .unwrap_or_else(|| format!("≤ {}", pts(s.max_points.get()))))],
                        ]
                    })
                    .collect(),
                right: vec![1, 2],
            },
            Block::Heading(2, lang.pick("指标", "Indicators").into()),
            Block::Table {
                head: vec![
                    lang.pick("编号", "Id").into(),
                    lang.pick("指标", "Indicator").into(),
                    lang.pick("条款", "Articles").into(),
                    lang.pick("分值", "Max").into(),
                    lang.pick("评分规则", "Rule").into(),
                    lang.pick("假设", "Assumed").into(),
                ],
                rows: table,
                right: vec![3],
            },
        ],
    }
}

fn count_assumed(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(n.assumed) + count_assumed(&n.children))
        .sum()
}

pub(crate) fn facts_doc(lang: Lang) -> Doc {
    Doc {
        lang_tag: lang.tag(),
        title: lang
            .pick(
                "事实目录（评分标准可读取的事实）",
                "Fact catalogue (what a standard's leaves may read)",
            )
            .into(),
        blocks: vec![Block::Table {
            head: vec![
                lang.pick("名称", "Name").into(),
                lang.pick("类型", "Kind").into(),
                lang.pick("参数", "Parameters").into(),
                lang.pick("条款", "Articles").into(),
                lang.pick("含义", "Meaning").into(),
            ],
            rows: catalogue()
                .iter()
                .map(|f| {
                    let kind = match f.kind {
                        FactKind::Flag => "flag",
                        FactKind::Number => "number",
                        FactKind::Pair => "pair",
                        FactKind::Level => "level",
                    };
                    vec![
                        vec![code(f.name)],
                        vec![t(kind)],
                        vec![t(if f.params.is_empty() {
                            "—".to_owned()
                        } else {
                            f.params.join(", ")
                        })],
                        vec![t(if f.articles.is_empty() {
                            "—".to_owned()
                        } else {
                            f.articles.join(", ")
                        })],
                        vec![t(f.meaning)],
                    ]
                })
                .collect(),
            right: Vec::new(),
        }],
    }
}
