//! The fixed parts of the Word package: content types, relationships, styles, settings,
//! the page-number footer and the document properties.
//!
//! Styles follow the usual layout of Chinese government reports (GB/T 9704): title in
//! 宋体 二号 bold, 一、 headings in 黑体, （一） headings in 楷体, body in 仿宋 三号 with
//! a two-character first-line indent and 28-point exact line spacing; tables in 宋体 五号.

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const FOOTER_REL: &str = "rIdFooter1";

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

pub const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

pub const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

pub const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// The fonts the styles name, each with its Latin name (`w:altName`), the GB2312
/// character set and its family, so that where 仿宋 or 宋体 is not installed Word, WPS
/// and LibreOffice substitute a serif CJK face (as a 仿宋 document should look), not sans.
/// 黑体 is the one sans face.
pub const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font><w:font w:name="楷体"><w:altName w:val="KaiTi"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="fixed"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="swiss"/><w:pitch w:val="fixed"/></w:font><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

pub const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

pub const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>jixiao</Application></Properties>"#;

/// The document properties: title and author, no dates (the export is a pure function).
pub fn core(title: &str, creator: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        super::docx::escape(title),
        super::docx::escape(creator)
    )
}

fn font_names(east_asian: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asian}" w:cs="Times New Roman"/>"#
    )
}

/// Run properties: a Latin and an East Asian font, bold or not, a size in half-points,
/// in the element order the schema requires (Word rejects a file that breaks it).
fn run(east_asian: &str, half_points: u32, bold: bool) -> String {
    let bold = if bold { "<w:b/><w:bCs/>" } else { "" };
    format!(r#"{}{bold}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#, font_names(east_asian))
}

fn paragraph_style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

/// A centred paragraph without the body's first-line indent, single-spaced, with
/// space before and after in twentieths of a point.
fn centred(keep_next: bool, before: u32, after: u32) -> String {
    let keep = if keep_next { "<w:keepNext/>" } else { "" };
    format!(
        r#"{keep}<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#
    )
}

pub fn styles() -> String {
    let heading = |level: u32| format!(r#"<w:keepNext/><w:outlineLvl w:val="{}"/>"#, level - 1);
    let styles = [
        paragraph_style("Title", "Title", &centred(false, 240, 480), &run("宋体", 44, true)),
        paragraph_style("Subtitle", "Subtitle", &centred(false, 480, 0), &run("仿宋", 32, false)),
        paragraph_style("Heading1", "heading 1", &heading(1), &run("黑体", 32, false)),
        paragraph_style("Heading2", "heading 2", &heading(2), &run("楷体", 32, false)),
        paragraph_style("Heading3", "heading 3", &heading(3), &run("仿宋", 32, true)),
        paragraph_style("TableCaption", "Table Caption", &centred(true, 0, 120), &run("宋体", 32, true)),
        paragraph_style("TableText", "Table Text", &centred(false, 0, 0), &run("宋体", 21, false)),
        paragraph_style("Footer", "footer", &centred(false, 0, 0), &run("宋体", 28, false)),
    ];
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>{}</w:styles>"#,
        font_names("仿宋"),
        styles.concat()
    )
}
