#!/usr/bin/env python3
"""Writes data/standards/dongying-2022-reconstruction.json from docs/default-standard.md §2-§3.

Run once when the reconstruction changes; the JSON file is what ships and is reviewed.
"""
import json, pathlib

def T(zh, en): return {"zh": zh, "en": en}
def flag(f, **params):
    c = {"fact": f}
    if params: c["params"] = params
    return c
def item(i, zh, en, pts, when): return {"id": i, "title": T(zh, en), "points": pts, "when": when}
def leaf(i, zh, en, arts, mx, rule, note=None):
    n = {"id": i, "title": T(zh, en), "articles": arts, "max": mx, "assumed": True, "rule": rule}
    if note: n["note"] = note
    return n
def group(i, zh, en, arts, mx, children):
    return {"id": i, "title": T(zh, en), "articles": arts, "max": mx, "assumed": True, "children": children}
def steps(*pairs): return [{"at_least": a, "points": p} for a, p in pairs]
def levels(*pts): return [{"level": l, "points": p} for l, p in zip("ABCD", pts)]
def ratio(f, *pairs): return {"ratio_steps": {"fact": f, "steps": steps(*pairs)}}
def lv(f, *pts): return {"levels": {"fact": f, "levels": levels(*pts)}}

A = group("A", "行政管理", "Administration", [], "25", [
    leaf("A1", "场地与功能区", "Premises and functional areas", ["10"], "4", {"checklist": {"items": [
        item("office_area", "人均办公面积不少于6平方米", "Office area at least 6 m² per resident worker", "1",
             {"fact": "premises.office_area_per_resident_worker", "at_least": "6"}),
        item("casework_room", "个案工作室", "Casework room", "0.5", flag("premises.casework_room")),
        item("group_work_room", "小组工作室", "Group work room", "0.5", flag("premises.group_work_room")),
        item("activity_area", "多功能活动区", "Multi-function activity area", "0.5", flag("premises.activity_area")),
        item("archive_room", "档案室", "Archive room", "0.5", flag("premises.archive_room")),
        item("equipment", "办公桌椅、电脑、打印机、档案柜齐全", "Desks and chairs, computer, printer, file cabinets", "1", flag("premises.equipment_complete")),
    ]}}),
    leaf("A2", "标识标牌", "Signage and brand", ["14", "4"], "1", {"checklist": {"items": [
        item("plate", "社会工作服务站站牌及标识", "Station plate with the national social work logo", "0.5", flag("signage.station_plate_with_logo")),
        item("brand", "荧光行品牌标识", "荧光行 brand mark", "0.5", flag("signage.brand_mark")),
    ]}}),
    leaf("A3", "制度建设", "Written rules", ["11"], "4", {"checklist": {"items": [
        item("organisation_chart", "组织架构及岗位职责", "Organisation chart and duties", "0.5", flag("rules.organisation_chart")),
        item("procedures", "工作流程及服务标准", "Procedures and service standards", "0.5", flag("rules.procedures_and_standards")),
        item("personnel", "人事管理制度", "Personnel rules", "0.5", flag("rules.personnel")),
        item("finance", "财务管理制度", "Finance rules", "0.5", flag("rules.finance")),
        item("volunteers", "志愿者管理制度", "Volunteer rules", "0.5", flag("rules.volunteers")),
        item("premises_use", "场地使用制度", "Premises use rules", "0.5", flag("rules.premises_use")),
        item("archives", "档案管理制度", "Archive rules", "0.5", flag("rules.archives")),
        item("service_pledge", "服务承诺、满意度反馈及评估制度", "Service pledge with satisfaction feedback and evaluation", "0.5", flag("rules.service_pledge")),
    ]}}),
    leaf("A4", "人员配备", "Staffing", ["12"], "6", {"checklist": {"items": [
        item("min_staff", "全职驻站社工不少于3名", "At least 3 full-time resident workers", "2",
             {"fact": "staff.full_time_resident_workers", "at_least": "3"}),
        item("split", "乡镇（街道）配备1-2名、承接机构配备不少于2名", "Township provides 1–2, contractor at least 2", "1",
             flag("staff.split", township_min="1", township_max="2", contractor_min="2")),
        item("entry_rules", "入职年龄及学历符合要求", "Every worker met the entry age and education rules", "1",
             flag("staff.entry_rules_met", max_age="35", max_age_certified="40")),
        item("supervisor", "项目主管具备专业资质", "Project supervisor qualified", "1", flag("staff.supervisor_qualified")),
        item("all_qualified", "驻站社工均具备专业资质", "Every resident worker qualified", "1", flag("staff.all_qualified")),
    ]}}),
    group("A5", "培训与督导", "Training and supervision", ["31", "32"], "6", [
        leaf("A5.1", "培训学时", "Training hours", ["31"], "3", {"deduct": {"deficiencies": [
            {"id": "worker_below_48h", "title": T("每名驻站社工年度有效培训不足48学时", "Each resident worker under 48 countable training hours in the project year"),
             "fact": "training.resident_workers_below_hours", "params": {"hours": "48"}, "points_each": "1"}]}}),
        leaf("A5.2", "督导时数", "Supervision hours", ["32"], "3", {"deduct": {"deficiencies": [
            {"id": "worker_below_48h", "title": T("每名驻站社工年度督导不足48小时", "Each resident worker under 48 supervision hours in the project year"),
             "fact": "supervision.resident_workers_below_hours", "params": {"hours": "48"}, "points_each": "1"}]}}),
    ]),
    group("A6", "档案与信息系统", "Archives and information system", ["13", "26"], "4", [
        leaf("A6.1", "服务档案完整", "Service archives complete (cases, groups, community services, visits, client files, volunteer files, needs research)", ["13"], "2",
             lv("levels.archives", "2", "1.5", "1", "0")),
        leaf("A6.2", "服务数据录入全国社会工作信息系统", "Services entered in the national social work information system", ["26"], "1",
             {"check": {"when": flag("records.info_system_entries")}}),
        leaf("A6.3", "评估相关服务及财务资料留存", "Evaluation-related service and financial records retained", ["13"], "1",
             {"check": {"when": flag("records.retained", years="5")}}),
    ]),
])
B = group("B", "财务管理", "Finance", [], "15", [
    leaf("B1", "分子项目、分资金来源核算", "Separate accounting per sub-project and funding source", ["18"], "5",
         {"check": {"when": flag("finance.separate_ledgers")}}),
    leaf("B2", "资金按来源用途使用", "Spending within each fund's purpose", ["19"], "4", lv("levels.fund_use", "4", "3", "1", "0")),
    leaf("B3", "预算执行", "Budget execution (spent / budgeted to date)", ["21"], "3",
         {"rate_steps": {"fact": "finance.budget_execution", "steps": steps(("0.9", "3"), ("0.8", "2"), ("0.6", "1"))}}),
    leaf("B4", "支付有书面申请、协议及凭证", "Every payment backed by a written request, agreement and vouchers", ["27"], "3",
         {"check": {"when": flag("finance.payments_documented")}}),
])
C = group("C", "服务执行与产出", "Service delivery and output", [], "40", [
    leaf("C1", "需求调研", "Needs research", ["26"], "4", lv("levels.needs_research", "4", "3", "2", "0")),
    leaf("C2", "服务计划", "Service plan", ["26"], "4", lv("levels.service_plan", "4", "3", "2", "0")),
    leaf("C3", "个案服务完成率", "Casework delivered vs planned", ["9", "26"], "6", ratio("services.casework", ("1.0", "6"), ("0.8", "4"), ("0.6", "2"))),
    leaf("C4", "小组服务完成率", "Group work delivered vs planned", ["9", "26"], "6", ratio("services.group_work", ("1.0", "6"), ("0.8", "4"), ("0.6", "2"))),
    leaf("C5", "社区活动完成率", "Community activities delivered vs planned", ["9", "26"], "6", ratio("services.community_activities", ("1.0", "6"), ("0.8", "4"), ("0.6", "2"))),
    leaf("C6", "家访电访完成率", "Home and phone visits delivered vs planned", ["13", "26"], "3", ratio("services.visits", ("1.0", "3"), ("0.8", "2"), ("0.6", "1"))),
    leaf("C7", "志愿者与资源链接（五社联动）", "Volunteers and resource linkage", ["36"], "5", lv("levels.resource_linkage", "5", "4", "2", "0")),
    leaf("C8", "报告报送", "Reports filed", ["26"], "6", {"deduct": {"deficiencies": [
        {"id": "monthly_briefing", "title": T("缺少月度简报（每份）", "Missing monthly briefing (each)"), "fact": "reports.missing_monthly_briefings", "points_each": "0.5"},
        {"id": "mid_term_report", "title": T("缺少中期报告", "Missing mid-term report"), "fact": "reports.missing_mid_term", "points_each": "1.5"},
        {"id": "annual_report", "title": T("缺少年度报告（末期评估）", "Missing annual report (final evaluation)"), "fact": "reports.missing_annual", "points_each": "1.5"},
    ]}}),
])
D = group("D", "社会评价", "Social evaluation", [], "12", [
    leaf("D1", "服务对象满意度", "Client satisfaction", ["11"], "6",
         {"rate_steps": {"fact": "surveys.satisfaction", "min_sample": 30, "steps": steps(("0.95", "6"), ("0.90", "5"), ("0.80", "3"), ("0.70", "1"))}}),
    leaf("D2", "购买方及乡镇（街道）评价", "Purchaser and township appraisal", ["39"], "4", lv("levels.appraisal", "4", "3", "2", "0")),
    leaf("D3", "社会知晓度", "Public awareness (knows ≥ 3 of 5 facts about the station)", [], "2",
         {"rate_steps": {"fact": "surveys.awareness", "min_sample": 30, "steps": steps(("0.8", "2"), ("0.6", "1"))}}),
])
E = group("E", "宣传创新", "Publicity and innovation", [], "8", [
    leaf("E1", "宣传报道完成率", "Publicity items published vs planned", ["26", "4"], "4", ratio("services.publicity", ("1.0", "4"), ("0.8", "3"), ("0.6", "1"))),
    leaf("E2", "经验总结与创新", "Experience summaries and innovation", ["26", "34"], "4", lv("levels.innovation", "4", "3", "2", "0")),
])

