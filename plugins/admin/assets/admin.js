/* The site's admin: Pelican's header format, the site's stylesheet in the preview, a simple
 * event preview, and a start only where signing in can work (GitHub through the relay once
 * it is set up, or the local backend of `invoke admin`). No inline script: the page's
 * Content-Security-Policy allows scripts from this folder only. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;

  CMS.registerCustomFormat("pelican", "md", window.PelicanFormat);
  CMS.registerPreviewStyle("../theme/css/site.css");

  function field(entry, name) {
    var value = entry.getIn(["data", name]);
    return value && value.toJS ? value.toJS() : value;
  }

  // Title, when, where and the text: the page exactly as residents see it is the
  // pull-request preview, built by the site's own Python.
  function EventPreview(props) {
    var entry = props.entry;
    var start = field(entry, "Event-start") || "", end = field(entry, "Event-end") || "";
    return h("article", { className: "event" },
      h("h1", {}, field(entry, "Title") || ""),
      h("p", { className: "summary" }, field(entry, "Summary") || ""),
      h("dl", {},
        h("dt", {}, "Kiedy"), h("dd", {}, end ? start + " – " + end : start),
        h("dt", {}, "Gdzie"), h("dd", {}, field(entry, "Event-location") || "")),
      h("div", { className: "text" }, props.widgetFor("body")));
  }
  CMS.registerPreviewTemplate("events", EventPreview);

  function showNotice() {
    var notice = document.getElementById("admin-notice");
    if (notice) notice.hidden = false;
  }

  // The local backend answers this when `invoke admin` (decap-server) runs.
  function localBackendRuns(url) {
    if (["localhost", "127.0.0.1"].indexOf(window.location.hostname) < 0) {
      return Promise.resolve(false);
    }
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: "info" })
    }).then(function (response) { return response.ok; }, function () { return false; });
  }

  var body = document.body;
  if (body.dataset.relay === "ready") {
    CMS.init();
  } else {
    localBackendRuns(body.dataset.localBackend).then(function (runs) {
      if (runs) CMS.init(); else showNotice();
    });
  }
})();
