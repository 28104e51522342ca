// Stackbridge staff console: scanner-first focus, announcements, the alert sound and printing. No inline script
// anywhere (the Content-Security-Policy forbids it); htmx swaps the desk panel in place.
(function () {
  "use strict";

  function focusScan() {
    // a refused form field takes the focus, so the keyboard is where the correction goes
    var invalid = document.querySelector("#main [aria-invalid=\"true\"]");
    if (invalid) {
      invalid.focus();
      return;
    }
    var scan = document.querySelector("[data-scan]");
    if (scan) {
      scan.focus();
      scan.select();
    }
  }

  var audio = null;
  function beep() {
    if (document.body.dataset.sound !== "on") {
      return;
    }
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) {
        return;
      }
      audio = audio || new Ctx();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "square";
      osc.frequency.value = 440;
      gain.gain.value = 0.08;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.25);
    } catch (e) {
      // no sound available: the message is still shown and announced
    }
  }

  // Copies the panel's message into the page's aria-live region (which stays in place across swaps, so screen
  // readers announce it) and sounds refusals and alerts.
  function announce() {
    var notice = document.querySelector("#main .notice");
    var region = document.getElementById("announce");
    if (!region) {
      return;
    }
    region.textContent = notice ? notice.textContent : "";
    if (notice && notice.hasAttribute("data-urgent")) {
      beep();
    }
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusScan();
    announce();
  });
  document.addEventListener("htmx:afterSettle", function () {
    focusScan();
    announce();
  });
})();
