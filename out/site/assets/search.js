/* The search box of every page: the index is loaded on first use (see docs/site.md). */
(function () {
  "use strict";
})();
