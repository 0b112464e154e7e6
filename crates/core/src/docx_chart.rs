//! A bar chart in a .docx as DrawingML (a chart part, `word/charts/chart1.xml`), not a picture:
//! Word and LibreOffice draw it from the values cached in the part, in the document's own fonts,
//! and the reader can restyle it. One column per unit; units short of the policy threshold in the
//! report's red; the threshold a dashed line (a line series of the same value at every unit);
//! values as data labels. A unit without a value is a gap, never a zero.

use crate::docx::{escape, CHART_RELATIONSHIP_ID, FONT_BODY, FONT_LATIN};

/// What the chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub title: String,
    /// The series' name (the figure and its unit): `学前教育普惠率（%）`.
    pub series: String,
    /// One bar per category, in order: the unit's name, its value (none: a gap) and whether it
    /// falls short of the threshold.
    pub bars: Vec<(String, Option<f64>, bool)>,
    /// The threshold line: its value and its name in the legend (`标准线：不低于85%`).
    pub threshold: Option<(f64, String)>,
    /// The value axis' top (100 for a percentage); its bottom is always 0, so bars compare.
    pub axis_max: Option<f64>,
}

const BAR_COLOUR: &str = "5B8BD0";
const SHORT_COLOUR: &str = "B3261E";

fn text_properties(size: u32, bold: bool) -> String {
    format!(
        r#"<a:defRPr sz="{size}" b="{}"><a:latin typeface="{FONT_LATIN}"/><a:ea typeface="{FONT_BODY}"/></a:defRPr>"#,
        u8::from(bold)
    )
}

fn string_cache(reference: &str, texts: &[&str]) -> String {
    let points: String = texts
        .iter()
        .enumerate()
        .map(|(index, text)| format!(r#"<c:pt idx="{index}"><c:v>{}</c:v></c:pt>"#, escape(text)))
        .collect();
    format!(
        r#"<c:strRef><c:f>{reference}</c:f><c:strCache><c:ptCount val="{}"/>{points}</c:strCache></c:strRef>"#,
        texts.len()
    )
}

fn number_cache(reference: &str, values: &[Option<f64>]) -> String {
    let points: String = values
        .iter()
        .enumerate()
        .filter_map(|(index, value)| value.map(|value| format!(r#"<c:pt idx="{index}"><c:v>{value}</c:v></c:pt>"#)))
        .collect();
    format!(
        r#"<c:numRef><c:f>{reference}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{}"/>{points}</c:numCache></c:numRef>"#,
        values.len()
    )
}

/// The chart part (`word/charts/chart1.xml`).
pub fn chart_part(chart: &BarChart) -> String {
    let count = chart.bars.len();
    let last_row = count + 1;
    let names: Vec<&str> = chart.bars.iter().map(|(name, _, _)| name.as_str()).collect();
    let values: Vec<Option<f64>> = chart.bars.iter().map(|(_, value, _)| *value).collect();
    let categories = format!("<c:cat>{}</c:cat>", string_cache(&format!("Sheet1!$A$2:$A${last_row}"), &names));
    let short_points: String = chart
        .bars
        .iter()
        .enumerate()
        .filter(|(_, (_, _, short))| *short)
        .map(|(index, _)| {
            format!(
                r#"<c:dPt><c:idx val="{index}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{SHORT_COLOUR}"/></a:solidFill></c:spPr></c:dPt>"#
            )
        })
        .collect();
    let labels = r#"<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#;
    let bars = format!(
        r#"<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx>{}</c:tx><c:spPr><a:solidFill><a:srgbClr val="{BAR_COLOUR}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>{short_points}{labels}{categories}<c:val>{}</c:val></c:ser><c:gapWidth val="60"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>"#,
        string_cache("Sheet1!$B$1", &[&chart.series]),
        number_cache(&format!("Sheet1!$B$2:$B${last_row}"), &values),
    );
    let line = chart.threshold.as_ref().map(|(value, name)| {
        format!(
            r#"<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="1"/><c:order val="1"/><c:tx>{}</c:tx><c:spPr><a:ln w="19050"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>{categories}<c:val>{}</c:val><c:smooth val="0"/></c:ser><c:marker val="1"/><c:axId val="5001"/><c:axId val="5002"/></c:lineChart>"#,
            string_cache("Sheet1!$C$1", &[name]),
            number_cache(&format!("Sheet1!$C$2:$C${last_row}"), &vec![Some(*value); count]),
        )
    });
    let axis_max = chart.axis_max.map(|max| format!(r#"<c:max val="{max}"/>"#)).unwrap_or_default();
    let axes = format!(
        r#"<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/>{axis_max}<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>"#
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr>{title_properties}</a:pPr><a:r><a:t>{title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>{bars}{line}{axes}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{body_properties}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr></c:chartSpace>"#,
        title_properties = text_properties(1200, true),
        title = escape(&chart.title),
        line = line.unwrap_or_default(),
        body_properties = text_properties(900, false),
    )
}

/// The paragraph holding the chart, `width_mm` × `height_mm`, centred; single line spacing, as an
/// exact line height (the 公文 grid's 28 pt) would clip the drawing to one line.
pub fn chart_paragraph(width_mm: f64, height_mm: f64, title: &str) -> String {
    // English Metric Units: 36 000 a millimetre.
    let (cx, cy) = ((width_mm * 36_000.0) as u64, (height_mm * 36_000.0) as u64);
    format!(
        r#"<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="{name}" descr="{name}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{CHART_RELATIONSHIP_ID}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
        name = escape(title),
    )
}