std = {
    "id": "dongying-2022-reconstruction",
    "version": "1.0.0",
    "title": T("东营市乡镇（街道）社会工作服务站项目评估标准（重构版）",
               "Dongying township and street social work station project evaluation standard (reconstruction)"),
    "provenance": {"kind": "reconstruction", "note":
        "Annex 2 of 东民〔2022〕62号 is not published. Dimensions follow Jinan's 街道（镇）社会工作服务站运营评估标准; "
        "leaves come from what the measure requires of a station; every point value, step and level marked `assumed` is our assumption. "
        "Thresholds taken from the measure itself: 6 m² (Art. 10), 3 workers, 1–2 / ≥2, ages 35/40 (Art. 12), 5 years (Art. 13), 48 h (Arts. 31, 32). "
        "附件2未公开：本标准为重构版，标注 assumed 的分值均为假设。"},
    "effective": {"from": "2022-11-15", "until": "2025-11-14"},
    "max_points": "100",
    "grades": [
        {"grade": "unqualified", "from": "0", "below": "60"},
        {"grade": "qualified", "from": "60", "below": "80"},
        {"grade": "good", "from": "80", "below": "90"},
        {"grade": "excellent", "from": "90"},
    ],
    "dimensions": [A, B, C, D, E],
}
root = pathlib.Path(__file__).resolve().parent.parent
out = root / "data/standards/dongying-2022-reconstruction.json"
out.write_text(json.dumps(std, ensure_ascii=False, indent=2) + "\n")
print(out)
