"""What a document body becomes when it is stored: plain text in paragraphs, HTML sanitised."""

from gongkai.publishing.content import body_html

# What Word 2016 puts on the clipboard for a heading, an indented paragraph, a bulleted item and a table.
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40"><head><meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15"><style><!--
 p.MsoNormal {mso-style-unhide:no; font-size:10.5pt; font-family:"Calibri",sans-serif;}
 @list l0:level1 {mso-level-number-format:bullet; mso-level-text:\\F0B7; font-family:Symbol;}
--></style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<!--StartFragment--><h2 style='mso-outline-level:2'><span style='font-family:黑体;mso-ascii-font-family:
"Times New Roman"'>一、总体要求<o:p></o:p></span></h2>
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-size:16.0pt;
font-family:仿宋_GB2312'><font face="仿宋">各乡镇人民政府，县直各单位：</font><o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if
!supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
lang=EN-US>落实种子<o:p></o:p></span></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;
mso-yfti-tbllook:1184'><tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td width=277 valign=top
style='width:207.4pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'><p
class=MsoNormal><b>项目</b><o:p></o:p></p></td></tr></table><!--EndFragment--></body></html>"""


def test_each_typed_line_becomes_a_paragraph():
    text = "各乡镇人民政府：\r\n\r\n　　为做好春耕工作，现通知如下。\n一、备足农资。\n\n"
    assert (
        body_html(text) == "<p>各乡镇人民政府：</p><p>为做好春耕工作，现通知如下。</p><p>一、备足农资。</p>"
    )


def test_plain_text_is_escaped_not_read_as_markup():
    assert body_html("单价 < 5 元 & 数量 > 3，见《通知》<附件1>") == (
        "<p>单价 &lt; 5 元 &amp; 数量 &gt; 3，见《通知》&lt;附件1&gt;</p>"
    )


def test_a_blank_body_stays_empty():
    assert body_html("") == body_html(" \n\n ") == ""


def test_html_is_sanitised_and_not_split_into_paragraphs():
    body = '<h2>标题</h2>\n<p onclick="x()">第一行<br>第二行</p><script>alert(1)</script><a href="javascript:x">链接</a>'
    assert body_html(body) == '<h2>标题</h2>\n<p>第一行<br>第二行</p><a rel="noopener noreferrer">链接</a>'


def test_html_pasted_from_word_keeps_its_structure_and_loses_words_markup():
    body = body_html(WORD)
    for left in (
        "mso",
        "Mso",
        "<o:p>",
        "<!--",
        "[if",
        "<font",
        "font-family",
        "style",
        "class=",
        "<span",
        "Normal",
    ):
        assert left not in body, left
    assert "<h2>一、总体要求</h2>" in body
    assert "<p>各乡镇人民政府，县直各单位：</p>" in body
    assert "落实种子</p>" in body  # Word's own bullet stays as text: the editor turns such runs into lists
    assert "<table><tbody><tr><td><p><b>项目</b></p></td></tr></tbody></table>" in body
