//! The contractor and its project (Arts. 8, 9, 11): eligibility, the "1+N" structure,
//! the written rules.

use super::{Cx, Finding, Yn, all_present, bi, f, met_if, missing, text};
use crate::gates::GateOutcome as O;

/// `art8.contractor_eligible`: lawfully registered, main business social work (Art. 8).
pub(super) fn eligible(cx: &mut Cx<'_>) -> Finding {
    let c = &cx.ev.contractor;
    let req = bi(
        "依法登记，以专业社会工作服务为主业",
        "lawfully registered and main business social work",
    );
    // Unknown is neither yes nor no.
    let zh = |b: Option<bool>| b.map_or("未知", |b| Yn(b).zh());
    let en = |b: Option<bool>| b.map_or("unknown", |b| Yn(b).en());
    let (reg, main) = (c.lawfully_registered, c.main_business_social_work);
    match (reg, main) {
        (Some(false), _) | (_, Some(false)) => f(
            O::NotMet,
            req,
            text!(
                cx,
                ("依法登记：{}；以社会工作服务为主业：{}", zh(reg), zh(main)),
                (
                    "registered: {}, main business social work: {}",
                    en(reg),
                    en(main)
                )
            ),
        ),
        (Some(true), Some(true)) => f(
            O::Met,
            req,
            bi(
                "依法登记：是；以社会工作服务为主业：是",
                "registered: yes, main business social work: yes",
            ),
        ),
        _ => missing(
            req,
            "contractor.lawfully_registered / main_business_social_work",
        ),
    }
}

/// `art9.project_structure`: 1 main project and 2–3 sub-projects (Art. 9).
pub(super) fn project_structure(cx: &mut Cx<'_>) -> Finding {
    let p = cx.params();
    let (m, lo, hi) = (
        p.main_projects.value,
        p.sub_projects_min.value,
        p.sub_projects_max.value,
    );
    let req = text!(
        cx,
        ("{m}个主项目、{lo}–{hi}个子项目"),
        ("{m} main project, {lo}–{hi} sub-projects")
    );
    match &cx.ev.structure {
        None => missing(req, "structure"),
        Some(s) => met_if(
            s.main_projects == m && (lo..=hi).contains(&s.sub_projects),
            req,
            text!(
                cx,
                ("主项目{}个、子项目{}个", s.main_projects, s.sub_projects),
                ("{} main, {} sub-projects", s.main_projects, s.sub_projects)
            ),
        ),
    }
}

/// `art11.written_rules`: all 8 kinds of written rules (Art. 11).
pub(super) fn written_rules(cx: &mut Cx<'_>) -> Finding {
    let req = bi("8类制度齐全", "all 8 kinds of written rules");
    match &cx.ev.written_rules {
        None => missing(req, "written_rules"),
        Some(r) => all_present(
            req,
            &[
                (r.organisation_chart, "组织架构", "organisation chart"),
                (
                    r.procedures_and_standards,
                    "服务流程与标准",
                    "procedures and standards",
                ),
                (r.personnel, "人事管理", "personnel"),
                (r.finance, "财务管理", "finance"),
                (r.volunteers, "志愿者管理", "volunteers"),
                (r.premises_use, "场地使用", "premises use"),
                (r.archives, "档案管理", "archives"),
                (r.service_pledge, "服务承诺", "service pledge"),
            ],
        ),
    }
}
