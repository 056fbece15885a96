/* The organisation chart of orgc's site: folding, pan and zoom, find a role, print.

   The data script (chart-data.js) calls orgcChart({...}) with parallel lists over the
   roles, each after its supervisor (see render/site/chart_page.py). Only the roles on show are
   in the page: a folded subtree has no element. The part on show is laid out here, the way
   org-chart.svg is (render/chart/layout.py): subtrees packed side by side by their outlines,
   five or more reports without reports of their own hanging in two columns from a spine,
   and above 200 roles a row of departments too wide for the screen hanging from a spine too.
   Panning and zooming change one transform; nothing is measured while they run.

   Folding: an organisation opens level by level from the top for as long as no more than
   OPEN_UP_TO roles are on show, so one of up to 200 roles opens entirely and a larger one
   shows its top levels, with the count of the roles folded under each box.

   Print: the roles on show print as pages (A4 or Letter) at a readable size: the whole
   chart on one page when it fits, else the top role with its direct reports on the first
   page and then one page per direct report's subtree (split again, the same way, where a
   subtree does not fit).

   No library, no request: plain DOM, under a Content-Security-Policy without inline code. */
(function () {
  "use strict";

  var H_GAP = 20, V_GAP = 36, SPINE_GAP = 28, MARGIN = 16, LANE = 9;
  var COMB_FROM = 5, COMB_ROWS = 10, ASPECT = 3.0, LEVEL_ROWS_UP_TO = 200;
  var OPEN_UP_TO = 200;
  var MIN_ZOOM = 0.05, MAX_ZOOM = 3, STEP = 1.25, PAN_STEP = 80, READABLE = 0.8;
  var PRINT_WIDTH = 660, PRINT_HEIGHT = 860, PRINT_READABLE = 0.6, PRINT_EAGER_UP_TO = 1500;
  var SVG = ""; // the namespace of SVG elements, taken from the page's own (no address written here)
  var MAX_RESULTS = 30;
  var CELL = 512, MAX_BOXES = 2500;

  var data = null;
  var started = false;

  window.orgcChart = function (given) {
    data = given;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  };

  // -- the tree ---------------------------------------------------------------------------

  function Tree(d) {
    var n = d.id.length, i;
    this.n = n;
    this.ids = d.id;
    this.titles = d.t;
    this.parent = d.p;
    this.headcount = d.h;
    this.unitOf = d.u;
    this.units = d.units;
    this.width = d.w;
    this.height = d.bh;
    this.kids = new Array(n);
    this.depth = new Int32Array(n);
    this.size = new Int32Array(n); // roles below, at any depth
    this.roots = [];
    for (i = 0; i < n; i++) this.kids[i] = [];
    for (i = 0; i < n; i++) {
      var p = d.p[i];
      if (p < 0) {
        this.roots.push(i);
      } else {
        this.kids[p].push(i);
        this.depth[i] = this.depth[p] + 1;
      }
    }
    for (i = n - 1; i >= 0; i--) {
      if (d.p[i] >= 0) this.size[d.p[i]] += this.size[i] + 1;
    }
    this.dotted = d.d; // pairs: role, its dotted-line supervisor
    this.outside = {}; // box -> its note: a supervisor outside the organisation, with no role page
    for (i = 0; i < (d.x || []).length; i++) this.outside[d.x[i]] = d.xn[i];
    this.index = null;
  }

  Tree.prototype.find = function (id) {
    if (!this.index) {
      this.index = new Map();
      for (var i = 0; i < this.n; i++) this.index.set(this.ids[i], i);
    }
    var found = this.index.get(id);
    return found === undefined ? -1 : found;
  };

  Tree.prototype.unit = function (i) {
    return this.unitOf[i] >= 0 ? this.units[this.unitOf[i]] : "";
  };

  Tree.prototype.chain = function (i) {
    var out = [];
    for (; i >= 0; i = this.parent[i]) out.push(i);
    return out;
  };

  /* Open whole levels from the top while the roles on show stay within OPEN_UP_TO; the top
     roles' direct reports are always shown. */
  function initialOpen(tree) {
    var open = new Uint8Array(tree.n);
    var perLevel = [];
    for (var i = 0; i < tree.n; i++) perLevel[tree.depth[i]] = (perLevel[tree.depth[i]] || 0) + 1;
    var shown = perLevel[0] || 0, levels = 1;
    while (levels < perLevel.length && (levels < 2 || shown + perLevel[levels] <= OPEN_UP_TO)) {
      shown += perLevel[levels];
      levels++;
    }
    for (i = 0; i < tree.n; i++) if (tree.depth[i] < levels - 1) open[i] = 1;
    return open;
  }

  // -- layout (a port of render/chart/layout.py) -------------------------------------------

  function Outline(left, right) {
    this.left = left; // per row, bottom row first
    this.right = right;
    this.off = 0;
    this.lo = Math.min.apply(null, left);
    this.hi = Math.max.apply(null, right);
  }

  function clearance(placed, nw) {
    var rows = Math.min(placed.left.length, nw.left.length), most = -Infinity;
    var pl = placed.right.length, nl = nw.left.length;
    for (var r = 0; r < rows; r++) {
      var gap = placed.right[pl - 1 - r] + placed.off - nw.left[nl - 1 - r] - nw.off + H_GAP;
      if (gap > most) most = gap;
    }
    return most;
  }

  function merge(placed, nw) {
    var lo = Math.min(placed.lo + placed.off, nw.lo + nw.off);
    var hi = Math.max(placed.hi + placed.off, nw.hi + nw.off);
    var joint, r, pl = placed.left.length, nl = nw.left.length;
    if (nl >= pl) {
      for (r = 0; r < pl; r++) nw.left[nl - 1 - r] = placed.left[pl - 1 - r] + placed.off - nw.off;
      joint = nw;
    } else {
      for (r = 0; r < nl; r++) placed.right[pl - 1 - r] = nw.right[nl - 1 - r] + nw.off - placed.off;
      joint = placed;
    }
    joint.lo = lo - joint.off;
    joint.hi = hi - joint.off;
    return joint;
  }

  function pack(outlines) {
    var joint = outlines[0], xs = [0];
    for (var i = 1; i < outlines.length; i++) {
      var o = outlines[i], shift = clearance(joint, o);
      o.off += shift;
      xs.push(shift);
      joint = merge(joint, o);
    }
    return { outline: joint, xs: xs };
  }

  /* Subtrees hanging from a spine at x = 0, each in the shorter of two columns. */
  function stack(items, outlines) {
    var lefts = [], rights = [], used = [0, 0], placed = [];
    for (var k = 0; k < items.length; k++) {
      var node = items[k], o = outlines.get(node);
      var column = used[0] <= used[1] ? 0 : 1, start = used[column], rows = o.left.length;
      used[column] += rows;
      while (lefts.length < used[column]) { lefts.push(0); rights.push(0); }
      var x = column === 0 ? -(SPINE_GAP >> 1) - o.hi - o.off : (SPINE_GAP >> 1) - o.lo - o.off;
      for (var r = 0; r < rows; r++) {
        lefts[start + r] = Math.min(lefts[start + r], o.left[rows - 1 - r] + o.off + x);
        rights[start + r] = Math.max(rights[start + r], o.right[rows - 1 - r] + o.off + x);
      }
      placed.push([node, x, start]);
    }
    return { stack: true, outline: new Outline(lefts.reverse(), rights.reverse()), placed: placed };
  }

  function tooWide(slots, children, outlines, opts) {
    var wide = H_GAP * (slots.length - 1), tallest = 0, widest = 0, i, o;
    for (i = 0; i < slots.length; i++) {
      o = slots[i].stack ? slots[i].outline : outlines.get(slots[i]);
      wide += o.hi - o.lo;
      tallest = Math.max(tallest, o.left.length);
    }
    for (i = 0; i < children.length; i++) {
      o = outlines.get(children[i]);
      widest = Math.max(widest, o.hi - o.lo);
    }
    return wide > ASPECT * (1 + tallest) * opts.pitch && 2 * widest + SPINE_GAP < wide;
  }

  function arrange(children, outlines, kidsOf, opts) {
    var leaves = [], teams = [], i;
    for (i = 0; i < children.length; i++) (kidsOf(children[i]).length ? teams : leaves).push(children[i]);
    var combs = [];
    if (leaves.length >= COMB_FROM) {
      var count = Math.ceil(leaves.length / (2 * COMB_ROWS)), size = Math.ceil(leaves.length / count);
      for (i = 0; i < leaves.length; i += size) combs.push(leaves.slice(i, i + size));
    }
    var slots = [];
    for (i = 0; i < children.length; i++) {
      var child = children[i];
      if (kidsOf(child).length || !combs.length) slots.push(child);
      else if (child === leaves[0]) for (var c = 0; c < combs.length; c++) slots.push(stack(combs[c], outlines));
    }
    if (children.length > 1 && !opts.levels && tooWide(slots, children, outlines, opts)) {
      return [stack(leaves.concat(teams), outlines)];
    }
    if (children.length > 1 && leaves.length && !combs.length && tooWide(slots, children, outlines, opts)) {
      return [stack(leaves, outlines)].concat(teams);
    }
    return slots;
  }

  /* Boxes and lines of the trees under ``roots``, each node's reports given by ``kidsOf``.
     Returns {order, x, y (box corners, px), width, height, lines (reporting-line paths)}. */
  function layout(tree, roots, kidsOf, levels) {
    var W = tree.width, half = W >> 1;
    var opts = { pitch: tree.height + V_GAP, levels: levels };
    var order = [], stackOf = [], k;
    for (k = roots.length - 1; k >= 0; k--) stackOf.push(roots[k]);
    while (stackOf.length) {
      var node = stackOf.pop();
      order.push(node);
      var ks = kidsOf(node);
      for (k = ks.length - 1; k >= 0; k--) stackOf.push(ks[k]);
    }
    var rel = new Map(), spine = new Map(), outlines = new Map();
    for (var o = order.length - 1; o >= 0; o--) {
      var v = order[o], children = kidsOf(v);
      if (!children.length) {
        outlines.set(v, new Outline([-half], [half]));
        continue;
      }
      var slots = arrange(children, outlines, kidsOf, opts);
      var shapes = slots.map(function (s) { return s.stack ? s.outline : outlines.get(s); });
      var packed = pack(shapes), xs = packed.xs, joint = packed.outline;
      var centre = Math.floor((xs[0] + xs[xs.length - 1]) / 2);
      joint.off -= centre;
      joint.left.push(-half - joint.off);
      joint.right.push(half - joint.off);
      joint.lo = Math.min(joint.lo, -half - joint.off);
      joint.hi = Math.max(joint.hi, half - joint.off);
      outlines.set(v, joint);
      for (var s = 0; s < slots.length; s++) {
        var slot = slots[s], x = xs[s];
        if (slot.stack) {
          for (var p = 0; p < slot.placed.length; p++) {
            var item = slot.placed[p];
            rel.set(item[0], [x - centre + item[1], 1 + item[2]]);
            spine.set(item[0], x - centre);
          }
        } else {
          rel.set(slot, [x - centre, 1]);
        }
      }
      for (k = 0; k < children.length; k++) outlines.delete(children[k]);
    }
    var top = pack(roots.map(function (r) { return outlines.get(r); }));
    var px = new Map(), row = new Map(), depth = new Map(), parentOf = new Map();
    for (k = 0; k < roots.length; k++) {
      px.set(roots[k], top.xs[k]);
      row.set(roots[k], 0);
      depth.set(roots[k], 0);
    }
    for (k = 0; k < order.length; k++) {
      var u = order[k], kids = kidsOf(u);
      for (var c = 0; c < kids.length; c++) {
        var d = rel.get(kids[c]);
        parentOf.set(kids[c], u);
        px.set(kids[c], px.get(u) + d[0]);
        row.set(kids[c], row.get(u) + d[1]);
        depth.set(kids[c], depth.get(u) + 1);
      }
    }
    if (levels) banded(order, row, depth);
    var left = Infinity, right = -Infinity, bottom = 0;
    px.forEach(function (x) { left = Math.min(left, x); right = Math.max(right, x); });
    var X = new Map(), Y = new Map();
    for (k = 0; k < order.length; k++) {
      var id = order[k];
      X.set(id, px.get(id) - left + half + MARGIN);
      Y.set(id, MARGIN + row.get(id) * opts.pitch);
      bottom = Math.max(bottom, Y.get(id) + tree.height);
    }
    var lines = [];
    for (k = 0; k < order.length; k++) {
      var child = order[k];
      if (parentOf.has(child)) lines.push([parentOf.get(child), child, reportingLine(tree, X, Y, parentOf.get(child), child, spine.get(child))]);
    }
    return {
      order: order, x: X, y: Y, depth: depth, lines: lines,
      width: right - left + W + 2 * MARGIN, height: bottom + MARGIN
    };
  }

  function banded(order, row, depth) {
    var rowsOf = [], k, dp;
    for (k = 0; k < order.length; k++) {
      dp = depth.get(order[k]);
      rowsOf[dp] = Math.max(rowsOf[dp] || 0, row.get(order[k]) - dp + 1);
    }
    var start = [0];
    for (dp = 0; dp < rowsOf.length; dp++) start.push(start[dp] + (rowsOf[dp] || 1));
    for (k = 0; k < order.length; k++) {
      dp = depth.get(order[k]);
      row.set(order[k], start[dp] + row.get(order[k]) - dp);
    }
  }

  /* Box corners are x - W/2 .. x + W/2 (x is the centre), y .. y + height. */
  function reportingLine(tree, X, Y, boss, node, spineDx) {
    var H = tree.height, W = tree.width;
    var bx = X.get(boss), by = Y.get(boss) + H, bus = by + (V_GAP >> 1);
    var cx = X.get(node), cy = Y.get(node);
    if (spineDx === undefined) return "M" + bx + "," + by + "V" + bus + "H" + cx + "V" + cy;
    var sx = bx + spineDx, side = cx < sx ? cx + (W >> 1) : cx - (W >> 1);
    return "M" + bx + "," + by + "V" + bus + "H" + sx + "V" + (cy + (H >> 1)) + "H" + side;
  }

  /* A dotted line from the supervisor's bottom to the role's top, through the gaps between
     rows and, where a box stands in the way, down a free lane between boxes. */
  function dottedLine(tree, L, boss, node, rows) {
    var W = tree.width, H = tree.height, half = W >> 1;
    var ax = L.x.get(boss), ay = L.y.get(boss), bx = L.x.get(node), by = L.y.get(node);
    var toward = bx >= ax ? 1 : -1;
    var sx = ax + toward * (W >> 2), tx = bx - toward * (W >> 2);
    var down = by >= ay;
    var sEdge = down ? ay + H : ay;
    var tEdge = by === ay ? by + H : down ? by : by + H;
    var step = down ? LANE : -LANE;
    var ys = sEdge + step, yt = by === ay ? tEdge + step : tEdge - step;
    function free(x, y1, y2) {
      var lo = Math.min(y1, y2), hi = Math.max(y1, y2);
      for (var r = 0; r < rows.ys.length; r++) {
        var y = rows.ys[r];
        if (y + H <= lo || y >= hi) continue;
        var xs = rows.at.get(y);
        for (var b = 0; b < xs.length; b++) if (xs[b] - half < x && x < xs[b] + half) return false;
      }
      return true;
    }
    if (by === ay || free(tx, ys, tEdge)) return "M" + sx + "," + sEdge + "V" + ys + "H" + tx + "V" + tEdge;
    if (free(sx, sEdge, yt)) return "M" + sx + "," + sEdge + "V" + yt + "H" + tx + "V" + tEdge;
    var best = null;
    rows.ys.forEach(function (y) {
      if (y + H <= Math.min(ys, yt) || y >= Math.max(ys, yt)) return;
      rows.at.get(y).forEach(function (x) {
        [x - half - (H_GAP >> 1), x + half + (H_GAP >> 1)].forEach(function (lane) {
          var cost = Math.abs(lane - sx) + Math.abs(lane - tx);
          if ((best === null || cost < best[0]) && free(lane, ys, yt)) best = [cost, lane];
        });
      });
    });
    var lane = best ? best[1] : MARGIN >> 1;
    return "M" + sx + "," + sEdge + "V" + ys + "H" + lane + "V" + yt + "H" + tx + "V" + tEdge;
  }

  function rowsOf(L) {
    var at = new Map();
    L.order.forEach(function (i) {
      var y = L.y.get(i);
      if (!at.has(y)) at.set(y, []);
      at.get(y).push(L.x.get(i));
    });
    return { at: at, ys: Array.from(at.keys()) };
  }

  function dottedLines(tree, L) {
    var out = [], on = new Set(L.order), rows = null;
    for (var k = 0; k < tree.dotted.length; k += 2) {
      var node = tree.dotted[k], boss = tree.dotted[k + 1];
      if (!on.has(node) || !on.has(boss)) continue;
      rows = rows || rowsOf(L);
      out.push([boss, node, dottedLine(tree, L, boss, node, rows)]);
    }
    return out;
  }

  // -- drawing ------------------------------------------------------------------------------

  function svgElement(name, attrs) {
    var el = document.createElementNS(SVG, name);
    for (var key in attrs) el.setAttribute(key, attrs[key]);
    return el;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function meta(tree, i, vacant) {
    return "×" + tree.headcount[i] + (tree.headcount[i] === 0 ? " · " + vacant : "");
  }

  /* The box of role i: a link to its page, and a button to fold or unfold its reports. */
  function boxElement(tree, i, words, link) {
    var outside = Object.prototype.hasOwnProperty.call(tree.outside, i);
    link = link && !outside;
    var node = document.createElement("div");
    node.className =
      "chart-node" +
      (outside ? " external" : tree.depth[i] === 0 || tree.outside[tree.parent[i]] !== undefined ? " top" : "") +
      (!outside && tree.headcount[i] === 0 ? " vacant" : "");
    var box = document.createElement(link ? "a" : "div");
    box.className = "chart-box";
    if (link) {
      box.href = "roles/" + encodeURIComponent(tree.ids[i]) + ".html";
      box.setAttribute("data-role", tree.ids[i]);
    }
    var unit = tree.unit(i);
    box.title = outside
      ? tree.titles[i] + " · " + tree.outside[i]
      : [tree.titles[i], unit, "×" + tree.headcount[i], tree.ids[i]].filter(Boolean).join(" · ");
    var title = document.createElement("span");
    title.className = "chart-title";
    title.textContent = tree.titles[i];
    var small = document.createElement("span");
    small.className = "chart-meta";
    small.textContent = outside ? tree.outside[i] : meta(tree, i, words.vacant);
    box.appendChild(title);
    box.appendChild(small);
    if (unit) {
      var u = document.createElement("span");
      u.className = "chart-unit";
      u.textContent = unit;
      box.appendChild(u);
    }
    node.appendChild(box);
    return node;
  }

  function Chart(tree, view, words) {
    this.tree = tree;
    this.view = view;
    this.words = words;
    this.canvas = view.querySelector(".chart-canvas");
    this.open = initialOpen(tree);
    this.levels = tree.n <= LEVEL_ROWS_UP_TO;
    this.elements = new Array(tree.n);
    this.present = []; // the roles whose boxes are elements now
    this.onChain = new Uint8Array(tree.n);
    this.found = -1;
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
    this.frame = 0;
    this.layout = null;
    var self = this;
    this.kidsOf = function (i) { return self.open[i] ? tree.kids[i] : []; };
    this.lines = this.canvas.querySelector("svg.chart-lines");
    this.lines.appendChild(arrowDefs("chart-arrow"));
    this.solid = svgElement("path", { class: "reporting" });
    this.chainPath = svgElement("path", { class: "chain" });
    this.dottedGroup = svgElement("g", { class: "dotted" });
    this.ghosts = svgElement("path", { class: "ghosts" });
    this.lines.appendChild(this.solid);
    this.lines.appendChild(this.ghosts);
    this.lines.appendChild(this.dottedGroup);
    this.lines.appendChild(this.chainPath);
    this.canvas.style.setProperty("--box-width", tree.width + "px");
    this.canvas.style.setProperty("--box-height", tree.height + "px");
  }

  function arrowDefs(id) {
    var defs = svgElement("defs", {});
    var marker = svgElement("marker", {
      id: id, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto"
    });
    marker.appendChild(svgElement("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow" }));
    defs.appendChild(marker);
    return defs;
  }

  Chart.prototype.render = function () {
    var tree = this.tree, L = layout(tree, tree.roots, this.kidsOf, this.levels);
    this.layout = L;
    this.grid = gridOf(tree, L);
    this.pos = new Int32Array(tree.n);
    for (var k = 0; k < L.order.length; k++) this.pos[L.order[k]] = k;
    this.ghostDrawn = false;
    this.lines.setAttribute("width", L.width);
    this.lines.setAttribute("height", L.height);
    this.solid.setAttribute("d", L.lines.map(function (line) { return line[2]; }).join(""));
    this.drawDotted(L);
    this.drawChain();
    this.sync(true);
    this.printStale = true;
    if (L.order.length <= PRINT_EAGER_UP_TO) this.schedulePrint();
  };

  /* The boxes of a layout by cells of the chart, to find those in a part of it quickly. */
  function gridOf(tree, L) {
    var cells = new Map();
    L.order.forEach(function (i) {
      var key = Math.floor(L.x.get(i) / CELL) * 65536 + Math.floor(L.y.get(i) / CELL);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(i);
    });
    return cells;
  }

  /* The roles whose boxes meet the rectangle (chart coordinates). */
  Chart.prototype.within = function (x0, y0, x1, y1) {
    var L = this.layout, half = this.tree.width >> 1, H = this.tree.height, out = [];
    var cx0 = Math.floor((x0 - half) / CELL), cx1 = Math.floor((x1 + half) / CELL);
    var cy0 = Math.floor((y0 - H) / CELL), cy1 = Math.floor(y1 / CELL);
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > this.grid.size) { // a view larger than the chart: every cell
      cx0 = cy0 = -1;
      cx1 = cy1 = Math.ceil(Math.max(L.width, L.height) / CELL) + 1;
    }
    for (var cx = cx0; cx <= cx1; cx++) {
      for (var cy = cy0; cy <= cy1; cy++) {
        var cell = this.grid.get(cx * 65536 + cy);
        if (!cell) continue;
        for (var c = 0; c < cell.length; c++) {
          var i = cell[c], x = L.x.get(i), y = L.y.get(i);
          if (x - half < x1 && x + half > x0 && y < y1 && y + H > y0) out.push(i);
        }
      }
    }
    return out;
  };

  /* Only the boxes in and around the view are elements of the page: panning half a view in any
     direction needs none made. When more than MAX_BOXES would be in view (zoomed far out), none
     are: the boxes are drawn as plain shapes, too small to read anyway. */
  Chart.prototype.sync = function (force) {
    var box = this.size(), k = this.k, tree = this.tree, L = this.layout;
    var x0 = -this.tx / k, y0 = -this.ty / k, x1 = (box.w - this.tx) / k, y1 = (box.h - this.ty) / k;
    var b = this.built;
    if (!force && b && x0 >= b[0] && y0 >= b[1] && x1 <= b[2] && y1 <= b[3]) return;
    var mx = (x1 - x0) / 2, my = (y1 - y0) / 2;
    var wanted = this.within(x0 - mx, y0 - my, x1 + mx, y1 + my);
    var far = wanted.length > MAX_BOXES;
    this.built = far ? [x0, y0, x1, y1] : [x0 - mx, y0 - my, x1 + mx, y1 + my];
    if (far) wanted = [];
    this.drawGhosts(far);
    var keep = new Uint8Array(tree.n), i, n;
    for (n = 0; n < wanted.length; n++) keep[wanted[n]] = 1;
    if (this.found >= 0) { // the chain of command found is always there, in view or not
      var chain = tree.chain(this.found);
      for (n = 0; n < chain.length; n++) {
        if (!keep[chain[n]] && L.x.has(chain[n])) {
          keep[chain[n]] = 1;
          wanted.push(chain[n]);
        }
      }
    }
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(".chart-node");
    for (n = 0; n < this.present.length; n++) {
      i = this.present[n];
      var el = this.elements[i];
      if (keep[i] || !el) continue;
      if (el === focused && L.x.has(i)) { // a box with the focus stays, wherever the view goes
        keep[i] = 1;
        wanted.push(i);
        continue;
      }
      el.remove();
      this.elements[i] = null;
    }
    // new boxes go between the present ones in chart order, so Tab goes through them in that order
    var pos = this.pos, half = tree.width >> 1, after = this.lines;
    wanted.sort(function (a, c) { return pos[a] - pos[c]; });
    for (n = 0; n < wanted.length; n++) {
      i = wanted[n];
      var node = this.elements[i];
      if (!node) {
        node = this.elements[i] = boxElement(tree, i, this.words, true);
        if (tree.kids[i].length) node.appendChild(this.toggle(i));
        after.after(node);
        this.mark(i);
      } else if (force) {
        this.mark(i);
      }
      after = node;
      var left = L.x.get(i) - half + "px", top = L.y.get(i) + "px";
      if (node.style.left !== left) node.style.left = left;
      if (node.style.top !== top) node.style.top = top;
    }
    this.present = wanted;
  };

  Chart.prototype.drawGhosts = function (far) {
    this.view.classList.toggle("far", far);
    if (!far) {
      this.ghosts.setAttribute("d", "");
      this.ghostDrawn = false;
      return;
    }
    if (this.ghostDrawn) return;
    var L = this.layout, W = this.tree.width, H = this.tree.height, half = W >> 1;
    this.ghosts.setAttribute("d", L.order.map(function (i) {
      return "M" + (L.x.get(i) - half) + "," + L.y.get(i) + "h" + W + "v" + H + "h-" + W + "z";
    }).join(""));
    this.ghostDrawn = true;
  };

  Chart.prototype.toggle = function (i) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "chart-fold";
    button.setAttribute("data-fold", String(i));
    return button;
  };

  /* The state a box shows: folded or not, on the chain of command found or not. */
  Chart.prototype.mark = function (i) {
    var el = this.elements[i], tree = this.tree;
    var box = el.firstChild;
    box.classList.toggle("chain", this.onChain[i] === 1);
    box.classList.toggle("found", this.found === i);
    var button = el.lastChild;
    if (button && button.tagName === "BUTTON") {
      var open = this.open[i] === 1;
      var said = { n: tree.size[i], title: tree.titles[i] };
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.setAttribute("aria-label", fill(open ? this.words.collapse : this.words.expand, said));
      button.textContent = open ? "▾" : "▸ " + tree.size[i];
    }
  };

  Chart.prototype.drawDotted = function (L) {
    var group = this.dottedGroup, tree = this.tree, words = this.words;
    while (group.firstChild) group.removeChild(group.firstChild);
    dottedLines(tree, L).forEach(function (line) {
      var path = svgElement("path", { d: line[2], "marker-end": "url(#chart-arrow)" });
      var hover = svgElement("title", {});
      hover.textContent = words.dotted + ": " + tree.titles[line[1]] + " → " + tree.titles[line[0]];
      path.appendChild(hover);
      group.appendChild(path);
    });
  };

  Chart.prototype.drawChain = function () {
    var onChain = this.onChain;
    var d = this.layout.lines.filter(function (line) { return onChain[line[1]] === 1; });
    this.chainPath.setAttribute("d", d.map(function (line) { return line[2]; }).join(""));
  };

  Chart.prototype.setFold = function (i, open) {
    var before = this.layout.x.get(i), beforeY = this.layout.y.get(i);
    this.open[i] = open ? 1 : 0;
    this.render();
    // the box pressed stays where it was on the screen
    this.tx += (before - this.layout.x.get(i)) * this.k;
    this.ty += (beforeY - this.layout.y.get(i)) * this.k;
    if (open) this.show(i);
    this.apply();
    this.sync(false);
  };

  /* Pan as little as shows the subtree of i, as much of it as the view holds, i first. */
  Chart.prototype.show = function (i) {
    var L = this.layout, tree = this.tree, half = tree.width >> 1, box = this.size(), k = this.k;
    var x0 = L.x.get(i) - half, x1 = L.x.get(i) + half, y0 = L.y.get(i), y1 = y0 + tree.height;
    for (var j = this.pos[i] + 1; j < L.order.length && tree.depth[L.order[j]] > tree.depth[i]; j++) {
      var node = L.order[j], x = L.x.get(node), y = L.y.get(node);
      x0 = Math.min(x0, x - half);
      x1 = Math.max(x1, x + half);
      y1 = Math.max(y1, y + tree.height);
    }
    var pad = 24;
    function into(t, lo, hi, size) { // lo, hi in view px
      if (hi - lo + 2 * pad > size) return t - Math.min(lo - pad, 0); // too large: its start in view
      if (lo < pad) return t + pad - lo;
      if (hi > size - pad) return t - (hi - (size - pad));
      return t;
    }
    var first = L.x.get(i) - half; // i itself must stay in view
    var tx = into(this.tx, x0 * k + this.tx, x1 * k + this.tx, box.w);
    if ((first * k + tx) < 0 || (first + tree.width) * k + tx > box.w) tx = this.tx;
    this.tx = tx;
    this.ty = into(this.ty, y0 * k + this.ty, y1 * k + this.ty, box.h);
  };

  /* Unfold the supervisors of role i, highlight its chain of command and bring it into view. */
  Chart.prototype.reveal = function (i) {
    var tree = this.tree, chain = tree.chain(i), k;
    for (k = 1; k < chain.length; k++) this.open[chain[k]] = 1;
    this.onChain.fill(0);
    for (k = 0; k < chain.length; k++) this.onChain[chain[k]] = 1;
    this.found = i;
    this.render();
    this.bringIntoView(chain);
    this.sync(false);
    this.elements[i].firstChild.focus({ preventScroll: true });
  };

  /* The chain of command (role first) in view as a whole where it fits at a readable zoom, else
     the role in the middle; a view that shows it all already stays as it is. */
  Chart.prototype.bringIntoView = function (chain) {
    var L = this.layout, tree = this.tree, half = tree.width >> 1, box = this.size(), pad = 24;
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    chain.forEach(function (j) {
      x0 = Math.min(x0, L.x.get(j) - half);
      x1 = Math.max(x1, L.x.get(j) + half);
      y0 = Math.min(y0, L.y.get(j));
      y1 = Math.max(y1, L.y.get(j) + tree.height);
    });
    var k = Math.max(this.k, READABLE);
    if ((x1 - x0) * k + 2 * pad > box.w || (y1 - y0) * k + 2 * pad > box.h) {
      this.zoomTo(k, L.x.get(chain[0]), L.y.get(chain[0]) + (tree.height >> 1));
      return;
    }
    if (k !== this.k) this.zoomTo(k, (x0 + x1) / 2, (y0 + y1) / 2);
    var left = x0 * k + this.tx, right = x1 * k + this.tx, top = y0 * k + this.ty, bottom = y1 * k + this.ty;
    if (left < pad) this.tx += pad - left;
    else if (right > box.w - pad) this.tx -= right - (box.w - pad);
    if (top < pad) this.ty += pad - top;
    else if (bottom > box.h - pad) this.ty -= bottom - (box.h - pad);
    this.apply();
  };

  // -- pan and zoom -------------------------------------------------------------------------

  Chart.prototype.apply = function () {
    var self = this;
    if (this.frame) return;
    this.frame = requestAnimationFrame(function () {
      self.frame = 0;
      self.canvas.style.transform = "translate(" + self.tx + "px," + self.ty + "px) scale(" + self.k + ")";
      self.sync(false);
    });
  };

  Chart.prototype.size = function () {
    if (!this.box) this.box = { w: this.view.clientWidth, h: this.view.clientHeight };
    return this.box;
  };

  Chart.prototype.panBy = function (dx, dy) {
    this.tx += dx;
    this.ty += dy;
    this.apply();
  };

  /* Zoom to ``k`` keeping the point (px, py) of the view where it is. */
  Chart.prototype.zoomAround = function (k, px, py) {
    k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
    this.tx = px - (px - this.tx) * k / this.k;
    this.ty = py - (py - this.ty) * k / this.k;
    this.k = k;
    this.apply();
  };

  /* Zoom to ``k`` with the chart's point (x, y) in the middle of the view. */
  Chart.prototype.zoomTo = function (k, x, y) {
    var box = this.size();
    this.k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
    this.tx = box.w / 2 - x * this.k;
    this.ty = box.h / 2 - y * this.k;
    this.apply();
  };

  Chart.prototype.fit = function (atMost, atLeast) {
    var box = this.size(), L = this.layout;
    var k = Math.min(box.w / L.width, box.h / L.height, atMost);
    k = Math.max(k, atLeast, MIN_ZOOM);
    this.k = k;
    this.tx = Math.max((box.w - L.width * k) / 2, 0);
    if (L.width * k > box.w) { // too wide: the top role in the middle
      var top = this.tree.roots[0];
      this.tx = box.w / 2 - L.x.get(top) * k;
    }
    this.ty = Math.max((box.h - L.height * k) / 2, 0);
    this.apply();
  };

  Chart.prototype.listen = function () {
    var self = this, view = this.view, drag = null, moved = false;
    view.addEventListener("click", function (event) {
      if (moved) { // the end of a drag is not a click on a box
        event.preventDefault();
        event.stopPropagation();
        moved = false;
        return;
      }
      var button = event.target.closest(".chart-fold");
      if (button) {
        var i = Number(button.getAttribute("data-fold"));
        self.setFold(i, self.open[i] !== 1);
      }
    }, true);
    view.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      moved = false;
      drag = { x: event.clientX, y: event.clientY, tx: self.tx, ty: self.ty, id: event.pointerId };
    });
    view.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) return;
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) {
        moved = true;
        try {
          view.setPointerCapture(drag.id);
        } catch (lost) { // the pointer is gone already: the drag goes on without capture
        }
        view.classList.add("dragging");
      }
      self.tx = drag.tx + dx;
      self.ty = drag.ty + dy;
      self.apply();
    });
    function end(event) {
      if (!drag || event.pointerId !== drag.id) return;
      drag = null;
      view.classList.remove("dragging");
      if (!moved) return;
      // a drag that ends off the view leaves no click to swallow
      setTimeout(function () { moved = false; }, 0);
    }
    view.addEventListener("pointerup", end);
    view.addEventListener("pointercancel", end);
    view.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = view.getBoundingClientRect();
      var delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      self.zoomAround(self.k * Math.exp(-delta * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    view.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var box = self.size(), done = true;
      switch (event.key) {
        case "ArrowLeft": self.panBy(PAN_STEP, 0); break;
        case "ArrowRight": self.panBy(-PAN_STEP, 0); break;
        case "ArrowUp": self.panBy(0, PAN_STEP); break;
        case "ArrowDown": self.panBy(0, -PAN_STEP); break;
        case "+": case "=": self.zoomAround(self.k * STEP, box.w / 2, box.h / 2); break;
        case "-": case "_": self.zoomAround(self.k / STEP, box.w / 2, box.h / 2); break;
        case "0": self.fit(1, MIN_ZOOM); break;
        default: done = false;
      }
      if (done) event.preventDefault();
    });
    // Focus moving to a box out of sight scrolls the view: turn that into a pan.
    view.addEventListener("scroll", function () {
      if (!view.scrollLeft && !view.scrollTop) return;
      self.tx -= view.scrollLeft;
      self.ty -= view.scrollTop;
      view.scrollLeft = 0;
      view.scrollTop = 0;
      self.apply();
    });
    window.addEventListener("resize", function () {
      self.box = null;
      self.apply();
    });
    document.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var box = self.size(), how = button.getAttribute("data-zoom");
        if (how === "fit") self.fit(1, MIN_ZOOM);
        else self.zoomAround(how === "in" ? self.k * STEP : self.k / STEP, box.w / 2, box.h / 2);
      });
    });
    window.addEventListener("beforeprint", function () { self.buildPrint(); });
  };

  // -- find a role ----------------------------------------------------------------------------

  function Finder(chart, input, list, status) {
    this.chart = chart;
    this.input = input;
    this.list = list;
    this.status = status;
    this.folded = null; // titles, units and ids in lower case, made on first use
  }

  Finder.prototype.matches = function (text) {
    var tree = this.chart.tree, q = text.trim().toLowerCase(), i;
    if (!q) return [];
    if (!this.folded) {
      this.folded = [];
      for (i = 0; i < tree.n; i++) this.folded.push([tree.titles[i].toLowerCase(), tree.unit(i).toLowerCase(), tree.ids[i].toLowerCase()]);
    }
    var ranked = [[], [], [], []];
    for (i = 0; i < tree.n; i++) {
      var f = this.folded[i];
      if (f[0].indexOf(q) === 0) ranked[0].push(i);
      else if (f[0].indexOf(q) > 0) ranked[1].push(i);
      else if (f[2].indexOf(q) >= 0) ranked[2].push(i);
      else if (f[1].indexOf(q) >= 0) ranked[3].push(i);
    }
    return ranked[0].concat(ranked[1], ranked[2], ranked[3]);
  };

  Finder.prototype.show = function () {
    var tree = this.chart.tree, list = this.list, text = this.input.value;
    var found = this.matches(text);
    while (list.firstChild) list.removeChild(list.firstChild);
    list.hidden = found.length === 0;
    this.status.textContent = text.trim() && !found.length ? fill(this.chart.words.not_found, { text: text.trim() }) : "";
    found.slice(0, MAX_RESULTS).forEach(function (i) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-pick", String(i));
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = tree.titles[i];
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = [tree.unit(i), tree.ids[i]].filter(Boolean).join(" · ");
      button.appendChild(title);
      button.appendChild(where);
      item.appendChild(button);
      list.appendChild(item);
    });
    return found;
  };

  Finder.prototype.pick = function (i) {
    this.list.hidden = true;
    this.status.textContent = fill(this.chart.words.found, { title: this.chart.tree.titles[i] });
    this.chart.reveal(i);
  };

  Finder.prototype.listen = function () {
    var self = this, input = this.input, list = this.list;
    input.addEventListener("input", function () { self.show(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var found = self.show();
        if (found.length) self.pick(found[0]);
      } else if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        list.querySelector("button").focus();
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-pick]");
      if (button) self.pick(Number(button.getAttribute("data-pick")));
    });
    list.addEventListener("keydown", function (event) {
      var item = event.target.closest("li");
      if (!item) return;
      var next = event.key === "ArrowDown" ? item.nextElementSibling : event.key === "ArrowUp" ? item.previousElementSibling : null;
      if (event.key === "ArrowUp" && !next) {
        event.preventDefault();
        input.focus();
      } else if (next) {
        event.preventDefault();
        next.querySelector("button").focus();
      } else if (event.key === "Escape") {
        list.hidden = true;
        input.focus();
      }
    });
  };

  // -- print ----------------------------------------------------------------------------------

  Chart.prototype.schedulePrint = function () {
    var self = this;
    clearTimeout(this.printTimer);
    this.printTimer = setTimeout(function () { self.buildPrint(); }, 0);
  };

  /* The pages: (root or null for the whole chart, whether its reports continue on pages of their own). */
  Chart.prototype.printParts = function () {
    var tree = this.tree, kidsOf = this.kidsOf, levels = this.levels, parts = [];
    function fits(L) {
      return Math.min(PRINT_WIDTH / L.width, PRINT_HEIGHT / L.height) >= PRINT_READABLE;
    }
    function split(root) {
      var L = layout(tree, [root], kidsOf, levels);
      if (fits(L)) {
        parts.push({ root: root, cut: false, layout: L });
        return;
      }
      var cut = function (i) { return i === root ? kidsOf(i) : []; };
      parts.push({ root: root, cut: true, layout: layout(tree, [root], cut, levels) });
      kidsOf(root).forEach(function (i) { if (kidsOf(i).length) split(i); });
    }
    var whole = this.layout;
    if (fits(whole)) return [{ root: -1, cut: false, layout: whole }];
    tree.roots.forEach(split);
    return parts;
  };

  Chart.prototype.buildPrint = function () {
    if (!this.printStale) return;
    this.printStale = false;
    var tree = this.tree, words = this.words, kidsOf = this.kidsOf;
    var host = document.querySelector(".chart-print");
    if (!host) return;
    var parts = this.printParts(), pageOf = new Map();
    parts.forEach(function (part, number) { if (part.root >= 0 && number > 0) pageOf.set(part.root, number + 1); });
    var heading = document.querySelector(".chart-page h1");
    var legend = document.querySelector(".chart-legend");
    var pages = document.createDocumentFragment();
    parts.forEach(function (part, number) {
      var L = part.layout, half = tree.width >> 1;
      var section = document.createElement("section");
      section.className = "chart-sheet";
      var caption = document.createElement("h2");
      caption.textContent = part.root < 0 || number === 0 && part.root === tree.roots[0]
        ? heading.textContent
        : tree.chain(part.root).reverse().map(function (i) { return tree.titles[i]; }).join(" › ");
      section.appendChild(caption);
      var scale = Math.min(1, PRINT_WIDTH / L.width, PRINT_HEIGHT / L.height);
      var frame = document.createElement("div");
      frame.className = "chart-sheet-frame";
      frame.style.width = Math.ceil(L.width * scale) + "px";
      frame.style.height = Math.ceil(L.height * scale) + "px";
      var canvas = document.createElement("div");
      canvas.className = "chart-sheet-canvas";
      canvas.style.setProperty("--box-width", tree.width + "px");
      canvas.style.setProperty("--box-height", tree.height + "px");
      canvas.style.width = L.width + "px";
      canvas.style.height = L.height + "px";
      canvas.style.transform = "scale(" + scale + ")";
      var svg = svgElement("svg", { class: "chart-lines", width: L.width, height: L.height });
      var arrow = "chart-arrow-" + (number + 1);
      svg.appendChild(arrowDefs(arrow));
      svg.appendChild(svgElement("path", { class: "reporting", d: L.lines.map(function (l) { return l[2]; }).join("") }));
      dottedLines(tree, L).forEach(function (line) {
        svg.appendChild(svgElement("path", { class: "dotted-line", d: line[2], "marker-end": "url(#" + arrow + ")" }));
      });
      canvas.appendChild(svg);
      L.order.forEach(function (i) {
        var el = boxElement(tree, i, words, false);
        el.style.left = L.x.get(i) - half + "px";
        el.style.top = L.y.get(i) + "px";
        var note = null;
        if (part.cut && i !== part.root && pageOf.has(i)) note = fill(words.continued, { page: pageOf.get(i) });
        else if (tree.kids[i].length && !kidsOf(i).length) note = "▸ " + tree.size[i];
        if (note) {
          var mark = document.createElement("span");
          mark.className = "chart-more";
          mark.textContent = note;
          el.appendChild(mark);
        }
        canvas.appendChild(el);
      });
      frame.appendChild(canvas);
      section.appendChild(frame);
      if (number === 0 && legend) section.appendChild(legend.cloneNode(true));
      pages.appendChild(section);
    });
    host.textContent = "";
    host.appendChild(pages);
    host.setAttribute("data-pages", String(parts.length));
  };

  // -- start ----------------------------------------------------------------------------------

  function start() {
    if (started || !data) return;
    started = true;
    var view = document.getElementById("chart-view");
    var lines = view && view.querySelector("svg.chart-lines");
    if (!lines) return;
    SVG = lines.namespaceURI;
    var words = {};
    ["expand", "collapse", "found", "notFound", "vacant", "dotted", "continued"].forEach(function (key) {
      words[key.replace(/[A-Z]/g, function (c) { return "_" + c.toLowerCase(); })] = view.dataset[key] || "";
    });
    var tree = new Tree(data);
    var chart = new Chart(tree, view, words);
    window.orgcChart.chart = chart; // for the browser tests and the benchmark
    chart.render();
    chart.fit(1, READABLE);
    chart.listen();
    var input = document.getElementById("chart-find");
    if (input) {
      new Finder(chart, input, document.getElementById("chart-found"), document.getElementById("chart-status")).listen();
    }
    var wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && tree.find(wanted) >= 0) chart.reveal(tree.find(wanted));
    view.setAttribute("data-ready", "true");
    requestAnimationFrame(function () {
      setTimeout(function () { performance.mark("chart-rendered"); }, 0);
    });
  }
})();
