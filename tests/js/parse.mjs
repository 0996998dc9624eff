// Read each calendar file named on the command line with ical.js; print what it understood
// as JSON: the calendar's names and each event's fields (recurrences expanded).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// ical.js keeps NAME and X-WR-* as unknown values, escapes and all: read them as TEXT.
const text = (value) =>
  value === null ? null : String(value).replace(/\\([\\;,nN])/g, (_, c) => ("nN".includes(c) ? "\n" : c));

const result = {};
for (const path of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const starts = [];
    if (event.isRecurring()) {
      const it = event.iterator();
      for (let next = it.next(); next && starts.length < 100; next = it.next()) {
        starts.push(next.toString());
      }
    }
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      sequence: event.sequence,
      status: component.getFirstPropertyValue("status"),
      starts,
    };
  });
  result[path] = {
    name: text(root.getFirstPropertyValue("name")),
    calname: text(root.getFirstPropertyValue("x-wr-calname")),
    caldesc: text(root.getFirstPropertyValue("x-wr-caldesc")),
    description: root.getFirstPropertyValue("description"),
    events,
  };
}
process.stdout.write(JSON.stringify(result));
