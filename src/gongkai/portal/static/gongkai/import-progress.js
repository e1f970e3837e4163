// An import job's page: ask the server for the job's progress, move the bar, reload the page when the
// job has ended (the page then shows the counts and the refused rows). Without JavaScript the page
// refreshes itself every few seconds and has a 刷新 link.
(function () {
  var box = document.querySelector("[data-import-progress]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-import-progress");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-import-text]");
  var status = document.querySelector("[data-import-status]");

  function show(state) {
    if (state.finished || state.interrupted) {
      window.location.reload();
      return;
    }
    if (state.total) {
      bar.max = state.total;
      bar.value = state.done;
      bar.textContent = Number(state.percent).toFixed(1) + "%";
    }
    if (status) {
      status.textContent = state.status_label;
    }
    if (state.status === "queued") {
      text.textContent = "排队中，等待开始……";
    } else if (!state.total) {
      text.textContent = "正在读取文件……";
    } else {
      text.textContent = state.text + "（" + Number(state.percent).toFixed(1) + "%）";
    }
    window.setTimeout(poll, 1500);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(show)
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
