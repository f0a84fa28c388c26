//! The contractor and its project (Arts. 8, 9, 11): eligibility, the "1+N" structure,
//! the written rules.

use super::{Cx, Finding, all_present, f, met_if, missing, text, yes_no};
use crate::gates::GateOutcome as O;

/// `art8.contractor_eligible`: lawfully registered, main business social work (Art. 8).
pub(super) fn eligible(cx: &mut Cx<'_>) -> Finding {
    let c = &cx.ev.contractor;
    let req = "lawfully registered and main business social work";
    match (c.lawfully_registered, c.main_business_social_work) {
        (Some(false), _) | (_, Some(false)) => f(
            O::NotMet,
            req,
            text!(
                cx,
                "registered: {}, main business social work: {}",
                c.lawfully_registered.map_or("unknown", yes_no),
                c.main_business_social_work.map_or("unknown", yes_no)
            ),
        ),
        (Some(true), Some(true)) => f(
            O::Met,
            req,
            "registered: yes, main business social work: yes",
        ),
        _ => missing(
            req,
            "contractor.lawfully_registered / main_business_social_work",
        ),
    }
}

/// `art9.project_structure`: 1 main project, 2–3 sub-projects (Art. 9).
pub(super) fn project_structure(cx: &mut Cx<'_>) -> Finding {
    let p = cx.params();
    let req = text!(
        cx,
        "{} main project, {}–{} sub-projects",
        p.main_projects.value,
        p.sub_projects_min.value,
        p.sub_projects_max.value
    );
    match &cx.ev.structure {
        None => missing(req, "structure"),
        Some(s) => met_if(
            s.main_projects == p.main_projects.value
                && (p.sub_projects_min.value..=p.sub_projects_max.value).contains(&s.sub_projects),
            req,
            text!(
                cx,
                "{} main, {} sub-projects",
                s.main_projects,
                s.sub_projects
            ),
        ),
    }
}

/// `art11.written_rules`: all 8 kinds of written rules (Art. 11).
pub(super) fn written_rules(cx: &mut Cx<'_>) -> Finding {
    let req = "all 8 kinds of written rules";
    match &cx.ev.written_rules {
        None => missing(req, "written_rules"),
        Some(r) => all_present(
            req,
            &[
                (r.organisation_chart, "organisation chart"),
                (r.procedures_and_standards, "procedures and standards"),
                (r.personnel, "personnel"),
                (r.finance, "finance"),
                (r.volunteers, "volunteers"),
                (r.premises_use, "premises use"),
                (r.archives, "archives"),
                (r.service_pledge, "service pledge"),
            ],
        ),
    }
}
