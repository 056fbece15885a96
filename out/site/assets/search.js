/* The search box of every page (plain JavaScript, no build step, no network).
 *
 * The index (search/<lang>/, written by orgc build: see search_index.py and docs/site.md) is
 * loaded on first use, a few files at a time, by adding <script src> elements whose files call
 * orgcSearch.meta/grams/docs: pages opened from a folder (file://) may not request files beside
 * them in Chromium, but they can run them. Results are built with DOM calls and textContent
 * only, so no text of the index can become markup.
 */
(function () {
  "use strict";

  var LIMIT = 20; // results shown
  var CHECKED = 80; // candidates confirmed against their text, at most, per query

  var body = document.body;
  var box = document.querySelector(".search");
  var input = document.getElementById("site-search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!body || !box || !input || !list) return;
  var root = body.getAttribute("data-root") || "";
  var lang = body.getAttribute("data-lang") || "";
  var folder = root + "search/" + lang + "/";
  var words = box.dataset;

  // -- loading ------------------------------------------------------------------------------------

  var waiting = {}; // file name -> {promise, resolve, reject}
  var loaded = {}; // file name -> data

  function arrived(name, data) {
    loaded[name] = data;
    if (waiting[name]) waiting[name].resolve(data);
  }

  var registry = (window.orgcSearch = window.orgcSearch || {});
  registry.meta = function (language, data) { if (language === lang) arrived("meta", data); };
  registry.grams = function (language, n, data) { if (language === lang) arrived("g" + n, data); };
  registry.docs = function (language, n, data) { if (language === lang) arrived("d" + n, data); };

  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (waiting[name]) return waiting[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    waiting[name] = entry;
    var script = document.createElement("script");
    script.src = folder + name + ".js";
    script.async = true;
    script.onerror = function () {
      delete waiting[name];
      entry.reject(new Error(name));
    };
    document.head.appendChild(script);
    return entry.promise;
  }

  // -- the query ----------------------------------------------------------------------------------

  function normal(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function chars(text) {
    return Array.from(text);
  }

  function fnv(gram) {
    var hash = 2166136261;
    chars(gram).forEach(function (c) {
      hash = Math.imul(hash ^ c.codePointAt(0), 16777619) >>> 0;
    });
    return hash;
  }

  function bigrams(word) {
    var c = chars(word);
    var found = [];
    for (var i = 0; i + 1 < c.length; i++) {
      var gram = c[i] + c[i + 1];
      if (found.indexOf(gram) < 0) found.push(gram);
    }
    return found;
  }

  function decode(deltas) {
    var out = [];
    var last = 0;
    for (var i = 0; i < deltas.length; i++) {
      last += deltas[i];
      out.push(last);
    }
    return out;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  function postings(meta, gram, which) {
    return load("g" + (fnv(gram) % meta.gramShards)).then(function (shard) {
      var found = Object.prototype.hasOwnProperty.call(shard, gram) ? shard[gram] : null;
      return found ? decode(found[which]) : [];
    });
  }

  // Candidates for one word: [in titles, anywhere], each a sorted list of document numbers.
  function candidates(meta, word) {
    var c = chars(word);
    if (c.length === 1) {
      return postings(meta, word, 0).then(function (titles) { return [titles, titles]; });
    }
    var grams = bigrams(word);
    return Promise.all(grams.map(function (g) {
      return Promise.all([postings(meta, g, 0), postings(meta, g, 1)]);
    })).then(function (lists) {
      var titles = lists[0][0];
      var anywhere = lists[0][1];
      for (var i = 1; i < lists.length; i++) {
        titles = intersect(titles, lists[i][0]);
        anywhere = intersect(anywhere, lists[i][1]);
      }
      return [titles, anywhere];
    });
  }

  function doc(meta, number) {
    var shard = Math.floor(number / meta.docShard);
    return load("d" + shard).then(function (docs) {
      var d = docs[number - shard * meta.docShard];
      return { number: number, kind: d[0], id: d[1], title: d[2], unit: d[3], keys: d[4], lines: d[5] };
    });
  }

  function search(query) {
    var wordsOf = normal(query).split(/\s+/).filter(Boolean);
    if (!wordsOf.length) return Promise.resolve(null);
    return load("meta").then(function (meta) {
      return Promise.all(wordsOf.map(function (w) { return candidates(meta, w); })).then(function (found) {
        var titles = found[0][0];
        var anywhere = found[0][1];
        for (var i = 1; i < found.length; i++) {
          titles = intersect(titles, found[i][0]);
          anywhere = intersect(anywhere, found[i][1]);
        }
        var order = titles.concat(anywhere.filter(function (n) { return titles.indexOf(n) < 0; }));
        var total = order.length;
        return Promise.all(order.slice(0, CHECKED).map(function (n) { return doc(meta, n); })).then(function (docs) {
          var hits = [];
          docs.forEach(function (d) {
            var hit = confirm(d, wordsOf);
            if (hit) hits.push(hit);
          });
          hits.sort(function (a, b) { return a.rank - b.rank || a.doc.number - b.doc.number; });
          return { hits: hits.slice(0, LIMIT), more: total > CHECKED || hits.length > LIMIT };
        });
      });
    });
  }

  // A document holds every word (the n-grams only say it may); where and in which line.
  function confirm(d, wordsOf) {
    var named = normal([d.title, d.id].concat(d.keys).join(" "));
    var rank = 0;
    var line = "";
    for (var i = 0; i < wordsOf.length; i++) {
      var word = wordsOf[i];
      if (named.indexOf(word) >= 0) continue;
      if (normal(d.unit).indexOf(word) >= 0) { rank = Math.max(rank, 1); continue; }
      var found = null;
      for (var j = 0; j < d.lines.length && found === null; j++) {
        if (normal(d.lines[j]).indexOf(word) >= 0) found = d.lines[j];
      }
      if (found === null) return null;
      rank = 2;
      if (!line) line = found;
    }
    return { doc: d, rank: rank, line: line };
  }

  // -- showing results ----------------------------------------------------------------------------

  var PAGES = { r: "roles/", u: "units/", p: "processes/", o: "policies/" };
  var KINDS = { r: "role", u: "unit", p: "process", o: "policy", k: "kpi" };

  function url(d) {
    if (d.kind === "k") return root + lang + "/kpis.html#kpi-" + d.id;
    return root + lang + "/" + PAGES[d.kind] + d.id + ".html";
  }

  // ``text`` with the first place where one of the words occurs marked.
  function marked(element, text, wordsOf) {
    var lower = text.toLowerCase();
    var at = -1;
    var length = 0;
    wordsOf.forEach(function (w) {
      var i = lower.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) { at = i; length = w.length; }
    });
    if (at < 0) {
      element.textContent = text;
      return;
    }
    var start = Math.max(0, at - 30);
    var end = Math.min(text.length, at + length + 60);
    element.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + length);
    element.appendChild(mark);
    element.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? "…" : "")));
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function info(text) {
    var li = document.createElement("li");
    li.className = "info";
    li.textContent = text;
    list.appendChild(li);
  }

  function show(query, result) {
    list.textContent = "";
    if (!result) {
      list.hidden = true;
      say("");
      return;
    }
    var wordsOf = normal(query).split(/\s+/).filter(Boolean);
    if (!result.hits.length) {
      var none = (words.none || "").replace("{query}", query);
      info(none);
      say(none);
    }
    result.hits.forEach(function (hit) {
      var d = hit.doc;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = url(d);
      a.setAttribute("data-id", d.id);
      var title = document.createElement("span");
      title.className = "hit-title";
      marked(title, d.title, wordsOf);
      a.appendChild(title);
      var meta = document.createElement("span");
      meta.className = "hit-meta";
      meta.textContent = [words[KINDS[d.kind]] || "", d.unit, d.id].filter(Boolean).join(" · ");
      a.appendChild(meta);
      if (hit.line) {
        var line = document.createElement("span");
        line.className = "hit-text";
        marked(line, hit.line, wordsOf);
        a.appendChild(line);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    if (result.hits.length) {
      say((words.count || "").replace("{count}", String(result.hits.length)));
    }
    if (result.more) info((words.more || "").replace("{count}", String(result.hits.length)));
    list.hidden = false;
  }

  var latest = 0;
  var timer = 0;

  function run() {
    var query = input.value.trim();
    var asked = ++latest;
    if (!query) {
      show("", null);
      return;
    }
    if (!loaded.meta) {
      list.textContent = "";
      info(words.loading || "");
      list.hidden = false;
    }
    search(query).then(function (result) {
      if (asked === latest) show(query, result);
    }, function () {
      if (asked !== latest) return;
      list.textContent = "";
      info(words.failed || "");
      list.hidden = false;
    });
  }

  input.addEventListener("focus", function () {
    load("meta").catch(function () {});
    if (input.value.trim() && list.childNodes.length) list.hidden = false;
  }, { once: false });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("keydown", function (event) {
    var all = links();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[0].focus();
    } else if (event.key === "Enter" && all.length) {
      event.preventDefault();
      all[0].click();
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    } else if (event.key === "Escape") {
      list.hidden = true;
      input.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) list.hidden = true;
  });
})();
