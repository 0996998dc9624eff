/* Checks that one form field alone cannot make, run before every save (Decap's preSave
   event): those of `python -m generator check` on dates, and the amendment rule (a task of
   the programme changes only together with a new amendment naming it). A refusal is shown by
   the editor as "Không thể giữ lại mục: <lý do>" and nothing is saved. Dates are Vietnam's. */
(function () {
  "use strict";
  var CMS = window.CMS;
  if (!CMS) {
    return;
  }

  function pad(text) {
    return text.length === 1 ? "0" + text : text;
  }

  /* "15/01/2026" or "2026-01-15" as "2026-01-15" (comparable as text); null when neither. */
  function isoDate(value) {
    var text = value ? String(value).trim() : "";
    var m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (m) {
      return m[3] + "-" + pad(m[2]) + "-" + pad(m[1]);
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
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

  function reportProblems(data) {
    var problems = [];
    var reported = isoDate(data.get("reported_on"));
    var done = isoDate(data.get("done_on"));
    var today = vietnamToday();
    if (data.get("status") === "done" && !done) {
      problems.push("Đã hoàn thành thì cần ghi Ngày hoàn thành.");
    }
    if (reported && reported > today) {
      problems.push("Ngày báo cáo ở tương lai; chỉ báo cáo điều đã xảy ra.");
    }
    if (done && done > today) {
      problems.push("Ngày hoàn thành ở tương lai.");
    }
    if (done && reported && done > reported) {
      problems.push("Ngày hoàn thành sau ngày báo cáo.");
    }
    return problems;
  }

  var CHANGEABLE = { content: "nội dung", lead: "đơn vị chủ trì", deadline: "thời hạn" };
  var published = null;

  /* The programmes as the site was last built (chuong-trinh.json beside this page). */
  function publishedProgrammes() {
    if (!published) {
      published = fetch("chuong-trinh.json", { cache: "no-store" }).then(function (response) {
        if (!response.ok) {
          throw refusal(["Không đọc được chuong-trinh.json của trang quản trị; tải lại trang."]);
        }
        return response.json();
      });
    }
    return published;
  }

  function words(value) {
    return String(value === undefined || value === null ? "" : value)
      .normalize("NFC")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  }

  function programmeProblems(data, before) {
    var problems = [];
    var today = vietnamToday();
    var named = {};
    (data.amendments || []).forEach(function (amendment) {
      var decided = isoDate(amendment.decided_on);
      if (decided && decided > today) {
        problems.push("Điều chỉnh " + amendment.id + ": ngày của văn bản ở tương lai.");
      }
      if (before.amendments.indexOf(amendment.id) < 0) {
        (amendment.tasks || []).forEach(function (id) {
          named[id] = true;
        });
      }
    });
    (data.months || []).forEach(function (month) {
      (month.tasks || []).forEach(function (task) {
        var was = before.tasks[task.id];
        if (!was || named[task.id]) {
          return;
        }
        var changed = Object.keys(CHANGEABLE).filter(function (key) {
          return words(task[key]) !== words(was[key]);
        });
        if (changed.length) {
          problems.push(
            "Nhiệm vụ " + task.id + " đã sửa (" +
              changed.map(function (key) { return CHANGEABLE[key]; }).join(", ") +
              ") nhưng chưa có bản ghi điều chỉnh mới nêu mã này."
          );
        }
      });
    });
    return problems;
  }

  function refusal(problems) {
    var message = problems.join(" ");
    return { message: message, toString: function () { return message; } };
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var collection = entry.get("collection");
      if (collection === "bao-cao") {
        var problems = reportProblems(entry.get("data"));
        if (problems.length) {
          throw refusal(problems);
        }
      } else if (collection === "chuong-trinh") {
        return publishedProgrammes().then(function (programmes) {
          var before = programmes[entry.get("slug")] || { amendments: [], tasks: {} };
          var problems = programmeProblems(entry.get("data").toJS(), before);
          if (problems.length) {
            throw refusal(problems);
          }
        });
      }
    },
  });
})();
