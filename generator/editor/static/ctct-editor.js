/* The clerk's editor, on top of Decap CMS, through its public API only (the vendored bundle
   is never patched):
   - `ctct-date`, a date typed day first whatever the browser's language (24/01/2026, 24-1-2026,
     24.01.2026 or 24012026), stored as an ISO date; its checks (real calendar day, within the
     years the configuration gives, not in the future, required when another field says so, not
     after another date) are shown at the field, in the clerk's words;
   - the Vietnamese words Decap 3.16's own Vietnamese lacks, and clearer ones where it is vague,
     and of the choice lists Decap takes from react-select ("No options");
   - list views in words: status labels and the task's text (from chuong-trinh.json).
   `readDate` is the rule of `generator.common.dates.parse_date`; tests/editor/test_editor_patterns.py
   runs it in Node against the Python rule on the same cases. Dates are Vietnam's. */
(function (root) {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* The ISO date of day/month/year when it exists and its year is within `years`; else null. */
  function calendarDate(day, month, year, years) {
    if (years && (year < years[0] || year > years[1])) {
      return null;
    }
    if (month < 1 || month > 12 || day < 1) {
      return null;
    }
    var last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return day <= last ? year + "-" + pad(month) + "-" + pad(day) : null;
  }

  /* A date as the clerk types it, day first, or as a file stores it (ISO); null when it is not
     a date. `loose` also takes '-' or '.' between the parts and eight digits run together. */
  function readDate(value, years, loose) {
    var text = value === undefined || value === null ? "" : String(value).trim();
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m) {
      return calendarDate(+m[3], +m[2], +m[1], years);
    }
    m = (loose ? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/ : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/).exec(
      text
    );
    if (!m && loose) {
      m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
    }
    return m ? calendarDate(+m[1], +m[2], +m[3], years) : null;
  }

  function dayFirst(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : iso || "";
  }

  function vietnamToday() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
      .formatToParts(new Date())
      .forEach(function (part) {
        parts[part.type] = part.value;
      });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  var rules = { readDate: readDate, dayFirst: dayFirst, vietnamToday: vietnamToday };
  if (typeof module === "object" && module.exports) {
    module.exports = rules;
  }
  var CMS = root.CMS;
  if (!CMS || !root.createClass || !root.h) {
    return;
  }
  var h = root.h;

  /* What a date field refuses, or null: `field` is its configuration, `data` the entry's. */
  function dateProblem(value, field, data, label) {
    var years = field.get("years") && field.get("years").toJS();
    var text = value === undefined || value === null ? "" : String(value).trim();
    var when = field.get("required_when");
    if (!text) {
      if (when && data && data.get(when.get("field")) === when.get("value")) {
        return when.get("message");
      }
      return field.get("required", true) && !when ? label + ": cần ghi ngày." : null;
    }
    var iso = readDate(text, years, false);
    if (!iso) {
      return (
        label +
        ": “" + text + "” không phải một ngày có thật; viết ngày/tháng/năm, ví dụ 24/01/2026" +
        (years ? " (năm từ " + years[0] + " đến " + years[1] + ")." : ".")
      );
    }
    if (field.get("not_future") && iso > vietnamToday()) {
      return label + ": ngày " + dayFirst(iso) + " ở tương lai; chỉ ghi điều đã xảy ra.";
    }
    var other = field.get("not_after");
    var limit = other && data ? readDate(data.get(other), years, false) : null;
    if (limit && iso > limit) {
      return label + ": ngày " + dayFirst(iso) + " sau ngày báo cáo " + dayFirst(limit) + ".";
    }
    return null;
  }

  var DateControl = root.createClass({
    getInitialState: function () {
      return { text: dayFirst(this.props.value) };
    },
    componentDidMount: function () {
      if (!this.props.value && this.props.field.get("today")) {
        this.props.onChange(vietnamToday());
        this.setState({ text: dayFirst(vietnamToday()) });
      }
    },
    /* Decap re-renders a widget only when its own value changes; this one also reads the
       entry's other fields (the status, the report's date). */
    shouldComponentUpdate: function () {
      return true;
    },
    componentDidUpdate: function (previous) {
      var value = this.props.value;
      if (value !== previous.value && readDate(value) && readDate(value) !== this.stored()) {
        this.setState({ text: dayFirst(value) });
      }
    },
    stored: function () {
      return readDate(this.state.text, null, true) || this.state.text;
    },
    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      this.props.onChange(readDate(text, null, true) || text.trim());
    },
    handleBlur: function () {
      var iso = readDate(this.state.text, null, true);
      if (iso) {
        this.setState({ text: dayFirst(iso) });
      }
      if (this.props.setInactiveStyle) {
        this.props.setInactiveStyle();
      }
    },
    /* Presence is ours to check (required only when another field says so). */
    getValidateValue: function () {
      return "-";
    },
    /* `getEntry`, not `entry`: Decap passes `entry` only when the field itself re-renders, so
       a status chosen after the date field last changed went unseen. */
    isValid: function () {
      var entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
      var data = entry && entry.get("data");
      var label = this.props.field.get("label", this.props.field.get("name"));
      var problem = dateProblem(this.props.value, this.props.field, data, label);
      return problem ? { error: { type: "CUSTOM", message: problem } } : true;
    },
    render: function () {
      return h("input", {
        type: "text",
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.state.text,
        inputMode: "numeric",
        autoComplete: "off",
        placeholder: "ngày/tháng/năm",
        "aria-describedby": this.props.forID + "-mau",
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.handleBlur,
      });
    },
  });

  var DatePreview = root.createClass({
    render: function () {
      return h("p", {}, dayFirst(this.props.value));
    },
  });

  CMS.registerWidget("ctct-date", DateControl, DatePreview);

  /* Decap's Vietnamese, completed where it has no words (its English would show) and made
     plain where it is vague. */
  var WORDS = {
    auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo" },
    collection: {
      collectionTop: {
        viewAsList: "Xem dạng danh sách",
        viewAsGrid: "Xem dạng lưới",
        groupBy: "Nhóm theo",
      },
      entries: { unpublishedHeader: "Mục chưa công bố" },
      groups: { other: "Khác", negateLabel: "Không %{label}" },
    },
    editor: {
      editor: {
        confirmLoadBackup:
          "Trình duyệt còn giữ một bản đang soạn dở, chưa lưu, của mục này từ lần trước. Bấm " +
          "OK để dùng lại bản đó; bấm Hủy để bỏ nó và bắt đầu từ biểu mẫu trống.",
      },
      editorControl: { field: { widgetLabel: "Trường %{widgetLabel}" } },
      editorControlPane: {
        widget: { regexPattern: "%{fieldLabel}: %{pattern}." },
        i18n: {
          writingInLocale: "Đang viết bằng %{locale}",
          copyFromLocale: "Điền từ ngôn ngữ khác",
          copyFromLocaleConfirm: "Điền dữ liệu từ %{locale}? Mọi nội dung hiện có sẽ bị thay.",
        },
      },
      editorInterface: {
        toggleI18n: "Bật, tắt đa ngôn ngữ",
        togglePreview: "Bật, tắt xem trước",
        toggleScrollSync: "Cuộn cùng nhau",
        toggleNotes: "Bật, tắt ghi chú",
      },
      editorNotesPane: {
        title: "Ghi chú",
        emptyState: "Chưa có ghi chú nào.",
        addNote: "Thêm ghi chú",
        addPlaceholder: "Thêm một ghi chú…",
        editPlaceholder: "Sửa ghi chú…",
        save: "Lưu",
        cancel: "Hủy",
        edit: "Sửa",
        delete: "Xóa",
        resolve: "Đánh dấu đã xong",
        unresolve: "Mở lại",
        confirmDelete: "Xóa ghi chú này?",
        shortcut: "Mẹo: bấm Ctrl+Enter để thêm nhanh ghi chú",
      },
      editorToolbar: {
        statusInfoTooltipDraft: "Mục đang là bản nháp. Để gửi duyệt, chọn trạng thái “Chờ duyệt”.",
        statusInfoTooltipInReview: "Mục đang chờ duyệt; vẫn có thể sửa thêm trong lúc chờ.",
      },
      editorWidgets: {
        markdown: {
          bold: "Đậm",
          italic: "Nghiêng",
          strikethrough: "Gạch ngang",
          code: "Mã",
          link: "Liên kết",
          linkPrompt: "Nhập địa chỉ của liên kết",
          headings: "Tiêu đề",
          quote: "Trích dẫn",
          bulletedList: "Danh sách dấu chấm",
          numberedList: "Danh sách đánh số",
          addComponent: "Thêm thành phần",
          toggleMode: { rich: "Chuyển sang soạn thảo trực quan", markdown: "Chuyển sang Markdown" },
        },
        image: {
          chooseMultiple: "Chọn ảnh",
          chooseUrl: "Chèn từ địa chỉ",
          replaceUrl: "Thay bằng địa chỉ",
          promptUrl: "Nhập địa chỉ của ảnh",
          addMore: "Thêm ảnh",
          removeAll: "Xóa mọi ảnh",
        },
        file: {
          chooseUrl: "Chèn từ địa chỉ",
          chooseMultiple: "Chọn tệp",
          replaceUrl: "Thay bằng địa chỉ",
          promptUrl: "Nhập địa chỉ của tệp",
          addMore: "Thêm tệp",
          removeAll: "Xóa mọi tệp",
        },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở ra", collapse: "Thu gọn" },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: "Sao chép",
        copyUrl: "Sao chép địa chỉ",
        copyPath: "Sao chép đường dẫn",
        copyName: "Sao chép tên",
        copied: "Đã sao chép",
      },
      mediaLibraryModal: { close: "Đóng" },
    },
    ui: {
      settingsDropdown: { account: "Tài khoản" },
      toast: {
        noteAdded: "Đã thêm ghi chú",
        onFailToAddNote: "Không thêm được ghi chú: %{details}",
        noteUpdated: "Đã sửa ghi chú",
        onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
        noteDeleted: "Đã xóa ghi chú",
        onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
        noteResolved: "Đã đánh dấu ghi chú đã xong",
        noteReopened: "Đã mở lại ghi chú",
        onFailToToggleNote: "Không đổi được ghi chú: %{details}",
      },
    },
  };

  function merged(base, more) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) {
      out[key] = base[key];
    });
    Object.keys(more).forEach(function (key) {
      var value = more[key];
      out[key] = typeof value === "object" ? merged(out[key], value) : value;
    });
    return out;
  }

  CMS.registerLocale("vi", merged(CMS.getLocale("vi"), WORDS));

  /* List views: "2026-01-24 · done · 2026-01-01" reads "24/01/2026 · Đã hoàn thành ·
     2026-01-01 — <the task's text>"; any summary starting with an ISO date gets it day first. */
  var SUMMARY = /^(\d{4}-\d{2}-\d{2}) · (.*)$/;
  var REPORT = /^([a-z_]+) · ([a-z0-9-]+)$/;
  var words = null;

  function listWords() {
    if (!words) {
      words = fetch("chuong-trinh.json", { cache: "no-store" })
        .then(function (response) {
          return response.ok ? response.json() : { statuses: {}, tasks: {} };
        })
        .catch(function () {
          return { statuses: {}, tasks: {} };
        });
    }
    return words;
  }

  function relabel(node, known) {
    var m = SUMMARY.exec(node.nodeValue);
    if (!m) {
      return;
    }
    var rest = m[2];
    var report = REPORT.exec(rest);
    if (report && known.statuses[report[1]]) {
      var text = known.tasks[report[2]];
      rest = known.statuses[report[1]] + " · " + report[2] + (text ? " — " + text : "");
    }
    node.nodeValue = dayFirst(m[1]) + " · " + rest;
  }

  function relabelAll() {
    listWords().then(function (known) {
      var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      var found = [];
      while (walker.nextNode()) {
        if (SUMMARY.test(walker.currentNode.nodeValue)) {
          found.push(walker.currentNode);
        }
      }
      found.forEach(function (node) {
        relabel(node, known);
      });
    });
  }

  /* Decap's choice lists (react-select) say "No options" when nothing matches what was typed;
     Decap passes no words of its own for it. */
  var NOTHING_FOUND = { "No options": "Không có lựa chọn nào khớp; thử gõ ít chữ hơn hoặc gõ mã." };

  function translateNotices(records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (var text = walker.currentNode; text; text = walker.nextNode()) {
          if (text.nodeType === 3 && NOTHING_FOUND[text.nodeValue]) {
            text.nodeValue = NOTHING_FOUND[text.nodeValue];
          }
        }
      });
    });
  }

  new MutationObserver(function (records) {
    translateNotices(records);
    relabelAll();
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
})(typeof window === "undefined" ? globalThis : window);
