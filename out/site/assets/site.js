/* Behaviour shared by every page of the site (plain JavaScript, no build step, no network). */
(function () {
  "use strict";
})();
