//! The Word report: a valid package, the paragraphs in the seed's order with computed
//! sentences, and the 自评表 as a real table in a landscape section.

mod common;

use common::{seed, zip_entry, zip_names};
use jixiao::export::docx::export_docx;

/// A paragraph of document.xml: its style and its text.
#[derive(Debug)]
struct Para {
    style: String,
    text: String,
    in_table: bool,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The text of every <w:t> in a piece of XML, in order.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i..];
        let open_end = rest.find('>').unwrap();
        // <w:tc>, <w:tbl>, <w:tab/> … share the prefix: only <w:t> and <w:t xml:space…> hold text.
        let tag = &rest[..open_end];
        if tag == "<w:t" || tag.starts_with("<w:t ") {
            let close = rest.find("</w:t>").unwrap();
            out.push_str(&unescape(&rest[open_end + 1..close]));
            rest = &rest[close..];
        } else {
            rest = &rest[open_end..];
        }
    }
    out
}

fn paragraphs(doc: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut depth_table = 0;
    let mut rest = doc;
    loop {
        let next_p = rest.find("<w:p>").or_else(|| rest.find("<w:p "));
        let next_tbl = rest.find("<w:tbl>");
        let next_end_tbl = rest.find("</w:tbl>");
        let first = [next_p, next_tbl, next_end_tbl].into_iter().flatten().min();
        let Some(at) = first else { break };
        if Some(at) == next_tbl {
            depth_table += 1;
            rest = &rest[at + 7..];
        } else if Some(at) == next_end_tbl {
            depth_table -= 1;
            rest = &rest[at + 8..];
        } else {
            let end = rest[at..].find("</w:p>").map_or(rest.len(), |e| at + e);
            let xml = &rest[at..end];
            let style = xml
                .split_once("<w:pStyle w:val=\"")
                .map(|(_, s)| s.split('"').next().unwrap().to_string())
                .unwrap_or_default();
            out.push(Para { style, text: texts(xml), in_table: depth_table > 0 });
            rest = &rest[end..];
        }
    }
    out
}

