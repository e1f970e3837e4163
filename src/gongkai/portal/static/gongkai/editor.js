// A rich-text editor for every textarea[data-editor]. The textarea stays the form's field: without
// JavaScript (or if Quill is missing) people type into it and the server makes each line a paragraph;
// with it, Quill edits the text and the form sends the editor's HTML in the textarea. The toolbar
// offers only what the server's sanitiser keeps (paragraphs, h2-h4, bold, italic, lists, quotes,
// links, tables), and Quill keeps only those formats from a paste, whether from Word or a web page.
(function () {
  "use strict";

  var FORMATS = ["header", "bold", "italic", "underline", "script", "list", "blockquote", "link", "table"];
  var MARKUP = /<\/?[a-zA-Z][^>]*>|<!--/; // the server's test for "this body is HTML"
  // Quill's tables have neither header cells nor merged ones: such a body stays in the textarea as
  // HTML rather than lose them (the annual report's tables are like that).
  var UNSUPPORTED = /<(th|caption)\b|\s(col|row)span\s*=/i;

  // Formats are toggled by Quill's toolbar module (which keeps aria-pressed); actions are plain buttons.
  var GROUPS = [
    [{ format: "bold", label: "粗体" }, { format: "italic", label: "斜体" }],
    [
      { format: "list", value: "bullet", label: "项目列表" },
      { format: "list", value: "ordered", label: "编号列表" },
      { format: "blockquote", label: "引用" },
    ],
    [{ format: "link", label: "链接" }, { action: "insertTable", label: "插入表格" }],
    [
      { action: "insertRowBelow", label: "加一行" },
      { action: "insertColumnRight", label: "加一列" },
      { action: "deleteRow", label: "删除行" },
      { action: "deleteColumn", label: "删除列" },
    ],
    [{ action: "undo", label: "撤销" }, { action: "redo", label: "重做" }],
  ];
  var TABLE_TOOLS = 3; // the index of the group shown only while the cursor is in a table

  var ACTIONS = {
    insertTable: function (quill) { quill.getModule("table").insertTable(3, 3); },
    undo: function (quill) { quill.history.undo(); },
    redo: function (quill) { quill.history.redo(); },
  };
  ["insertRowBelow", "insertColumnRight", "deleteRow", "deleteColumn"].forEach(function (name) {
    ACTIONS[name] = function (quill) { quill.getModule("table")[name](); };
  });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildToolbar(label) {
    var toolbar = element("div", "editor-toolbar");
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", label + "格式");
    var blocks = element("select", "ql-header");
    blocks.setAttribute("aria-label", "段落格式");
    [["", "正文"], ["2", "二级标题"], ["3", "三级标题"], ["4", "四级标题"]].forEach(function (pair) {
      var option = element("option", "", pair[1]);
      option.value = pair[0];
      if (!pair[0]) option.setAttribute("selected", "");
      blocks.appendChild(option);
    });
    var first = element("span", "editor-group");
    first.appendChild(blocks);
    toolbar.appendChild(first);
    GROUPS.forEach(function (tools, index) {
      var group = element("span", "editor-group");
      if (index === TABLE_TOOLS) group.hidden = true;
      tools.forEach(function (tool) {
        var button = element("button", tool.format ? "ql-" + tool.format : "", tool.label);
        button.type = "button";
        if (tool.value) button.value = tool.value;
        if (tool.action) button.setAttribute("data-action", tool.action);
        group.appendChild(button);
      });
      toolbar.appendChild(group);
    });
    return toolbar;
  }

  function askForLink(quill, value) {
    if (!value) {
      quill.format("link", false, "user");
      return;
    }
    var href = window.prompt("链接地址（以 https:// 或 http:// 开头）：", "https://");
    if (!href || href === "https://") return;
    var range = quill.getSelection(true);
    if (range.length) {
      quill.formatText(range.index, range.length, "link", href, "user");
    } else {
      quill.insertText(range.index, href, "link", href, "user");
    }
  }

  // Return HTML for Quill to parse. Word (and many web pages) put inline styles on what they copy,
  // and the page's Content Security Policy reports every one as soon as anything parses them, even
  // into an inert document. So the styles go first, once the one thing worth keeping has been read
  // from them: which of Word's paragraphs are list items ("mso-list:l0"), and whether list 0 is bulleted.
  function cleaned(html) {
    var bulleted = {};
    html.replace(/@list\s+l(\d+):level1\s*\{[^}]*?mso-level-number-format:\s*bullet/gi, function (rule, id) {
      bulleted[id] = true;
    });
    return html
      .replace(/<style[\s\S]*?<\/style>/gi, "")
      .replace(/<!\[if\s+!supportLists\]>[\s\S]*?<!\[endif\]>/gi, "") // Word's typed-out bullet or number
      .replace(/<p\b[^>]*?mso-list:\s*l(\d+)[^>]*>([\s\S]*?)<\/p>/gi, function (paragraph, id, content) {
        return '<li data-list="' + (bulleted[id] ? "bullet" : "ordered") + '">' + content + "</li>";
      })
      .replace(/(<[a-zA-Z][^>]*?)\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g, "$1")
      .replace(/<(\/?)th\b/gi, "<$1td"); // else Quill runs a row's header cells into one cell
  }

  function html(quill) {
    if (quill.getText().trim() === "" && !quill.root.querySelector("table")) return "";
    // Quill 2.0.3 writes every space as &nbsp; (text never holds that entity otherwise), and keeps an
    // empty line after a closing table or list, which publishes as nothing.
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ").replace(/(<p><\/p>)+$/, "");
  }

  function enhance(textarea) {
    var field = textarea.parentNode;
    if (UNSUPPORTED.test(textarea.value)) {
      var note = element("p", "help", "正文含有表头或合并单元格，编辑器无法保留，请在下框中直接修改 HTML。");
      field.insertBefore(note, textarea);
      return;
    }
    var label = field.querySelector('label[for="' + textarea.id + '"]');
    var name = label ? label.textContent.trim() : "正文";
    var toolbar = buildToolbar(name);
    var area = element("div", "editor-area");
    field.insertBefore(toolbar, textarea);
    field.insertBefore(area, textarea);
    var quill = new window.Quill(area, {
      formats: FORMATS,
      modules: {
        table: true,
        toolbar: {
          container: toolbar,
          handlers: { link: function (value) { askForLink(this.quill, value); } },
        },
        // Tab leaves the editor, as it leaves any other field: nothing traps the keyboard.
        keyboard: { bindings: { tab: false, indent: false, outdent: false, "remove tab": false, "table tab": false } },
      },
    });
    var value = textarea.value;
    if (MARKUP.test(value)) {
      quill.setContents(quill.clipboard.convert({ html: cleaned(value) }), "silent");
    } else {
      quill.setText(value, "silent");
    }
    quill.history.clear();

    var editable = quill.root;
    editable.setAttribute("role", "textbox");
    editable.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || textarea.id + "_label";
      label.removeAttribute("for"); // the label now names the editor, not the hidden textarea
      editable.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { quill.focus(); });
    }
    var described = textarea.getAttribute("aria-describedby");
    if (described) editable.setAttribute("aria-describedby", described);
    if (textarea.getAttribute("aria-invalid")) editable.setAttribute("aria-invalid", "true");
    textarea.hidden = true;

    area.addEventListener("paste", function (event) { // capturing: before Quill's own handler
      var pasted = event.clipboardData && event.clipboardData.getData("text/html");
      if (!pasted) return; // plain text: Quill makes each line a paragraph
      event.preventDefault();
      quill.clipboard.onPaste(quill.getSelection(true), {
        html: cleaned(pasted),
        text: event.clipboardData.getData("text/plain"),
      });
    }, true);
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button) return;
      quill.focus();
      ACTIONS[button.getAttribute("data-action")](quill);
    });
    var tableTools = toolbar.children[TABLE_TOOLS + 1];
    var blocks = toolbar.querySelector("select");
    function followCursor() {
      var range = quill.getSelection();
      if (range) tableTools.hidden = quill.getFormat(range).table == null;
      else if (blocks.selectedIndex < 0) blocks.selectedIndex = 0; // Quill blanks it without a cursor
    }
    quill.on("editor-change", followCursor);
    followCursor();
    // A body nobody touched is sent back exactly as it came, not as Quill would write it.
    var changed = false;
    quill.on("text-change", function () { changed = true; });
    textarea.form.addEventListener("submit", function () {
      if (changed) textarea.value = html(quill);
    });
  }

  if (window.Quill) {
    document.querySelectorAll("textarea[data-editor]").forEach(enhance);
  }
})();
