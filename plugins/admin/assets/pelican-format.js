/* Pelican's Markdown header ("Key: value", continuation lines indented by four spaces, a
 * blank line, the text) as Decap CMS's custom format `pelican`.
 *
 * Saving a file without a change gives back its very bytes: fromFile keeps, in the entry's
 * data under `_pelican`, each key's lines as written, the key order and spelling, the line
 * ends and the BOM; toFile writes a key's original lines while its value is unchanged, and
 * only a changed or new key in the form docs/redakcja.md describes. A new file gets the
 * order of the form's fields (the key table's order, plugins/admin/config.py).
 *
 * Runs in the browser (admin.js registers it) and in Node (tests/test_admin_format.py).
 */
(function (root) {
  "use strict";

  // Python-Markdown's meta extension: a key line, and a further value (4+ spaces).
  var FIELD_RE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var MORE_RE = /^[ ]{4,}(.*)$/;
  var BOM = "\uFEFF";
  var META = "_pelican";
  var INDENT = "    ";

  // The keys' shapes come from the key table (admin/keys.js, written by the build).
  function keyTable() {
    return root.PelicanKeys || { keys: [] };
  }

  function known(name) {
    var lower = name.toLowerCase();
    var keys = keyTable().keys;
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].name.toLowerCase() === lower) return keys[i];
    }
    return null;
  }

  function splitLines(text) {
    // Every line with its own end ("\n", "\r\n" or none at the end of the file).
    return text.match(/[^\n]*\n|[^\n]+$/g) || [];
  }

  function stripEnd(line) {
    return line.replace(/\r?\n$/, "");
  }

  function pyStrip(text) {
    return text.replace(/^\s+|\s+$/g, "");
  }

  // One key's lines as written -> its value in the form: a list of lines for keys with one
  // value a line, else the lines joined the way the build joins them.
  function valueOf(key, values) {
    if (key && key.multiline) {
      return values.filter(function (v) { return v !== ""; });
    }
    return values.join(key ? key.join : "\n");
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.filter(function (v) { return v !== "" && v != null; }).length === 0);
  }

  function fromFile(text) {
    var bom = text.charAt(0) === BOM;
    if (bom) text = text.slice(1);
    var lines = splitLines(text);
    var data = {}, segments = [], spelled = {}, values = {}, order = [];
    var current = null, i = 0;
    for (; i < lines.length; i++) {
      var line = stripEnd(lines[i]);
      if (pyStrip(line) === "") break;
      var field = FIELD_RE.exec(line), more = MORE_RE.exec(line);
      if (field) {
        var key = known(field[1]);
        current = key ? key.name : field[1];
        if (!(current in values)) {
          order.push(current);
          spelled[current] = field[1];
          values[current] = [];
        }
        segments.push([current, lines[i]]);
        values[current].push(pyStrip(field[2]));
      } else if (more && current) {
        segments[segments.length - 1][1] += lines[i];
        values[current].push(pyStrip(more[1]));
      } else {
        break; // Markdown's header ends here: this line is the text's first
      }
    }
    var separator = "";
    if (i < lines.length) {
      separator = pyStrip(stripEnd(lines[i])) === "" ? lines[i] : "";
      if (separator) i += 1;
    }
    var body = lines.slice(i).join("");
    var parsed = {};
    order.forEach(function (name) {
      data[name] = parsed[name] = valueOf(known(name), values[name]);
    });
    if (!("Lang" in data)) data.Lang = ""; // the collections' filter tells translations apart
    data.body = body.replace(/\r\n/g, "\n");
    data[META] = {
      bom: bom, eol: /\r\n/.test(text) ? "\r\n" : "\n", segments: segments,
      spelled: spelled, parsed: parsed, separator: separator, body: body
    };
    return data;
  }

  function written(name, value, eol) {
    // A changed or new key, as docs/redakcja.md says: "Key: value", further lines indented.
    var lines = Array.isArray(value) ? value.filter(function (v) { return !isEmpty(v); })
      : String(value).split(/\r?\n/);
    lines = lines.map(function (v) { return pyStrip(String(v)); });
    return name + ": " + lines[0] + eol + lines.slice(1).map(function (v) {
      return INDENT + v + eol;
    }).join("");
  }

  // Where a key new to the file goes: after the nearest key before it in the form's order
  // that the file has (a new file: the form's order itself).
  function insertAt(items, name, sortedKeys) {
    var at = sortedKeys.indexOf(name);
    for (var j = at - 1; j >= 0; j--) {
      for (var k = items.length - 1; k >= 0; k--) {
        if (items[k].name === sortedKeys[j]) return k + 1;
      }
    }
    return at < 0 ? items.length : 0;
  }

  function headerItems(data, meta, keys) {
    var items = [], changed = false, done = {};
    meta.segments.forEach(function (segment) {
      var name = segment[0];
      if (same(data[name], meta.parsed[name])) {
        items.push({ name: name, text: segment[1] });
      } else if (!done[name]) {
        done[name] = changed = true;
        if (!isEmpty(data[name])) {
          items.push({ name: name, text: written(meta.spelled[name], data[name], meta.eol) });
        }
      }
    });
    keys.concat(Object.keys(data)).forEach(function (name) {
      if (name === "body" || name === META || name in meta.parsed || done[name]) return;
      done[name] = true;
      if (isEmpty(data[name])) return;
      changed = true;
      items.splice(insertAt(items, name, keys), 0,
                   { name: name, text: written(name, data[name], meta.eol) });
    });
    return { items: items, changed: changed };
  }

  function joined(parts, eol) {
    // A part that ended the file without a line end gets one when something follows it.
    return parts.reduce(function (text, part) {
      if (text !== "" && part !== "" && !/\n$/.test(text)) text += eol;
      return text + part;
    }, "");
  }

  function toFile(data, sortedKeys) {
    var meta = data[META] || { bom: false, eol: "\n", segments: [], spelled: {}, parsed: {},
                               separator: "", body: null };
    var keys = (sortedKeys || []).filter(function (n) { return n !== "body" && n !== META; });
    var header = headerItems(data, meta, keys);
    var headerText = header.items.map(function (item) { return item.text; }).join("");
    var body = data.body === undefined || data.body === null ? "" : String(data.body);
    var bodyKept = meta.body !== null && body === meta.body.replace(/\r\n/g, "\n");
    body = bodyKept ? meta.body : body.replace(/\r?\n/g, meta.eol);
    var separator = meta.separator;
    if (!separator && (header.changed || !bodyKept) && headerText !== "" && body !== "") {
      separator = meta.eol; // the blank line that ends the header
    }
    if (headerText !== "" && separator && !/\n$/.test(headerText)) headerText += meta.eol;
    return (meta.bom ? BOM : "") + joined([headerText + separator, body], meta.eol);
  }

  var format = { fromFile: fromFile, toFile: toFile };
  root.PelicanFormat = format;
  if (typeof module !== "undefined" && module.exports) module.exports = format;
})(typeof window !== "undefined" ? window : globalThis);