#[test]
fn the_package_has_the_parts_word_wps_and_libreoffice_need() {
    let bytes = export_docx(&seed(), &[]).unwrap();
    let names = zip_names(&bytes);
    for part in
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"]
    {
        assert!(names.iter().any(|n| n == part), "{part} missing from {names:?}");
    }
    let types = zip_entry(&bytes, "[Content_Types].xml");
    assert!(types.contains(r#"PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml""#));
    let styles = zip_entry(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="仿宋""#) && styles.contains(r#"w:eastAsia="宋体""#));
    // Same evaluation, same bytes: no clock in the export.
    assert_eq!(bytes, export_docx(&seed(), &[]).unwrap());
}

#[test]
fn the_report_reads_in_the_seeds_order_with_computed_sentences() {
    let ev = seed();
    let doc = zip_entry(&export_docx(&ev, &[]).unwrap(), "word/document.xml");
    let paras = paragraphs(&doc);
    let body: Vec<&Para> = paras.iter().filter(|p| !p.in_table).collect();
    assert_eq!(body[0].text, "衡阳县科技和工业信息化局");
    assert_eq!((body[1].style.as_str(), body[1].text.as_str()), ("Title", "2024年度部门整体支出绩效自评报告"));

    let headings: Vec<&str> = body.iter().filter(|p| p.style == "Heading1").map(|p| p.text.as_str()).collect();
    assert_eq!(headings, common::SECTIONS);
    let level2: Vec<&str> = body.iter().filter(|p| p.style == "Heading2").map(|p| p.text.as_str()).collect();
    assert_eq!(
        level2,
        [
            "（一）机构设置情况",
            "（二）人员编制情况",
            "（三）主要职责",
            "（一）部门预决算情况",
            "（二）部门预算执行情况",
            "（一）综合评价结论",
            "（二）评价指标分析",
            // Typed under 四、: as deep as every other （一）, not one level deeper.
            "（一）项目立项情况",
            "（二）专项资金使用及管理情况",
            "（三）项目组织实施情况",
            "（四）、项目绩效情况分析",
            "（一）存在问题原因",
            "（二）改进措施及建议"
        ]
    );

    let has = |text: &str| body.iter().any(|p| p.style == "Normal" && p.text.contains(text));
    assert!(has(
        "2024年决算总收入7256.75万元，较年初预算增加6948.10万元。总支出7206.67万元，其中：基本支出414.16万元，占总支出的5.75%；项目支出6792.51万元，占总支出的94.25%。"
    ));
    assert!(has("内设股室8个：办公室、人事政工股、政策法规股、工业股、科技股、信息化管理股、中小企业促进股、信访室。"));
    assert!(has("所属事业单位3个：衡阳县中小企业服务中心、衡阳县科技服务中心、衡阳县生产力促进中心"));
    assert!(has("2024年度政府采购支出158.46万元，其中：货物4.29万元，工程0万元，服务154.17万元。"));
    assert!(has("固定资产账面原值186.11万元，在用资产186.11万元，资产使用率100.00%。"));
    assert!(has("“三公”经费决算数5.59元，其中："));
    // The narrative as typed, one paragraph per line, in its section.
    for line in ev.narrative.improvements.lines().filter(|l| !l.trim().is_empty()) {
        assert!(has(line.trim()), "{line}");
    }
    let conclusion = body.iter().position(|p| p.text == "（一）综合评价结论").unwrap();
    assert_eq!(body[conclusion + 1].text, ev.narrative.conclusion.trim());
    let other = body.iter().position(|p| p.text == "六、其它需要说明的情况").unwrap();
    assert_eq!(body[other + 1].text, "无");
    assert!(!body.iter().any(|p| p.style == "Heading3" && p.text.starts_with('（')), "no （一） at level 3");
}

#[test]
fn the_self_evaluation_table_is_a_word_table_in_a_landscape_section() {
    let ev = seed();
    let doc = zip_entry(&export_docx(&ev, &[]).unwrap(), "word/document.xml");
    // Cut at the grid's heading row, so that Word repeats that row on every page.
    assert_eq!(doc.matches("<w:tbl>").count(), 2);
    let first = doc.find("<w:tbl>").unwrap();
    let table = &doc[first..doc.rfind("</w:tbl>").unwrap()];
    // 预算部门, 7 funds rows, the heading row, one row per indicator, 总分 and 评价等级.
    assert_eq!(table.matches("<w:tr>").count(), 1 + 7 + 1 + ev.indicators.len() + 2);
    let rows: Vec<String> = table.split("<w:tr>").skip(1).map(texts).collect();
    assert_eq!(rows[0], "预算部门衡阳县科技和工业信息化局");
    assert!(rows[2].starts_with("年度资金总额308.657509.247256.1010.0096.63%9.66"), "{}", rows[2]);
    assert_eq!(rows[8], format!("绩效指标{}", common::GRID.concat()));
    assert!(rows[9].starts_with("产出指标数量指标科技型中小企业评价入库120家166家"), "{}", rows[9]);
    assert!(rows[10].starts_with("高新技术企业认定净增数"), "merged cells leave empty continuations: {}", rows[10]);
    assert_eq!(rows[rows.len() - 2], "总分100.0098.76");
    assert_eq!(rows[rows.len() - 1], "评价等级优");
    // The second table starts with the heading row, marked to repeat.
    let second = &doc[doc[first + 1..].find("<w:tbl>").unwrap() + first + 1..];
    let heading = &second[second.find("<w:tr>").unwrap()..second.find("</w:tr>").unwrap()];
    assert!(heading.contains("<w:tblHeader/>") && texts(heading).contains("三级指标"), "{heading}");
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 1);
    // 产出指标 restarts a vertical merge continued by its 10 other rows.
    assert!(table.contains(r#"<w:vMerge w:val="restart"/>"#));

    let caption = doc.find("2024年度部门整体支出绩效自评表").unwrap();
    let portrait = doc.find(r#"<w:pgSz w:w="11906" w:h="16838"/>"#).unwrap();
    let landscape = doc.find(r#"w:orient="landscape""#).unwrap();
    assert!(portrait < caption && caption < landscape, "the report is portrait, the table's section landscape");
    assert!(doc.trim_end().ends_with("</w:sectPr></w:body></w:document>"));
}

/// The cells of every table: (width in twips, text).
fn cells(doc: &str) -> Vec<(u32, String)> {
    doc.split("<w:tc>")
        .skip(1)
        .map(|tc| {
            let tc = &tc[..tc.find("</w:tc>").unwrap()];
            let w = tc.split_once(r#"<w:tcW w:w=""#).unwrap().1.split('"').next().unwrap().parse().unwrap();
            (w, texts(tc))
        })
        .collect()
}

/// Twips a text needs at 10.5 pt with the cell margins (85 each side): a Latin character
/// is at most 0.55 em, a CJK one 1 em.
fn needed(text: &str) -> u32 {
    170 + text.chars().map(|c| if c.is_ascii() { 116 } else { 210 }).sum::<u32>()
}

#[test]
fn numbers_and_dates_fit_their_cells_and_the_side_column_holds_a_word() {
    for ev in [seed(), common::with_template(seed(), "sichuan"), common::with_template(seed(), "chongqing")] {
        let doc = zip_entry(&export_docx(&ev, &[]).unwrap(), "word/document.xml");
        let figures: Vec<(u32, String)> = cells(&doc)
            .into_iter()
            .filter(|(_, t)| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ".%-".contains(c)))
            .collect();
        assert!(figures.iter().any(|(_, t)| t == "2024-12-31") && figures.iter().any(|(_, t)| t.ends_with('%')));
        for (w, t) in &figures {
            assert!(*w >= needed(t), "{}: “{t}” needs {} twips, its cell has {w}", ev.template.preset, needed(t));
            // And Word is told not to wrap it.
        }
        let no_wrap = doc.matches("<w:noWrap/>").count();
        assert!(no_wrap >= figures.len(), "{no_wrap} noWrap for {} figures", figures.len());
        let side = cells(&doc).into_iter().find(|(_, t)| t == "预算部门" || t.starts_with("绩效指标")).unwrap();
        assert!(side.0 >= needed("绩效"), "the first column is {} twips", side.0);
        let grid = doc.split("<w:gridCol w:w=\"").nth(1).unwrap().split('"').next().unwrap().parse::<u32>().unwrap();
        assert!(grid >= needed("绩效指标") - 10, "the side column holds 绩效指标 on one line: {grid}");
    }
}

#[test]
fn the_font_table_declares_the_chinese_faces_with_their_families() {
    let bytes = export_docx(&seed(), &[]).unwrap();
    let fonts = zip_entry(&bytes, "word/fontTable.xml");
    for (name, latin, family) in [
        ("宋体", "SimSun", "roman"),
        ("仿宋", "FangSong", "roman"),
        ("楷体", "KaiTi", "script"),
        ("黑体", "SimHei", "swiss"),
    ] {
        let font =
            fonts.split(&format!(r#"<w:font w:name="{name}">"#)).nth(1).unwrap().split("</w:font>").next().unwrap();
        assert!(font.contains(&format!(r#"<w:altName w:val="{latin}"/>"#)), "{name}: {font}");
        assert!(
            font.contains(r#"<w:charset w:val="86"/>"#) && font.contains(&format!(r#"w:val="{family}""#)),
            "{font}"
        );
    }
    let rels = zip_entry(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="fontTable.xml""#));
    assert!(zip_entry(&bytes, "[Content_Types].xml").contains("/word/fontTable.xml"));
}
