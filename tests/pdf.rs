//! PDF reports: the sample station and the sample county render to A4 PDFs whose text
//! layer is real text (selectable, searchable), read back with a PDF text extractor.
#![cfg(feature = "pdf")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sws_eval::county::{County, check_counties};
use sws_eval::decision::Evaluator;
use sws_eval::evidence::Evidence;
use sws_eval::report::{self, Lang, Subject};

fn station(name: &str) -> Evidence {
    let path = format!(
        "{}/examples/data/county/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The number of pages, and the text layer with all white space removed (extractors
/// put line breaks and spaces where the layout has them).
fn read(pdf: &[u8]) -> (usize, String) {
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = pdf_extract::extract_text_from_mem_by_pages(pdf).unwrap();
    let text: String = pages.concat();
    (
        pages.len(),
        text.chars().filter(|c| !c.is_whitespace()).collect(),
    )
}

#[test]
fn the_sample_station_renders_to_a_pdf_with_selectable_chinese_text() {
    let ev = station("04-xindian-veto");
    let decision = Evaluator::dongying().evaluate(&ev).unwrap();
    let pdf = report::station_pdf(&decision, Some(&Subject::of(&ev)), Lang::Zh).unwrap();
    let (pages, text) = read(&pdf);
    assert!((4..=8).contains(&pages), "{pages} pages");
    for part in [
        "辛店街道社会工作服务站",
        "评估结论",
        "不合格",
        "资金专款专用",
        "art18.no_misuse",
        "存在问题及整改要求",
        "评估机构（盖章）",
        "第1页共",
    ] {
        assert!(text.contains(part), "no {part} in the text layer");
    }
    // Rendering is pure: the same decision gives the same bytes.
    let again = report::station_pdf(&decision, Some(&Subject::of(&ev)), Lang::Zh).unwrap();
    assert_eq!(pdf, again);

    let pdf = report::station_pdf(&decision, Some(&Subject::of(&ev)), Lang::En).unwrap();
    let (_, text) = read(&pdf);
    assert!(text.contains("Conclusion:"), "{text}");
    assert!(text.contains("Page1of"), "{text}");
}

#[test]
fn the_sample_county_renders_to_a_pdf() {
    let dir = format!("{}/examples/data/county", env!("CARGO_MANIFEST_DIR"));
    let mut county: County =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/county.json")).unwrap())
            .unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("county.json"))
        .collect();
    files.sort();
    county.stations = files
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    let decisions = check_counties(&Evaluator::dongying(), &[county]).unwrap();
    let pdf = report::counties_pdf(&decisions, Lang::Zh).unwrap();
    let (pages, text) = read(&pdf);
    assert!((2..=6).contains(&pages), "{pages} pages");
    for part in [
        "东营区",
        "东城街道社会工作服务站",
        "评估结论",
        "等级",
        "需采取措施的站点",
        "工资标准统一",
    ] {
        assert!(text.contains(part), "no {part} in the text layer");
    }
}
