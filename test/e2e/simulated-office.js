/*
 * A simulated Office/Excel host for the browser tests. It stands in for office.js (the test routes
 * the CDN URL here) and implements the part of the Excel API the add-in uses, over one worksheet
 * given as window.__SIM__ = { sheetName, sheetId, grid: {top, left, cells, merges}, displayLanguage,
 * protected, maxExcelApi }. Writes are queued and applied at context.sync(), as in Excel, and the sheet
 * is drawn next to the task pane so that fills can be seen and asserted.
 * Test hooks: window.__SIM_STATE__ (fills, notes, selected, syncs, settings, actions, shown); __SIM__.settings
 * seeds the document settings (a workbook that remembers a choice).
 */
(function () {
  "use strict";
  var SIM = window.__SIM__;
  var state = { fills: {}, notes: {}, comments: {}, selected: null, syncs: 0, settings: SIM.settings || {}, actions: {}, shown: false };
  window.__SIM_STATE__ = state;

  function colLetters(c) {
    var s = "";
    for (var n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }
  function a1(r, c) {
    return colLetters(c) + (r + 1);
  }
  function stripSheet(address) {
    var i = address.lastIndexOf("!");
    return i >= 0 ? address.slice(i + 1) : address;
  }
  function version(v) {
    var p = String(v).split(".");
    return Number(p[0]) * 1000 + Number(p[1] || 0);
  }

  var grid = SIM.grid;
  var rows = grid.cells.length;
  var cols = grid.cells.reduce(function (m, r) {
    return Math.max(m, r.length);
  }, 0);
  function cell(i, j) {
    return (grid.cells[i] && grid.cells[i][j]) || { value: null, text: "", numberFormat: "General" };
  }

  // ---------------------------------------------------------------- drawing the sheet
  function render() {
    var wrap = document.getElementById("sim-sheet");
    if (!wrap) {
      var style = document.createElement("style");
      style.textContent =
        "body{margin:0;display:flex;height:100vh;font-family:'Noto Sans CJK SC','Noto Sans',sans-serif}" +
        "#container{width:400px;min-width:400px;overflow:auto;border-right:1px solid #ccc}" +
        "#sim-sheet{flex:1;overflow:auto;font-size:11px}" +
        "#sim-sheet table{border-collapse:collapse}#sim-sheet td{border:1px solid #ddd;padding:1px 3px;max-width:140px;overflow:hidden;white-space:nowrap}" +
        "#sim-sheet td.sel{outline:2px solid #107c41}";
      document.head.appendChild(style);
      wrap = document.createElement("div");
      wrap.id = "sim-sheet";
      wrap.setAttribute("aria-hidden", "true");
      document.body.appendChild(wrap);
    }
    var covered = {};
    var spans = {};
    (grid.merges || []).forEach(function (m) {
      spans[m.top + "," + m.left] = m;
      for (var r = m.top; r <= m.bottom; r++) for (var c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered[r + "," + c] = true;
    });
    var html = ["<table>"];
    for (var i = 0; i < rows; i++) {
      html.push("<tr>");
      for (var j = 0; j < cols; j++) {
        var r = grid.top + i;
        var c = grid.left + j;
        if (covered[r + "," + c]) continue;
        var addr = a1(r, c);
        var m = spans[r + "," + c];
        var fill = state.fills[addr];
        var attrs = ' data-address="' + addr + '"';
        if (m) attrs += ' rowspan="' + (m.bottom - m.top + 1) + '" colspan="' + (m.right - m.left + 1) + '"';
        if (fill && fill.color) attrs += ' style="background-color:' + fill.color + '"';
        if (state.notes[addr]) attrs += ' title="' + state.notes[addr].replace(/"/g, "&quot;") + '"';
        if (state.selected === addr) attrs += ' class="sel"';
        var text = String(cell(i, j).text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
        html.push("<td" + attrs + ">" + text + "</td>");
      }
      html.push("</tr>");
    }
    html.push("</table>");
    wrap.innerHTML = html.join("");
  }

  // ---------------------------------------------------------------- the Excel API subset
  function makeContext() {
    var pending = [];
    function fillProxy(addr) {
      function setProp(k) {
        return function (v) {
          pending.push(function () {
            var f = state.fills[addr] || {};
            f[k] = v;
            if (k === "color" && !f.pattern) f.pattern = "Solid";
            state.fills[addr] = f;
          });
        };
      }
      var fill = {
        clear: function () {
          pending.push(function () {
            delete state.fills[addr];
          });
        },
      };
      ["color", "pattern", "patternColor", "tintAndShade", "patternTintAndShade"].forEach(function (k) {
        Object.defineProperty(fill, k, { set: setProp(k), get: function () { return (state.fills[addr] || {})[k]; } });
      });
      return fill;
    }
    function noteProxy(addr) {
      return {
        load: function () { return this; },
        get isNullObject() { return !(addr in state.notes); },
        get content() { return state.notes[addr]; },
        delete: function () {
          pending.push(function () {
            delete state.notes[addr];
          });
        },
      };
    }
    var usedRange = {
      load: function () { return this; },
      isNullObject: rows === 0,
      address: "'" + SIM.sheetName + "'!" + a1(grid.top, grid.left) + ":" + a1(grid.top + Math.max(rows, 1) - 1, grid.left + Math.max(cols, 1) - 1),
      rowIndex: grid.top,
      columnIndex: grid.left,
      rowCount: rows,
      columnCount: cols,
      values: grid.cells.map(function (r) { var out = []; for (var j = 0; j < cols; j++) out.push(r[j] && r[j].value !== null ? r[j].value : ""); return out; }),
      text: grid.cells.map(function (r) { var out = []; for (var j = 0; j < cols; j++) out.push(r[j] ? r[j].text : ""); return out; }),
      numberFormat: grid.cells.map(function (r) { var out = []; for (var j = 0; j < cols; j++) out.push(r[j] ? r[j].numberFormat : "General"); return out; }),
      getMergedAreasOrNullObject: function () {
        var list = (grid.merges || []).map(function (m) { return "'" + SIM.sheetName + "'!" + a1(m.top, m.left) + ":" + a1(m.bottom, m.right); });
        return { load: function () { return this; }, isNullObject: list.length === 0, address: list.join(", ") };
      },
      getCellProperties: function () {
        var value = [];
        for (var i = 0; i < rows; i++) {
          var row = [];
          for (var j = 0; j < cols; j++) {
            var f = state.fills[a1(grid.top + i, grid.left + j)];
            row.push({ format: { fill: f ? Object.assign({ tintAndShade: 0, patternTintAndShade: 0, patternColor: null }, f) : { color: "#FFFFFF", pattern: "None", tintAndShade: 0, patternTintAndShade: 0, patternColor: null } } });
          }
          value.push(row);
        }
        return { value: value };
      },
    };
    var worksheet = {
      id: SIM.sheetId,
      name: SIM.sheetName,
      load: function () { return this; },
      protection: { protected: !!SIM.protected, load: function () { return this; } },
      getUsedRangeOrNullObject: function () { return usedRange; },
      getRange: function (address) {
        var addr = stripSheet(address);
        return {
          format: { fill: fillProxy(addr) },
          select: function () { pending.push(function () { state.selected = addr; }); },
        };
      },
      activate: function () {},
      notes: {
        add: function (address, content) {
          var addr = stripSheet(typeof address === "string" ? address : address.address);
          pending.push(function () {
            if (addr in state.notes) throw Object.assign(new Error("A note already exists."), { code: "InvalidArgument" });
            state.notes[addr] = content;
          });
        },
        getItemOrNullObject: function (address) { return noteProxy(stripSheet(address)); },
      },
    };
    var seq = 0;
    var context = {
      workbook: {
        worksheets: {
          getActiveWorksheet: function () { return worksheet; },
          getItemOrNullObject: function () { return worksheet; },
          getItem: function () { return worksheet; },
        },
        comments: {
          add: function (address, content) {
            var id = "c" + ++seq;
            pending.push(function () { state.comments[id] = { address: stripSheet(address), content: content }; });
            return { id: id, load: function () { return this; } };
          },
          getItemOrNullObject: function (id) {
            return {
              load: function () { return this; },
              get isNullObject() { return !(id in state.comments); },
              get content() { return (state.comments[id] || {}).content; },
              delete: function () { pending.push(function () { delete state.comments[id]; }); },
            };
          },
        },
      },
      application: { suspendApiCalculationUntilNextSync: function () {} },
      sync: function () {
        state.syncs++;
        return new Promise(function (resolve, reject) {
          setTimeout(function () {
            var ops = pending.splice(0);
            try {
              ops.forEach(function (op) { op(); });
            } catch (e) {
              render();
              reject(e);
              return;
            }
            render();
            resolve();
          }, 5);
        });
      },
    };
    return context;
  }

  window.Excel = {
    run: function (batch) {
      return Promise.resolve().then(function () { return batch(makeContext()); });
    },
  };

  var maxApi = version(SIM.maxExcelApi || "1.18");
  window.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      displayLanguage: SIM.displayLanguage || "zh-CN",
      requirements: {
        isSetSupported: function (name, v) {
          if (name === "ExcelApi") return version(v) <= maxApi;
          return name === "SharedRuntime";
        },
      },
      document: {
        settings: {
          get: function (k) { return k in state.settings ? JSON.parse(JSON.stringify(state.settings[k])) : null; },
          set: function (k, v) { state.settings[k] = JSON.parse(JSON.stringify(v)); },
          remove: function (k) { delete state.settings[k]; },
          saveAsync: function (cb) { setTimeout(function () { if (cb) cb({ status: "succeeded" }); }, 0); },
        },
      },
    },
    actions: { associate: function (name, fn) { state.actions[name] = fn; } },
    addin: { showAsTaskpane: function () { state.shown = true; return Promise.resolve(); } },
    onReady: function (cb) {
      return new Promise(function (resolve) {
        var go = function () {
          render();
          var info = { host: "Excel", platform: "OfficeOnline" };
          if (cb) cb(info);
          resolve(info);
        };
        if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
        else setTimeout(go, 0);
      });
    },
  };
})();
